"""The voice-path check's stand-ins for the sound card: a phrase sent as if it were the
microphone, through a call's capture chain, and the far end played as a speaker would play
it. No device is opened, so the check measures the chain and the network, not the room.

Both run on one clock, the call's outgoing track (every 20 ms, like a duplex sound card
whose capture and playback blocks come together): each tick first plays 20 ms of the far
end out of the call's own :class:`~webphone.audio.playout.PlayoutQueue` in two 10 ms
blocks, as the speaker callback does, feeding each to the chain's echo reference; then it
sends 20 ms of the phrase (or silence) through the chain. What the "microphone" said and
what the "speaker" played are kept on that common timeline, so a lag between the two is
the round trip. The recordings are allocated once, up front; a tick only copies.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from typing import TYPE_CHECKING

import numpy as np
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame

from ..media.tracks import MutableSourceTrack
from .capture_worker import CaptureChain
from .engine import queue_far_end
from .playout import PlayoutQueue
from .stream import BLOCK, SAMPLE_RATE

if TYPE_CHECKING:
    import av

TICK = SAMPLE_RATE // 50  # 20 ms: what aiortc's encoders take, as MicrophoneTrack sends
_TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)


class ProbeSpeaker:
    """The far end as the speaker gets it: decoded frames into a playout queue (as the
    engine queues them in a call), pulled in the speaker's 10 ms blocks, recorded and
    handed to the capture chain's echo reference."""

    def __init__(self, capacity: int, chain: CaptureChain) -> None:
        import av  # PyAV is loaded by a call anyway; an idle app does without

        self.queue = PlayoutQueue()
        self.recording = np.zeros(capacity, dtype=np.int16)
        self.frames_heard = 0  # decoded far-end frames so far: the path back is live
        self._chain = chain
        self._resampler: av.AudioResampler = av.AudioResampler(
            format="s16", layout="mono", rate=SAMPLE_RATE
        )

    def hear(self, frame: AudioFrame) -> None:
        """A remote-audio listener: one decoded far-end frame."""
        self.frames_heard += 1
        queue_far_end(self.queue, self._resampler, frame)

    def play(self, position: int, count: int) -> None:
        """Play *count* samples at *position* of the timeline (whole speaker blocks)."""
        for start in range(position, position + count, BLOCK):
            block = self.recording[start : start + BLOCK]
            self.queue.pull(BLOCK, block)
            self._chain.far_end(block)


class PhraseTrack(MutableSourceTrack):
    """The call's outgoing audio: silence, then :meth:`start_phrase`'s phrase, then
    silence, through the capture chain, one tick of the shared clock per 20 ms frame.
    ``muted`` sends silence (RTP keeps flowing), as the microphone track does."""

    def __init__(self, phrase: np.ndarray, chain: CaptureChain, speaker: ProbeSpeaker) -> None:
        super().__init__()
        capacity = len(speaker.recording)
        if capacity % TICK:
            raise ValueError(f"the timeline must be whole 20 ms ticks, not {capacity} samples")
        self.phrase = np.asarray(phrase, dtype=np.int16)
        self.sent = np.zeros(capacity, dtype=np.int16)  # what the "microphone" said
        self.position = 0  # samples of the timeline played and sent so far
        self.phrase_at: int | None = None  # where the phrase starts on the timeline
        self._chain = chain
        self._speaker = speaker
        self._silence = np.zeros(TICK, dtype=np.int16)
        self._start: float | None = None

    @property
    def capacity(self) -> int:
        return len(self.sent)

    @property
    def phrase_end(self) -> int | None:
        return None if self.phrase_at is None else self.phrase_at + len(self.phrase)

    def start_phrase(self, delay: int = 0) -> None:
        """Start the phrase *delay* samples from now (rounded up to a whole tick)."""
        ticks = -(-delay // TICK)
        at = self.position + ticks * TICK
        self.phrase_at = at
        end = min(self.capacity, at + len(self.phrase))
        if end > at:
            self.sent[at:end] = self.phrase[: end - at]

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        # Paced like the microphone track: a frame is sent once its 20 ms have passed.
        delay = self._start + (self.position + TICK) / SAMPLE_RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        position = self.position
        if position + TICK <= self.capacity:
            self._speaker.play(position, TICK)
            microphone = self.sent[position : position + TICK]
        else:  # past the timeline (the check is over): silence, unrecorded
            microphone = self._silence
        processed = self._chain.process(microphone)
        samples = self._silence if self.muted else processed
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = position
        frame.time_base = _TIME_BASE
        self.position = position + TICK
        return frame
