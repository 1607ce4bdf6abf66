"""ConflictWatch: news reports about armed conflict in, structured evidence-linked events out.

The public API::

    from conflictwatch import Pipeline, resolve_settings, document_from_text
    pipeline = Pipeline.from_settings(resolve_settings())
    result = pipeline.extract(document_from_text(text, "doc-1"))
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    BadDocument,
    ConfigError,
    ConflictWatchError,
    DataError,
    GazetteerMissing,
    InputError,
    MissingDependency,
    UnsupportedInput,
)
from .ingest import document_from_html, document_from_text, documents_from_path
from .model import Actor, Claim, Document, Event, Evidence, Location, Range, Result, Rights, Span
from .pipeline import Pipeline, SharedResources
from .registry import Registry
from .settings import SETTINGS, Settings, resolve_settings

__all__ = [
    "__version__",
    "Actor",
    "BadDocument",
    "Claim",
    "ConfigError",
    "ConflictWatchError",
    "DataError",
    "Document",
    "Event",
    "Evidence",
    "GazetteerMissing",
    "InputError",
    "Location",
    "MissingDependency",
    "Pipeline",
    "Range",
    "Registry",
    "Result",
    "Rights",
    "SETTINGS",
    "Settings",
    "SharedResources",
    "Span",
    "UnsupportedInput",
    "document_from_html",
    "document_from_text",
    "documents_from_path",
    "resolve_settings",
]
