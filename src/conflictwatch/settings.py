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
    """One setting: ``name``, ``default``, ``env`` (environment variable), ``help``,
    ``metavar`` (what its value looks like in ``--help``) and ``kind`` (``path``:
    takes a value; ``switch``: on or off, a flag without a value, and
    ``1``/``true``/``yes``/``on`` or ``0``/``false``/``no``/``off`` in a file or the
    environment)."""

    name: str
    default: str
    env: str
    help: str
    metavar: str = "PATH"
    kind: str = "path"


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
    Setting("allow_private_addresses", "false", "CONFLICTWATCH_ALLOW_PRIVATE_ADDRESSES",
            "let fetching reach loopback, private and link-local addresses (your own "
            "intranet mirror, a test server); cloud metadata addresses stay refused",
            kind="switch"),
    Setting("private_reads", "false", "CONFLICTWATCH_PRIVATE_READS",
            "the web app shows events, documents and the review queue only to logged-in users "
            "(by default anyone may read; writes always need a login)", kind="switch"),
    Setting("alerts", "", "CONFLICTWATCH_ALERTS",
            "an alert rules file (TOML): events matching a rule are posted to a webhook or "
            "appended to a JSONL file, by ingest and watch (default: no alerts)", "FILE"),
    Setting("sources_file", "", "CONFLICTWATCH_SOURCES_FILE",
            "the sources file (TOML) that watch and sources read when the command names none", "FILE"),
    Setting("max_document_mb", "64", "CONFLICTWATCH_MAX_DOCUMENT_MB",
            "the size limit per document (a file, a page, a JSONL line) in megabytes; "
            "a larger one is reported and skipped (default: 64)", "MB"),
)

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings: ``data_dir``, ``config`` (``None`` = packaged default),
    ``db`` (the store's database URL), ``allow_private_addresses`` (fetching and
    webhooks may reach private and loopback addresses), ``private_reads`` (the web app
    shows nothing to visitors who have not logged in), ``alerts`` (the alert rules
    file, or ``None``), ``sources_file`` (the default sources file, or ``None``) and
    ``max_document_bytes`` (the size limit per document)."""

    data_dir: Path
    config: Path | None
    db: str = ""
    allow_private_addresses: bool = False
    private_reads: bool = False
    alerts: Path | None = None
    sources_file: Path | None = None
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


def _switch(value: str, name: str, where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{where}: {name} is {value!r}; give 1, true, yes, on or 0, false, no, off")


def resolve_settings(flags: Mapping[str, str | bool | None] | None = None,
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
    where: dict[str, str] = {s.name: str(settings_file or "default") for s in SETTINGS}
    for s in SETTINGS:
        if environ.get(s.env):
            values[s.name] = environ[s.env]
            where[s.name] = f"environment variable {s.env}"
        if flags.get(s.name):
            flag = flags[s.name]
            values[s.name] = ("true" if flag is True else str(flag))
            where[s.name] = f"--{s.name.replace('_', '-')}"
    data_dir = Path(values["data_dir"] or _default_data_dir()).expanduser()
    config = Path(values["config"]).expanduser() if values["config"] else None
    db = values["db"] or f"sqlite:///{data_dir / 'conflictwatch.db'}"
    allow_private = _switch(values["allow_private_addresses"], "allow_private_addresses",
                            where["allow_private_addresses"])
    private_reads = _switch(values["private_reads"], "private_reads", where["private_reads"])
    alerts = Path(values["alerts"]).expanduser() if values["alerts"] else None
    sources_file = Path(values["sources_file"]).expanduser() if values["sources_file"] else None
    max_bytes = _megabytes(values["max_document_mb"],
                           "--max-document-mb, CONFLICTWATCH_MAX_DOCUMENT_MB or the settings file")
    return Settings(data_dir, config, db, allow_private, private_reads, alerts, sources_file, max_bytes)
