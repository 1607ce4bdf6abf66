"""Ingest stage: inputs in, :class:`~conflictwatch.model.Document` objects out."""

from .clean import clean, mask
from .decode import Decoded, decode_bytes
from .language import LanguageGuess, detect_language
from .sources import (
    DEFAULT_MAX_BYTES,
    document_from_bytes,
    document_from_html,
    document_from_text,
    documents_from_path,
    documents_from_stream,
    parse_date,
    resolve_inputs,
)

__all__ = ["clean", "mask", "Decoded", "decode_bytes", "LanguageGuess", "detect_language",
           "DEFAULT_MAX_BYTES", "document_from_bytes", "document_from_text", "document_from_html",
           "documents_from_path", "documents_from_stream", "parse_date", "resolve_inputs"]
