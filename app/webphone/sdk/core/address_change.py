"""A call's media after the host's addresses change: when to set it up afresh.

A laptop that moves from Wi-Fi to Ethernet, or gets a new DHCP lease, loses the address
its call's media was sent from. aiortc cannot restart ICE on a peer connection, and its
consent checks only give up after 30 s, so the call would go silent both ways with no
one to notice. While a call is answered, :class:`AddressWatch` looks at the host's
addresses once a second (never while idle) and asks :func:`decide` whether the media
must move; the call manager then re-INVITEs with a new peer connection gathered on the
addresses there are now (new ICE credentials), as it does after a reconnect.
"""

from __future__ import annotations

import asyncio
import enum
import ipaddress
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from .log import get_logger

log = get_logger(__name__)

#: How often (s) the addresses are looked at during an answered call.
POLL_INTERVAL = 1.0
#: Media silent this long (s) counts as dead when a new address has appeared. Shorter
#: than any consent timeout, longer than the gaps of a lossy link or a DTX pause.
SILENCE_LIMIT = 2.0
#: The first and longest pause (s) before trying again after a failed restart, so a
#: peer that refuses re-INVITEs gets one a while, not one a second.
RETRY_FIRST = 2.0
RETRY_LONGEST = 30.0


class Verdict(enum.Enum):
    """What the media of a call needs after a look at the host's addresses."""

    #: Its address is still there (or it is unknown and nothing new appeared).
    KEEP = "keep"
    #: The host has no address to gather on at all: a re-INVITE could offer nothing;
    #: wait for one to appear.
    WAIT = "no address to move to"
    #: The address the media is sent from has gone.
    ADDRESS_GONE = "the media's address has gone"
    #: The media is silent and an address appeared that it did not gather on.
    NEW_ADDRESS = "a new address while the media is silent"

    @property
    def restarts(self) -> bool:
        return self in (Verdict.ADDRESS_GONE, Verdict.NEW_ADDRESS)


@dataclass(frozen=True)
class MediaPath:
    """One look at a call's media path and the host's addresses."""

    #: The local address the media is sent from (ICE's selected pair), None if unknown:
    #: ICE has not chosen a pair yet, has closed it, or the path is relayed.
    local_address: str | None
    #: The addresses ICE could gather on now (the allowed ones that are present).
    addresses: frozenset[str]
    #: The addresses the call's peer connection gathered on when it was set up.
    gathered: frozenset[str]
    #: Seconds since the last audio frame arrived from the far end (or since this
    #: peer connection was set up, if none has).
    silent_for: float


def _canonical(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return address


def decide(path: MediaPath) -> Verdict:
    """Whether the call's media must be set up afresh on the host's current addresses.

    * No usable address at all: :attr:`Verdict.WAIT`. A new offer would carry no
      candidate; the next look, once an address appears, restarts.
    * The address the media is sent from is no longer the host's:
      :attr:`Verdict.ADDRESS_GONE`, at once, whether or not audio still trickles in
      (nothing we send can leave from it any more).
    * The media has been silent for :data:`SILENCE_LIMIT` and the host has an address
      the peer connection did not gather on: :attr:`Verdict.NEW_ADDRESS`. This covers a
      path whose address we cannot see (relayed, or ICE not connected yet because the
      address went while it was being set up) and a host that lost every address and
      got a new one. Silence alone (a peer on hold) or a new address alone (a VPN coming
      up under a call that works) moves nothing.
    * Otherwise :attr:`Verdict.KEEP`.
    """
    addresses = frozenset(_canonical(a) for a in path.addresses)
    if not addresses:
        return Verdict.WAIT
    if path.local_address is not None and _canonical(path.local_address) not in addresses:
        return Verdict.ADDRESS_GONE
    gathered = frozenset(_canonical(a) for a in path.gathered)
    if path.silent_for >= SILENCE_LIMIT and addresses - gathered:
        return Verdict.NEW_ADDRESS
    return Verdict.KEEP


def retry_pause(failures: int) -> float:
    """The pause before the next restart after *failures* failed ones in a row."""
    if failures <= 0:
        return 0.0
    return float(min(RETRY_LONGEST, RETRY_FIRST * 2 ** (failures - 1)))


class WatchedMedia(Protocol):
    """What the watch reads of a call's peer connection."""

    @property
    def local_address(self) -> str | None: ...

    @property
    def gathered_addresses(self) -> frozenset[str]: ...

    @property
    def frames_received(self) -> int: ...


class WatchedCall(Protocol):
    """What the watch needs of the call manager for one call."""

    def media(self) -> WatchedMedia | None:
        """The call's current media; None once the call is over (the watch ends)."""

    def signalling_up(self) -> bool:
        """Whether a re-INVITE can be sent now. While reconnecting it can't, and the
        recovery re-INVITE after the reconnect sets the media up on the new addresses."""

    def restart(self, reason: str) -> Coroutine[Any, Any, bool]:
        """Re-INVITE with a new peer connection; whether the media was replaced."""


class AddressWatch:
    """Polls the host's addresses during one answered call and restarts its media when
    :func:`decide` says so; one restart at a time, with a growing pause after
    failures."""

    def __init__(
        self,
        call: WatchedCall,
        addresses: Callable[[], frozenset[str]],
        *,
        interval: float = POLL_INTERVAL,
        label: str = "",
    ) -> None:
        self._call = call
        self._addresses = addresses
        self._interval = interval
        self._label = label

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        heard: tuple[int, int] | None = None  # (id of the media, frames) last seen
        heard_at = loop.time()
        failures = 0
        not_before = 0.0
        deferred = False
        while True:
            await asyncio.sleep(self._interval)
            media = self._call.media()
            if media is None:
                return
            now = loop.time()
            seen = (id(media), media.frames_received)
            if seen != heard:
                heard, heard_at = seen, now
            try:
                addresses = self._addresses()
            except OSError as exc:  # the interface list itself could not be read
                log.warning("call %s: cannot read the host's addresses: %s", self._label, exc)
                continue
            verdict = decide(
                MediaPath(
                    local_address=media.local_address,
                    addresses=addresses,
                    gathered=media.gathered_addresses,
                    silent_for=now - heard_at,
                )
            )
            if not verdict.restarts or now < not_before:
                continue
            if not self._call.signalling_up():
                if not deferred:
                    log.info(
                        "call %s: %s; the reconnect's re-INVITE will move the media",
                        self._label,
                        verdict.value,
                    )
                deferred = True
                continue
            deferred = False
            log.info("call %s: %s: re-INVITE with new media", self._label, verdict.value)
            if await self._call.restart(verdict.value):
                failures = 0
                heard = None
            else:
                failures += 1
                not_before = loop.time() + retry_pause(failures)
