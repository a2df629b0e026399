"""Two media sessions on loopback: negotiation, audio both ways, mute keeps the stream."""

from __future__ import annotations

import asyncio

from webphone.media.dscp import EF_TOS, tos_values
from webphone.media.sdp import opus_max_average_bitrate
from webphone.media.session import MediaConfig, MediaSession
from webphone.media.tracks import GeneratedAudioTrack


async def test_audio_flows_both_ways_and_mute_sends_silence() -> None:
    config = MediaConfig(allowed_addresses=["127.0.0.1"], max_average_bitrate=32000)
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    callee.on_connected = connected.set
    try:
        offer = await caller.create_offer()
        assert opus_max_average_bitrate(offer) == 32000
        assert "stun.l.google.com" not in offer
        answer = await callee.accept_offer(offer)
        await caller.accept_answer(answer)
        await asyncio.wait_for(connected.wait(), 10)
        for _ in range(100):
            if caller.meter.frames > 25 and callee.meter.frames > 25:
                break
            await asyncio.sleep(0.05)
        assert caller.meter.last_rms > 0.05 and callee.meter.last_rms > 0.05
        assert tos_values(caller.pc) and set(tos_values(caller.pc)) == {EF_TOS}, "DSCP 46"
        caller.set_muted(True)
        frames = callee.meter.frames
        await asyncio.sleep(0.6)
        assert callee.meter.frames > frames + 10, "the stream stays alive while muted"
        assert callee.meter.last_rms < 0.01, "and carries silence"
    finally:
        await caller.close()
        await callee.close()


async def _bytes_sent_per_second(bitrate: int) -> float:
    config = MediaConfig(allowed_addresses=["127.0.0.1"], max_average_bitrate=bitrate)
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    caller.on_connected = connected.set
    try:
        await caller.accept_answer(await callee.accept_offer(await caller.create_offer()))
        await asyncio.wait_for(connected.wait(), 10)
        await asyncio.sleep(0.5)

        async def sent() -> int:
            stats = await caller.pc.getStats()
            return sum(s.bytesSent for s in stats.values() if s.type == "outbound-rtp")

        start = await sent()
        await asyncio.sleep(2.0)
        return (await sent() - start) / 2.0
    finally:
        await caller.close()
        await callee.close()


async def test_max_average_bitrate_governs_our_opus_encoder() -> None:
    low = await _bytes_sent_per_second(12000)
    high = await _bytes_sent_per_second(48000)
    # 12 kb/s is 1500 B/s of payload; 48 kb/s is 6000 B/s (aiortc alone sends ~15000 B/s).
    assert 900 < low < 2500, low
    assert 4000 < high < 8000, high


async def test_rfc4733_events_are_reported_and_audio_keeps_flowing() -> None:
    from aiortc.rtp import RtpPacket

    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    tones: list[tuple[str, int]] = []
    callee.on_dtmf = lambda tone, ms: tones.append((tone, ms))
    connected = asyncio.Event()
    caller.on_connected = connected.set
    try:
        offer = await caller.create_offer()
        assert "telephone-event/48000" in offer and "telephone-event/8000" in offer
        answer = await callee.accept_offer(offer)
        assert "a=rtpmap:101 telephone-event/48000" in answer, "we answer RFC 4733 ourselves"
        await caller.accept_answer(answer)
        await asyncio.wait_for(connected.wait(), 10)
        await asyncio.sleep(0.3)
        sender = caller.pc.getTransceivers()[0].sender
        before = callee.meter.frames
        sequence = 0
        for code in (5, 11):  # "5" and "#"
            timestamp = 1000 * code
            for end in (False, True, True, True):  # progress, then the end packet thrice
                sequence += 1
                packet = RtpPacket(payload_type=101, sequence_number=sequence, timestamp=timestamp)
                # Its own SSRC keeps SRTP's replay window apart from aiortc's audio stream.
                packet.ssrc = sender._ssrc ^ 1
                packet.payload = bytes([code, (0x80 if end else 0) | 10]) + (4800).to_bytes(
                    2, "big"
                )
                await sender.transport._send_rtp(packet.serialize())
        for _ in range(50):
            if len(tones) == 2:
                break
            await asyncio.sleep(0.02)
        assert tones == [("5", 100), ("#", 100)]
        await asyncio.sleep(0.5)
        assert callee.meter.frames > before + 20, "incoming audio did not stop"
    finally:
        await caller.close()
        await callee.close()
