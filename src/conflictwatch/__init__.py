"""ConflictWatch: news reports about armed conflict in, structured evidence-linked events out.

The public API::

    from conflictwatch import Pipeline, resolve_settings, document_from_text
    pipeline = Pipeline.from_settings(resolve_settings())
    result = pipeline.extract(document_from_text(text, "doc-1"))

Names are imported on first use (PEP 562), so ``import conflictwatch`` and the
command line start fast and do nothing at import time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "BadDocument": ".errors",
    "BinaryInput": ".errors",
    "ConfigError": ".errors",
    "ConflictWatchError": ".errors",
    "DataError": ".errors",
    "GazetteerMissing": ".errors",
    "InputError": ".errors",
    "MissingDependency": ".errors",
    "OutputError": ".errors",
    "TooLarge": ".errors",
    "UnsupportedInput": ".errors",
    "decode_bytes": ".ingest",
    "document_from_bytes": ".ingest",
    "document_from_html": ".ingest",
    "document_from_text": ".ingest",
    "documents_from_path": ".ingest",
    "Explanation": ".explain",
    "Actor": ".model",
    "Claim": ".model",
    "Document": ".model",
    "Event": ".model",
    "Evidence": ".model",
    "Location": ".model",
    "Range": ".model",
    "Result": ".model",
    "Rights": ".model",
    "Span": ".model",
    "Pipeline": ".pipeline",
    "SharedResources": ".pipeline",
    "Contract": ".registry",
    "Registry": ".registry",
    "SafeOutput": ".safe_output",
    "SETTINGS": ".settings",
    "Settings": ".settings",
    "resolve_settings": ".settings",
}

__all__ = ["__version__", *sorted(_EXPORTS, key=lambda n: (n[0].islower(), n))]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictwatch' has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .errors import (BadDocument, BinaryInput, ConfigError, ConflictWatchError, DataError,  # noqa: F401
                         GazetteerMissing, InputError, MissingDependency, OutputError, TooLarge,
                         UnsupportedInput)
    from .explain import Explanation  # noqa: F401
    from .ingest import (decode_bytes, document_from_bytes, document_from_html,  # noqa: F401
                         document_from_text, documents_from_path)
    from .model import Actor, Claim, Document, Event, Evidence, Location, Range, Result, Rights, Span  # noqa: F401
    from .pipeline import Pipeline, SharedResources  # noqa: F401
    from .registry import Contract, Registry  # noqa: F401
    from .safe_output import SafeOutput  # noqa: F401
    from .settings import SETTINGS, Settings, resolve_settings  # noqa: F401
