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
    and ``metavar`` (what the flag takes, as ``--help`` shows it)."""

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
    Setting("max_document_mb", "64", "CONFLICTWATCH_MAX_DOCUMENT_MB",
            "the size limit per document (a file, a page, a JSONL line) in megabytes; "
            "a larger one is reported and skipped (default: 64)", "MB"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings: ``data_dir``, ``config`` (``None`` = packaged default) and
    ``max_document_bytes`` (the size limit per document)."""

    data_dir: Path
    config: Path | None
    max_document_bytes: int = 64 * 1000 * 1000


def _megabytes(value: str, source: str) -> int:
    try:
        mb = float(value)
    except ValueError:
        mb = float("nan")
    if not mb > 0 or mb == float("inf"):
        raise ConfigError(f"max_document_mb must be a positive number of megabytes, not {value!r}; "
                          f"fix {source}")
    return int(mb * 1000 * 1000)


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
        except (configparser.Error, UnicodeDecodeError) as exc:
            reason = " ".join(str(exc).split())
            raise ConfigError(f"settings file {settings_file} is not a valid UTF-8 INI file ({reason}); "
                              "fix it, or the path given by --settings-file or CONFLICTWATCH_SETTINGS") from exc
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
    max_bytes = _megabytes(values["max_document_mb"],
                           "--max-document-mb, CONFLICTWATCH_MAX_DOCUMENT_MB or the settings file")
    return Settings(data_dir, config, max_bytes)
