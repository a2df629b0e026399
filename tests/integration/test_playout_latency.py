"""The aiortc latch regression: one lost packet, then ten seconds of clean audio, and the
playout delay (receive buffer + decoder + our playout queue) is back at its pre-loss value.

Real RTP between two media sessions on loopback; the packet is dropped on receive where
aiortc's RTP handling starts. With aiortc's own jitter buffer the same run goes from
~95 ms to ~365 ms and stays there (the issue's "latch").
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

import pytest
from av import AudioFrame
from tests.rig.playout_probe import Device, MarkerTrack, ReceiveLoss, mono

from webphone.audio.playout import PlayoutQueue
from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack

pytestmark = pytest.mark.timeout(60)


async def test_delay_returns_to_its_pre_loss_value_after_one_lost_packet() -> None:
    config = MediaConfig(allowed_addresses=["127.0.0.1"])
    source = MarkerTrack()
    caller = MediaSession(config, source)
    callee = MediaSession(config, GeneratedAudioTrack())
    playout = PlayoutQueue()
    # (arrival time, pts) of each decoded frame: the receive path's own delay
    arrivals: list[tuple[float, int]] = []

    def heard(frame: AudioFrame) -> None:
        arrivals.append((time.monotonic(), frame.pts))
        playout.push(mono(frame), frame.pts)

    callee.meter.listeners.append(heard)
    connected = asyncio.Event()
    callee.on_connected = connected.set
    device = Device(playout, seconds=15)
    try:
        await caller.accept_answer(await callee.accept_offer(await caller.create_offer()))
        await asyncio.wait_for(connected.wait(), 10)
        # one packet, seeded, about 3 s in (20 ms packets)
        lost = 150 + random.Random(4).randrange(25)
        loss = ReceiveLoss(callee.pc.getTransceivers()[0].receiver.transport, drop={lost})
        device.start()
        await asyncio.sleep(13.0)
    finally:
        device.stop()
        await caller.close()
        await callee.close()
    assert len(loss.dropped_at) == 1
    lost_at = loss.dropped_at[0]
    # Receive buffer + decoder: this is what latched with aiortc's buffer (+200 ms).
    assert source.start is not None
    lag = [(t, t - source.start - pts / 48000) for t, pts in arrivals]
    receive_pre = statistics.median(d for t, d in lag if lost_at - 2.0 < t < lost_at)
    receive_post = statistics.median(d for t, d in lag if t > lost_at + 7.0)
    assert receive_post <= receive_pre + 0.005, (receive_pre, receive_post)
    # And what comes out of the device: receive path and playout queue.
    delays = device.marker_delays(source)
    before = [d for t, d in delays if lost_at - 2.0 < t < lost_at]
    settled = [d for t, d in delays if t > lost_at + 7.0]
    assert len(before) >= 3 and len(settled) >= 5, delays
    pre, post = statistics.median(before), statistics.median(settled)
    assert pre < 0.060, f"pre-loss delay {pre * 1000:.0f} ms"
    # The latch guarded against is +200 ms for good. The queue may still be covering a
    # scheduling spike of a loaded machine (its target follows measured lateness), which
    # the receive path above is free of: allow that much, not more.
    assert post <= pre + 0.030, f"delay {pre * 1000:.0f} ms before, {post * 1000:.0f} ms after"
