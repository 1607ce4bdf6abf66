"""A site's TDMRep file, ``/.well-known/tdmrep.json``, fetched once per site.

Reading the file and matching its rules is :mod:`conflictwatch.ingest.rights`
(with the header and the meta tag, which the HTML path reads); this module only
fetches and keeps it. A file that is missing (4xx), unreachable (5xx, no answer)
or not a JSON array of rules declares nothing: the protocol reads a failure to
serve it as a site that does not use it. A missing or valid file is kept for a
day, an unreachable or broken one for 10 minutes.
"""

from __future__ import annotations

import logging

from ..errors import BadSource
from ..ingest.rights import TdmRule, parse_tdmrep, tdmrep_rights
from ..model import Rights
from .cache import TtlCache
from .robots import SiteFileFetch, origin_of

LOGGER = logging.getLogger(__name__)

TDMREP_PATH = "/.well-known/tdmrep.json"
TDMREP_MAX_BYTES = 256 * 1024
KEEP_SECONDS = 24 * 3600.0
RETRY_SECONDS = 600.0


class TdmRepCache:
    """The TDMRep rules of each site, fetched on first use."""

    def __init__(self, fetch: SiteFileFetch, cache: TtlCache[tuple[TdmRule, ...]] | None = None) -> None:
        self._fetch = fetch
        self._cache: TtlCache[tuple[TdmRule, ...]] = cache or TtlCache()

    def rules_for(self, url: str) -> tuple[TdmRule, ...]:
        """The rules of the site ``url`` is on, in file order (empty when it has none)."""
        origin = origin_of(url)

        def load() -> tuple[tuple[TdmRule, ...], float]:
            file_url = origin + TDMREP_PATH
            status, body = self._fetch(file_url)
            if status is None or status >= 500 or status == 429:
                return (), RETRY_SECONDS
            if not 200 <= status < 300:
                return (), KEEP_SECONDS
            try:
                return parse_tdmrep(body, file_url), KEEP_SECONDS
            except BadSource as exc:
                LOGGER.warning("%s", exc)
                return (), RETRY_SECONDS

        return self._cache.get(origin, load)

    def rights_for(self, url: str) -> Rights | None:
        """What the site's file says for ``url`` (first matching rule), or ``None``."""
        return tdmrep_rights(self.rules_for(url), url)
