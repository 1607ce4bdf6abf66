"""Turn inputs (text, HTML, JSONL lines, files, stdin) into :class:`Document` objects.

Inputs are read as bytes and decoded by :func:`~conflictwatch.ingest.decode.decode_bytes`
(byte-order marks, declared charsets, detection; binary refused). JSONL files and
streams are read a line at a time, so memory does not grow with their length; any
one document (a file, a page, a line) may be at most ``max_bytes`` long.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import BadDocument, InputError, TooLarge, UnsupportedInput
from ..model import Document, Rights, pickles_by_fields
from . import rights as rights_mod
from .clean import clean, mask
from .decode import Decoded, decode_bytes, sniff_binary, strip_bom
from .html import parse_html
from .language import detect_language
from .notices import split_section

__all__ = ["document_from_text", "document_from_html", "document_from_bytes", "documents_from_path",
           "documents_from_stream", "resolve_inputs", "parse_date", "looks_like_html", "DocumentOrError",
           "DEFAULT_MAX_BYTES", "INPUT_SUFFIXES", "RawInput", "document_from_raw", "iter_raw_inputs"]

DocumentOrError = Document | InputError

DEFAULT_MAX_BYTES = 64 * 1000 * 1000
"""The size limit per document (a file, a page, a JSONL line) when none is given:
64 MB, the ``max_document_mb`` setting's default."""

INPUT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl", ".ndjson"})
"""The files a directory given as input contributes."""

_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_HEAD = 65_536  # bytes of standard input read to tell JSONL from text
_SKIP_CHUNK = 1 << 20
# Five words in a row, apart only by spaces (and a comma): prose, not a menu.
_PROSE = re.compile(r"(?:[^\W\d_][\w'’.-]*,?[ \t]+){4}[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


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
    raise BadDocument(f"{source}: the published date {value!r} is not YYYY-MM-DD; fix it or leave it out")


def looks_like_html(text: str) -> bool:
    """True when a text is an HTML page rather than article text."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head) \
        or (head.startswith("<") and "<p" in text[:20000].lower())


def _megabytes(size: int) -> str:
    if size >= 10_000_000:
        return f"{size / 1e6:,.0f} MB"
    if size >= 100_000:
        return f"{size / 1e6:,.1f} MB"
    return f"{size:,} bytes"


def _too_large(source: str, size: int | None, max_bytes: int) -> TooLarge:
    said = f"is {_megabytes(size)}" if size is not None else f"is larger than {_megabytes(max_bytes)}"
    return TooLarge(f"{source}: the document {said}, over the limit of {_megabytes(max_bytes)} per document; "
                    "raise the limit with --max-document-mb (or CONFLICTWATCH_MAX_DOCUMENT_MB), "
                    "or split the input")


def document_from_text(text: str, doc_id: str, published: dt.date | None = None,
                       url: str | None = None, title: str | None = None,
                       rights: Rights | None = None, site: str | None = None,
                       encoding: str | None = None, encoding_source: str | None = None) -> Document:
    """A :class:`Document` from article text (plain, or pasted from a web page).

    Its language is detected here (``Document.language``); ``encoding`` and
    ``encoding_source`` record how the text was decoded, when it came as bytes.
    """
    if not isinstance(text, str) or not text.strip():
        raise BadDocument(f"{doc_id}: the document is empty (nothing but blanks); give an article's text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if title:
        split = split_section(title)
        title = split[1] if split is not None else title
    cleaned = clean(text, title)
    found = rights_mod.with_notice(cleaned.notice, None)
    if rights is None or not rights.tdm_reserved:
        rights = found
    elif rights.notice is None and found.notice is not None:
        rights = Rights(True, rights.source, found.notice, rights.policy)
    language = detect_language(text).code
    return Document(id=doc_id, text=text, title=title or cleaned.title, published=published,
                    url=url, site=site, language=language, rights=rights, boilerplate=cleaned.boilerplate,
                    encoding=encoding, encoding_source=encoding_source)


def document_from_html(html: str, doc_id: str, published: dt.date | None = None,
                       url: str | None = None, headers: dict[str, str] | None = None,
                       encoding: str | None = None, encoding_source: str | None = None,
                       site_rights: Rights | None = None) -> Document:
    """A :class:`Document` from an HTML page: main text and metadata via trafilatura.

    ``headers`` (HTTP response headers) and ``site_rights`` (the site's
    tdmrep.json rule for the page) count towards the page's rights. A page with no
    article text raises :class:`~conflictwatch.errors.BadDocument` naming ``doc_id``.
    """
    page = parse_html(html, doc_id, url=url, headers=headers, site_rights=site_rights)
    document = document_from_text(page.text, doc_id, published or page.published, page.url,
                                  page.title, page.rights, page.site, encoding, encoding_source)
    # What the extractor kept may be page furniture only ("Home | World | Sport", "Accept
    # cookies", "Subscribe to read more"): an article has a run of words that reads as prose.
    story = mask(document.text, document.boilerplate)
    if _PROSE.search(story) is None:
        words = len(_WORDS.findall(story))
        raise BadDocument(f"{doc_id}: no article text found in this HTML page (only {words} "
                          f"word{'s' if words != 1 else ''} of menus, prompts or notices); "
                          "check that the page is an article, or give its text instead")
    return document


def _from_decoded(decoded: Decoded, doc_id: str, published: dt.date | None, url: str | None,
                  headers: dict[str, str] | None, html: bool | None) -> Document:
    is_html = looks_like_html(decoded.text) if html is None else html
    if is_html:
        return document_from_html(decoded.text, doc_id, published, url, headers,
                                  decoded.encoding, decoded.how)
    return document_from_text(decoded.text, doc_id, published, url,
                              encoding=decoded.encoding, encoding_source=decoded.how)


def document_from_bytes(data: bytes, doc_id: str, published: dt.date | None = None,
                        url: str | None = None, declared: str | None = None,
                        headers: dict[str, str] | None = None, html: bool | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A :class:`Document` from raw bytes: a file's content or a fetched page.

    ``declared`` is the charset of an HTTP ``Content-Type`` header (or the header's
    whole value); ``headers`` the response headers (a ``tdm-reservation`` header
    counts); ``html`` says whether the bytes are a page (``None``: tell from the
    content). The encoding chosen is recorded in ``Document.encoding``. Raises
    :class:`~conflictwatch.errors.TooLarge` over ``max_bytes``,
    :class:`~conflictwatch.errors.BinaryInput` for bytes that are not text.
    """
    if len(data) > max_bytes:
        raise _too_large(doc_id, len(data), max_bytes)
    return _from_decoded(decode_bytes(data, doc_id, declared), doc_id, published, url, headers, html)


def _from_record(record: object, source: str, default_published: dt.date | None,
                 encoding: str, encoding_source: str) -> Document:
    if not isinstance(record, dict):
        raise BadDocument(f"{source}: expected a JSON object with 'text' or 'html'; "
                          'each line must be {"id", "text" or "html", "published"?}')
    doc_id = str(record.get("id") or source)
    published = parse_date(record.get("published"), source) or default_published
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if isinstance(record.get("html"), str) and record["html"].strip():
        return document_from_html(record["html"], doc_id, published, url,
                                  encoding=encoding, encoding_source=encoding_source)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadDocument(f"{source}: the line has neither 'text' nor 'html'; "
                          'each line must be {"id", "text" or "html", "published"?}')
    title = record.get("title") if isinstance(record.get("title"), str) else None
    site = record.get("site") if isinstance(record.get("site"), str) else None
    return document_from_text(text, doc_id, published, url, title, site=site,
                              encoding=encoding, encoding_source=encoding_source)


def _jsonl_document(line: bytes | str, source: str, published: dt.date | None,
                    encoding: str, how: str) -> DocumentOrError:
    """One JSONL line as a document, or the error that says why it is not one."""
    if isinstance(line, bytes):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            # JSON is UTF-8; a line in another encoding is read as that encoding says.
            try:
                decoded = decode_bytes(line, source)
            except InputError as exc:
                return exc
            text, encoding, how = decoded.text, decoded.encoding, decoded.how
    else:
        text = line
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return BadDocument(f"{source}: not valid JSON ({exc.msg} at column {exc.colno}); "
                           "fix or remove the line")
    except RecursionError:
        return BadDocument(f"{source}: the JSON is nested too deeply to read; fix or remove the line")
    try:
        return _from_record(record, source, published, encoding, how)
    except InputError as exc:
        return exc


@pickles_by_fields
@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as read, before it becomes a :class:`Document`.

    Fields: ``name`` (the file, ``file:line`` for a JSONL line, or ``<stdin>``; it
    names the input in messages and is the id of a document that has none);
    ``kind`` (``record``: a JSONL line; ``file``: a whole file's or stream's bytes);
    ``content`` (the line, as bytes or as text already decoded; the file's bytes);
    ``published`` (the date for inputs that carry none); ``html`` (a file known to
    be a page by its name; ``None``: tell from the content); ``encoding`` and
    ``how`` (how a record's text was decoded, when it was).

    Reading inputs (:func:`iter_raw_inputs`) is cheap and sequential; making
    documents (:func:`document_from_raw`) decodes, parses JSON and HTML and can run
    anywhere, e.g. on the workers of a cluster.
    """

    name: str
    kind: Literal["record", "file"]
    content: bytes | str
    published: dt.date | None = None
    html: bool | None = None
    encoding: str = "utf-8"
    how: str = "utf-8"


def document_from_raw(raw: RawInput) -> Document:
    """The :class:`Document` of one raw input; raises :class:`InputError` naming it."""
    if raw.kind == "record":
        result = _jsonl_document(raw.content, raw.name, raw.published, raw.encoding, raw.how)
        if isinstance(result, InputError):
            raise result
        return result
    data = raw.content if isinstance(raw.content, bytes) else raw.content.encode("utf-8")
    return _from_decoded(decode_bytes(data, raw.name), raw.name, raw.published, None, None, raw.html)


def _documents(raws: Iterator[RawInput | InputError]) -> Iterator[DocumentOrError]:
    for raw in raws:
        if isinstance(raw, InputError):
            yield raw
            continue
        try:
            yield document_from_raw(raw)
        except InputError as exc:
            yield exc


class _Prepended(io.RawIOBase):
    """A binary stream whose first bytes were already read: ``head`` then ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        read = getattr(self._rest, "read1", self._rest.read)
        data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _jsonl_lines(stream: BinaryIO, name: str, published: dt.date | None,
                 max_bytes: int) -> Iterator[RawInput | InputError]:
    """The lines of a binary JSONL stream, one at a time."""
    first = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    _, bom = strip_bom(first) if first else (b"", None)
    if bom is not None and bom != "utf-8":
        # UTF-16 or UTF-32 lines.
        codec = "utf-16" if bom.startswith("utf-16") else "utf-32"  # these read the mark themselves
        text_stream = io.TextIOWrapper(stream, encoding=codec, newline="")
        yield from _text_lines(text_stream, name, published, max_bytes, bom)
        return
    encoding, how = "utf-8", "bom" if bom == "utf-8" else "utf-8"
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if number == 1 and bom == "utf-8":
            line = line[3:]
        source = f"{name}:{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the line without keeping it
                rest = stream.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _too_large(source, None, max_bytes)
            continue
        if not line.strip():
            continue
        yield RawInput(source, "record", line, published, encoding=encoding, how=how)


def _text_lines(stream: io.TextIOWrapper, name: str, published: dt.date | None,
                max_bytes: int, encoding: str) -> Iterator[RawInput | InputError]:
    number = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            source = f"{name}:{number}"
            if len(line) > max_bytes and not line.endswith("\n"):
                while True:
                    rest = stream.readline(_SKIP_CHUNK)
                    if not rest or rest.endswith("\n"):
                        break
                yield _too_large(source, None, max_bytes)
                continue
            if line.strip():
                yield RawInput(source, "record", line.lstrip("\ufeff"), published, encoding=encoding, how="bom")
    except UnicodeDecodeError as exc:
        yield BadDocument(f"{name}:{number + 1}: not valid {encoding.upper()} ({exc.reason}); "
                          "save the file again as UTF-8")


def documents_from_stream(stream: BinaryIO, name: str = "<stdin>", published: dt.date | None = None,
                          max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[DocumentOrError]:
    """Documents from a binary stream (standard input): JSONL when its first
    character is ``{``, else one article (text or HTML).

    JSONL is read a line at a time; an article may be at most ``max_bytes`` long.
    """
    yield from _documents(_stream_raws(stream, name, published, max_bytes))


def _stream_raws(stream: BinaryIO, name: str, published: dt.date | None,
                 max_bytes: int) -> Iterator[RawInput | InputError]:
    head = stream.read(_HEAD)
    body, bom = strip_bom(head)
    if bom in (None, "utf-8") and body.lstrip()[:1] == b"{":
        yield from _jsonl_lines(io.BufferedReader(_Prepended(head, stream)), name, published, max_bytes)
        return
    if bom is not None and bom != "utf-8":
        probe = _decode_head(body, bom)
        if probe.lstrip()[:1] == "{":
            yield from _jsonl_lines(io.BufferedReader(_Prepended(head, stream)), name, published, max_bytes)
            return
    try:
        sniff_binary(head, name)
    except InputError as exc:
        yield exc
        return
    data = head + stream.read(max_bytes + 1 - len(head)) if len(head) == _HEAD else head
    if len(data) > max_bytes:
        yield _too_large(name, None, max_bytes)
        return
    if not data.strip():
        yield BadDocument(f"{name}: standard input is empty; pipe an article, a page or JSONL lines into it")
        return
    yield RawInput(name, "file", data, published)


def _decode_head(body: bytes, codec: str) -> str:
    return body[:64].decode(codec, errors="ignore")


def resolve_inputs(paths: Sequence[str]) -> list[str]:
    """The files ``paths`` name, directories expanded (their text, HTML and JSONL
    files, sorted), each checked to be readable; ``-`` (standard input) stays.

    Raises :class:`~conflictwatch.errors.UnsupportedInput` naming the first path
    that is missing, unreadable, or a directory with no input files, so that a
    caller can refuse to start before it writes anything.
    """
    out: list[str] = []
    for path in paths:
        if path == "-":
            out.append(path)
            continue
        p = Path(path)
        if p.is_dir():
            try:
                files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES)
            except OSError as exc:
                raise UnsupportedInput(f"{path}: cannot list the folder ({exc.strerror}); "
                                       "check its permissions") from exc
            if not files:
                raise UnsupportedInput(f"{path}: the folder holds no .txt, .html or .jsonl files; "
                                       "give a folder of articles, or the files themselves")
            candidates = [str(f) for f in files]
        elif not p.exists():
            raise UnsupportedInput(f"{path}: no such file; give a text, HTML or JSONL file, "
                                   "a folder of them, or - for standard input")
        else:
            candidates = [path]
        for candidate in candidates:
            try:
                with open(candidate, "rb"):
                    pass
            except OSError as exc:
                raise UnsupportedInput(f"{candidate}: cannot be opened ({exc.strerror}); "
                                       "check the path and its permissions") from exc
        out.extend(candidates)
    return out


def _file_raws(path: str, published: dt.date | None, max_bytes: int) -> Iterator[RawInput | InputError]:
    p = Path(path)
    try:
        size = p.stat().st_size
        handle = p.open("rb")
    except OSError as exc:
        yield UnsupportedInput(f"{path}: cannot be read ({exc.strerror}); check the path and its permissions")
        return
    with handle:
        suffix = p.suffix.lower()
        if suffix in _JSONL_SUFFIXES:
            try:  # one message for a binary file, not one per line
                sniff_binary(handle.peek(_HEAD)[:_HEAD] if hasattr(handle, "peek") else b"", path)
            except InputError as exc:
                yield exc
                return
            yield from _jsonl_lines(handle, path, published, max_bytes)
            return
        try:
            sniff_binary(handle.peek(_HEAD)[:_HEAD] if hasattr(handle, "peek") else b"", path)
        except InputError as exc:
            yield exc
            return
        if size > max_bytes:
            yield _too_large(path, size, max_bytes)
            return
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _too_large(path, None, max_bytes)
        return
    if not data.strip():
        yield BadDocument(f"{path}: the file is empty; give an article, a page or JSONL lines")
        return
    yield RawInput(path, "file", data, published, True if suffix in _HTML_SUFFIXES else None)


def iter_raw_inputs(path: str, published: dt.date | None = None,
                    max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """The raw inputs of a file, a directory of files, or ``-`` (standard input), read
    lazily (a JSONL file line by line), in order; what cannot be read is yielded as
    an :class:`InputError` naming it."""
    if path == "-":
        yield from _stream_raws(sys.stdin.buffer, "<stdin>", published, max_bytes)
        return
    if os.path.isdir(path):
        try:
            files = resolve_inputs([path])
        except InputError as exc:
            yield exc
            return
        for f in files:
            yield from _file_raws(f, published, max_bytes)
        return
    if not os.path.exists(path):
        yield UnsupportedInput(f"{path}: no such file; give a text, HTML or JSONL file, "
                               "a folder of them, or - for standard input")
        return
    yield from _file_raws(path, published, max_bytes)


def documents_from_path(path: str, published: dt.date | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[DocumentOrError]:
    """Documents from a file, a directory of files, or ``-`` (standard input).

    A ``.jsonl`` file gives one document per line, read a line at a time; an HTML
    file (by extension or content) goes through the HTML extractor; anything else
    is article text. A bad line or file is yielded as an :class:`InputError` so the
    caller can report it and go on with the rest. No document may be longer than
    ``max_bytes``. (:func:`iter_raw_inputs`, then :func:`document_from_raw`.)
    """
    yield from _documents(iter_raw_inputs(path, published, max_bytes))
