"""The impairment relay itself, with plain UDP sockets on loopback: SDP rewriting, which
datagrams it impairs, seeded loss, delay, switching mid-stream, closing."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from pathlib import Path

import pytest
from tests.rig.impairment import ImpairmentRelay

RECORDED = Path(__file__).parents[1] / "unit" / "quality" / "data" / "aiortc_call_stats.json"
RTP = bytes([0x80, 111]) + bytes(30)  # version 2, Opus payload type
RTCP = bytes([0x80, 201]) + bytes(30)  # receiver report
STUN = bytes([0x00, 0x01]) + bytes(30)  # binding request


class Endpoint:
    """A UDP socket on loopback that keeps what it receives, with arrival times."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.address = self.sock.getsockname()
        self.received: list[tuple[float, bytes, tuple[str, int]]] = []
        asyncio.get_running_loop().add_reader(self.sock.fileno(), self._read)

    def _read(self) -> None:
        data, source = self.sock.recvfrom(2048)
        self.received.append((time.monotonic(), data, source))

    def close(self) -> None:
        asyncio.get_running_loop().remove_reader(self.sock.fileno())
        self.sock.close()


def sdp_with(address: tuple[str, int], extra: str = "") -> str:
    host, port = address
    return (
        "v=0\r\nc=IN IP4 127.0.0.1\r\n"
        f"m=audio {port} UDP/TLS/RTP/SAVPF 111\r\n"
        f"a=candidate:1 1 udp 2130706431 {host} {port} typ host\r\n{extra}"
        "a=end-of-candidates\r\n"
    )


async def test_rewritten_sdp_points_both_ends_at_the_relay() -> None:
    relay = ImpairmentRelay(seed=3)
    try:
        recorded = json.loads(RECORDED.read_text())["answer_sdp"]
        rewritten = relay.rewrite(recorded)
        real = [line for line in recorded.splitlines() if line.startswith("a=candidate")]
        relayed = [line for line in rewritten.splitlines() if line.startswith("a=candidate")]
        assert len(real) == len(relayed) >= 1 and real != relayed
        for line in relayed:
            host, port = line.split()[4:6]
            assert host == "127.0.0.1" and (host, int(port)) != tuple(real[0].split()[4:6])
        foreign = sdp_with(
            ("127.0.0.1", 40000), "a=candidate:2 1 udp 1 192.0.2.7 5000 typ host\r\n"
        )
        assert "192.0.2.7" not in relay.rewrite(foreign), "only loopback is relayed"
        with pytest.raises(ValueError, match="only relays loopback"):
            relay.stand_in(("192.0.2.7", 5000))
    finally:
        relay.close()


async def test_loss_delay_and_switching_per_receiver() -> None:
    relay = ImpairmentRelay(seed=3)
    alice, bob = Endpoint(), Endpoint()
    try:
        # As the SDP exchange would: each end is told the other's stand-in.
        relay.claim(sdp_with(alice.address), "alice")  # what install() does with each
        relay.claim(sdp_with(bob.address), "bob")  # client's own SDP
        to_bob = relay.stand_in(bob.address)
        relay.stand_in(alice.address)

        relay.impair("bob", loss=0.5)
        for i in range(400):
            alice.sock.sendto(RTP, to_bob)
            if i % 20 == 19:
                await asyncio.sleep(0.002)  # paced: no socket buffer overflows
        for datagram in (RTCP, STUN):
            alice.sock.sendto(datagram, to_bob)
        await asyncio.sleep(0.3)
        got = [data for _, data, _ in bob.received]
        assert 150 < got.count(RTP) < 250, "about half the RTP, seeded"
        assert relay.lost("bob") == 400 - got.count(RTP) == 400 - relay.sent("bob")
        assert RTCP in got and STUN in got, "loss only drops RTP"
        assert {source for _, _, source in bob.received} == {relay.stand_in(alice.address)}

        bob.received.clear()
        relay.impair("bob", delay_ms=200)
        sent = time.monotonic()
        alice.sock.sendto(RTP, to_bob)
        alice.sock.sendto(STUN, to_bob)
        await asyncio.sleep(0.4)
        arrivals = {data: at - sent for at, data, _ in bob.received}
        assert arrivals[RTP] >= 0.19 and arrivals[STUN] < 0.1, "STUN is never delayed"

        bob.received.clear()
        relay.impair("bob")  # clean again
        bob.sock.sendto(RTP, relay.stand_in(alice.address))
        alice.sock.sendto(RTP, to_bob)
        await asyncio.sleep(0.1)
        assert [data for _, data, _ in bob.received] == [RTP]
        assert [data for _, data, _ in alice.received] == [RTP], "and the other way"

        relay.close()
        alice.sock.sendto(RTP, to_bob)
        await asyncio.sleep(0.1)
        assert len(bob.received) == 1, "closed: nothing relayed"
    finally:
        relay.close()
        alice.close()
        bob.close()
