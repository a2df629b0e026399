"""Speaking-on-mute VAD: real synthesised speech is speech; silence, noise, clicks are not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from webphone.quality.vad import FRAME_BYTES, SAMPLE_RATE, VoiceActivity

Pcm = npt.NDArray[np.int16]


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Pcm:
    """A spoken sentence from espeak-ng, resampled to 48 kHz int16 at about -20 dBFS."""
    wav = Path(tmp_path_factory.mktemp("vad")) / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-w", str(wav), "Hello, can you hear me? I am talking while muted."],
        check=True,
        timeout=30,
    )
    data, rate = soundfile.read(wav, dtype="float64")
    t = np.arange(int(len(data) * SAMPLE_RATE / rate)) / SAMPLE_RATE
    resampled = np.interp(t, np.arange(len(data)) / rate, data)
    return (resampled * 0.3 * 32767).astype(np.int16)


def onsets(vad: VoiceActivity, pcm: Pcm, frame_ms: int = 20) -> list[float]:
    """Times (s) at which the VAD reports speech starting, feeding *frame_ms* frames."""
    step = SAMPLE_RATE * frame_ms // 1000
    return [
        i / SAMPLE_RATE for i in range(0, len(pcm) - step + 1, step) if vad.feed(pcm[i : i + step])
    ]


def noise(dbfs: float, seconds: float, seed: int = 7) -> Pcm:
    rms = 32767 * 10 ** (dbfs / 20)
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(0, rms, int(SAMPLE_RATE * seconds)), -32768, 32767).astype(np.int16)


def test_speech_is_detected_once_with_a_short_onset_delay(speech: Pcm) -> None:
    vad = VoiceActivity()
    times = onsets(vad, speech)
    assert len(times) == 1
    assert times[0] < 1.0


def test_speech_over_room_noise_is_detected(speech: Pcm) -> None:
    mixed = (speech.astype(np.int32) + noise(-45, len(speech) / SAMPLE_RATE)).clip(-32768, 32767)
    assert len(onsets(VoiceActivity(), mixed.astype(np.int16))) >= 1


def test_digital_silence_is_not_speech() -> None:
    assert onsets(VoiceActivity(), np.zeros(SAMPLE_RATE * 10, np.int16)) == []


@pytest.mark.parametrize("dbfs", [-60.0, -45.0, -30.0])
def test_steady_noise_is_not_speech(dbfs: float) -> None:
    assert onsets(VoiceActivity(), noise(dbfs, 20)) == []


def test_clicks_are_not_speech() -> None:
    pcm = np.zeros(SAMPLE_RATE * 5, np.int16)
    for k in range(10):  # a loud 2 ms click every half second: typing, a tap on the mic
        start = k * SAMPLE_RATE // 2
        pcm[start : start + 96] = 20000
    assert onsets(VoiceActivity(), pcm) == []


def test_speaking_ends_after_the_hangover_and_can_start_again(speech: Pcm) -> None:
    vad = VoiceActivity(hangover_ms=500)
    assert len(onsets(vad, speech)) == 1
    onsets(vad, np.zeros(SAMPLE_RATE, np.int16))  # one second of silence
    assert not vad.speaking
    assert len(onsets(vad, speech)) == 1


def test_accepts_bytes_and_10_ms_frames(speech: Pcm) -> None:
    vad = VoiceActivity()
    data = speech.tobytes()
    started = [
        vad.feed(data[i : i + FRAME_BYTES])
        for i in range(0, len(data) - FRAME_BYTES + 1, FRAME_BYTES)
    ]
    assert sum(started) == 1


def test_reset_forgets_speech(speech: Pcm) -> None:
    vad = VoiceActivity()
    onsets(vad, speech[:SAMPLE_RATE])
    assert vad.speaking
    vad.reset()
    assert not vad.speaking


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"aggressiveness": 4}, "aggressiveness must be 0..3, got 4"),
        ({"min_speech_ms": 0}, "min_speech_ms must be > 0 and not longer than window_ms"),
        (
            {"min_speech_ms": 900, "window_ms": 600},
            "min_speech_ms must be > 0 and not longer than window_ms",
        ),
    ],
)
def test_bad_settings_are_clear_errors(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError) as info:
        VoiceActivity(**kwargs)
    assert str(info.value) == message


def test_a_frame_that_is_not_10_ms_is_a_clear_error() -> None:
    with pytest.raises(ValueError) as info:
        VoiceActivity().feed(b"\0" * 1000)
    assert str(info.value) == (
        "frame must be a multiple of 960 bytes (10 ms at 48 kHz int16), got 1000"
    )
