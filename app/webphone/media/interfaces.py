"""Which local addresses ICE may offer as host candidates.

aioice gathers on every interface except 127.0.0.1 and has no setting for it. A user may
want to keep media off a VPN or a second NIC, and the loopback-only test namespace needs
127.0.0.1 itself. We wrap aioice's address lookup once, and the wrapper honours a
per-task choice (a ContextVar), so two calls in one process can choose differently.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
from collections.abc import Iterator, Sequence

import aioice.ice
import ifaddr

_allowed: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "webphone_allowed_host_addresses", default=None
)
_original = aioice.ice.get_host_addresses


def _all_addresses() -> list[str]:
    found: list[str] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                found.append(ip.ip)
            elif ip.ip[2] == 0:  # IPv6 without a scope id (not link-local)
                found.append(ip.ip[0])
    return found


def resolve_allowed(entries: Sequence[str]) -> tuple[str, ...]:
    """Addresses for *entries*: literal IPs are kept, interface names expand to their IPs.

    Raises ValueError naming an entry that is neither an address nor a known interface.
    """
    adapters = {a.nice_name: a for a in ifaddr.get_adapters()}
    adapters.update({a.name: a for a in ifaddr.get_adapters()})
    result: list[str] = []
    for entry in entries:
        try:
            result.append(str(ipaddress.ip_address(entry)))
            continue
        except ValueError:
            pass
        adapter = adapters.get(entry)
        if adapter is None:
            raise ValueError(f"{entry!r} is neither an IP address nor a network interface")
        result.extend(ip.ip if isinstance(ip.ip, str) else ip.ip[0] for ip in adapter.ips)
    return tuple(dict.fromkeys(result))


def _restricted(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    allowed = _allowed.get()
    if allowed is None:
        return _original(use_ipv4=use_ipv4, use_ipv6=use_ipv6)
    present = set(_all_addresses())
    chosen = []
    for address in allowed:
        version = ipaddress.ip_address(address).version
        if address in present and ((version == 4 and use_ipv4) or (version == 6 and use_ipv6)):
            chosen.append(address)
    return chosen


aioice.ice.get_host_addresses = _restricted


@contextlib.contextmanager
def host_addresses(allowed: Sequence[str] | None) -> Iterator[None]:
    """Within this block (this task), ICE offers only *allowed* addresses (None: aioice's)."""
    token = _allowed.set(resolve_allowed(allowed) if allowed is not None else None)
    try:
        yield
    finally:
        _allowed.reset(token)


def gatherable_addresses(allowed: Sequence[str] | None) -> frozenset[str]:
    """The addresses ICE would gather host candidates on right now: the *allowed* ones
    present on an interface (None: aioice's own choice). What a call's media could move
    to after the host's addresses changed; an entry naming an interface that has gone
    is skipped, not an error, as interfaces come and go while a call runs."""
    chosen: tuple[str, ...] | None = None
    if allowed is not None:
        found: list[str] = []
        for entry in allowed:
            with contextlib.suppress(ValueError):
                found.extend(resolve_allowed([entry]))
        chosen = tuple(found)
    token = _allowed.set(chosen)
    try:
        return frozenset(_restricted(use_ipv4=True, use_ipv6=True))
    finally:
        _allowed.reset(token)
