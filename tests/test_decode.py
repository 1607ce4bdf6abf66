"""Bytes to text: byte-order marks, declared charsets, detection, binary refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch.errors import BinaryInput
from conflictwatch.ingest.decode import decode_bytes, declared_charset, sniff_binary

TEXT = "Un ataque dejó doce muertos en Ségou y Peñas, según «fuentes» — café.\n"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                                        (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_byte_order_marks_are_honoured_and_dropped(bom, codec):
    decoded = decode_bytes(bom + TEXT.encode(codec), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.how) == (TEXT, codec, "bom")


def test_utf16_without_a_mark_is_told_by_its_zero_bytes():
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes(TEXT.encode(codec), "a.txt")
        assert (decoded.text, decoded.encoding, decoded.how) == (TEXT, codec, "utf-16")


def test_declared_charsets():
    latin = TEXT.replace("«", '"').replace("»", '"').replace("—", "-").encode("latin-1")
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">' + latin
    decoded = decode_bytes(page, "p.html")
    assert decoded.how == "html" and decoded.encoding == "cp1252" and "Ségou" in decoded.text
    assert decode_bytes(latin, "x", declared="text/html; charset=iso-8859-1").how == "http"
    assert decode_bytes(latin, "x", declared="latin1").how == "http"
    xml = b"<?xml version='1.0' encoding='windows-1251'?><p>" + "Сегу".encode("cp1251")
    assert "Сегу" in decode_bytes(xml, "x").text
    assert declared_charset(b"<meta charset=utf-8>") == ("utf-8", "html")


def test_a_declared_charset_that_does_not_fit_is_passed_over():
    latin = "Ségou".encode("latin-1")
    decoded = decode_bytes(b"<meta charset='utf-8'><p>" + latin, "p.html")
    assert "Ségou" in decoded.text and decoded.how == "detected"
    assert "does not fit" in decoded.note
    unknown = decode_bytes(b"<meta charset='x-no-such'><p>plain", "p.html")
    assert unknown.how == "utf-8" and "unknown" in unknown.note


def test_latin1_and_cp1252_text_is_detected():
    decoded = decode_bytes(TEXT.replace("«", '"').replace("»", '"').replace("—", "-").encode("latin-1"), "a.txt")
    assert decoded.encoding == "cp1252" and "Ségou" in decoded.text and "Peñas" in decoded.text
    assert decode_bytes("Вооруженные люди убили пятерых жителей".encode("cp1251"), "r.txt").text.startswith("Вооруж")


def test_windows_1252_undefined_bytes_read_as_browsers_do():
    decoded = decode_bytes(b"<meta charset=iso-8859-1>caf\xe9 \x81\x8d", "p.html")
    assert decoded.text.endswith("café \x81\x8d")


@pytest.mark.parametrize("data", [b"\x7fELF\x02\x01\x01\x00" + bytes(100), b"\x89PNG\r\n\x1a\n" + bytes(50),
                                  b"PK\x03\x04" + bytes(30), bytes(range(256)) * 4, b"text\x00with\x00zeros\x01\x02"])
def test_binary_is_refused(data):
    with pytest.raises(BinaryInput, match="a.bin: looks like a binary file"):
        decode_bytes(data, "a.bin")
    with pytest.raises(BinaryInput):
        sniff_binary(data, "a.bin")


def test_control_codes_make_a_file_binary():
    with pytest.raises(BinaryInput, match="control codes"):
        decode_bytes(b"ab\x01\x02\x03\x04\x05\x06cd" * 10, "x")
    assert decode_bytes(b"tab\there\x0cform feed\x1b[0m", "x").how == "utf-8"  # text has these


ENCODINGS = ["utf-8", "utf-16", "utf-32", "utf-8-sig"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200), st.sampled_from(ENCODINGS))
def test_unicode_round_trips_through_a_mark(text, codec):
    data = text.encode(codec)
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return  # the text itself opens with U+FEFF: read as a mark, by design
    assert decode_bytes(data, "x").text == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "latin1", "koi8-r", "bogus", "text/html"]))
def test_any_bytes_decode_or_are_refused(data, declared):
    try:
        decoded = decode_bytes(data, "x", declared)
    except BinaryInput:
        return
    assert isinstance(decoded.text, str) and decoded.how in (
        "bom", "http", "html", "xml", "utf-8", "utf-16", "detected", "fallback")
