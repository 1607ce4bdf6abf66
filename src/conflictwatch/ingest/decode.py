"""Bytes to text: which character encoding, and how it was chosen.

:func:`decode_bytes` is the one door through which files, standard input and
fetched pages become text. Binary data (a program, an image, an archive) is
refused with :class:`~conflictwatch.errors.BinaryInput` rather than read as text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import BinaryInput

__all__ = ["Decoded", "EncodingSource", "decode_bytes", "declared_charset", "sniff_binary", "strip_bom"]

EncodingSource = Literal["bom", "http", "html", "xml", "utf-8", "utf-16", "detected", "fallback"]
"""How an encoding was chosen: a byte-order mark, the HTTP header, the page's own
declaration (HTML ``<meta>`` or the XML declaration), the bytes being valid UTF-8,
the pattern of zero bytes of UTF-16 or UTF-32 text without a byte-order mark,
charset-normalizer's detection, or windows-1252 as the last resort."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text read from bytes.

    Fields: ``text`` (without any byte-order mark, so offsets count from the first
    character of the content); ``encoding`` (a Python codec name: ``utf-8``,
    ``utf-16-le``, ``cp1252``…); ``how`` (an :data:`EncodingSource`); and ``note``
    (why an earlier step was passed over, e.g. a declared charset the bytes do not
    fit, or that undecodable bytes were replaced; ``None`` when nothing was).
    """

    text: str
    encoding: str
    how: EncodingSource
    note: str | None = None


# Longest first: UTF-32 LE's mark begins with UTF-16 LE's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats that are never article text.
_MAGIC: tuple[bytes, ...] = (
    b"\x7fELF", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04",
    b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\x00asm",
    b"SQLite format 3\x00", b"OggS", b"ID3", b"fLaC", b"RIFF", b"\x1a\x45\xdf\xa3", b"wOFF", b"wOF2",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
)

# Labels that browsers read as windows-1252 (WHATWG Encoding Standard): pages that
# declare Latin-1 or ASCII use its extra letters (curly quotes, the euro sign).
_WINDOWS_1252_LABELS = frozenset({
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
    "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "latin-1", "us-ascii",
    "windows-1252", "x-cp1252",
})
# Bytes that windows-1252 leaves undefined stand for the same code points, as browsers read them.
_UNDEFINED_1252 = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}

_META_TAG = re.compile(rb"<meta\b[^>]{0,500}>", re.IGNORECASE)
_CHARSET_IN_TAG = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""",
                              re.IGNORECASE)
_CHARSET_PARAMETER = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)

_SNIFF = 4096  # bytes read for a declaration, as browsers do (they read 1024)
_DETECT_SAMPLE = 1_000_000  # bytes charset-normalizer reads
_CONTROL_SAMPLE = 65_536  # characters checked for control codes
# Control characters that never occur in text (tab, line feed, vertical tab, form
# feed, carriage return and escape do).
_CONTROL_CODES = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """``data`` without its byte-order mark, and the encoding the mark names (or ``None``)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], encoding
    return data, None


def declared_charset(data: bytes) -> tuple[str, EncodingSource] | None:
    """The charset a page declares in its first 4 KB: an XML declaration, or a
    ``<meta charset>`` / ``<meta http-equiv="Content-Type" content="…; charset=…">`` tag."""
    head = data[:_SNIFF]
    m = _XML_DECLARATION.match(head)
    if m:
        return m.group(1).decode("ascii").lower(), "xml"
    for tag in _META_TAG.finditer(head):
        m = _CHARSET_IN_TAG.search(tag.group(0))
        if m:
            return m.group(1).decode("ascii").lower(), "html"
    return None


_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _has_magic(data: bytes) -> bool:
    """A known file signature; one made of printable letters only ("ID3", "%PDF-",
    "RIFF") counts when control bytes follow it, so that text opening with those
    letters is still text."""
    for magic in _MAGIC:
        if data.startswith(magic):
            return not magic.isascii() or not all(32 <= b < 127 for b in magic) or \
                _BINARY_BYTE.search(data, len(magic), 512) is not None
    return False


def _codec(label: str) -> str | None:
    """Python's codec for a charset label (``None`` when it has none, or one that is
    not an encoding of text)."""
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _decode(data: bytes, codec: str) -> str | None:
    """``data`` in ``codec``, or ``None`` when it does not decode."""
    if codec == "cp1252":
        text = data.decode("cp1252", errors="surrogateescape")
        if any(chr(c) in text for c in _UNDEFINED_1252):
            text = text.translate(_UNDEFINED_1252)
        return text
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _zero_pattern(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes stand
    (ASCII letters have a zero high byte), or ``None``."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    quads = [sample[k:n:4].count(0) / (n // 4) for k in range(4)]
    if quads[0] < 0.05 and min(quads[1:]) > 0.6:
        return "utf-32-le"
    if quads[3] < 0.05 and min(quads[:3]) > 0.6:
        return "utf-32-be"
    even = (quads[0] + quads[2]) / 2
    odd = (quads[1] + quads[3]) / 2
    # Spaces, digits and punctuation have a zero high byte in any script.
    if even < 0.02 and odd > 0.1:
        return "utf-16-le"
    if odd < 0.02 and even > 0.1:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, name: str) -> None:
    sample = text[:_CONTROL_SAMPLE]
    controls = len(_CONTROL_CODES.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise BinaryInput(f"{name}: looks like a binary file, not text (it holds control codes); "
                          "give article text, HTML or JSONL")


def _detect(data: bytes) -> tuple[str, str | None] | None:
    """charset-normalizer's best guess for ``data``: (codec, note), or ``None`` when it
    finds no encoding the bytes make sense in."""
    from charset_normalizer import from_bytes

    sample = data
    if len(data) > _DETECT_SAMPLE:
        cut = data.rfind(b"\n", 0, _DETECT_SAMPLE)
        sample = data[:cut if cut > _DETECT_SAMPLE // 2 else _DETECT_SAMPLE]
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    # Several code pages often read a short sample equally well; windows-1252, the
    # code page of most Western-European news, wins a tie ("Peñas", not "Peńas").
    tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252", None
    codec = _codec(best.encoding)
    return (codec, None) if codec else None


def sniff_binary(head: bytes, name: str) -> None:
    """Refuse, from its first bytes alone, data that is plainly not text: a known file
    signature, or zero bytes that are not the pattern of UTF-16 or UTF-32 text.
    Raises :class:`~conflictwatch.errors.BinaryInput`; says nothing otherwise."""
    _, bom = strip_bom(head)
    if bom is not None:
        return
    if _has_magic(head):
        raise BinaryInput(f"{name}: looks like a binary file (a program, image or archive), not text; "
                          "give article text, HTML or JSONL")
    sample = head[:_SNIFF]
    if b"\x00" in sample and _zero_pattern(sample) is None:
        raise BinaryInput(f"{name}: looks like a binary file (it holds zero bytes), not text; "
                          "give article text, HTML or JSONL")


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` (named ``name`` in error messages) to text.

    The cascade, each step engaging only when the previous one gave nothing:

    1. a byte-order mark (UTF-8, UTF-16 or UTF-32, either byte order), which is
       dropped so that offsets count from the first character of the content;
    2. ``declared``: the charset of an HTTP ``Content-Type`` header (the bare label,
       or the whole header value);
    3. the charset the page declares itself (XML declaration, ``<meta charset>``,
       ``<meta http-equiv="Content-Type">``) in its first 4 KB;
    4. UTF-8, when the bytes are valid UTF-8 (plain ASCII included);
    5. UTF-16 or UTF-32 without a byte-order mark, told by the pattern of zero bytes;
    6. charset-normalizer's detection;
    7. windows-1252, with bytes it cannot read replaced (said in ``note``).

    Declared labels for Latin-1 and ASCII are read as windows-1252, as browsers do;
    a declared charset Python does not know, or under which the bytes do not
    decode, is passed over and ``note`` says so. Binary data (a known file
    signature, zero bytes in 8-bit text, or control codes in the decoded text) raises
    :class:`~conflictwatch.errors.BinaryInput`.
    """
    body, bom = strip_bom(data)
    if bom is not None:
        text = _decode(body, bom)
        if text is not None:
            _refuse_binary(text, name)
            return Decoded(text, bom, "bom")
        raise BinaryInput(f"{name}: starts with a {bom.upper()} byte-order mark but is not {bom.upper()} "
                          "text; check the file, or save it again as UTF-8")
    if _has_magic(data):
        raise BinaryInput(f"{name}: looks like a binary file (a program, image or archive), not text; "
                          "give article text, HTML or JSONL")
    notes: list[str] = []
    zeros = b"\x00" in data[:_SNIFF]
    if not zeros:
        steps: list[tuple[str, EncodingSource]] = []
        if declared:
            m = _CHARSET_PARAMETER.search(declared)
            label = m.group(1) if m else declared if "/" not in declared and ";" not in declared else ""
            if label:
                steps.append((label, "http"))
        found = declared_charset(data)
        if found is not None:
            steps.append(found)
        for label, how in steps:
            codec = _codec(label)
            if codec is None:
                notes.append(f"declared charset {label!r} is unknown")
                continue
            text = _decode(data, codec)
            if text is None:
                notes.append(f"declared charset {label!r} does not fit the bytes")
                continue
            _refuse_binary(text, name)
            return Decoded(text, codec, how, "; ".join(notes) or None)
        text = _decode(data, "utf-8")
        if text is not None:
            _refuse_binary(text, name)
            return Decoded(text, "utf-8", "utf-8", "; ".join(notes) or None)
    else:
        wide = _zero_pattern(data[:_SNIFF])
        text = _decode(data, wide) if wide else None
        if wide is None or text is None:
            raise BinaryInput(f"{name}: looks like a binary file (it holds zero bytes), not text; "
                              "give article text, HTML or JSONL")
        _refuse_binary(text, name)
        return Decoded(text, wide, "utf-16")
    guess = _detect(data)
    if guess is not None:
        codec, note = guess
        text = _decode(data, codec)
        if text is not None:
            _refuse_binary(text, name)
            return Decoded(text, codec, "detected", "; ".join([*notes, *([note] if note else [])]) or None)
        notes.append(f"detected {codec} does not fit every byte")
    text = data.decode("cp1252", errors="replace")
    _refuse_binary(text, name)
    notes.append("bytes that windows-1252 cannot read were replaced by U+FFFD")
    return Decoded(text, "cp1252", "fallback", "; ".join(notes))
