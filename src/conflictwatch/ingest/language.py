"""Which language a document is written in.

The extractor's rules read English. A document in another language is still
processed, but it is labelled (``Document.language``) and the command line warns
about it, so that no empty result goes unexplained. Detection is CLD2 (``pycld2``),
whose model is compiled into the package: nothing is downloaded, and it holds no
state between calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LanguageGuess", "detect_language", "language_name"]

_SAMPLE_PARTS = 8  # slices read from a long document, spread over its length
_PART = 4_000  # characters per slice
_MIN_WORDS = 3  # distinct words a guess needs ("Uglegorsk. Uglegorsk." names no language)
_WORD = re.compile(r"[^\W\d_]{2,}")
# Scripts written without spaces between words: ten of their letters are enough.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# CLD2 refuses some code points (controls, unpaired surrogates): they carry no language.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A document's language.

    Fields: ``code`` (CLD2's code, ISO 639-1 where one exists: ``en``, ``fr``,
    ``ar``, ``zh-Hant``…; ``None`` when the text is too short or too mixed to
    tell), ``name`` (in English, e.g. "French") and ``reliable`` (CLD2's own
    verdict on its guess).
    """

    code: str | None
    name: str | None
    reliable: bool


def _sample(text: str) -> str:
    """The whole of a short text; slices spread over a long one."""
    if len(text) <= _SAMPLE_PARTS * _PART:
        return text
    step = len(text) // _SAMPLE_PARTS
    return "\n".join(text[k * step:k * step + _PART] for k in range(_SAMPLE_PARTS))


def language_name(code: str) -> str:
    """An English name for a language code ("fr" -> "French"); the code itself when
    none is known."""
    import pycountry

    base = code.split("-")[0].lower()
    found = pycountry.languages.get(alpha_2=base) if len(base) == 2 else \
        pycountry.languages.get(alpha_3=base) if len(base) == 3 else None
    return found.name if found is not None else code


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` (a sample of it when long).

    A guess needs at least three distinct words (or ten letters of a script written
    without spaces, such as Chinese or Thai), and either CLD2's reliable verdict or
    no second language found beside it; otherwise ``code`` is ``None``.
    """
    import pycld2

    sample = _UNREADABLE.sub(" ", _sample(text))
    if len(set(_WORD.findall(sample.lower()))) < _MIN_WORDS and len(_UNSPACED.findall(sample[:200])) < 10:
        return LanguageGuess(None, None, False)
    try:
        reliable, _, details = pycld2.detect(sample, isPlainText=True)
    except pycld2.error:
        return LanguageGuess(None, None, False)
    code = details[0][1] if details else "un"
    # CLD2 calls a short text unreliable even when no other language competes.
    alone = len(details) < 2 or details[1][1] == "un"
    if code in ("un", "xxx") or not (reliable or alone):
        return LanguageGuess(None, None, False)
    return LanguageGuess(code, language_name(code), bool(reliable))
