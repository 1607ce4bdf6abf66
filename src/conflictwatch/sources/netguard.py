"""Which hosts and addresses fetching may reach, checked after DNS resolution.

A URL in a feed, a sitemap or a redirect names a host, and a hostile or careless
one can name this machine (``127.0.0.1``, ``localhost``), the local network
(``10.0.0.0/8``, ``fd00::/8``) or a cloud's metadata service (``169.254.169.254``,
``fd00:ec2::254``), which hands out credentials to whoever asks. The guard works
at two points:

1. :func:`check_url`, before anything is sent: the scheme is http or https, the
   URL has a host, and a host that *is* an address (in any spelling resolvers
   accept: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``[::ffff:127.0.0.1]``) or a
   localhost or metadata name is refused with a clear message.
2. :class:`GuardedBackend`, when a connection is opened: the host name is
   resolved once, every address it resolves to is checked, and the socket is
   connected to one of those checked addresses, never to the name. A second DNS
   answer (DNS rebinding) therefore cannot slip in between check and connect.
   TLS is unchanged: httpcore gives ``start_tls`` the URL's host name, so SNI and
   certificate checks use the name, and the request keeps its Host header.

Every redirect hop is a new request, so it passes both points. The fetcher's
transport (:class:`GuardedTransport`) uses this backend and no proxy, so no
connection is opened that the guard has not seen.

What is refused: loopback, private (RFC 1918, unique-local ``fc00::/7``),
link-local, shared (``100.64.0.0/10``) and other non-global addresses, unless
``allow_private_addresses`` is set or the address is in ``allowed_networks``;
cloud metadata addresses, unspecified (``0.0.0.0``, ``::``), multicast,
broadcast and reserved addresses always. IPv4 addresses inside IPv6 ones
(IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo) are checked as IPv4.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import httpcore
import httpx

from ..errors import AddressRefused, URLRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]
"""Resolves ``(host, port)`` to addresses as strings (the tests give their own)."""
SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]

SCHEMES = ("http", "https")

# Instance metadata services: AWS (IMDS, ECS, EKS pod identity, DNS, NTP), GCP,
# Azure (IMDS and the wire server), Oracle, Alibaba, and their IPv6 forms.
_METADATA_NETWORKS: tuple[IPNetwork, ...] = tuple(ipaddress.ip_network(n) for n in (
    "169.254.169.0/24", "169.254.170.0/24", "168.63.129.16/32", "192.0.0.192/32",
    "100.100.100.200/32", "fd00:ec2::/64", "fd20:ce::/64",
))
_METADATA_NAMES = frozenset({
    "metadata", "metadata.google.internal", "metadata.goog", "instance-data",
    "instance-data.ec2.internal", "metadata.azure.com",
})
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_BROADCAST = ipaddress.ip_address("255.255.255.255")
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses may be connected to.

    Fields: ``allow_private`` (loopback, private, link-local and other
    non-global addresses are allowed: a user's intranet mirror, a test server)
    and ``allowed_networks`` (networks allowed even when ``allow_private`` is
    off, e.g. ``127.0.0.1/32`` for one local test server). Neither opens cloud
    metadata, unspecified, multicast, broadcast or reserved addresses.
    """

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_strings(cls, allow_private: bool, networks: Iterable[str]) -> AddressPolicy:
        """A policy from CIDR strings such as ``"127.0.0.1/32"``."""
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in networks))


def _reached(address: IPAddress) -> IPAddress:
    """The address a connection really reaches: the IPv4 address inside an
    IPv4-mapped (``::ffff:a.b.c.d``), IPv4-compatible (``::a.b.c.d``) or NAT64
    (``64:ff9b::a.b.c.d``) IPv6 address; otherwise the address itself."""
    if not isinstance(address, ipaddress.IPv6Address):
        return address
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _tunnel_ends(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 ends of a 6to4 or Teredo address, checked as well."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    ends: list[ipaddress.IPv4Address] = []
    if address.sixtofour is not None:
        ends.append(address.sixtofour)
    if address.teredo is not None:
        ends.extend(address.teredo)
    return ends


def _kind(address: IPAddress) -> tuple[str, bool] | None:
    """``(what the address is, whether allow_private may open it)``; ``None`` if global."""
    if any(address in network for network in _METADATA_NETWORKS):
        return "a cloud metadata address", False
    if address.is_unspecified or address in _THIS_NETWORK:
        return "an unspecified address", False
    if address.is_multicast:
        return "a multicast address", False
    if address == _BROADCAST:
        return "the broadcast address", False
    if address.is_loopback:
        return "a loopback address", True
    if address.is_link_local:
        return "a link-local address", True
    if address.is_reserved:
        return "a reserved address", False
    if address in _SHARED:
        return "a shared (carrier-grade NAT) address", True
    if address.is_private or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local):
        return "a private address", True
    if not address.is_global:
        return "a non-global address", True
    return None


def refusal(address: IPAddress, policy: AddressPolicy) -> tuple[str, bool] | None:
    """Why ``address`` may not be connected to under ``policy``, or ``None``.

    Returns ``(reason, allowable)``: ``allowable`` tells whether the setting
    ``allow_private_addresses`` would open it. An IPv4 address carried inside an
    IPv6 one (mapped, compatible, NAT64) is judged as that IPv4 address; the IPv4
    ends of a 6to4 or Teredo address are checked too.
    """
    reached = _reached(address)
    for candidate in (reached, *_tunnel_ends(reached)):
        kind = _kind(candidate)
        if kind is None:
            continue
        reason, allowable = kind
        if allowable and (policy.allow_private
                          or any(candidate in n for n in policy.allowed_networks
                                 if n.version == candidate.version)):
            continue
        if candidate != address:
            reason = f"{reason} ({candidate} inside {address})"
        return reason, allowable
    return None


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address in the spellings ``inet_aton`` accepts: one to four parts,
    each decimal, octal (leading 0) or hex (0x), the last filling the rest."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        lowered = part.lower()
        try:
            if lowered.startswith("0x"):
                numbers.append(int(lowered[2:] or "0", 16))
            elif len(lowered) > 1 and lowered.startswith("0"):
                numbers.append(int(lowered[1:], 8))
            else:
                if not lowered.isdigit():
                    return None
                numbers.append(int(lowered, 10))
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)


def parse_address(host: str) -> IPAddress | None:
    """The address a host names directly, or ``None`` when it is a name.

    Brackets, an IPv6 zone (``%eth0``) and a trailing dot are ignored; IPv4
    spellings such as ``2130706433``, ``0x7f.1`` and ``0177.0.0.1`` are read as
    the address a resolver would make of them.
    """
    text = host.strip().rstrip(".").lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if ":" in text:
        return None
    return _legacy_ipv4(text)


def check_host(host: str, policy: AddressPolicy, url: str | None = None) -> None:
    """Refuse a host that is itself a refused address or a localhost/metadata name.

    Raises :class:`AddressRefused`; names are resolved and checked later, when
    the connection is opened (:class:`GuardedBackend`).
    """
    shown = url or host
    name = host.strip().rstrip(".").lower()
    address = parse_address(name)
    if address is not None:
        why = refusal(address, policy)
        if why is not None:
            raise AddressRefused(shown, host, str(address), why[0], why[1])
        return
    if name in _METADATA_NAMES:
        raise AddressRefused(shown, host, host, "a cloud metadata name", False)
    if (name in _LOCAL_NAMES or name.endswith(".localhost")) and not policy.allow_private:
        raise AddressRefused(shown, host, host, "a name for this machine", True)


def check_url(url: str, policy: AddressPolicy, https_only: bool = False) -> httpx.URL:
    """Check a URL before it is requested; returns it parsed.

    Raises :class:`URLRefused` for another scheme than http(s) (or http when
    ``https_only``), a URL without a host, or a host refused by
    :func:`check_host`.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise URLRefused(url, f"not a valid URL ({exc}); fix it in the source") from None
    if parsed.scheme not in SCHEMES:
        kind = f"{parsed.scheme} URLs" if parsed.scheme else "relative URLs"
        raise URLRefused(url, f"only http and https URLs are fetched, not {kind}; give an http(s) URL")
    if https_only and parsed.scheme != "https":
        raise URLRefused(url, "https is required (https_only) and this URL is plain http; "
                              "use its https address or allow http")
    if not parsed.host:
        raise URLRefused(url, "the URL has no host; give a full http(s) URL")
    check_host(parsed.host, policy, url)
    return parsed


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    return list(seen)


def resolve_checked(host: str, port: int, policy: AddressPolicy,
                    resolver: Resolver = system_resolver) -> list[IPAddress]:
    """Resolve ``host`` and check every address it gives.

    One refused address refuses the host (a name that resolves to both a public
    and a private address is not to be trusted with either). Raises
    :class:`AddressRefused`, or ``httpcore.ConnectError`` when nothing resolves.
    """
    check_host(host, policy)
    addresses: list[IPAddress] = []
    for text in resolver(host, port):
        address = parse_address(text)
        if address is None:
            raise httpcore.ConnectError(f"{host} resolved to {text!r}, which is not an address")
        why = refusal(address, policy)
        if why is not None:
            raise AddressRefused(host, host, str(address), why[0], why[1])
        addresses.append(address)
    if not addresses:
        raise httpcore.ConnectError(f"{host} resolves to no address")
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that connects only to checked addresses.

    ``connect_tcp`` resolves the host once, refuses it when any address is
    refused by ``policy``, and connects to the checked addresses in turn (the
    socket is opened on the address, not the name). TLS, started afterwards by
    httpcore with the host name, verifies the certificate against the name.
    """

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None) -> None:
        self._policy = policy
        self._resolver = resolver or system_resolver
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[SocketOption] | None = None) -> httpcore.NetworkStream:
        addresses = resolve_checked(host, port, self._policy, self._resolver)
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return self._backend.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host} resolves to no address")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[SocketOption] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used for fetching")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


# httpcore's exceptions, as httpx raises them (most specific first).
_MAPPED: tuple[tuple[type[Exception], type[httpx.RequestError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


@contextmanager
def _httpx_errors(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for source, target in _MAPPED:
            if isinstance(exc, source):
                raise target(str(exc) or type(exc).__name__, request=request) from exc
        raise


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors(self._request):
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            with _httpx_errors(self._request):
                close()


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport whose every connection goes through :class:`GuardedBackend`.

    HTTP/1.1 only, no proxy (a proxy would be the only address checked), TLS
    verified against ``ssl_context`` (default: httpx's, with certifi's roots).
    """

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None, *,
                 ssl_context: ssl.SSLContext | None = None, max_connections: int = 10,
                 keepalive_expiry: float = 5.0) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry,
            http1=True,
            http2=False,
            retries=0,
            network_backend=GuardedBackend(policy, resolver),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors(request):
            response = self._pool.handle_request(core_request)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response.stream, request),  # type: ignore[arg-type]
                              extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()
