"""The adaptive playout queue between the call's decoder and the output device.

aiortc hands decoded audio over as it arrives and has no playout clock and no loss
concealment, so this queue is the call's real jitter buffer. The asyncio thread
:meth:`PlayoutQueue.push`-es decoded far-end audio (mono 48 kHz int16, any length, with
the RTP timestamp when known); the PortAudio callback :meth:`PlayoutQueue.pull`-s exactly
the samples the device wants every 10 ms.

- **Lateness to cover** from measured arrival jitter: each push's lateness against the
  earliest arrival in the last few seconds (relative transit time, as NetEq measures it).
  The lateness to cover is the 95th percentile of that; spikes the percentile misses but
  that recur (two underruns within 10 s), and a packet arriving one packet late (a loss
  the decoder rebuilt from the next packet; held while such losses go on), are covered
  too, until they stop.
- **Low water, not average depth**: depth is a saw-tooth (a packet in, device blocks
  out), and a packet that comes a fraction of a millisecond late, just after a device
  pull instead of just before it, costs that pull a whole packet. So at every pull the
  queue works out the depth it *would* find if every packet came as late as the cover
  (plus a millisecond) allows — from the earliest transit, the packet size and where
  the reader is on the sender's timeline — and steers the least of that over the last
  few packets, its low water, to one device block. Where the pulls fall against the
  pushes is then part of the sum, and jitter is not counted twice. When the cover grows,
  one pitch period at a time plays twice (overlap-added) until the low water is back up,
  so the queue grows before the later packets come, not by running dry.
- **Underrun and loss**: a missing stretch (a gap in the timestamps, or the queue running
  dry) is concealed by repeating the last pitch period, faded out over 50 ms, then
  silence; real audio comes back with a 2.5 ms cross-fade, never a click.
- **Never latched high**: when the low water is above the target (after a burst, a loss,
  or a jitter spike that has passed) one pitch period at a time, no longer than the
  excess, is cut out with an overlap-add (speech plays imperceptibly faster until the low
  water is back); far above the ceiling the queue skips ahead to the target at once.

The steady path copies from a preallocated ring into the caller's buffer under a short
lock; only concealment, compression and stretching (rare) compute a small correlation.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

SAMPLE_RATE = 48000
_MS = SAMPLE_RATE // 1000
#: Cross-fade length wherever two stretches of audio are joined.
CROSSFADE = 120  # 2.5 ms
#: Concealment plays the repeated period at full level this long, then fades it out.
CONCEAL_HOLD = 10 * _MS
CONCEAL_FADE = 40 * _MS
#: Pitch periods searched for concealment and compression (67-400 Hz).
MIN_PERIOD = 120
MAX_PERIOD = 720
#: How much past audio pitch estimation looks at.
HISTORY = 2 * MAX_PERIOD
#: A timestamp jump beyond this is a new stream (hold/resume, SSRC change), not a loss.
RESYNC = SAMPLE_RATE
#: Arrivals remembered for the jitter estimate (4 s of 20 ms packets).
JITTER_WINDOW = 200
#: Two underruns for late packets this close (s) make their lateness part of the target;
PEAK_MEMORY = 10.0
#: it stays there while such spikes go on, until none has come for the hold (s), and then
#: fades with the decay time constant (s). A single packet-late arrival (a lost packet
#: rebuilt from the next one) is covered at once but briefly: one loss must not leave the
#: delay high for long.
RECURRING_HOLD, RECURRING_DECAY = 10.0, 4.0
SINGLE_HOLD, SINGLE_DECAY = 2.5, 1.0
#: Lateness covered on top of the measured one (s): scheduling noise of the device
#: callback and of the event loop that pushes. It is time, not depth: a packet a little
#: later than the worst one seen must still come before the pull it is due for.
MARGIN = 0.001
#: The low water is the least predicted depth over the device blocks pulled while this
#: many packets arrived: every point of the saw-tooth.
LOW_WATER_PACKETS = 2
#: Pull depths remembered for it (two packets of up to 80 ms at 10 ms blocks).
LOW_WATER_SLOTS = 16
#: At most one pitch period is cut or repeated per this many device blocks.
RETIME_EVERY = 3


class PlayoutState(Enum):
    BUFFERING = "buffering"  # filling up to the target before playing (start, after loss)
    PLAYING = "playing"
    CONCEALING = "concealing"  # ran dry: synthesising until enough audio is back


@dataclass(frozen=True)
class PlayoutStats:
    """What the queue has done so far (milliseconds of audio)."""

    underruns: int
    concealed_ms: float
    dropped_ms: float
    #: time added by playing pitch periods twice (the queue growing to cover lateness)
    stretched_ms: float
    late_ms: float
    played_ms: float


class PlayoutQueue:
    """Adaptive jitter buffer for one call's far-end audio (see the module docstring).

    ``push`` is called from one thread (asyncio) and ``pull`` from another (the audio
    callback); everything else is for either thread to read.
    """

    def __init__(
        self,
        *,
        min_delay_ms: float = 10.0,
        max_delay_ms: float = 200.0,
        capacity_ms: float = 1000.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < min_delay_ms <= max_delay_ms < capacity_ms:
            raise ValueError("need 0 < min_delay_ms <= max_delay_ms < capacity_ms")
        self._min_target = int(min_delay_ms * _MS)
        self._max_target = int(max_delay_ms * _MS)
        # Far beyond the target ceiling the queue skips ahead instead of compressing.
        self._ceiling = self._max_target + 100 * _MS
        self._size = int(capacity_ms * _MS) + HISTORY
        self._ring = np.zeros(self._size, dtype=np.int16)
        self._clock = clock
        self._lock = threading.Lock()
        self._write = 0  # total samples written (ring position = value % size)
        self._read = 0  # total samples read
        self._state = PlayoutState.BUFFERING
        self._target = self._min_target
        self._block = 10 * _MS  # samples per device pull, as last seen
        # what the push side tells the pull side's depth prediction
        self._earliest: float | None = None  # least transit offset (s) in the window
        self._cover = 0.0  # lateness (s) to cover
        self._written_pts = 0  # sender's timeline position of the ring's write end
        # predicted depths of recent pulls while playing; the low water is their minimum
        self._depths = np.zeros(LOW_WATER_SLOTS, dtype=np.int64)
        self._depth_count = 0  # pulls recorded since playing (re)started
        # push side: where the next sample belongs on the sender's timeline
        self._expected_pts: int | None = None
        self._arrivals = np.zeros(JITTER_WINDOW, dtype=np.float64)
        self._arrival_count = 0
        self._last_arrival = 0.0
        self._peak = 0.0  # lateness (s) of spikes seen to recur
        self._peak_seen = -math.inf  # when the last such spike came
        self._memory = (SINGLE_HOLD, SINGLE_DECAY)  # how long the peak is kept
        self._starved = (-math.inf, 0.0)  # (time, lateness) of the last packet ran dry for
        self._packet = 20 * _MS  # running estimate of samples per push
        # concealment
        self._period = np.zeros(MAX_PERIOD, dtype=np.float32)
        self._period_len = MIN_PERIOD
        self._conceal_at = 0  # samples synthesised in the current concealment
        self._concealed_since_data = 0
        self._envelope = np.concatenate(
            [
                np.ones(CONCEAL_HOLD, dtype=np.float32),
                np.linspace(1.0, 0.0, CONCEAL_FADE, dtype=np.float32),
            ]
        )
        self._fade_in = np.linspace(0.0, 1.0, CROSSFADE, dtype=np.float32)
        self._fade_out = self._fade_in[::-1].copy()
        self._scratch = np.zeros(self._size, dtype=np.float32)
        self._ramps: dict[int, np.ndarray] = {}
        self._since_retime = 0
        self._blend = np.zeros(2 * MAX_PERIOD + SAMPLE_RATE // 10, dtype=np.float32)
        # counters (samples)
        self._underruns = 0
        self._concealed = 0
        self._dropped = 0
        self._stretched = 0
        self._late = 0
        self._played = 0

    # -- what callers read ----------------------------------------------------------------

    @property
    def delay_ms(self) -> float:
        """Audio buffered right now, in milliseconds."""
        return (self._write - self._read) / _MS

    @property
    def target_ms(self) -> float:
        """The depth (ms) the queue steers towards at its low point: the lateness it
        covers plus one device block and a margin."""
        return self._target / _MS

    @property
    def state(self) -> PlayoutState:
        return self._state

    @property
    def stats(self) -> PlayoutStats:
        return PlayoutStats(
            underruns=self._underruns,
            concealed_ms=self._concealed / _MS,
            dropped_ms=self._dropped / _MS,
            stretched_ms=self._stretched / _MS,
            late_ms=self._late / _MS,
            played_ms=self._played / _MS,
        )

    # -- push (asyncio thread) ------------------------------------------------------------

    def push(self, samples: np.ndarray, pts: int | None = None) -> None:
        """Queue decoded far-end audio: mono 48 kHz int16 samples, any length.

        *pts* is the first sample's position on the sender's timeline (the RTP timestamp
        in 48 kHz units, as aiortc's decoded frames carry it); with it, lost packets are
        concealed in place and late or repeated audio is discarded. Without it, audio is
        taken to follow on from the previous push.
        """
        data = np.asarray(samples).reshape(-1)
        if data.dtype != np.int16:
            raise TypeError(f"playout audio must be int16, not {data.dtype}")
        count = len(data)
        if count == 0:
            return
        gap = 0
        expected = self._expected_pts
        if pts is None:
            pts = expected or 0
        elif expected is None:
            pass
        elif abs(pts - expected) > RESYNC:
            self._arrival_count = 0  # a new stream: forget the old one's timing
            self._earliest, self._depth_count = None, 0
        elif pts < expected:
            skip = expected - pts
            self._late += min(skip, count)
            if skip >= count:
                return
            data, pts, count = data[skip:], pts + skip, count - skip
        else:
            gap = pts - expected
        self._expected_pts = pts + count
        self._packet += (count - self._packet) // 8
        starved = self._state is PlayoutState.CONCEALING and self._write == self._read
        self._note_arrival(self._expected_pts, starved=starved and not gap)
        with self._lock:
            self._store(data, blend=bool(gap) and self._fill_gap(gap))
            self._written_pts = self._expected_pts

    def _note_arrival(self, end_pts: int, *, starved: bool) -> None:
        """Lateness of this arrival against the earliest one in the window → target.

        The 95th percentile ignores rare spikes, and a one-off stall should not leave the
        delay high; but when the queue runs dry waiting for a late packet (*starved*) twice
        within ``PEAK_MEMORY``, spikes of that size recur: the target covers them from then
        on, and forgets them once none has come for a while. Up to two packets late (a lost
        packet rebuilt from the next one) is covered at once, and forgotten sooner unless
        another such spike comes within ``PEAK_MEMORY`` (random loss): then it is held as
        a recurring one.
        """
        now = self._clock()
        slot = self._arrival_count % JITTER_WINDOW
        self._arrivals[slot] = now - end_pts / SAMPLE_RATE
        self._arrival_count += 1
        seen = self._arrivals[: min(self._arrival_count, JITTER_WINDOW)]
        earliest = np.min(seen)
        late = float(self._arrivals[slot] - earliest)
        if starved:
            if now - self._starved[0] < PEAK_MEMORY:
                self._peak = max(self._peak, min(late, self._starved[1]))
                self._memory = (RECURRING_HOLD, RECURRING_DECAY)
            elif late <= 2 * self._packet / SAMPLE_RATE and late > self._peak:
                # a packet or two late: what a loss costs when the decoder rebuilds the
                # lost packet from the next one; cheap to cover at once
                self._peak = late
                self._memory = (SINGLE_HOLD, SINGLE_DECAY)
            self._starved = (now, late)
        hold, decay = self._memory
        if self._peak and late >= self._peak * 0.75:
            if now - self._peak_seen < PEAK_MEMORY:
                # a second spike soon after, covered or not: they recur (random loss)
                self._memory = (RECURRING_HOLD, RECURRING_DECAY)
            self._peak_seen = now  # spikes of that size go on: keep covering them
        elif now - self._peak_seen > hold:
            self._peak *= math.exp(-(now - self._last_arrival) / decay)
        self._last_arrival = now
        lateness = max(float(np.percentile(seen, 95) - earliest), self._peak)
        self._earliest, self._cover = float(earliest), lateness
        wanted = int((lateness + MARGIN) * SAMPLE_RATE) + self._block
        self._target = max(self._min_target, min(self._max_target, wanted))

    def _fill_gap(self, gap: int) -> bool:
        """Conceal *gap* missing samples in the timeline (caller holds the lock); True
        when concealment was written, which the next audio must fade in from."""
        if self._state is PlayoutState.CONCEALING and self._write == self._read:
            # The reader is already synthesising this stretch live.
            gap -= self._concealed_since_data
        else:
            self._start_concealment(self._write)
        gap = min(gap, self._size - HISTORY - (self._write - self._read))
        if gap <= 0:
            return False
        fill = self._scratch[:gap]
        self._synthesise(fill)
        self._concealed += gap
        self._write_ring(fill)
        return True

    def _store(self, data: np.ndarray, *, blend: bool) -> None:
        if blend:
            # the real audio fades in over the concealment's continuation
            head = min(CROSSFADE, len(data))
            mixed = self._blend[:head]
            self._synthesise(mixed)
            mixed *= self._fade_out[:head]
            mixed += data[:head] * self._fade_in[:head]
            self._write_ring(mixed)
            data = data[head:]
        room = self._size - HISTORY - (self._write - self._read)
        if len(data) > room:
            # Nobody is pulling (device stopped): keep the newest audio.
            self._dropped += len(data) - room
            self._read += len(data) - room
        self._write_ring(data)

    def _write_ring(self, data: np.ndarray) -> None:
        start = self._write % self._size
        first = min(len(data), self._size - start)
        self._ring[start : start + first] = data[:first]
        self._ring[: len(data) - first] = data[first:]
        self._write += len(data)

    # -- pull (audio callback thread) -----------------------------------------------------

    def pull(self, count: int, out: np.ndarray | None = None) -> np.ndarray:
        """Exactly *count* samples to play now (int16); into *out* when given."""
        if out is None:
            out = np.empty(count, dtype=np.int16)
        elif len(out) != count or out.dtype != np.int16:
            raise ValueError(f"out must be {count} int16 samples")
        with self._lock:
            self._pull(count, out)
        return out

    def _pull(self, count: int, out: np.ndarray) -> None:
        available = self._write - self._read
        self._block = count
        resumed_from = None
        if self._state is not PlayoutState.PLAYING:
            if not self._ready(available, count):
                self._fill_silence_or_concealment(out)
                return
            resumed_from, self._state = self._state, PlayoutState.PLAYING
            self._depth_count = 0
        if available < count:
            self._copy_from(self._read, out[:available])
            self._read += available
            self._played += available
            self._underruns += 1
            self._state = PlayoutState.CONCEALING
            self._start_concealment(self._read)
            self._concealed_since_data = 0
            self._fill_silence_or_concealment(out[available:])
            return
        if self._earliest is not None:
            predicted = self._prediction(available)[0]
            self._depths[self._depth_count % LOW_WATER_SLOTS] = predicted
            self._depth_count += 1
        self._since_retime += 1
        if available > self._ceiling:
            self._skip_to_target(count, out)
        elif not (self._since_retime >= RETIME_EVERY and self._retime(count, out)):
            self._copy_from(self._read, out)
            self._read += count
        if resumed_from is PlayoutState.CONCEALING:
            self._crossfade_head(out)
        elif resumed_from is PlayoutState.BUFFERING:
            head = min(CROSSFADE, count)
            out[:head] = out[:head] * self._fade_in[:head]
        self._played += count

    def _ready(self, available: int, count: int) -> bool:
        """Enough audio to (re)start playing: this pull and the ones before the next
        packet is due each find a block, even if that packet is as late as the cover
        allows."""
        if available < count:
            return False
        if self._earliest is None:
            return available >= self._target + self._packet
        predicted, until_next = self._prediction(available)
        pulls = max(1, -(-until_next // count))
        return predicted >= pulls * count

    def _prediction(self, available: int) -> tuple[int, int]:
        """(the depth this pull would find if every packet came as late as the cover
        allows, samples until the next packet is due so): the packets due by then on the
        earliest transit, less where the reader is on the sender's timeline."""
        assert self._earliest is not None
        due = (self._clock() - self._cover - MARGIN - self._earliest) * SAMPLE_RATE
        packet = max(self._packet, 1)
        arrived = self._written_pts + packet * math.floor((due - self._written_pts) / packet)
        return arrived - (self._written_pts - available), int(arrived + packet - due)

    def _low_water_window(self) -> int:
        """Pulls that span ``LOW_WATER_PACKETS`` packets at the current sizes."""
        pulls = -(-LOW_WATER_PACKETS * self._packet // max(self._block, 1))
        return max(2, min(LOW_WATER_SLOTS, pulls))

    def _low_water(self, window: int) -> int:
        """Least depth the last *window* pulls found (caller checked there were that many)."""
        end = self._depth_count % LOW_WATER_SLOTS
        if end >= window:
            return int(np.min(self._depths[end - window : end]))
        head = np.min(self._depths[:end], initial=self._size)
        return int(min(head, np.min(self._depths[end - window :])))

    def _fill_silence_or_concealment(self, out: np.ndarray) -> None:
        if self._state is PlayoutState.CONCEALING:
            block = self._scratch[: len(out)]
            self._synthesise(block)
            out[:] = block
            self._concealed += len(out)
            self._concealed_since_data += len(out)
        else:
            out[:] = 0

    def _crossfade_head(self, out: np.ndarray) -> None:
        """Real audio after concealment: fade it in over the synthesis continuing."""
        head = min(CROSSFADE, len(out))
        mixed = self._blend[:head]
        self._synthesise(mixed)
        mixed *= self._fade_out[:head]
        mixed += out[:head] * self._fade_in[:head]
        out[:head] = mixed

    def _copy_from(self, position: int, dest: np.ndarray) -> None:
        """Ring samples from *position* (a running sample count) into *dest*."""
        start = position % self._size
        first = min(len(dest), self._size - start)
        dest[:first] = self._ring[start : start + first]
        dest[first:] = self._ring[: len(dest) - first]

    def _retime(self, count: int, out: np.ndarray) -> bool:
        """Steer the low water to what a device block needs, one pitch period at a time.

        Above it by a period or more: the block is cross-faded into itself one period
        later (a period is cut out, never more than the excess, so the trough does not
        sink below). Below it (the lateness to cover grew): into itself one period
        earlier (a period plays twice, at most the deficit plus the shortest period, so
        the next step does not cut it out again). Speech plays imperceptibly faster or
        slower meanwhile. False (nothing done) when the low water is where it should be,
        not yet known, or there is too little audio to search.
        """
        window = self._low_water_window()
        if self._depth_count < window:
            return False
        off = self._low_water(window) - max(self._min_target, count)
        if off >= MIN_PERIOD:
            longest = min(MAX_PERIOD, off, self._write - self._read - count)
            if longest < MIN_PERIOD:
                return False
            span = self._blend[: count + longest]
            self._copy_from(self._read, span)
            shift = _best_period(span, count)
            block, other = span[:count], span[shift : shift + count]
        elif off < 0:
            longest = min(MAX_PERIOD, MIN_PERIOD - 1 - off)
            span = self._blend[: count + longest]
            self._copy_from(self._read - longest, span)
            # searched backwards: the lag at which the block matches the audio before it
            shift = -_best_period(span[::-1], count)
            block = span[longest : longest + count]
            other = span[longest + shift : longest + shift + count]
        else:
            return False
        ramp = self._ramps.get(count)
        if ramp is None:
            ramp = self._ramps[count] = np.linspace(0.0, 1.0, count, dtype=np.float32)
        mixed = self._scratch[:count]
        np.subtract(other, block, out=mixed)
        mixed *= ramp
        mixed += block
        out[:] = mixed
        self._read += count + shift
        if shift > 0:
            self._dropped += shift
        else:
            self._stretched -= shift
        self._since_retime = 0
        # every depth remembered is now that much more (or less) than what is left
        self._depths -= shift
        return True

    def _skip_to_target(self, count: int, out: np.ndarray) -> None:
        """Far too deep (nobody pulled for a while): jump to the newest audio."""
        skip = self._write - self._read - self._target - count
        old = self._blend[:CROSSFADE]
        self._copy_from(self._read, old)
        self._read += skip
        self._dropped += skip
        self._copy_from(self._read, out)
        self._read += count
        self._depth_count = 0  # the depths remembered were before the skip
        head = min(CROSSFADE, count)
        out[:head] = old[:head] * self._fade_out[:head] + out[:head] * self._fade_in[:head]

    # -- concealment ------------------------------------------------------------------

    def _start_concealment(self, position: int) -> None:
        """Take the pitch period just before *position* as what to repeat."""
        history = self._blend[:HISTORY]
        self._copy_from(position - HISTORY, history)
        period = _best_period(history[::-1], MIN_PERIOD * 2)
        self._period_len = period
        self._period[:period] = history[HISTORY - period :]
        self._conceal_at = 0

    def _synthesise(self, dest: np.ndarray) -> None:
        """The next ``len(dest)`` concealment samples (float32, in place)."""
        period = self._period_len
        at = self._conceal_at
        done = 0
        total = len(dest)
        audible = len(self._envelope)
        while done < total and at + done < audible:
            phase = (at + done) % period
            run = min(period - phase, total - done, audible - at - done)
            dest[done : done + run] = self._period[phase : phase + run]
            done += run
        if done:
            dest[:done] *= self._envelope[at : at + done]
        dest[done:] = 0.0
        self._conceal_at = at + total


def _best_period(signal: np.ndarray, length: int) -> int:
    """The lag (MIN_PERIOD…MAX_PERIOD) at which ``signal[:length]`` best matches itself
    further on: a pitch period for voiced speech, a harmless lag otherwise."""
    longest = min(MAX_PERIOD, len(signal) - length)
    if longest <= MIN_PERIOD:
        return MIN_PERIOD
    head = signal[:length].astype(np.float64)
    windows = sliding_window_view(signal[: longest + length], length)[MIN_PERIOD : longest + 1]
    products = windows @ head
    energy = np.einsum("ij,ij->i", windows, windows) + 1e-9
    score = products / np.sqrt(energy)
    return MIN_PERIOD + int(np.argmax(score))
