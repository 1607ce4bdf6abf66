"""The address guard: every spelling of a refused address is refused, public ones pass."""

from __future__ import annotations

import ipaddress

import httpcore
import pytest

from conflictwatch.errors import AddressRefused, URLRefused
from conflictwatch.sources.netguard import (
    AddressPolicy,
    GuardedBackend,
    check_host,
    check_url,
    parse_address,
    refusal,
    resolve_checked,
)

STRICT = AddressPolicy()
PRIVATE_OK = AddressPolicy(allow_private=True)
ONE_SERVER = AddressPolicy.from_strings(False, ["127.0.0.1/32"])


@pytest.mark.parametrize("host, address", [
    ("127.0.0.1", "127.0.0.1"),
    ("2130706433", "127.0.0.1"),          # one decimal number
    ("0x7f000001", "127.0.0.1"),          # one hex number
    ("0177.0.0.1", "127.0.0.1"),          # octal part
    ("0x7f.1", "127.0.0.1"),              # hex, two parts
    ("127.1", "127.0.0.1"),               # two parts
    ("127.0.1", "127.0.0.1"),             # three parts
    ("0", "0.0.0.0"),
    ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
    ("025177524776", "169.254.169.254"),  # one octal number
    ("[::1]", "::1"),
    ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
    ("[fe80::1%25eth0]", "fe80::1"),
    ("LOCALHOST.", None),
    ("news.example", None),
    ("08.1.1.1", None),                   # 08 is not octal: a name, as inet_aton reads it
    ("1.2.3.4.5", None),
    ("256.1.1.1", None),
])
def test_parse_address_reads_every_spelling(host, address):
    parsed = parse_address(host)
    assert (str(parsed) if parsed is not None else None) == address


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("::1", "loopback"),
    ("10.0.0.5", "private"),
    ("172.16.3.4", "private"),
    ("192.168.1.1", "private"),
    ("fd12:3456::1", "private"),
    ("fe80::1", "link-local"),
    ("169.254.1.1", "link-local"),
    ("100.64.0.1", "shared"),
    ("169.254.169.254", "metadata"),
    ("169.254.170.2", "metadata"),
    ("fd00:ec2::254", "metadata"),
    ("100.100.100.200", "metadata"),
    ("192.0.0.192", "metadata"),
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "unspecified"),
    ("::", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("255.255.255.255", "broadcast"),
    ("240.0.0.1", "reserved"),
    ("::ffff:127.0.0.1", "loopback"),          # IPv4-mapped
    ("::ffff:169.254.169.254", "metadata"),
    ("::ffff:10.0.0.1", "private"),
    ("64:ff9b::a9fe:a9fe", "metadata"),        # NAT64 of 169.254.169.254
    ("2002:7f00:1::", "loopback"),             # 6to4 of 127.0.0.1
    ("2002:a9fe:a9fe::1", "metadata"),         # 6to4 of 169.254.169.254
])
def test_refused_addresses(address, reason):
    why = refusal(ipaddress.ip_address(address), STRICT)
    assert why is not None and reason in why[0], why


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "1.1.1.1",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_pass(address):
    assert refusal(ipaddress.ip_address(address), STRICT) is None


def test_allow_private_opens_private_kinds_only():
    for address in ("127.0.0.1", "10.1.1.1", "fd00::1", "fe80::1", "169.254.3.3", "100.64.1.1",
                    "::ffff:192.168.0.1"):
        assert refusal(ipaddress.ip_address(address), PRIVATE_OK) is None, address
    for address in ("169.254.169.254", "fd00:ec2::254", "0.0.0.0", "224.0.0.1", "240.0.0.1",
                    "::ffff:169.254.169.254", "255.255.255.255"):
        why = refusal(ipaddress.ip_address(address), PRIVATE_OK)
        assert why is not None and why[1] is False, address


def test_allowed_networks_open_only_themselves():
    assert refusal(ipaddress.ip_address("127.0.0.1"), ONE_SERVER) is None
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1"), ONE_SERVER) is None
    assert refusal(ipaddress.ip_address("127.0.0.2"), ONE_SERVER) is not None
    assert refusal(ipaddress.ip_address("10.0.0.1"), ONE_SERVER) is not None
    assert refusal(ipaddress.ip_address("::1"), ONE_SERVER) is not None
    metadata = AddressPolicy.from_strings(False, ["169.254.169.254/32"])
    assert refusal(ipaddress.ip_address("169.254.169.254"), metadata) is not None


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://127.1:8080/x",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/", "http://0xa9fea9fe/", "http://localhost/", "http://LOCALHOST./",
    "http://app.localhost/", "http://metadata.google.internal/computeMetadata/v1/",
    "http://0.0.0.0:8000/", "http://[::]/", "https://10.0.0.1/", "http://user:pw@127.0.0.1/",
])
def test_check_url_refuses_local_and_metadata_hosts(url):
    with pytest.raises(AddressRefused) as caught:
        check_url(url, STRICT)
    assert url in str(caught.value)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://example.org/",
                                 "javascript:alert(1)", "data:text/html,hi", "//example.org/x",
                                 "http:///x", "http://0177.0.0.1/"])
def test_check_url_refuses_other_schemes_and_broken_urls(url):
    with pytest.raises(URLRefused):
        check_url(url, STRICT)


def test_https_only():
    check_url("https://example.org/a", STRICT, https_only=True)
    with pytest.raises(URLRefused, match="https is required"):
        check_url("http://example.org/a", STRICT, https_only=True)


def test_localhost_names_follow_the_setting():
    check_host("localhost", PRIVATE_OK)
    with pytest.raises(AddressRefused, match="allow_private_addresses"):
        check_host("localhost", STRICT)
    with pytest.raises(AddressRefused, match="never fetched"):
        check_host("metadata.google.internal", PRIVATE_OK)


def test_resolution_checks_every_address():
    def resolver(answers):
        return lambda host, port: answers

    assert [str(a) for a in resolve_checked("news.example", 443, STRICT, resolver(["93.184.216.34"]))] == \
        ["93.184.216.34"]
    with pytest.raises(AddressRefused, match="10.0.0.7"):
        resolve_checked("intranet.example", 80, STRICT, resolver(["10.0.0.7"]))
    # One bad address among good ones refuses the name.
    with pytest.raises(AddressRefused, match="169.254.169.254"):
        resolve_checked("mixed.example", 80, STRICT, resolver(["93.184.216.34", "169.254.169.254"]))
    with pytest.raises(AddressRefused, match="inside"):
        resolve_checked("mapped.example", 80, STRICT, resolver(["::ffff:127.0.0.1"]))
    with pytest.raises(httpcore.ConnectError):
        resolve_checked("nothing.example", 80, STRICT, resolver([]))


def test_backend_connects_to_the_checked_address_not_the_name():
    """DNS rebinding: the name is resolved once per connection and the socket goes
    to that answer; a second, different answer is checked again."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    backend = GuardedBackend(ONE_SERVER, rebinding)
    try:
        # "rebind.example" resolves nowhere but through our resolver: the socket was
        # opened on the address that was checked.
        stream = backend.connect_tcp("rebind.example", port, timeout=1.0)
        stream.close()
        with pytest.raises(AddressRefused, match="cloud metadata"):
            backend.connect_tcp("rebind.example", port, timeout=1.0)
    finally:
        listener.close()
    assert asked == ["rebind.example", "rebind.example"]
