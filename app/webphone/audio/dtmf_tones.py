"""DTMF dual tones (ITU-T Q.23 frequencies) as mono 48 kHz int16 audio: in-band DTMF mixed
into a call's outgoing audio, and the local key-press feedback tones."""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 48000
FRAME_SAMPLES = 480

#: Digit → (low-group Hz, high-group Hz), ITU-T Q.23.
DTMF_FREQUENCIES: dict[str, tuple[int, int]] = {
    "1": (697, 1209), "2": (697, 1336), "3": (697, 1477), "A": (697, 1633),
    "4": (770, 1209), "5": (770, 1336), "6": (770, 1477), "B": (770, 1633),
    "7": (852, 1209), "8": (852, 1336), "9": (852, 1477), "C": (852, 1633),
    "*": (941, 1209), "0": (941, 1336), "#": (941, 1477), "D": (941, 1633),
}  # fmt: skip

#: Peak level of the low-group tone: the usual -9 dBm0 sending level (a 0 dBm0 sine peaks
#: 3.14 dB below full scale). The high group is 2 dB louder (-7 dBm0, the positive twist
#: telephone sets use against line loss at higher frequencies); together they peak near
#: -5 dBFS.
LOW_GROUP_DBFS = -12.0
TWIST_DB = 2.0
#: Raised-cosine ramps at both ends so the tone starts and stops without a click.
RAMP_MS = 3.0
#: ITU-T Q.24 asks receivers to accept 40 ms tones and 40 ms pauses; these leave room.
MIN_DURATION_MS = 40
DEFAULT_DURATION_MS = 100
DEFAULT_PAUSE_MS = 60


def _normalise(digit: str | int) -> str:
    key = str(digit).upper()
    if key not in DTMF_FREQUENCIES:
        raise ValueError(f"{digit!r} is not a DTMF digit (0-9, *, #, A-D)")
    return key


def render_dtmf(digit: str | int, duration_ms: int = DEFAULT_DURATION_MS) -> np.ndarray:
    """The dual tone of ``digit`` for ``duration_ms`` (at least 40 ms), int16 at 48 kHz."""
    if duration_ms < MIN_DURATION_MS:
        raise ValueError(f"DTMF tone of {duration_ms} ms is shorter than {MIN_DURATION_MS} ms")
    low, high = DTMF_FREQUENCIES[_normalise(digit)]
    n = SAMPLE_RATE * duration_ms // 1000
    t = np.arange(n) / SAMPLE_RATE
    amp_low = 32767 * 10 ** (LOW_GROUP_DBFS / 20)
    amp_high = amp_low * 10 ** (TWIST_DB / 20)
    tone = amp_low * np.sin(2 * np.pi * low * t) + amp_high * np.sin(2 * np.pi * high * t)
    ramp = int(SAMPLE_RATE * RAMP_MS / 1000)
    window = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    tone[:ramp] *= window
    tone[n - ramp :] *= window[::-1]
    return np.round(tone).astype(np.int16)


def dtmf_frames(
    digit: str | int,
    duration_ms: int = DEFAULT_DURATION_MS,
    pause_ms: int = DEFAULT_PAUSE_MS,
    frame_samples: int = FRAME_SAMPLES,
) -> list[np.ndarray]:
    """``digit``'s tone followed by ``pause_ms`` of silence, cut into frames of
    ``frame_samples`` (480 = 10 ms, 960 = 20 ms; the last frame is padded with silence).

    Sending these frames in place of the microphone's, one per frame period, puts the digit
    in band; the pause keeps the next digit distinct for the far end's detector.
    """
    if frame_samples <= 0:
        raise ValueError("frame_samples must be positive")
    if pause_ms < 0:
        raise ValueError("pause_ms must not be negative")
    tone = render_dtmf(digit, duration_ms)
    total = tone.shape[0] + SAMPLE_RATE * pause_ms // 1000
    count = -(-total // frame_samples)
    audio = np.zeros(count * frame_samples, dtype=np.int16)
    audio[: tone.shape[0]] = tone
    return list(audio.reshape(count, frame_samples))


def feedback_tone_name(digit: str | int) -> str:
    """The name of a digit's key-press feedback tone, as the Browser SDK names its files:
    ``dtmf-0`` ... ``dtmf-9``, ``dtmf-star``, ``dtmf-pound`` (and ``dtmf-a`` ... ``dtmf-d``)."""
    key = _normalise(digit)
    return "dtmf-" + {"*": "star", "#": "pound"}.get(key, key.lower())
