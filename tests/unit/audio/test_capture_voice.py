"""What the far end hears of the near-end talker through the capture chain (issue 14).

The chain is driven exactly as the two audio callbacks drive it: every 10 ms the playout
callback hands the frame it plays to ``CaptureProcessor.far_end`` and the capture callback
hands a microphone frame to ``CaptureProcessor.process``, in either order (they are two
threads). The microphone hears the world 20 ms late (capture buffer) and the speaker plays
the reference 30 ms late (playout buffer), so a real echo reaches ``process`` 55 ms after
its reference went to ``far_end`` (5 ms of air). Speech is espeak-ng's, two voices, two
texts, at -26 dBFS; quality is PESQ-WB of the output against the near-end speech.

Scenarios: an echo-test call (our own voice comes back 100 ms later, through a headset:
no acoustic coupling), double talk with no coupling (both ends talk at once), and a room
echo path at -10 dB (single talk: ERLE; double talk: the near end's quality).

Measured on this machine before the echo-path gate (PESQ-WB, browser-default settings):
echo test 1.07, double talk 1.25 / 1.16, first words after digital silence 3.85; after:
4.2 each, with ERLE 49 dB on the echo path after 2 s (39 dB before).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from pesq import pesq
from scipy.io import wavfile
from scipy.signal import correlate, fftconvolve, resample_poly

from webphone.audio.processing import (
    FRAME_SAMPLES,
    SAMPLE_RATE,
    ApmSettings,
    CaptureProcessor,
    NoiseReduction,
)

TEXT_NEAR = (
    "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
    "It is easy to tell the depth of a well. These days a chicken leg is a rare dish."
)
TEXT_FAR = (
    "Rice is often served in round bowls. The juice of lemons makes fine punch. "
    "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage."
)
CAPTURE_BUFFER_MS = 20
PLAYOUT_BUFFER_MS = 30
AIR_MS = 5
ECHO_TEST_ROUND_TRIP_MS = 100
SPEECH_LEVEL_DBFS = -26.0

DEFAULTS = ApmSettings()
EC_ONLY = ApmSettings(echo_cancellation=True, noise_suppression=False, auto_gain_control=False)
ALL_OFF = ApmSettings(False, False, False, False)


# -- signals ---------------------------------------------------------------------------


def espeak(folder: Path, text: str, voice: str) -> np.ndarray:
    """Speech at 48 kHz (float, int16 scale), active level -26 dBFS, whole 10 ms frames."""
    assert shutil.which("espeak-ng"), "espeak-ng is needed (apt-get install espeak-ng)"
    wav = folder / f"{voice}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(wav), text], check=True)
    rate, samples = wavfile.read(wav)
    speech = resample_poly(samples.astype(np.float64), SAMPLE_RATE, rate)
    active = speech[np.abs(speech) > 0.01 * np.abs(speech).max()]
    speech *= 32768 * 10 ** (SPEECH_LEVEL_DBFS / 20) / np.sqrt(np.mean(active**2))
    return np.asarray(speech[: speech.shape[0] // FRAME_SAMPLES * FRAME_SAMPLES])


@pytest.fixture(scope="module")
def voices(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    """(near, far): different texts, different voices, the same length."""
    folder = tmp_path_factory.mktemp("voices")
    near = espeak(folder, TEXT_NEAR, "en-us")
    far = espeak(folder, TEXT_FAR, "en+f3")
    n = min(near.shape[0], far.shape[0])
    return near[:n], far[:n]


def late(x: np.ndarray, ms: float) -> np.ndarray:
    shift = int(ms * SAMPLE_RATE / 1000)
    return np.concatenate([np.zeros(shift), x[: x.shape[0] - shift]])


def room_echo(reference: np.ndarray, level_db: float = -10.0) -> np.ndarray:
    """What the microphone picks up of the played reference: the playout buffer, the air,
    a small room (direct sound, then 60 ms of reflections decaying with 12 ms)."""
    rng = np.random.default_rng(0)
    n = 60 * SAMPLE_RATE // 1000
    path = rng.normal(0.0, 1.0, n) * np.exp(-np.arange(n) / (0.012 * SAMPLE_RATE))
    path[0] = 3.0
    path *= 10 ** (level_db / 20) / np.sqrt(np.sum(path**2))
    played = late(reference, PLAYOUT_BUFFER_MS + AIR_MS)
    return np.asarray(fftconvolve(played, path)[: reference.shape[0]])


def room_noise(n: int) -> np.ndarray:
    return np.random.default_rng(1).normal(0.0, 2.0, n)  # -84 dBFS


# -- the two callbacks -----------------------------------------------------------------


def drive(processor: CaptureProcessor, heard: np.ndarray, played: np.ndarray) -> np.ndarray:
    """Run the chain as the audio callbacks do, 10 ms at a time, the playout and capture
    callbacks in a random order each time. ``heard`` is what the microphone picks up (it
    reaches the processor a capture buffer later); ``played`` is each frame handed to the
    speaker. Returns what goes out, sample-aligned with ``heard``'s arrival."""
    mic = np.clip(np.round(late(heard, CAPTURE_BUFFER_MS)), -32768, 32767).astype(np.int16)
    ref = np.clip(np.round(played), -32768, 32767).astype(np.int16)
    order = np.random.default_rng(2).random(mic.shape[0] // FRAME_SAMPLES) < 0.5
    out = np.zeros(mic.shape[0])
    for i, playout_first in enumerate(order):
        part = slice(i * FRAME_SAMPLES, (i + 1) * FRAME_SAMPLES)
        if playout_first:
            processor.far_end(ref[part])
        out[part] = processor.process(mic[part])
        if not playout_first:
            processor.far_end(ref[part])
    return out


def pesq_wb(clean: np.ndarray, out: np.ndarray) -> float:
    """PESQ-WB of ``out`` against ``clean``, after taking out the chain's own delay."""
    corr = correlate(out, clean, mode="full", method="fft")
    zero, reach = clean.shape[0] - 1, SAMPLE_RATE // 5
    shift = int(np.argmax(corr[zero - reach : zero + reach + 1])) - reach
    out = out[shift:] if shift >= 0 else np.concatenate([np.zeros(-shift), out])
    n = min(clean.shape[0], out.shape[0])
    ref16 = resample_poly(clean[:n], 1, 3) / 32768
    deg16 = resample_poly(out[:n], 1, 3) / 32768
    return float(pesq(16000, ref16, deg16, "wb"))


def db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x**2) + 1e-9))


def rnnoise() -> NoiseReduction:
    switch = NoiseReduction(enabled=True)
    assert switch.load() and switch.start(), "RNNoise must load (PyPI package pyrnnoise)"
    return switch


def with_lead(x: np.ndarray) -> np.ndarray:
    """A second of digital silence first, as a call's first words come after a pause."""
    return np.concatenate([np.zeros(SAMPLE_RATE), x])


# -- no acoustic coupling: the talker must come through whole --------------------------


@pytest.mark.parametrize("settings", [DEFAULTS, EC_ONLY], ids=["defaults", "echo-only"])
def test_echo_test_call_returns_the_talker_whole(
    voices: tuple[np.ndarray, np.ndarray], settings: ApmSettings
) -> None:
    """An echo-test call on a headset: what we said comes back 100 ms later and is
    played, so the reference is our own voice, *after* the microphone heard it. The echo
    canceller must not cut the talker where the returned speech overlaps (it did, in
    100 ms holes: PESQ 1.14)."""
    near = with_lead(voices[0])
    played = late(late(near, CAPTURE_BUFFER_MS), ECHO_TEST_ROUND_TRIP_MS)
    processor = CaptureProcessor(settings)
    out = drive(processor, near + room_noise(near.shape[0]), played)
    score = pesq_wb(near, out)
    print(f"\necho-test call, {settings}: PESQ-WB {score:.2f}")
    assert not processor.echo_path_detected
    assert score >= 4.0


@pytest.mark.parametrize("direction", ["near-talks-over-far", "far-talks-over-near"])
def test_double_talk_without_coupling_keeps_the_near_end(
    voices: tuple[np.ndarray, np.ndarray], direction: str
) -> None:
    """Both ends talk at once over headsets (browser-default processing on ours)."""
    near, far = voices if direction == "near-talks-over-far" else voices[::-1]
    near, far = with_lead(near), with_lead(far)
    processor = CaptureProcessor(DEFAULTS)
    out = drive(processor, near + room_noise(near.shape[0]), far)
    score = pesq_wb(near, out)
    print(f"\ndouble talk, no coupling, {direction}: PESQ-WB {score:.2f}")
    assert not processor.echo_path_detected
    assert score >= 4.0


def test_first_words_after_digital_silence_are_not_taken_for_noise(
    voices: tuple[np.ndarray, np.ndarray],
) -> None:
    """A virtual or muted device gives exact zeros before the first words; the noise
    suppressor learnt nothing from them and took those words for noise (PESQ 3.85)."""
    near = with_lead(voices[0])
    out = drive(CaptureProcessor(DEFAULTS), near, np.zeros(near.shape[0]))
    score = pesq_wb(near, out)
    print(f"\nfirst utterance after digital silence, defaults: PESQ-WB {score:.2f}")
    assert score >= 4.0


def test_a_kept_chain_gives_the_next_call_its_first_words_whole(
    voices: tuple[np.ndarray, np.ndarray],
) -> None:
    """A loud talker (-18 dBFS): a fresh chain's gain control climbs over the silence
    before the first words and then rides them down, +6 dB and more for a second (PESQ
    3.77); the next call on the kept chain starts at the gain it learnt."""
    near = with_lead(voices[0] * 10 ** (8 / 20))
    silence = np.zeros(near.shape[0])
    processor = CaptureProcessor(DEFAULTS)
    first = pesq_wb(near, drive(processor, near, silence))
    processor.new_call()
    second = pesq_wb(near, drive(processor, near, silence))
    print(f"\nloud talker, first words: fresh chain {first:.2f}, kept chain {second:.2f}")
    assert second >= 4.15
    assert second > first


def test_the_next_call_looks_for_its_echo_path_afresh(
    voices: tuple[np.ndarray, np.ndarray],
) -> None:
    """A call on the loudspeaker, then an echo test on a headset with the kept chain: the
    loudspeaker's echo path must not follow the user to the headset, where cancelling
    against it cuts the talker."""
    far = voices[1]
    processor = CaptureProcessor(DEFAULTS)
    drive(processor, room_echo(far) + room_noise(far.shape[0]), far)
    assert processor.echo_path_detected
    processor.new_call()
    near = with_lead(voices[0])
    played = late(late(near, CAPTURE_BUFFER_MS), ECHO_TEST_ROUND_TRIP_MS)
    score = pesq_wb(near, drive(processor, near + room_noise(near.shape[0]), played))
    print(f"\nheadset echo test after a loudspeaker call: PESQ-WB {score:.2f}")
    assert not processor.echo_path_detected
    assert score >= 4.0


def test_rnnoise_adds_the_echo_canceller_no_loss(voices: tuple[np.ndarray, np.ndarray]) -> None:
    """With RNNoise started, an echo-test call sounds as RNNoise alone makes it sound.
    (RNNoise itself scores low on espeak's synthetic voices: that is its own limit.)"""
    near = with_lead(voices[0])
    played = late(late(near, CAPTURE_BUFFER_MS), ECHO_TEST_ROUND_TRIP_MS)
    heard = near + room_noise(near.shape[0])
    scores = {
        name: pesq_wb(near, drive(CaptureProcessor(settings, rnnoise()), heard, played))
        for name, settings in (("defaults", DEFAULTS), ("all off", ALL_OFF))
    }
    print(f"\necho-test call with RNNoise: {scores}")
    assert scores["defaults"] >= scores["all off"] - 0.2


# -- a real echo path: it must still be cancelled ---------------------------------------


@pytest.mark.parametrize("settings", [DEFAULTS, EC_ONLY], ids=["defaults", "echo-only"])
def test_room_echo_is_cancelled_after_two_seconds(
    voices: tuple[np.ndarray, np.ndarray], settings: ApmSettings
) -> None:
    """Far end talking, near end silent, the speaker heard at -10 dB: the echo path is
    found and the echo removed by >= 30 dB once 2 s have passed (measured 45-48 dB)."""
    far = np.concatenate([voices[1], voices[1]])
    heard = room_echo(far) + room_noise(far.shape[0])
    processor = CaptureProcessor(settings)
    out = drive(processor, heard, far)
    mic = late(heard, CAPTURE_BUFFER_MS)
    settled = slice(2 * SAMPLE_RATE, None)
    erle = db(mic[settled]) - db(out[settled])
    print(f"\nroom echo at -10 dB, {settings}: ERLE after 2 s {erle:.1f} dB")
    assert processor.echo_path_detected
    assert erle >= 30.0


@pytest.mark.xfail(
    strict=True,
    reason="AEC3's suppressor, whose settings livekit does not expose, cuts the near end "
    "in double talk over a converged echo path (PESQ-WB ~1.2, target 3.3)",
)
def test_room_echo_double_talk_keeps_the_near_end(voices: tuple[np.ndarray, np.ndarray]) -> None:
    near, far = voices
    played = np.concatenate([far, far])  # the far end alone first: the canceller converges
    spoken = np.concatenate([np.zeros(far.shape[0]), near])
    heard = spoken + room_echo(played) + room_noise(played.shape[0])
    out = drive(CaptureProcessor(DEFAULTS), heard, played)
    score = pesq_wb(near, out[far.shape[0] :])
    print(f"\ndouble talk over a -10 dB echo path: PESQ-WB {score:.2f}")
    assert score >= 3.3
