"""Ingest stage: inputs in, :class:`~conflictwatch.model.Document` objects out."""

from .clean import clean, mask
from .sources import document_from_html, document_from_text, documents_from_path, parse_date

__all__ = ["clean", "mask", "document_from_text", "document_from_html", "documents_from_path",
           "parse_date"]
