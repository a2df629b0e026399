"""Our vectorised RFC 6465 level equals aiortc's reference loop."""

from __future__ import annotations

import numpy as np
import pytest
from aiortc import rtp
from av import AudioFrame, AudioResampler

from webphone.media.audio_level import audio_level_dbov, frame_energy


def frame(samples: np.ndarray) -> AudioFrame:
    out = AudioFrame.from_ndarray(
        samples.astype(np.int16).reshape(1, -1), format="s16", layout="mono"
    )
    out.sample_rate = 48000
    return out


@pytest.mark.parametrize("amplitude", [0, 1, 30, 1000, 16000, 32767])
def test_matches_the_rfc_formula(amplitude: int) -> None:
    rng = np.random.default_rng(amplitude)
    samples = rng.integers(-amplitude, amplitude + 1, 960) if amplitude else np.zeros(960)
    expected_rms = np.sqrt(np.mean(samples.astype(float) ** 2)) / 32767
    expected = -127 if expected_rms == 0 else round(max(-127, min(0, 20 * np.log10(expected_rms))))
    assert audio_level_dbov(frame(samples)) == expected


def test_installed_over_aiortc() -> None:
    assert rtp.compute_audio_level_dbov is audio_level_dbov


def test_energy_reads_only_the_samples_of_a_padded_frame() -> None:
    # a resampled stereo frame: its plane is padded past the samples to an alignment
    source = frame(np.full(441, 1000))
    source.sample_rate = 44100
    resampled = AudioResampler(format="s16", layout="stereo", rate=48000).resample(source)[0]
    assert resampled.planes[0].buffer_size > resampled.samples * 4, "the plane is padded"
    samples = resampled.to_ndarray().astype(float)
    energy, count = frame_energy(resampled)
    assert count == samples.size
    assert energy == pytest.approx(float(np.sum(samples**2)), rel=1e-5)  # float32 sums


def test_energy_refuses_other_sample_formats() -> None:
    flt = AudioFrame.from_ndarray(np.zeros((1, 960), dtype=np.float32), format="flt")
    with pytest.raises(ValueError, match="s16"):
        frame_energy(flt)
