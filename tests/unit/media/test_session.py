"""Two media sessions on loopback: negotiation, audio both ways, mute keeps the stream."""

from __future__ import annotations

import asyncio
import re

import numpy as np
from aiortc import RTCSessionDescription

from webphone.media.config import MediaConfig
from webphone.media.dscp import EF_TOS, tos_values
from webphone.media.sdp import opus_max_average_bitrate
from webphone.media.session import MediaSession
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


async def _connected_pair(
    *, strip_events: bool = False
) -> tuple[MediaSession, MediaSession, list[np.ndarray]]:
    """A caller sending silence and a callee recording what it hears."""
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    caller = MediaSession(config, GeneratedAudioTrack(0))
    callee = MediaSession(config, GeneratedAudioTrack(0))
    heard: list[np.ndarray] = []
    # aiortc decodes to interleaved stereo: keep the left channel.
    channels = {"mono": 1, "stereo": 2}
    callee.meter.listeners.append(
        lambda frame: heard.append(frame.to_ndarray().reshape(-1)[:: channels[frame.layout.name]])
    )
    connected = asyncio.Event()
    caller.on_connected = connected.set
    offer = await caller.create_offer()
    if strip_events:  # a far end that knows no telephone-event
        offer = "".join(
            re.sub(r" (101|126)\b", "", line) if line.startswith("m=audio") else line
            for line in offer.splitlines(keepends=True)
            if not re.match(r"a=(rtpmap|fmtp):(101|126) ", line)
        )
    await caller.accept_answer(await callee.accept_offer(offer))
    await asyncio.wait_for(connected.wait(), 10)
    await asyncio.sleep(0.3)
    return caller, callee, heard


def _tone_power(samples: np.ndarray, frequency: float) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    bin_hz = 48000 / len(samples)
    index = round(frequency / bin_hz)
    return float(spectrum[index - 2 : index + 3].max())


async def test_send_dtmf_goes_as_rfc4733_events_the_far_end_reports() -> None:
    caller, callee, _heard = await _connected_pair()
    tones: list[tuple[str, int]] = []
    callee.on_dtmf = lambda tone, ms: tones.append((tone, ms))
    try:
        assert caller.telephone_events
        assert await caller.send_dtmf("7") and await caller.send_dtmf("#", 160)
        for _ in range(50):
            if len(tones) == 2:
                break
            await asyncio.sleep(0.02)
        assert tones == [("7", 100), ("#", 160)]
        frames = callee.meter.frames
        await asyncio.sleep(0.5)
        assert callee.meter.frames > frames + 15, "the audio goes on after the events"
    finally:
        await caller.close()
        await callee.close()


async def test_send_dtmf_without_telephone_event_mixes_the_dual_tone_into_the_audio() -> None:
    caller, callee, heard = await _connected_pair(strip_events=True)
    try:
        assert not caller.telephone_events
        heard.clear()
        assert await caller.send_dtmf("9", 200)
        await asyncio.sleep(0.3)
        audio = np.concatenate(heard).astype(np.float64)
        loud = np.flatnonzero(np.abs(audio) > 2000)
        assert loud.size, "the tone was heard"
        burst = audio[loud[0] : loud[0] + 4800]  # 100 ms inside the tone
        # "9": 852 Hz + 1477 Hz; no energy at the other rows and columns.
        present = min(_tone_power(burst, 852), _tone_power(burst, 1477))
        absent = max(_tone_power(burst, f) for f in (697, 770, 941, 1209, 1336))
        assert present > 20 * absent, (present, absent)
        duration_ms = (loud[-1] - loud[0]) / 48
        assert 150 < duration_ms < 260, duration_ms
    finally:
        await caller.close()
        await callee.close()


def _plivo_filtered(offer: str, keep: list[str]) -> str:
    """*offer* as the Plivo Browser SDK's codec filter leaves it: the ``m=`` line cut down
    to *keep*, every ``a=rtpmap``/``a=fmtp`` line of the dropped types still there."""
    return re.sub(
        r"^(m=audio \S+ \S+)((?: \d+)*)(?=\r?$)",
        lambda m: f"{m.group(1)} {' '.join(keep)}",
        offer,
        flags=re.MULTILINE,
    )


def _mline_formats(sdp: str) -> list[str]:
    match = re.search(r"^m=audio \S+ \S+((?: \d+)*)\r?$", sdp, re.MULTILINE)
    assert match, sdp
    return match.group(1).split()


async def test_answer_lists_only_the_formats_of_the_offers_m_line() -> None:
    """RFC 3264 §6.1; Chrome refuses the answer otherwise ("Bad Media Description")."""
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    caller.on_connected = connected.set
    try:
        offer = await caller.create_offer()
        assert "telephone-event/8000" in offer and "telephone-event/48000" in offer
        opus = re.search(r"a=rtpmap:(\d+) opus/", offer)
        assert opus
        filtered = _plivo_filtered(offer, [opus.group(1), "0"])
        answer = await callee.accept_offer(filtered)
        assert set(_mline_formats(answer)) <= {opus.group(1), "0"}, answer
        assert "telephone-event" not in answer
        await caller.accept_answer(answer)
        await asyncio.wait_for(connected.wait(), 10)
        assert not callee.telephone_events, "no events were offered on the m= line"
    finally:
        await caller.close()
        await callee.close()


async def test_offer_carries_no_telephone_event_fmtp() -> None:
    """The Plivo SDK keeps fmtp lines of types it drops, and Chrome fails to parse an offer
    with ``a=fmtp:<pt> 0-16`` for a type not on the m= line: we send none (0-15 implied)."""
    session = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        offer = await session.create_offer()
        events = re.findall(r"a=rtpmap:(\d+) telephone-event/", offer)
        assert events
        assert not [pt for pt in events if f"a=fmtp:{pt} " in offer], offer
    finally:
        await session.close()


def _identity(sdp: str) -> list[str]:
    return sorted(re.findall(r"^a=(?:ice-ufrag|ice-pwd|fingerprint):.*?\r?$", sdp, re.MULTILINE))


def _direction(sdp: str) -> str:
    match = re.search(r"^a=(sendrecv|sendonly|recvonly|inactive)\r?$", sdp, re.MULTILINE)
    assert match, sdp
    return match.group(1)


async def _reoffer(peer: MediaSession, direction: str) -> str:
    """A re-offer from *peer*'s own connection, as a phone's hold or resume re-INVITE."""
    transceiver = peer.pc.getTransceivers()[0]
    transceiver.direction = direction
    await peer.pc.setLocalDescription(await peer.pc.createOffer())
    assert peer.pc.localDescription is not None
    return peer.pc.localDescription.sdp


async def test_hold_and_resume_are_answered_on_the_same_connection() -> None:
    """A gateway (rtpengine) drops the media of a peer whose ICE credentials or DTLS
    fingerprint change in a re-INVITE: hold and resume keep them, and audio comes back."""
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    phone = MediaSession(config, GeneratedAudioTrack(440))
    us = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    us.on_connected = connected.set
    try:
        first = await us.accept_offer(await phone.create_offer())
        await phone.accept_answer(first)
        await asyncio.wait_for(connected.wait(), 10)

        hold = await _reoffer(phone, "sendonly")
        assert us.keeps_transport(hold)
        held = await us.accept_reoffer(hold)
        assert _direction(held) == "recvonly"
        assert _identity(held) == _identity(first), "same ICE credentials and fingerprint"
        await phone.pc.setRemoteDescription(RTCSessionDescription(held, "answer"))
        frames = phone.meter.frames
        await asyncio.sleep(0.5)
        assert phone.meter.frames - frames < 10, "on hold we send nothing"

        resume = await _reoffer(phone, "sendrecv")
        resumed = await us.accept_reoffer(resume)
        assert _direction(resumed) == "sendrecv"
        assert _identity(resumed) == _identity(first)
        await phone.pc.setRemoteDescription(RTCSessionDescription(resumed, "answer"))
        for _ in range(100):
            if phone.meter.frames > frames + 25 and phone.meter.last_rms > 0.05:
                break
            await asyncio.sleep(0.05)
        assert phone.meter.frames > frames + 25 and phone.meter.last_rms > 0.05, "audio again"
        assert us.meter.last_rms > 0.05
    finally:
        await phone.close()
        await us.close()


async def test_a_restarted_peer_is_not_answered_on_the_old_connection() -> None:
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    phone, other, us = (MediaSession(config) for _ in range(3))
    try:
        await phone.accept_answer(await us.accept_offer(await phone.create_offer()))
        assert not us.keeps_transport(await other.create_offer()), "new ICE credentials"
    finally:
        for session in (phone, other, us):
            await session.close()


async def test_pcma_only_peers_negotiate_a_law_and_hear_each_other() -> None:
    """G.711 A-law (the ``codecs`` option's PCMA) between two peers that offer nothing else."""
    config = MediaConfig(allowed_addresses=["127.0.0.1"], codecs=("PCMA",))
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    callee.on_connected = connected.set
    try:
        offer = await caller.create_offer()
        assert _mline_formats(offer)[0] == "8" and "a=rtpmap:8 PCMA/8000" in offer
        answer = await callee.accept_offer(offer)
        assert _mline_formats(answer)[0] == "8"
        await caller.accept_answer(answer)
        await asyncio.wait_for(connected.wait(), 10)
        for _ in range(100):
            if caller.meter.last_rms > 0.05 and callee.meter.last_rms > 0.05:
                break
            await asyncio.sleep(0.05)
        assert caller.meter.last_rms > 0.05 and callee.meter.last_rms > 0.05
    finally:
        await caller.close()
        await callee.close()
