"""A call's audio is encoded and decoded on the event loop, and its threads still end."""

from __future__ import annotations

import asyncio
import threading

import pytest
from aiortc import RTCPeerConnection

from webphone.media import opus, opus_decoder
from webphone.media.inline_codec import decode_inline, encode_inline
from webphone.media.session import MediaConfig, MediaSession
from webphone.media.tracks import GeneratedAudioTrack


async def test_audio_is_coded_on_the_event_loop_and_flows(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: dict[str, set[int]] = {"encode": set(), "decode": set()}
    encode, decode = opus.MonoOpusEncoder.encode, opus_decoder.RecoveringOpusDecoder.decode

    def spy_encode(self, frame, force_keyframe=False):  # type: ignore[no-untyped-def]
        threads["encode"].add(threading.get_ident())
        return encode(self, frame, force_keyframe)

    def spy_decode(self, encoded_frame):  # type: ignore[no-untyped-def]
        threads["decode"].add(threading.get_ident())
        return decode(self, encoded_frame)

    monkeypatch.setattr(opus.MonoOpusEncoder, "encode", spy_encode)
    monkeypatch.setattr(opus_decoder.RecoveringOpusDecoder, "decode", spy_decode)
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    caller = MediaSession(config, GeneratedAudioTrack(440))
    callee = MediaSession(config, GeneratedAudioTrack(880))
    connected = asyncio.Event()
    callee.on_connected = connected.set
    try:
        await caller.accept_answer(await callee.accept_offer(await caller.create_offer()))
        await asyncio.wait_for(connected.wait(), 10)
        for _ in range(100):
            if caller.meter.frames > 25 and callee.meter.frames > 25:
                break
            await asyncio.sleep(0.05)
        assert caller.meter.last_rms > 0.05 and callee.meter.last_rms > 0.05, "audio both ways"
    finally:
        await caller.close()
        await callee.close()
    assert threads == {"encode": {threading.get_ident()}, "decode": {threading.get_ident()}}
    decoders = [t for t in threading.enumerate() if t.name == "audio-decoder"]
    assert not decoders, "closing the calls ended aiortc's decoder threads"


async def test_applying_twice_is_harmless_and_missing_aiortc_internals_fail_loudly() -> None:
    pc = RTCPeerConnection()
    try:
        transceiver = pc.addTransceiver("audio")
        encode_inline(transceiver.sender)
        decode_inline(transceiver.receiver)
        encode_inline(transceiver.sender)  # twice is harmless
        decode_inline(transceiver.receiver)
        with pytest.raises(RuntimeError, match="event loop"):
            encode_inline(object())  # type: ignore[arg-type]
        with pytest.raises(RuntimeError, match="decoder queue"):
            decode_inline(object())  # type: ignore[arg-type]
    finally:
        await pc.close()
