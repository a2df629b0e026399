"""Lost Opus packets: our encoder adds in-band FEC while the far end reports loss, and our
decoder rebuilds a lost packet from the next one (FEC) or conceals it (no FEC data)."""

from __future__ import annotations

import itertools
import random
import shutil
import subprocess

import numpy as np
import pytest
from av import AudioFrame, AudioResampler
from pesq import pesq
from scipy.signal import resample_poly

from webphone.media import opus_decoder
from webphone.media.opus import TIME_BASE, FecPolicy, MonoOpusEncoder, OpusSettings
from webphone.media.opus_decoder import RecoverableFrame, RecoveringOpusDecoder
from webphone.media.wavfile import load_wav

RATE = 48000


def speechlike(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 8))
    return (wave * 6000).astype(np.int16)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    assert shutil.which("espeak-ng"), "espeak-ng is needed (tests/rig/ensure_system.sh)"
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    text = "Please call me back on Thursday at half past four, and bring the blue folder."
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
    return load_wav(path)


def encode(samples: np.ndarray, settings: OpusSettings) -> list[bytes]:
    encoder = MonoOpusEncoder(48000, settings)
    packets: list[bytes] = []
    for start in range(0, len(samples) - 959, 960):
        frame = AudioFrame.from_ndarray(
            samples[start : start + 960].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts = RATE, start
        packets += encoder.encode(frame)[0]
    return packets


def decode_with_loss(packets: list[bytes], loss: float) -> np.ndarray:
    """Decoded audio with *loss* of the packets (seeded) rebuilt by our decoder."""
    rng = random.Random(3)
    decoder = RecoveringOpusDecoder(opus_decoder._lib)  # type: ignore[arg-type]
    out, stamps, missing = [], [], 0
    for index, packet in enumerate(packets):
        if 0 < index < len(packets) - 1 and rng.random() < loss:
            missing += 1
            continue
        for decoded in decoder.decode(RecoverableFrame(packet, index * 960, missing)):
            out.append(decoded.to_ndarray().reshape(-1))
            stamps.append(decoded.pts)
        missing = 0
    assert stamps == [i * 960 for i in range(len(packets))], "every 20 ms, in order"
    return np.concatenate(out)


def pesq_wb(reference: np.ndarray, degraded: np.ndarray) -> float:
    ref, deg = (resample_poly(x.astype(np.float64), 1, 3) for x in (reference, degraded))
    return float(pesq(16000, ref[: len(deg)], deg[: len(ref)], "wb"))


def test_libopus_is_found() -> None:
    assert opus_decoder._lib is not None, "PyAV ships libopus; the decoder must find it"


def test_with_fec_lost_packets_are_rebuilt_far_better_than_concealed(speech: np.ndarray) -> None:
    # the decoder's output lags the input by the encoder's look-ahead; PESQ aligns it
    concealed = decode_with_loss(encode(speech, OpusSettings(expected_loss=0)), 0.05)
    rebuilt = decode_with_loss(encode(speech, OpusSettings(expected_loss=5)), 0.05)
    without, with_fec = pesq_wb(speech, concealed), pesq_wb(speech, rebuilt)
    assert with_fec > 3.6 and with_fec > without + 0.5, (without, with_fec)


def test_fec_follows_the_loss_the_far_end_reports() -> None:
    policy = FecPolicy()
    received = 0
    assert policy.update(0, 50) == 0
    for _ in range(5):  # 3 % loss
        received += 97
        assert policy.update(3 * (received // 97), received) in (0, 5)
    assert policy.expected_loss == 5
    for _ in range(20):  # loss stops
        received += 100
        policy.update(15, received)
    assert policy.expected_loss == 0
    heavy = FecPolicy()
    for step in range(1, 10):
        heavy.update(30 * step, 70 * step)
    assert heavy.expected_loss == 20, "heavy loss: more redundancy"


def test_the_encoder_reopens_when_the_expected_loss_changes() -> None:
    settings = OpusSettings()
    encoder = MonoOpusEncoder(48000, settings)
    first = encoder.codec
    samples = speechlike(0.2)
    stamps = []
    for start in range(0, len(samples) - 959, 960):
        if start == 960 * 5:
            settings.expected_loss = 5
        frame = AudioFrame.from_ndarray(
            samples[start : start + 960].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts = RATE, start
        payloads, stamp = encoder.encode(frame)
        if payloads:
            stamps.append(stamp)
    assert encoder.codec is not first and encoder.expected_loss == 5
    assert stamps == sorted(set(stamps)), "timestamps go on increasing"


def _frames(samples: np.ndarray, sizes: list[int]) -> list[AudioFrame]:
    frames, start = [], 0
    for size in sizes:
        frame = AudioFrame.from_ndarray(
            samples[start : start + size].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts, frame.time_base = RATE, start, TIME_BASE
        frames.append(frame)
        start += size
    return frames


def test_aligned_frames_skip_the_resampler_and_encode_the_same(speech: np.ndarray) -> None:
    frames = _frames(speech, [960] * 40)
    plain = MonoOpusEncoder(48000)
    plain.resampler = AudioResampler(format="s16", layout="mono", rate=RATE, frame_size=960)
    direct = MonoOpusEncoder(48000)
    assert [direct.encode(f) for f in frames] == [plain.encode(f) for f in frames]


def test_after_an_odd_sized_frame_the_resampler_keeps_the_timestamps_even(
    speech: np.ndarray,
) -> None:
    encoder = MonoOpusEncoder(48000)
    stamps = []
    for frame in _frames(speech, [960] * 5 + [480] + [960] * 10):
        payloads, stamp = encoder.encode(frame)
        if payloads:
            stamps.append(stamp)
    assert len(stamps) >= 14
    assert all(b - a == 960 for a, b in itertools.pairwise(stamps)), stamps
