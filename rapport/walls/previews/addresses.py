"""Which addresses the preview fetcher may connect to.

A link preview makes the server fetch a URL a user typed, so a hostile link could point the
server at itself, the office network or the cloud's metadata service (server-side request
forgery). Only addresses on the public internet are allowed. The rules are written out here,
on top of ``ipaddress``'s ``is_global``, because that flag misses some cases (multicast is
"global" in Python 3.11) and because an IPv6 address can carry an IPv4 one inside it."""

from __future__ import annotations

import ipaddress
from collections.abc import Collection

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Refused even where ``is_global`` would let them through on some Python version.
_ALWAYS_REFUSED: tuple[IPNetwork, ...] = (
    ipaddress.ip_network("0.0.0.0/8"),  # "this network"
    ipaddress.ip_network("100.64.0.0/10"),  # shared address space (carrier-grade NAT)
    ipaddress.ip_network("169.254.169.254/32"),  # cloud metadata (AWS, GCP, Azure, ...)
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("fd00:ec2::254/128"),  # AWS metadata over IPv6
    ipaddress.ip_network("64:ff9b:1::/48"),  # local-use NAT64
)

# IPv6 prefixes that carry an IPv4 address in their last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

HOSTS_REFUSED_BY_NAME = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_public(address: IPAddress) -> bool:
    """True if ``address`` is routable on the public internet, judging an IPv6 address that
    wraps an IPv4 one (mapped ``::ffff:a.b.c.d``, 6to4, NAT64) by the IPv4 address inside,
    since that is where the packets would end up."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return is_public(inner)
    if any(address in network for network in _ALWAYS_REFUSED):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def is_allowed(address: IPAddress, exceptions: Collection[IPNetwork] = frozenset()) -> bool:
    """True if the fetcher may connect to ``address``: it is public, or it lies in one of the
    ``exceptions`` (which only tests pass, to reach a server on 127.0.0.1)."""
    if any(address in network for network in exceptions):
        return True
    return is_public(address)


def is_refused_name(host: str) -> bool:
    """True for host names that always mean this machine, refused before any DNS lookup."""
    name = host.rstrip(".").lower()
    return name in HOSTS_REFUSED_BY_NAME or name.endswith(".localhost")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None  # Teredo (2001::/32) stays refused: it is not global, whatever it wraps.
