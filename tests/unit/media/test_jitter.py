"""The pass-through receive buffer: every packet goes to the decoder as it arrives, in
sequence order; nothing is held back, so nothing can latch."""

from __future__ import annotations

import pytest
from aiortc import RTCPeerConnection
from aiortc.rtp import RtpPacket

from webphone.media.config import MediaConfig
from webphone.media.jitter import PassThroughJitterBuffer, use_pass_through_buffer
from webphone.media.session import MediaSession


def packet(sequence: int) -> RtpPacket:
    p = RtpPacket(payload_type=111, sequence_number=sequence, timestamp=sequence * 960)
    p._data = bytes([sequence % 256])  # type: ignore[attr-defined]
    return p


def passed(buffer: PassThroughJitterBuffer, sequences: list[int]) -> list[int]:
    out = []
    for sequence in sequences:
        _, frame = buffer.add(packet(sequence))
        if frame is not None:
            out.append(frame.timestamp // 960)
    return out


def test_in_order_and_after_a_gap_every_packet_passes_at_once() -> None:
    assert passed(PassThroughJitterBuffer(), [10, 11, 12, 14, 15, 19]) == [10, 11, 12, 14, 15, 19]


def test_late_and_duplicate_packets_are_dropped() -> None:
    assert passed(PassThroughJitterBuffer(), [10, 12, 11, 12, 13, 13]) == [10, 12, 13]


def test_sequence_wrap_and_stream_restart() -> None:
    assert passed(PassThroughJitterBuffer(), [65534, 65535, 0, 1]) == [65534, 65535, 0, 1]
    # far behind is a restarted stream, not a late packet
    assert passed(PassThroughJitterBuffer(), [5000, 5001, 100, 101]) == [5000, 5001, 100, 101]


async def test_each_audio_receiver_of_a_call_gets_its_own_buffer() -> None:
    pc = RTCPeerConnection()
    try:
        receiver = pc.addTransceiver("audio").receiver
        use_pass_through_buffer(receiver)
        assert isinstance(receiver._RTCRtpReceiver__jitter_buffer, PassThroughJitterBuffer)  # type: ignore[attr-defined]
        other = RTCPeerConnection()
        untouched = other.addTransceiver("audio").receiver
        assert not isinstance(untouched._RTCRtpReceiver__jitter_buffer, PassThroughJitterBuffer)  # type: ignore[attr-defined]
        await other.close()
        with pytest.raises(RuntimeError, match="no jitter buffer"):
            use_pass_through_buffer(object())  # type: ignore[arg-type]
    finally:
        await pc.close()


async def test_both_ends_of_a_call_use_it_unless_configured_otherwise() -> None:
    def buffer(session: MediaSession) -> object:
        return session.pc.getTransceivers()[0].receiver._RTCRtpReceiver__jitter_buffer  # type: ignore[attr-defined]

    caller = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    callee = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    stock = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"], pass_through_receive=False))
    try:
        offer = await caller.create_offer()
        await callee.accept_offer(offer)
        await stock.accept_offer(offer)
        assert isinstance(buffer(caller), PassThroughJitterBuffer)
        assert isinstance(buffer(callee), PassThroughJitterBuffer)
        assert not isinstance(buffer(stock), PassThroughJitterBuffer)
    finally:
        for session in (caller, callee, stock):
            await session.close()
