"""Every error ConflictWatch raises on purpose.

The tree::

    ConflictWatchError
    ├── InputError              bad input: a file, a line, an option, a URL
    │   ├── UnsupportedInput    a path or format we cannot read
    │   │   └── BinaryInput     bytes that are not text (a program, an image)
    │   ├── BadDocument         a document line or page we cannot use
    │   ├── TooLarge            a document over the size limit per document
    │   ├── ReviewError         a review action that cannot be done as asked
    │   ├── BadSource           a feed, sitemap or URL list we cannot read
    │   └── FetchError          a URL that could not be fetched (``.url``)
    │       ├── URLRefused      we will not ask for it: not http(s), https required
    │       │   └── AddressRefused   its host is loopback, private, metadata... (``.address``)
    │       ├── RobotsDisallowed     robots.txt forbids it, or cannot be read (5xx)
    │       ├── FetchTimeout    no answer in time (after retries)
    │       ├── ConnectionFailed     DNS, refused connection, TLS, broken transfer
    │       ├── HTTPStatusError the server answered 4xx/5xx (``.status``)
    │       ├── ResponseTooLarge     the body is over the size limit
    │       └── TooManyRedirects     more hops than allowed
    │           └── RedirectLoop     a hop comes back to a URL already seen
    ├── OutputError             an output that cannot or may not be written
    ├── ConfigError             a settings file, an unknown component name
    │   ├── SourcesFileError    a sources file (TOML) that cannot be used
    │   └── AlertRulesError     an alert rules file (TOML) that cannot be used
    ├── DataError               packaged or built data missing or corrupt
    │   └── GazetteerMissing    the gazetteer index has not been built yet
    ├── StoreError              the store cannot be opened, read or written
    │   ├── StoreVersionError   the store was made by a newer version, or needs an upgrade
    │   └── NotFound            no event or document with that id
    ├── MissingDependency       an optional package is not installed
    ├── AlertDeliveryError      an alert could not be delivered (webhook, JSONL file)
    └── ClusterError            the Dask cluster cannot be reached or failed a task

Messages name the input and say what to do. A URL is an input like a file: a
:class:`FetchError` is reported with its URL and skipped, and the rest goes on.
"""

from __future__ import annotations


class ConflictWatchError(Exception):
    """Base class of every error raised on purpose by ConflictWatch."""


class InputError(ConflictWatchError):
    """The input cannot be used as given."""


class UnsupportedInput(InputError):
    """A path or format ConflictWatch cannot read."""


class BinaryInput(UnsupportedInput):
    """Bytes that are not text: a program, an image, an archive."""


class BadDocument(InputError):
    """A document (a JSONL line, an HTML page) that cannot be used."""


class ReviewError(InputError):
    """A review action (merge, split, edit...) that cannot be done as asked."""


class TooLarge(InputError):
    """A document over the size limit per document (``max_document_mb``)."""


class OutputError(ConflictWatchError):
    """An output file that cannot be written (a missing folder, a directory, no
    permission, a full disk) or may not be (it is one of the inputs)."""


class ConfigError(ConflictWatchError):
    """A configuration value or a component name is wrong."""


class DataError(ConflictWatchError):
    """Packaged or built data is missing or corrupt."""


class GazetteerMissing(DataError):
    """The gazetteer index has not been built."""


class StoreError(ConflictWatchError):
    """The store cannot be opened, read or written."""


class StoreVersionError(StoreError):
    """The store's schema is not the one this version uses."""


class NotFound(StoreError):
    """No event or document with the id asked for."""


class MissingDependency(ConflictWatchError):
    """An optional package is needed for this input."""

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the package '{package}', which is not installed; "
            f"install it with: pip install {package}"
        )
        self.package = package


class BadSource(InputError):
    """A feed, sitemap or URL list that cannot be read."""


class FetchError(InputError):
    """A URL could not be fetched; ``url`` names it.

    The message starts with the URL and ends with what to do.
    """

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.detail = message


class URLRefused(FetchError):
    """ConflictWatch will not ask for this URL (scheme, https required, address)."""


class AddressRefused(URLRefused):
    """The URL's host is, or resolves to, an address we do not connect to.

    ``host`` is the name asked for, ``address`` the address it gave,
    ``reason`` the kind of address (loopback, private, cloud metadata...) and
    ``allowable`` whether the setting ``allow_private_addresses`` would open it;
    ``via`` is the redirect hop that led there, if any.
    """

    def __init__(self, url: str, host: str, address: str, reason: str, allowable: bool,
                 via: str | None = None) -> None:
        hint = ("set allow_private_addresses (--allow-private-addresses) if this is your own "
                "server" if allowable else "this kind of address is never fetched")
        shown = host if host == address else f"{host} ({address})"
        hop = f"redirects to {via}, " if via and via != url else ""
        super().__init__(url, f"{hop}refused: {shown} is {reason}; {hint}")
        self.host = host
        self.address = address
        self.reason = reason
        self.allowable = allowable


class RobotsDisallowed(FetchError):
    """The site's robots.txt forbids the URL to us, or robots.txt cannot be read."""


class FetchTimeout(FetchError):
    """The server did not answer in time, after the retries."""


class ConnectionFailed(FetchError):
    """The host cannot be resolved or reached, TLS failed, or the transfer broke."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (``status``), after the retries."""

    def __init__(self, url: str, status: int, message: str) -> None:
        super().__init__(url, message)
        self.status = status


class ResponseTooLarge(FetchError):
    """The response body is over the size limit; it was not read to the end."""


class TooManyRedirects(FetchError):
    """The URL redirects more times than allowed."""


class RedirectLoop(TooManyRedirects):
    """A redirect leads back to a URL already passed through."""


class SourcesFileError(ConfigError):
    """A sources file (TOML) that cannot be used; the message names the file, line and key."""


class AlertRulesError(ConfigError):
    """An alert rules file (TOML) that cannot be used; the message names the file, line and key."""


class AlertDeliveryError(ConflictWatchError):
    """An alert could not be delivered to its webhook or file; it is tried again later."""


class ClusterError(ConflictWatchError):
    """The Dask cluster cannot be started or reached, or a task failed on it."""
