"""Echo cancellation on real devices: the far end's speech comes out of our virtual speaker
and is looped back into our virtual microphone (``module-loopback``, an acoustic echo
path of ~30 ms); the far end must hear it ≥ 20 dB quieter with echo cancellation on, and
not attenuated with it off."""

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
    x = np.concatenate(heard).astype(np.float64) if heard else np.zeros(1)
    return float(20 * np.log10(np.sqrt(np.mean(x * x)) / 32768 + 1e-9))


async def test_echo_is_cancelled_by_20_db(pulse: PulseServer, kamailio: Any, speech: Path) -> None:
    pulse.pactl(
        "load-module",
        "module-loopback",
        "source=speaker_a.monitor",
        "sink=mic_a_feed",
        "latency_msec=30",
    )
    # A speaker heard from a distance: the echo arrives ~13 dB down (60 % = 0.6³).
    pulse.pactl("set-sink-volume", "mic_a_feed", "60%")
    without = await far_end_hears(kamailio, speech, echo_cancellation=False)
    with_aec = await far_end_hears(kamailio, speech, echo_cancellation=True)
    print(f"echo heard by the far end: {without:.1f} dBFS without AEC, {with_aec:.1f} with")
    assert without > -40, "the echo path does not carry the far end's speech back"
    assert without - with_aec >= 20
