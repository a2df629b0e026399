"""How a phrase came back from an echo service: the round trip and how much of its speech
returned intact. Pure numpy on whole recordings (no audio path here: the voice-path check
runs this once, after its call, off the event loop).

- **Round trip**: the lag at which the returned recording best matches what was sent, by
  FFT cross-correlation of the two waveforms on one timeline (the check records both on
  the same 20 ms ticks, so the lag is the time from "microphone" to "speaker").
- **Alignment that follows the playout queue**: a jitter buffer grows and shrinks during
  a call (it plays a pitch period twice, or cuts one), so the echo of a 3 s phrase may
  come back 20 ms later at its end than at its start, and after a burst it may shrink by
  a hundred. That is no damage to the voice, but a fixed alignment would call every
  frame after the change a level swing. So each 100 ms block of the phrase is aligned on
  its own, within 40 ms of its neighbour, starting from the block that matches the
  overall lag best; a block that does not match clearly better elsewhere (damaged, or a
  hole) keeps its neighbour's lag. The round trip is the median over the blocks.
- **Speech returned intact**: the phrase is cut into 20 ms frames; its speech frames (at
  most 30 dB below its loudest frame) are compared with the same frames of the aligned
  return. After the gain most frames around it agree on (within a second either side:
  codecs change the level of everything, and gain control moves it slowly as it adapts,
  which is no damage), a frame is intact when it came back within ±6 dB of its sent
  level. A hole (the echo canceller muting the talker, a lost packet) is far below that,
  a level swing (gain control pumping syllable by syllable) above or below it: both count
  against.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RATE = 48000
FRAME = RATE // 50  # 20 ms: a packet, and short enough to see a 100 ms hole as five frames
#: A speech frame counts as intact within this many dB of its sent level (after the gain).
BAND_DB = 6.0
#: Frames of the phrase at most this far below its loudest frame are its speech.
SPEECH_RANGE_DB = 30.0
#: ...and never quieter than this (a phrase of near-silence has no speech to judge).
SPEECH_FLOOR_DBFS = -60.0
#: Below this normalised correlation the recording does not hold the phrase at all.
MIN_CORRELATION = 0.12
#: Blocks aligned on their own (samples at 48 kHz): 100 ms, five frames.
BLOCK = RATE // 10
#: How far one block's lag may be from its neighbour's (samples): 40 ms.
DRIFT = RATE // 25
#: A block takes a lag of its own only where it matches this well (normalised)...
BLOCK_CORRELATION = 0.5
#: ...and this much better than at its neighbour's lag (else it keeps that one).
SWITCH_MARGIN = 0.15
#: A frame this far below its sent level did not come back at all (no codec or gain
#: control takes 30 dB off speech): a hole, whatever the overall gain.
GONE_DB = -30.0
#: The gain a frame is judged against is the one the frames within this many either side
#: agree on (50: one second): slow enough that a syllable-long swing stands out.
GAIN_SPAN_FRAMES = 50
#: Fewer speech frames than this in that span: the overall gain is used instead.
MIN_LOCAL_FRAMES = 10
#: The level of digital silence (log of zero is floored here).
SILENCE_DBFS = -120.0

Samples = npt.NDArray[np.int16] | npt.NDArray[np.float64]


@dataclass(frozen=True)
class VoicePathFigures:
    """What one echo of a phrase shows."""

    round_trip_ms: float
    #: share (0..100) of the phrase's speech frames that came back within ±6 dB
    intact_percent: float
    #: speech frames that came back more than 6 dB too quiet, or not at all (holes)
    weakened_percent: float
    #: speech frames that came back more than 6 dB too loud
    boosted_percent: float
    #: the overall gain from sent to returned (dB) that the comparison allowed for
    gain_db: float
    speech_frames: int
    #: normalised cross-correlation at the round trip (1.0: an exact, scaled copy)
    correlation: float


def level_dbfs(samples: Samples) -> float:
    """Mean power of int16-scaled *samples* in dBFS (silence: :data:`SILENCE_DBFS`)."""
    if not len(samples):
        return SILENCE_DBFS
    power = float(np.mean(np.square(samples, dtype=np.float64))) / 32768.0**2
    return max(SILENCE_DBFS, 10 * float(np.log10(power))) if power > 0 else SILENCE_DBFS


def frame_levels_db(samples: Samples, frame: int = FRAME) -> npt.NDArray[np.float64]:
    """The dBFS level of each whole *frame*-sample frame (a partial last frame is left out)."""
    count = len(samples) // frame
    blocks = np.asarray(samples[: count * frame], dtype=np.float64).reshape(count, frame)
    power = np.mean(np.square(blocks), axis=1) / 32768.0**2
    with np.errstate(divide="ignore"):
        levels: npt.NDArray[np.float64] = np.maximum(10 * np.log10(power), SILENCE_DBFS)
    return levels


def find_delay(sent: Samples, returned: Samples, max_delay: int) -> tuple[int, float]:
    """(lag in samples, normalised correlation there): where *sent* best matches
    *returned*, looking at lags 0..*max_delay*. The lag is chosen on the raw correlation
    (a quiet stretch must not win by normalisation); its sign is ignored, so a far end
    that inverts polarity is still found."""
    a = np.asarray(sent, dtype=np.float64)
    b = np.asarray(returned, dtype=np.float64)
    size = 1 << int(len(a) + len(b) - 1).bit_length()
    spectrum = np.fft.rfft(b, size) * np.conj(np.fft.rfft(a, size))
    # correlation[k] = sum over t of returned[t + k] * sent[t]
    correlation = np.fft.irfft(spectrum, size)[: min(max_delay, len(b) - 1) + 1]
    lag = int(np.argmax(np.abs(correlation)))
    window = b[lag : lag + len(a)]
    energy = float(np.dot(a[: len(window)], a[: len(window)])) * float(np.dot(window, window))
    score = abs(float(correlation[lag])) / float(np.sqrt(energy)) if energy > 0 else 0.0
    return lag, score


def best_gain(differences: npt.NDArray[np.float64], width_db: float = BAND_DB) -> float:
    """The gain (dB) most frames that came back agree on: the median of the *differences*
    (returned minus sent level, per frame) in the densest *width_db*-wide stretch of
    them, holes (:data:`GONE_DB` down or more) left out. Swings are outliers to it
    however many there are, as long as the intact frames are the largest group of like
    level; and a phrase mostly cut to silence is not taken for a quiet phrase (a median
    alone would go with the holes past half). 0 when nothing came back."""
    ordered = np.sort(differences[differences > GONE_DB])
    if not len(ordered):
        return 0.0
    ends = np.searchsorted(ordered, ordered + width_db, side="right")
    first = int(np.argmax(ends - np.arange(len(ordered))))
    return float(np.median(ordered[first : int(ends[first])]))


def local_gains(
    frames: npt.NDArray[np.intp], differences: npt.NDArray[np.float64], overall: float
) -> npt.NDArray[np.float64]:
    """For each speech frame (its index in *frames*, its returned-minus-sent level in
    *differences*), the gain the speech frames within :data:`GAIN_SPAN_FRAMES` of it agree
    on (:func:`best_gain`); *overall* where that span holds too few of them."""
    gains = np.full(len(frames), overall)
    for i, frame in enumerate(frames):
        near = np.abs(frames - frame) <= GAIN_SPAN_FRAMES
        if int(np.count_nonzero(near)) >= MIN_LOCAL_FRAMES:
            gains[i] = best_gain(differences[near])
    return gains


def _block_match(
    sent: npt.NDArray[np.float64], returned: npt.NDArray[np.float64], start: int, center: int
) -> tuple[int, float, float]:
    """(best lag, its normalised correlation, the correlation at *center*) of the sent
    block at *start*, for lags within ±DRIFT of *center*."""
    block = sent[start : start + BLOCK]
    first = start + center - DRIFT
    window = np.zeros(len(block) + 2 * DRIFT, dtype=np.float64)
    lo, hi = max(0, first), min(len(returned), first + len(window))
    if hi > lo:
        window[lo - first : hi - first] = returned[lo:hi]
    size = 1 << int(len(window) + len(block)).bit_length()
    spectrum = np.fft.rfft(window, size) * np.conj(np.fft.rfft(block, size))
    correlation = np.fft.irfft(spectrum, size)[: 2 * DRIFT + 1]
    own = float(np.dot(block, block))

    def score(offset: int) -> float:
        part = window[offset : offset + len(block)]
        energy = own * float(np.dot(part, part))
        return abs(float(correlation[offset])) / float(np.sqrt(energy)) if energy > 0 else 0.0

    best = int(np.argmax(np.abs(correlation)))
    return center - DRIFT + best, score(best), score(DRIFT)


def block_lags(
    sent: Samples, returned: Samples, lag: int, speech: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """The lag of each :data:`BLOCK` of *sent* (see the module docstring): blocks with
    *speech* (per block) are matched, tracking outwards from the one that matches best
    at *lag*. A block moves to a new lag only when that matches well and clearly better
    than its neighbour's: voiced speech repeats every pitch period, so a block half
    eaten by a hole may match a little better a few periods off, where its missing half
    would be filled from the next syllable and the hole hidden."""
    a = np.asarray(sent, dtype=np.float64)
    b = np.asarray(returned, dtype=np.float64)
    count = len(speech)
    lags = np.full(count, lag, dtype=np.int64)
    if not speech.any():
        return lags
    anchors = [(_block_match(a, b, int(i) * BLOCK, lag), int(i)) for i in np.flatnonzero(speech)]
    (anchor_lag, best, here), anchor = max(anchors, key=lambda item: item[0][2])
    if not _moves(best, here):
        anchor_lag = lag
    lags[anchor] = anchor_lag
    for step in (1, -1):
        current = anchor_lag
        for i in range(anchor + step, count if step > 0 else -1, step):
            if speech[i]:
                found, best, here = _block_match(a, b, i * BLOCK, current)
                if _moves(best, here):
                    current = found
            lags[i] = current
    return lags


def _moves(best: float, here: float) -> bool:
    return best >= BLOCK_CORRELATION and best >= here + SWITCH_MARGIN


def measure(
    sent: Samples, returned: Samples, *, max_delay_ms: float = 2000.0
) -> VoicePathFigures | None:
    """The figures for *sent* (the phrase on the check's timeline: silence, phrase,
    silence) and *returned* (what the speaker got, on the same timeline), both 48 kHz,
    or ``None`` when the phrase is not in *returned* (silence, or audio that is not its
    echo)."""
    lag, correlation = find_delay(sent, returned, int(max_delay_ms * RATE / 1000))
    if correlation < MIN_CORRELATION:
        return None
    sent_db = frame_levels_db(sent)
    speech = (sent_db >= sent_db.max() - SPEECH_RANGE_DB) & (sent_db >= SPEECH_FLOOR_DBFS)
    count = int(np.count_nonzero(speech))
    if count == 0:
        return None
    per_block = BLOCK // FRAME
    blocks = -(-len(speech) // per_block)
    block_speech = np.zeros(blocks * per_block, dtype=bool)
    block_speech[: len(speech)] = speech
    speaking = np.any(block_speech.reshape(blocks, per_block), axis=1)
    lags = block_lags(sent, returned, lag, speaking)
    returned_db = np.array(
        [_frame_level(returned, i * FRAME + int(lags[i // per_block])) for i in range(len(speech))]
    )
    differences = returned_db[speech] - sent_db[speech]
    gain = best_gain(differences)
    off = differences - local_gains(np.flatnonzero(speech), differences, gain)
    speech_blocks = lags[speaking]
    return VoicePathFigures(
        round_trip_ms=float(np.median(speech_blocks)) * 1000.0 / RATE,
        intact_percent=100.0 * int(np.count_nonzero(np.abs(off) <= BAND_DB)) / count,
        weakened_percent=100.0 * int(np.count_nonzero(off < -BAND_DB)) / count,
        boosted_percent=100.0 * int(np.count_nonzero(off > BAND_DB)) / count,
        gain_db=gain,
        speech_frames=count,
        correlation=correlation,
    )


def _frame_level(samples: Samples, start: int) -> float:
    """The level of the 20 ms frame of *samples* at *start* (silence past either end)."""
    lo, hi = max(0, start), max(0, min(len(samples), start + FRAME))
    if hi <= lo:
        return SILENCE_DBFS
    power = float(np.sum(np.square(samples[lo:hi], dtype=np.float64))) / FRAME / 32768.0**2
    return max(SILENCE_DBFS, 10 * float(np.log10(power))) if power > 0 else SILENCE_DBFS
