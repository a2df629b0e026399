"""Measuring what a listener hears, without a sound card: a source that sends marker
bursts on a known schedule, a device thread that pulls the playout every 10 ms on its own
clock (as a PortAudio callback does), and seeded packet loss on receive.

The delay of a marker is when its onset leaves the simulated device minus when the source
handed the frame holding it to the encoder: jitter buffer, decoder and playout queue
together (the network is loopback).
"""

from __future__ import annotations

import asyncio
import fractions
import random
import threading
import time
from collections.abc import Awaitable, Callable, Iterable

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.rtcdtlstransport import RTCDtlsTransport
from av import AudioFrame

from webphone.audio.playout import PlayoutQueue
from webphone.media.config import MediaConfig
from webphone.sdk import Client

RATE = 48000
FRAME = 960
BLOCK = 480


class StockReceiveClient(Client):
    """A Webphone client whose calls keep aiortc's own receive jitter buffer: the peer
    the benches measure ours against."""

    def _media_config(self) -> MediaConfig:
        config = super()._media_config()
        config.pass_through_receive = False
        return config


class MarkerTrack(MediaStreamTrack):
    """20 ms frames in real time: silence with a 10 ms 1 kHz burst every *interval* s
    (longer than any delay measured: a marker is matched to the latest one sent)."""

    kind = "audio"

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__()
        self.interval = interval
        self.start: float | None = None
        self._pts = 0
        every = int(interval * RATE)
        burst = (np.sin(2 * np.pi * 1000 * np.arange(BLOCK) / RATE) * 16000).astype(np.int16)
        self._cycle = np.zeros(every, dtype=np.int16)
        self._cycle[FRAME : FRAME + BLOCK] = burst  # 20 ms in, clear of frame edges

    def sent_at(self, index: int) -> float:
        """When the frame with burst *index* went to the encoder (monotonic clock)."""
        assert self.start is not None
        return self.start + index * self.interval + FRAME / RATE

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self.start is None:
            self.start = time.monotonic()
        delay = self.start + self._pts / RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        offset = self._pts % len(self._cycle)
        samples = np.resize(self._cycle[offset : offset + FRAME], FRAME)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


def mono(frame: AudioFrame) -> np.ndarray:
    """A decoded frame (aiortc's Opus decoder gives packed stereo) as mono int16."""
    samples = frame.to_ndarray().reshape(-1)
    return samples[:: len(frame.layout.channels)].astype(np.int16, copy=False)


class Fifo:
    """What playing aiortc's frames on a device amounts to without a playout queue:
    samples in arrival order, silence whenever there are none."""

    def __init__(self) -> None:
        self._data = np.zeros(0, dtype=np.int16)
        self._lock = threading.Lock()

    def push(self, samples: np.ndarray, pts: int | None = None) -> None:
        with self._lock:
            self._data = np.concatenate([self._data, samples])

    def pull(self, count: int, out: np.ndarray) -> np.ndarray:
        with self._lock:
            take = min(count, len(self._data))
            out[:take] = self._data[:take]
            out[take:] = 0
            self._data = self._data[take:]
        return out

    @property
    def delay_ms(self) -> float:
        return len(self._data) / RATE * 1000


Playout = PlayoutQueue | Fifo


class Device(threading.Thread):
    """Pulls *playout* 10 ms at a time on absolute deadlines; records what it plays and
    the times of marker onsets."""

    def __init__(self, playout: Playout, seconds: float) -> None:
        super().__init__(name="simulated-device", daemon=True)
        self.playout = playout
        self.recording = np.zeros(int(seconds * RATE) + BLOCK, dtype=np.int16)
        self.played = 0
        self.onsets: list[float] = []
        self.depths: list[tuple[float, float]] = []
        self._stop_event = threading.Event()
        self._quiet = 0

    def run(self) -> None:
        block = np.zeros(BLOCK, dtype=np.int16)
        deadline = time.monotonic()
        while not self._stop_event.is_set() and self.played + BLOCK <= len(self.recording):
            now = time.monotonic()
            self.playout.pull(BLOCK, block)
            self.recording[self.played : self.played + BLOCK] = block
            self.played += BLOCK
            self.depths.append((now, self.playout.delay_ms))
            loud = np.flatnonzero(np.abs(block) > 4000)
            if len(loud) and self._quiet >= 10 * BLOCK:
                self.onsets.append(now + loud[0] / RATE)
            self._quiet = BLOCK - 1 - loud[-1] if len(loud) else self._quiet + BLOCK
            deadline += BLOCK / RATE
            time.sleep(max(0.0, deadline - time.monotonic()))

    def stop(self) -> None:
        self._stop_event.set()
        self.join(5)

    def marker_delays(self, source: MarkerTrack) -> list[tuple[float, float]]:
        """(onset time, delay s) for each marker heard."""
        assert source.start is not None
        result = []
        for onset in self.onsets:
            index = int((onset - source.start - FRAME / RATE) // source.interval)
            result.append((onset, onset - source.sent_at(index)))
        return result


class ReceiveLoss:
    """Drops incoming RTP packets of one DTLS transport where aiortc's RTP handling starts
    (the place media/dtmf.py diverts RFC 4733 packets): the packets numbered in *drop*
    (counting from 0 as they arrive), and each other one with probability *rate* from a
    seeded generator."""

    def __init__(
        self,
        transport: RTCDtlsTransport,
        *,
        drop: Iterable[int] = (),
        rate: float = 0.0,
        seed: int = 1,
    ) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.drop = set(drop)
        self.dropped_at: list[float] = []  # monotonic times
        self.received = 0
        handler: Callable[[bytes, int], Awaitable[None]] = transport._handle_rtp_data

        async def filtered(data: bytes, arrival_time_ms: int) -> None:
            number, self.received = self.received, self.received + 1
            if number in self.drop or (self.rate and self.rng.random() < self.rate):
                self.dropped_at.append(time.monotonic())
                return
            await handler(data, arrival_time_ms)

        transport._handle_rtp_data = filtered  # type: ignore[method-assign]
