"""Detect text-and-data-mining (TDM) reservations.

A publisher can reserve TDM rights (EU Directive 2019/790, Article 4(3)) in
machine-readable form (the TDMRep ``tdm-reservation`` meta tag or HTTP header, a
robots rule) or in words on the page. A reserved article's body is not kept:
only extracted facts, the URL and short evidence quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Rights, Span

_NOTICE = re.compile(
    r"(?:text[\s-]+and[\s-]+data[\s-]+mining|\bTDM\b|data[\s-]+mining|machine[\s-]+learning|"
    r"(?:AI|artificial[\s-]+intelligence)[\s-]+(?:training|systems?|models?))"
    r"[^\n]{0,300}?\b(?:reserved?|reserves|prohibited|prohibits|not\s+permitted|forbidden|opt(?:s|ed)?[\s-]+out)\b"
    r"|\b(?:reserved?|reserves|prohibit\w*|opt(?:s|ed)?[\s-]+out)\b[^\n]{0,200}?"
    r"(?:text[\s-]+and[\s-]+data[\s-]+mining|\bTDM\b|data[\s-]+mining)"
    r"|Article\s+4\s*\(\s*3\s*\)[^\n]{0,80}?(?:Directive|2019/790)"
    r"|Directive\s*\(EU\)\s*2019/790",
    re.IGNORECASE,
)


def find_text_reservation(text: str) -> Span | None:
    """The paragraph of ``text`` holding a TDM reservation notice, if any."""
    match = _NOTICE.search(text)
    if match is None:
        return None
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    return Span(start, end, text[start:end])


def from_meta(meta: Mapping[str, str]) -> Rights | None:
    """Rights from TDMRep meta tags or headers (``tdm-reservation``, ``tdm-policy``).

    ``meta`` maps lower-case names to values; returns ``None`` when no
    reservation is declared.
    """
    value = (meta.get("tdm-reservation") or "").strip()
    if value == "1":
        return Rights(tdm_reserved=True, source="meta", policy=meta.get("tdm-policy") or None)
    return None


def detect(text: str, meta: Mapping[str, str] | None = None, header_source: str = "meta") -> Rights:
    """Combine machine-readable and textual signals into one :class:`Rights`."""
    declared = from_meta(meta or {})
    notice = find_text_reservation(text)
    if declared is not None:
        return Rights(True, header_source, notice, declared.policy)
    if notice is not None:
        return Rights(True, "text", notice, None)
    return Rights()
