"""Lists of article URLs: a text file, one URL a line.

Blank lines and lines starting with ``#`` are skipped; anything after the URL on
its line (separated by white space) is ignored, so a list can carry notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BadSource, InputError


def parse_url_list(text: str, name: str) -> Iterator[str | BadSource]:
    """The URLs of a list, in order; a bad line is yielded as a :class:`BadSource`
    naming ``name`` and the line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped or stripped.startswith("#"):
            continue
        candidate = stripped.split()[0]
        parts = urlsplit(candidate)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            yield BadSource(f"{name}:{number}: {candidate!r} is not an http(s) URL; "
                            "fix the line or start it with # to skip it")
            continue
        yield candidate


def read_url_list(path: str | Path) -> Iterator[str | InputError]:
    """The URLs of a list file; a file that cannot be read is yielded as a :class:`BadSource`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield BadSource(f"{path}: cannot read the URL list ({exc.strerror}); fix the path in the sources file")
        return
    yield from parse_url_list(text, str(path))
