"""Detect text-and-data-mining (TDM) reservations.

A publisher can reserve TDM rights (EU Directive 2019/790, Article 4(3)) in
machine-readable form (TDMRep: the ``tdm-reservation`` meta tag, the HTTP header,
or a site's ``/.well-known/tdmrep.json``) or in words on the page. A reserved
article's body is not kept: only extracted facts, the URL and short evidence
quotes.

TDMRep's order of precedence: the site's tdmrep.json rule for the path, then the
HTTP header, then the HTML meta tag, each superseding the ones before it when it
declares a value (``0`` or ``1``; another value counts as undeclared). A notice
in words on the page reserves the article whatever the machine-readable value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..errors import BadSource
from ..model import Rights, Span
from .notices import Lines, scan_lines


def find_text_reservation(text: str) -> Span | None:
    """The line of ``text`` holding a TDM reservation notice, if any.

    A notice counts where notices stand (the page's opening or closing block, or a
    short standalone line about the page in rights words) and in the publisher's
    voice, never as reported speech: see :mod:`.notices` and
    ``data/page_notices.toml``.
    """
    lines = Lines(text)
    return notice_span(lines, scan_lines(lines).notice)


def notice_span(lines: Lines, index: int | None) -> Span | None:
    """The span of line ``index`` of ``lines`` without its surrounding blanks."""
    if index is None:
        return None
    start, end, _ = lines[index]
    text = lines.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
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
    found = from_meta(meta or {})
    return combine(text, None if found is None else Rights(True, header_source, None, found.policy))


def combine(text: str, declared: Rights | None) -> Rights:
    """The rights of a text given the machine-readable ``declared`` value (see
    :func:`declared`): a declared reservation, else a notice in the text, else none."""
    return with_notice(find_text_reservation(text), declared)


def with_notice(notice: Span | None, declared: Rights | None) -> Rights:
    """The rights given a ``notice`` found in the text (or ``None``) and the
    machine-readable ``declared`` value: a declared reservation, else the notice."""
    if declared is not None and declared.tdm_reserved:
        return Rights(True, declared.source, notice, declared.policy)
    if notice is not None:
        return Rights(True, "text", notice, None)
    return Rights()


def _declared_in(values: Mapping[str, str] | None, source: str) -> Rights | None:
    value = str((values or {}).get("tdm-reservation", "")).strip()
    if value not in ("0", "1"):
        return None
    reserved = value == "1"
    policy = (values or {}).get("tdm-policy") or None
    return Rights(reserved, source, None, policy if reserved else None)


def declared(meta: Mapping[str, str] | None, headers: Mapping[str, str] | None,
             site: Rights | None = None) -> Rights | None:
    """The machine-readable TDMRep value for a page, by the protocol's precedence.

    ``meta``: the page's meta tags and ``headers``: its HTTP headers (lower-case
    names); ``site``: what the site's tdmrep.json says for the page's path
    (:func:`tdmrep_rights`). The meta tag supersedes the header, which supersedes
    the site file. ``None`` when none of them declares a value;
    ``Rights(tdm_reserved=False, ...)`` when the one that applies says ``0``.
    """
    return _declared_in(meta, "meta") or _declared_in(headers, "header") or site


@dataclass(frozen=True, slots=True)
class TdmRule:
    """One rule of a site's ``/.well-known/tdmrep.json``.

    Fields: ``location`` (a path pattern in robots.txt syntax: ``*`` any
    characters, a final ``$`` the end of the path; otherwise a prefix);
    ``reserved`` (``tdm-reservation`` is 1) and ``policy`` (``tdm-policy``).
    """

    location: str
    reserved: bool
    policy: str | None = None

    def matches(self, path: str) -> bool:
        """Does the rule apply to ``path`` (path and query of a URL)?"""
        return _pattern(self.location).match(_unreserved(path)) is not None


_UNRESERVED_ESCAPE = re.compile(r"%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])")


def _unreserved(path: str) -> str:
    """Decode percent-escapes of unreserved characters (letters, digits, -._~) only."""
    return _UNRESERVED_ESCAPE.sub(lambda m: unquote(m.group(0)), path)


def _pattern(location: str) -> re.Pattern[str]:
    anchored = location.endswith("$")
    body = _unreserved(location[:-1] if anchored else location)
    return re.compile("".join(".*" if c == "*" else re.escape(c) for c in body)
                      + ("$" if anchored else ""), re.DOTALL)


def parse_tdmrep(data: bytes | str, source: str) -> tuple[TdmRule, ...]:
    """The rules of a tdmrep.json file, in order.

    A rule without a ``location`` or with a ``tdm-reservation`` other than 0 or 1
    is left out (the protocol reads such a value as undeclared). Raises
    :class:`BadSource` naming ``source`` when the file is not a JSON array.
    """
    try:
        items = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadSource(f"{source}: not valid JSON ({exc}); the site's TDMRep rules are ignored") from None
    if not isinstance(items, list):
        raise BadSource(f"{source}: expected a JSON array of rules; the site's TDMRep rules are ignored")
    rules: list[TdmRule] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("location"), str):
            continue
        value = item.get("tdm-reservation")
        if isinstance(value, bool) or str(value).strip() not in ("0", "1"):
            continue
        policy = item.get("tdm-policy")
        rules.append(TdmRule(item["location"].strip(), str(value).strip() == "1",
                             policy if isinstance(policy, str) and policy else None))
    return tuple(rules)


def tdmrep_rights(rules: Sequence[TdmRule], url: str) -> Rights | None:
    """What the first rule matching ``url``'s path says, or ``None`` when none matches."""
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    for rule in rules:
        if rule.matches(path):
            return Rights(rule.reserved, "tdmrep", None, rule.policy if rule.reserved else None)
    return None
