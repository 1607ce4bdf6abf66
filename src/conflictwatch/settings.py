"""One table of settings, read in layers: packaged defaults, then a user file,
then environment variables, then command-line flags.

The same table feeds the CLI's options and ``--help`` and is checked against the
README by a test.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: ``name``, ``default``, ``env`` (environment variable), ``help``
    and ``metavar`` (what its value looks like in ``--help``)."""

    name: str
    default: str
    env: str
    help: str
    metavar: str = "PATH"


def _default_data_dir() -> str:
    try:
        from platformdirs import user_data_dir
    except ModuleNotFoundError:
        return str(Path.home() / ".local" / "share" / "conflictwatch")
    return user_data_dir("conflictwatch", appauthor=False)


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "", "CONFLICTWATCH_DATA_DIR",
            "where the compiled gazetteer index is kept (default: the user data directory)"),
    Setting("config", "", "CONFLICTWATCH_CONFIG",
            "a pipeline configuration file (default: the packaged default.cfg)"),
    Setting("settings_file", "", "CONFLICTWATCH_SETTINGS",
            "an INI file with a [conflictwatch] section overriding these defaults"),
    Setting("db", "", "CONFLICTWATCH_DB",
            "the store: sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE "
            "(default: conflictwatch.db in the data directory)", "URL"),
    Setting("public_reads", "true", "CONFLICTWATCH_PUBLIC_READS",
            "whether the web app shows events, documents and the review queue to visitors who have not "
            "logged in (true or false; writes always need a login)", "BOOL"),
)

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings: ``data_dir``, ``config`` (``None`` = packaged default) and
    ``db`` (the store's database URL) and ``public_reads`` (the web app shows
    its pages to visitors who have not logged in)."""

    data_dir: Path
    config: Path | None
    db: str = ""
    public_reads: bool = True


def resolve_settings(flags: Mapping[str, str | None] | None = None,
                     environ: Mapping[str, str] | None = None) -> Settings:
    """Layer defaults, the user settings file, the environment and ``flags``."""
    environ = os.environ if environ is None else environ
    flags = flags or {}
    values = {s.name: s.default for s in SETTINGS}
    settings_file = flags.get("settings_file") or environ.get("CONFLICTWATCH_SETTINGS")
    if settings_file:
        parser = configparser.ConfigParser()
        try:
            with open(settings_file, encoding="utf-8") as handle:
                parser.read_file(handle)
        except OSError as exc:
            raise ConfigError(f"settings file {settings_file} cannot be read ({exc.strerror}); "
                              "fix the path given by --settings-file or CONFLICTWATCH_SETTINGS") from exc
        if parser.has_section("conflictwatch"):
            for key, value in parser.items("conflictwatch"):
                if key not in values:
                    raise ConfigError(f"{settings_file}: unknown setting {key!r}; known: "
                                      + ", ".join(values))
                values[key] = value
    for s in SETTINGS:
        if environ.get(s.env):
            values[s.name] = environ[s.env]
        if flags.get(s.name):
            values[s.name] = str(flags[s.name])
    data_dir = Path(values["data_dir"] or _default_data_dir()).expanduser()
    config = Path(values["config"]).expanduser() if values["config"] else None
    db = values["db"] or f"sqlite:///{data_dir / 'conflictwatch.db'}"
    public = values["public_reads"].strip().lower()
    if public not in _TRUE + _FALSE:
        raise ConfigError(f"public_reads is {values['public_reads']!r}; give true or false "
                          "(--public-reads, CONFLICTWATCH_PUBLIC_READS or the settings file)")
    return Settings(data_dir, config, db, public in _TRUE)
