"""A userspace UDP relay on loopback that impairs call media: seeded loss, delay, jitter.

This kernel has no netem, so the rig stands between two media endpoints itself. Every
loopback ICE candidate a client *receives* in an SDP is replaced by a relay socket that
stands in for the real address (``install(client, name)`` hooks the client's media), so
both directions of the call go through the relay and each end sees the other at the
address it was told. A datagram arriving at the stand-in for X from Y is sent to X from
the stand-in for Y.

Impairments apply to RTP and RTCP (so RTCP round-trip times see the delay); loss only
drops RTP, so receiver reports keep telling the sender what was lost. STUN and DTLS pass
untouched: the call sets up normally and ICE consent survives the impairment (unless
``blackout`` drops everything, as a path that is gone does).
``impair(name, ...)`` changes what is done to the datagrams going *to* that client at any
time during the call (``None``: both). The relay only binds and sends to 127.0.0.1 and
closes itself after ``lifetime`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import random
import re
import shutil
import socket
import subprocess
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from webphone.media.session import MediaSession

from .kamailio import _missing

Address = tuple[str, int]
_CANDIDATE = re.compile(
    r"^(a=candidate:\S+ \d+ udp \d+ )(\S+) (\d+)( typ .*)$", re.IGNORECASE | re.MULTILINE
)
_MLINE = re.compile(r"^(m=audio )(\d+)( .*)$", re.MULTILINE)
_CLINE = re.compile(r"^c=IN IP4 (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Impairment:
    loss: float = 0.0  # fraction of RTP packets dropped
    delay_ms: float = 0.0  # added to every RTP/RTCP packet
    # RTP only: plus a uniform random extra delay in [0, jitter_ms]. RTCP is left out
    # because its reports carry the round trip: jittered reports would read as latency.
    jitter_ms: float = 0.0
    blackout: bool = False  # drop everything, STUN and DTLS too: the path is gone


CLEAN = Impairment()


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_rtp_or_rtcp(data: bytes) -> tuple[bool, bool]:
    """(RTP, RTCP) by RFC 7983's demultiplexing: first byte 128-191 is RTP/RTCP, and
    RTCP's packet types 192-223 fill the second byte (RFC 5761 §4)."""
    if len(data) < 2 or not 128 <= data[0] <= 191:
        return False, False
    rtcp = 192 <= data[1] <= 223
    return not rtcp, rtcp


class _StandIn:
    """One relay socket: stands in for the real endpoint ``real``."""

    def __init__(self, relay: ImpairmentRelay, real: Address) -> None:
        self.relay = relay
        self.real = real
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.address: Address = self.sock.getsockname()
        relay.loop.add_reader(self.sock.fileno(), self._readable)

    def _readable(self) -> None:
        while True:
            try:
                data, source = self.sock.recvfrom(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return  # e.g. ICMP port unreachable reported on the socket
            self.relay._forward(data, source, self.real)

    def send(self, data: bytes, to: Address) -> None:
        try:
            self.sock.sendto(data, to)
        except OSError:
            self.relay.counts["send failed"] += 1

    def close(self) -> None:
        self.relay.loop.remove_reader(self.sock.fileno())
        self.sock.close()


class ImpairmentRelay:
    def __init__(self, seed: int = 1, lifetime: float = 300.0) -> None:
        self.loop = asyncio.get_running_loop()
        self.random = random.Random(seed)
        self._stand_ins: dict[Address, _StandIn] = {}
        self._owners: dict[Address, str] = {}
        self._impairments: dict[str | None, Impairment] = {}
        self.closed = False
        #: datagrams by (receiving client or '?', 'rtp' | 'rtcp' | 'other', 'sent' | 'lost')
        self.counts: Counter[Any] = Counter()
        self._expiry = self.loop.call_later(lifetime, self.close)

    # -- which client is which ----
    def install(self, client: Any, name: str) -> None:
        """Route the media of *client*'s calls through the relay; *name* is how
        :meth:`impair` refers to it."""
        client.media_listeners.append(lambda media: self._interpose(media, name))

    def _interpose(self, media: MediaSession, name: str) -> None:
        create_offer, accept_offer = media.create_offer, media.accept_offer
        accept_answer = media.accept_answer

        async def offer() -> str:
            sdp = await create_offer()
            self.claim(sdp, name)
            return sdp

        async def answer_offer(sdp: str) -> str:
            answer = await accept_offer(self.rewrite(sdp))
            self.claim(answer, name)
            return answer

        async def take_answer(sdp: str) -> None:
            await accept_answer(self.rewrite(sdp))

        media.create_offer = offer  # type: ignore[method-assign]
        media.accept_offer = answer_offer  # type: ignore[method-assign]
        media.accept_answer = take_answer  # type: ignore[method-assign]

    def claim(self, sdp: str, name: str) -> None:
        """The candidates of *sdp* (one client's own SDP) belong to client *name*."""
        for match in _CANDIDATE.finditer(sdp):
            self._owners[(match.group(2), int(match.group(3)))] = name

    # -- SDP ----
    def stand_in(self, real: Address) -> Address:
        """The relay address that stands in for *real* (created on first use)."""
        if not _is_loopback(real[0]):
            raise ValueError(f"the impairment relay only relays loopback, not {real[0]}")
        existing = self._stand_ins.get(real)
        if existing is None:
            existing = self._stand_ins[real] = _StandIn(self, real)
        return existing.address

    def rewrite(self, sdp: str) -> str:
        """*sdp* with every loopback UDP candidate (and the default address in the audio
        line) replaced by its stand-in; other candidates are removed."""
        connection = _CLINE.search(sdp)
        host = connection.group(1) if connection else "127.0.0.1"

        def candidate(match: re.Match[str]) -> str:
            address, port = match.group(2), int(match.group(3))
            if not _is_loopback(address):
                return ""
            relay_host, relay_port = self.stand_in((address, port))
            return f"{match.group(1)}{relay_host} {relay_port}{match.group(4)}"

        def mline(match: re.Match[str]) -> str:
            port = int(match.group(2))
            if port <= 9 or not _is_loopback(host):
                return match.group(0)  # the discard port: no default candidate
            return f"{match.group(1)}{self.stand_in((host, port))[1]}{match.group(3)}"

        rewritten = _CANDIDATE.sub(candidate, sdp)
        rewritten = re.sub(r"(\r?\n)(\r?\n)+", r"\1", rewritten)  # removed lines
        return _MLINE.sub(mline, rewritten)

    # -- impairing ----
    def impair(self, name: str | None = None, **impairment: Any) -> None:
        """From now on, impair the datagrams going to client *name* (None: both);
        ``impair(name)`` with no values makes that direction clean again."""
        if name is None:
            self._impairments.clear()
        self._impairments[name] = Impairment(**impairment)

    def _impairment_for(self, owner: str | None) -> Impairment:
        return self._impairments.get(owner, self._impairments.get(None, CLEAN))

    def _forward(self, data: bytes, source: Address, target: Address) -> None:
        if self.closed:
            return
        via = self._stand_ins.get(source)
        if via is None:
            try:
                self.stand_in(source)
            except ValueError:
                return  # not from loopback: not ours to relay
            via = self._stand_ins[source]
        owner = self._owners.get(target)
        rtp, rtcp = _is_rtp_or_rtcp(data)
        kind = "rtp" if rtp else "rtcp" if rtcp else "other"
        if self._impairment_for(owner).blackout:
            self.counts[(owner or "?", kind, "lost")] += 1
            return
        impairment = self._impairment_for(owner) if rtp or rtcp else CLEAN
        if rtp and impairment.loss and self.random.random() < impairment.loss:
            self.counts[(owner or "?", kind, "lost")] += 1
            return
        self.counts[(owner or "?", kind, "sent")] += 1
        delay = impairment.delay_ms
        if rtp and impairment.jitter_ms:
            delay += self.random.uniform(0.0, impairment.jitter_ms)
        if delay <= 0:
            via.send(data, target)
            return
        self.loop.call_later(delay / 1000, self._send_later, via, data, target)

    def _send_later(self, via: _StandIn, data: bytes, target: Address) -> None:
        if not self.closed:  # datagrams still in flight when the relay closes are lost
            via.send(data, target)

    def sent(self, to: str, kind: str = "rtp") -> int:
        return self.counts[(to, kind, "sent")]

    def lost(self, to: str, kind: str = "rtp") -> int:
        return self.counts[(to, kind, "lost")]

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._expiry.cancel()
        for stand_in in self._stand_ins.values():
            stand_in.close()
        self._stand_ins.clear()


@pytest.fixture
async def impairment_relay() -> AsyncIterator[ImpairmentRelay]:
    """A relay seeded with 1 that lives at most the test's length (and 5 minutes)."""
    relay = ImpairmentRelay(seed=1)
    try:
        yield relay
    finally:
        relay.close()


# -- signalling faults: nftables on the server's TCP port ----
#
# The UDP relay above impairs media. Signalling runs over TCP (WebSocket), where the
# faults a user meets are a link that goes silent (Wi-Fi gone, cable out: no FIN, no
# RST, the socket just stops carrying anything) and a lossy one (TCP retransmits, so
# loss turns into delay). nftables in the test's own network namespace does both to
# one server port, for every connection to it, old and new, without touching the code
# under test. Needs root in a loopback-only namespace (``unshare -n``, as tests/run.sh
# runs the suite); a missing ``nft`` fails under CI and skips elsewhere.

NFT_FAULT_TABLE = "webphone_link_fault"


class LinkFault:
    """nftables rules on TCP to and from one local port: ``down()`` drops everything
    (a silent link: SYNs, data, FINs and RSTs all vanish), ``lossy(percent)`` drops that
    share of segments at random, ``up()`` lets everything through again."""

    def __init__(self, nft: str, port: int) -> None:
        self.nft = nft
        self.port = port
        self.chain = f"port{port}"
        self.state = "up"
        self._nft("add", "table", "inet", NFT_FAULT_TABLE)
        self._nft(
            "add", "chain", "inet", NFT_FAULT_TABLE, self.chain,
            "{ type filter hook input priority -10; }",
        )  # fmt: skip

    def _nft(self, *args: str) -> None:
        subprocess.run([self.nft, *args], check=True, capture_output=True, timeout=10)

    def _rules(self, *match: str) -> None:
        self._nft("flush", "chain", "inet", NFT_FAULT_TABLE, self.chain)
        if not match:
            return
        # On loopback every packet passes the input hook once: both directions of the
        # link are caught by matching the port as destination and as source.
        for side in ("dport", "sport"):
            self._nft(
                "add", "rule", "inet", NFT_FAULT_TABLE, self.chain,
                "tcp", side, str(self.port), *match,
            )  # fmt: skip

    def down(self) -> None:
        self._rules("drop")
        self.state = "down"

    def lossy(self, percent: int) -> None:
        """Drop *percent* % of the segments each way (``numgen random``: no netem here)."""
        if not 0 < percent < 100:
            raise ValueError(f"loss must be 1-99 %, not {percent}")
        self._rules("numgen", "random", "mod", "100", "<", str(percent), "drop")
        self.state = f"{percent}% loss"

    def up(self) -> None:
        self._rules()
        self.state = "up"

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._nft("delete", "chain", "inet", NFT_FAULT_TABLE, self.chain)


@pytest.fixture
def link_fault() -> Iterator[Callable[[int], LinkFault]]:
    """Factory: ``fault = link_fault(port)`` gives a :class:`LinkFault` on that TCP port
    (up until told otherwise); every rule is removed after the test."""
    nft = shutil.which("nft") or ("/usr/sbin/nft" if Path("/usr/sbin/nft").exists() else None)
    if nft is None:
        _missing("nftables (nft) is not installed: run tests/rig/ensure_system.sh")
    if [name for _, name in socket.if_nameindex()] != ["lo"]:
        _missing("needs root in a loopback-only network namespace (unshare -n)")
    faults: list[LinkFault] = []

    def make(port: int) -> LinkFault:
        fault = LinkFault(str(nft), port)
        faults.append(fault)
        return fault

    yield make
    for fault in faults:
        fault.close()
