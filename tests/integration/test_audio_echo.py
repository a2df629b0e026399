"""Echo cancellation on real devices: the far end's speech comes out of our virtual speaker
and is looped back, at full level, into our virtual microphone (``module-loopback``, an
echo path of ~30 ms on top of the devices' own latency); the far end must hear it ≥ 20 dB
quieter with echo cancellation on, and at the level it sent with it off."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from tests.rig.pulse import PulseServer

from webphone.audio.tones import to_48k_mono
from webphone.media.wavfile import WavFileTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(120)

SENTENCE = (
    "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs. "
    "How vexingly quick daft zebras jump."
)
CONVERGE_SECONDS = 6.0
MEASURE_SECONDS = 5.0


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """espeak-ng's sentences as a 48 kHz mono WAV, at espeak's own level (about -20 dBFS):
    a loud talker, not a clipped one."""
    folder = tmp_path_factory.mktemp("speech")
    raw = folder / "raw.wav"
    try:
        subprocess.run(["espeak-ng", "-w", str(raw), SENTENCE], check=True, timeout=30)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.fail(f"espeak-ng is needed (tests/rig/ensure_system.sh): {exc}")
    samples, rate = sf.read(raw, dtype="int16")
    out = folder / "speech48k.wav"
    sf.write(out, to_48k_mono(samples, rate), 48000, subtype="PCM_16")
    return out


async def far_end_hears(kamailio: Any, speech: Path, echo_cancellation: bool) -> float:
    """Level (dBFS) of what the far end receives back while its speech loops through our
    speaker and microphone."""
    constraints = {
        "echoCancellation": echo_cancellation,
        "noiseSuppression": False,
        "autoGainControl": False,
    }
    kwargs: dict[str, Any] = {
        "server": kamailio.ws_url,
        "domain": kamailio.domain,
        "allowed_addresses": ["127.0.0.1"],
    }
    ours = Client({"audioConstraints": constraints}, audio_backend="pulse", **kwargs)
    far = Client(**kwargs)
    heard: list[np.ndarray] = []
    recording = False

    def record(frame: Any) -> None:
        if recording:
            data = frame.to_ndarray()
            heard.append(data.reshape(-1, len(frame.layout.channels))[:, 0].copy())

    try:
        assert await ours.login("alice", kamailio.users["alice"])
        assert await far.login("bob", kamailio.users["bob"])
        far.audio_source_factory = lambda: WavFileTrack(speech, loop=True)
        far.remote_audio_listeners.append(record)
        far.on("onIncomingCall", lambda *_: asyncio.ensure_future(far.answer()))
        assert await ours.call("bob")
        await asyncio.sleep(CONVERGE_SECONDS)
        recording = True
        await asyncio.sleep(MEASURE_SECONDS)
        recording = False
    finally:
        await ours.close()
        await far.close()
    return level_dbfs(np.concatenate(heard) if heard else np.zeros(1))


def level_dbfs(samples: np.ndarray) -> float:
    """RMS level of int16 audio in dBFS; silence counts (speech has pauses both ways)."""
    x = samples.astype(np.float64)
    return float(20 * np.log10(np.sqrt(np.mean(x * x)) / 32768 + 1e-9))


async def test_echo_is_cancelled_by_20_db(pulse: PulseServer, kamailio: Any, speech: Path) -> None:
    pulse.pactl(
        "load-module",
        "module-loopback",
        "source=speaker_a.monitor",
        "sink=mic_a_feed",
        "latency_msec=30",
    )
    # 0 dB: the speaker's output reaches the microphone undiminished, the hardest case
    pulse.pactl("set-sink-volume", "mic_a_feed", "100%")
    sent = level_dbfs(sf.read(speech, dtype="int16")[0])
    without = await far_end_hears(kamailio, speech, echo_cancellation=False)
    with_aec = await far_end_hears(kamailio, speech, echo_cancellation=True)
    print(
        f"far end sent {sent:.1f} dBFS and heard its echo at {without:.1f} dBFS without AEC, "
        f"{with_aec:.1f} with"
    )
    assert abs(without - sent) <= 3, "with AEC off the echo comes back at the level sent"
    assert without - with_aec >= 20
