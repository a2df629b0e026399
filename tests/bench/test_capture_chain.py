"""CPU of the capture chain per second of audio: WebRTC APM (echo cancellation with its far-end
reference, noise suppression, AGC, high-pass) and RNNoise, on espeak-ng speech with noise,
fed frame by frame as the capture and playout callbacks would.

Reference figures (issue #4): the APM about 2 % of a core for 48 kHz mono, RNNoise 6-9 %.
The per-frame times show what one capture callback spends in processing (its budget is the
frame period, 10 or 20 ms).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from report import summarise, table, write_report

from webphone.audio.processing import (
    FRAME_SAMPLES,
    SAMPLE_RATE,
    ApmSettings,
    CaptureProcessor,
    NoiseReduction,
)
from webphone.audio.tones import decode_audio

AUDIO_SECONDS = 20
RAW = ApmSettings(False, False, False, False)


def bench_audio(tmp: Path) -> tuple[np.ndarray, np.ndarray]:
    """(microphone: speech + noise + echo of the far end, far end) as int16, 20 s each."""
    assert shutil.which("espeak-ng"), "espeak-ng is needed (apt-get install espeak-ng)"
    wav = tmp / "speech.wav"
    text = "Webphone measures what its capture chain costs, frame by frame, in real time."
    subprocess.run(["espeak-ng", "-w", str(wav), text], check=True)
    speech = decode_audio(wav).astype(np.float64)
    speech = np.resize(speech / np.abs(speech).max() * 0.4 * 32767, AUDIO_SECONDS * SAMPLE_RATE)
    rng = np.random.default_rng(5)
    far = np.roll(speech, SAMPLE_RATE // 3)
    echo = 0.3 * np.roll(far, int(0.05 * SAMPLE_RATE))
    mic = speech + echo + rng.normal(0.0, 600.0, speech.shape[0])
    as16 = lambda x: np.clip(np.round(x), -32768, 32767).astype(np.int16)  # noqa: E731
    return as16(mic), as16(far)


def measure(
    processor: CaptureProcessor, mic: np.ndarray, far: np.ndarray, frame: int
) -> dict[str, float]:
    per_frame: list[float] = []
    cpu0 = time.process_time()
    for start in range(0, mic.shape[0] - frame + 1, frame):
        t0 = time.perf_counter()
        processor.far_end(far[start : start + frame])
        processor.process(mic[start : start + frame])
        per_frame.append(time.perf_counter() - t0)
    cpu = time.process_time() - cpu0
    stats = summarise(per_frame)
    return {
        "cpu_per_audio_second": cpu / (mic.shape[0] / SAMPLE_RATE),
        "frame_median_ms": stats["median_ms"],
        "frame_p90_ms": stats["p90_ms"],
        "frame_max_ms": max(per_frame) * 1000,
        "frames": stats["n"],
    }


@pytest.mark.timeout(300)
def test_capture_chain_cpu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mic, far = bench_audio(tmp_path)
    noise = NoiseReduction(enabled=True)
    assert noise.load(), "RNNoise must load"
    noise.start()
    configs = [
        ("passthrough (no processing)", RAW, None, FRAME_SAMPLES),
        ("APM, browser defaults", ApmSettings(), None, FRAME_SAMPLES),
        ("RNNoise only", RAW, noise, FRAME_SAMPLES),
        ("APM + RNNoise, 10 ms frames", ApmSettings(), noise, FRAME_SAMPLES),
        ("APM + RNNoise, 20 ms frames", ApmSettings(), noise, 2 * FRAME_SAMPLES),
    ]
    results = {}
    for name, settings, nr, frame in configs:
        results[name] = measure(CaptureProcessor(settings, nr), mic, far, frame)
    path = write_report(
        "capture_chain",
        {
            "audio_seconds": AUDIO_SECONDS,
            "results": results,
            "reference": {"apm_cpu_per_audio_second": 0.02, "rnnoise_cpu_per_audio_second": 0.09},
        },
    )
    rows = [("chain", "CPU s / audio s", "frame median ms", "p90 ms", "max ms")]
    for name, r in results.items():
        rows.append(
            (
                name,
                f"{r['cpu_per_audio_second']:.4f}",
                f"{r['frame_median_ms']:.3f}",
                f"{r['frame_p90_ms']:.3f}",
                f"{r['frame_max_ms']:.2f}",
            )
        )
    with capsys.disabled():
        print("\n" + table(rows))
        print(f"written to {path}")
    expected_frames = AUDIO_SECONDS * SAMPLE_RATE // FRAME_SAMPLES
    assert results["APM + RNNoise, 10 ms frames"]["frames"] == expected_frames
