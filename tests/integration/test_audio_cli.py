"""webphone-cli --audio: a real subprocess on the PulseAudio rig's virtual devices, calling
the demo service's echo bot — what goes into the microphone comes back out of the speaker."""

from __future__ import annotations

import numpy as np
import pytest
from test_cli import run_cli
from tests.rig.pulse import PulseServer

pytestmark = pytest.mark.timeout(90)

RATE = 48000


async def test_echo_call_through_the_sound_devices(pulse: PulseServer) -> None:
    t = np.arange(RATE * 20) / RATE
    pulse.play("mic_a", (np.sin(2 * np.pi * 600 * t) * 0.3 * 32767).astype(np.int16))
    mark = pulse.mark("speaker_a")
    code, out, err = await run_cli(
        "--audio",
        "pulse",
        "--options",
        '{"audioConstraints": {"noiseSuppression": false, "autoGainControl": false}}',
        stdin=b"call echo\nsleep 4\nhangup\nquit\n",
    )
    assert code == 0, err
    assert "onCallAnswered" in out
    played = pulse.played("speaker_a", mark).astype(np.float64)
    assert played.size > RATE
    spectrum = np.abs(np.fft.rfft(played * np.hanning(played.size)))
    assert abs(np.argmax(spectrum) * RATE / played.size - 600) < 20
    assert np.sqrt(np.mean(played * played)) > 100


async def test_unusable_audio_backend_is_a_clear_error() -> None:
    code, _out, err = await run_cli(
        "--audio", "pulse", "--exit-after-login", env={"PULSE_SERVER": "unix:/nonexistent"}
    )
    assert code == 2
    assert "sound server" in err
