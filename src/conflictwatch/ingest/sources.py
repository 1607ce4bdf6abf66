"""Turn inputs (text, HTML, JSONL lines, files, stdin) into :class:`Document` objects."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import BadDocument, InputError, UnsupportedInput
from ..model import Document, Rights
from . import rights as rights_mod
from .clean import clean
from .html import parse_html

__all__ = ["document_from_text", "document_from_html", "documents_from_path", "parse_date",
           "looks_like_html", "DocumentOrError", "RawInput", "document_from_raw", "iter_raw_inputs"]

DocumentOrError = Document | InputError


def parse_date(value: object, source: str) -> dt.date | None:
    """A publication date from "YYYY-MM-DD" or an ISO timestamp; ``None`` stays ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise BadDocument(f"{source}: published date {value!r} is not YYYY-MM-DD; fix it or leave it out")


def looks_like_html(text: str) -> bool:
    """True when a text is an HTML page rather than article text."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head) \
        or (head.startswith("<") and "<p" in text[:20000].lower())


def document_from_text(text: str, doc_id: str, published: dt.date | None = None,
                       url: str | None = None, title: str | None = None,
                       rights: Rights | None = None, site: str | None = None) -> Document:
    """A :class:`Document` from article text (plain, or pasted from a web page)."""
    if not isinstance(text, str) or not text.strip():
        raise BadDocument(f"{doc_id}: the document has no text; give 'text' or 'html'")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean(text, title)
    found = rights_mod.detect(text)
    if rights is None or not rights.tdm_reserved:
        rights = found
    elif rights.notice is None and found.notice is not None:
        rights = Rights(True, rights.source, found.notice, rights.policy)
    return Document(id=doc_id, text=text, title=title or cleaned.title, published=published,
                    url=url, site=site, rights=rights, boilerplate=cleaned.boilerplate)


def document_from_html(html: str, doc_id: str, published: dt.date | None = None,
                       url: str | None = None, headers: dict[str, str] | None = None,
                       site_rights: Rights | None = None) -> Document:
    """A :class:`Document` from an HTML page: main text and metadata via trafilatura.

    ``headers`` (HTTP response headers) and ``site_rights`` (the site's
    tdmrep.json rule for the page) count towards the page's rights.
    """
    page = parse_html(html, doc_id, url=url, headers=headers, site_rights=site_rights)
    return document_from_text(page.text, doc_id, published or page.published, page.url,
                              page.title, page.rights, page.site)


def _from_record(record: object, source: str, default_published: dt.date | None) -> Document:
    if not isinstance(record, dict):
        raise BadDocument(f"{source}: expected a JSON object with 'text' or 'html'")
    doc_id = str(record.get("id") or source)
    published = parse_date(record.get("published"), source) or default_published
    url = record.get("url")
    if isinstance(record.get("html"), str) and record["html"].strip():
        return document_from_html(record["html"], doc_id, published, url)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadDocument(f"{source}: the line has neither 'text' nor 'html'; "
                          "each line must be {{\"id\", \"text\" or \"html\", \"published\"?}}")
    title = record.get("title") if isinstance(record.get("title"), str) else None
    site = record.get("site") if isinstance(record.get("site"), str) else None
    return document_from_text(text, doc_id, published, url, title, site=site)


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as read from a file, before it becomes a :class:`Document`.

    Fields: ``name`` (the file, ``file:line`` for a JSONL line, or ``<stdin>``;
    it names the input in messages and is the id of a document that has none);
    ``kind`` (``record``: a JSONL line; ``html``: an HTML file; ``content``: text
    or HTML, told by its content); ``content`` (the text); ``published`` (the
    date for inputs that carry none).

    Reading files (:func:`iter_raw_inputs`) is cheap and sequential; making
    documents (:func:`document_from_raw`) parses JSON and HTML and can run
    anywhere, e.g. on the workers of a cluster.
    """

    name: str
    kind: Literal["record", "html", "content"]
    content: str
    published: dt.date | None = None


def document_from_raw(raw: RawInput) -> Document:
    """The :class:`Document` of one raw input; raises :class:`InputError` naming it."""
    if raw.kind == "record":
        try:
            record = json.loads(raw.content)
        except json.JSONDecodeError as exc:
            raise BadDocument(f"{raw.name}: not valid JSON ({exc.msg} at column {exc.colno}); "
                              "fix or remove the line") from None
        return _from_record(record, raw.name, raw.published)
    if raw.kind == "html" or looks_like_html(raw.content):
        return document_from_html(raw.content, raw.name, raw.published)
    return document_from_text(raw.content, raw.name, raw.published)


def _jsonl_lines(lines: Iterator[str], name: str, published: dt.date | None) -> Iterator[RawInput]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield RawInput(f"{name}:{number}", "record", line, published)


def iter_raw_inputs(path: str, published: dt.date | None = None) -> Iterator[RawInput | InputError]:
    """The raw inputs of a file, a directory of files, or ``-`` (standard input), read
    lazily (a JSONL file line by line), in order.

    A ``.jsonl`` file gives one input per line; an HTML file (by extension, or by
    content) is read as HTML; anything else as article text. A file that cannot
    be read is yielded as an :class:`InputError`.
    """
    if path == "-":
        data = sys.stdin.read()
        if data.lstrip()[:1] == "{":
            yield from _jsonl_lines(iter(data.splitlines()), "<stdin>", published)
        else:
            yield RawInput("<stdin>", "content", data, published)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in
                       {".txt", ".html", ".htm", ".jsonl"})
        if not files:
            yield UnsupportedInput(f"{path}: the directory holds no .txt, .html or .jsonl files")
        for f in files:
            yield from iter_raw_inputs(str(f), published)
        return
    if not p.exists():
        yield UnsupportedInput(f"{path}: no such file; give a text, HTML or JSONL file, or - for stdin")
        return
    if p.suffix.lower() in {".jsonl", ".ndjson"}:
        try:
            with p.open("rb") as handle:
                if b"\x00" in handle.read(4096):
                    yield UnsupportedInput(f"{path}: looks like a binary file; give text, HTML or JSONL")
                    return
                handle.seek(0)
                lines = (raw.decode("utf-8", errors="replace").rstrip("\r\n") for raw in handle)
                yield from _jsonl_lines(lines, path, published)
        except OSError as exc:
            yield UnsupportedInput(f"{path}: cannot read it ({exc.strerror})")
        return
    try:
        data = p.read_bytes()
    except OSError as exc:
        yield UnsupportedInput(f"{path}: cannot read it ({exc.strerror})")
        return
    if b"\x00" in data[:4096]:
        yield UnsupportedInput(f"{path}: looks like a binary file; give text, HTML or JSONL")
        return
    content = data.decode("utf-8", errors="replace")
    yield RawInput(path, "html" if p.suffix.lower() in {".html", ".htm"} else "content", content, published)


def documents_from_path(path: str, published: dt.date | None = None) -> Iterator[DocumentOrError]:
    """Documents from a file, a directory of files, or ``-`` (standard input).

    A ``.jsonl`` file gives one document per line; an HTML file (by extension or
    content) goes through the HTML extractor; anything else is article text. A bad
    line or file is yielded as an :class:`InputError` so the caller can report it
    and go on with the rest. (:func:`iter_raw_inputs` then :func:`document_from_raw`.)
    """
    for raw in iter_raw_inputs(path, published):
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            yield document_from_raw(raw)
        except InputError as exc:
            yield exc
