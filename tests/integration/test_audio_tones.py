"""Call tones on the virtual devices of a private PulseAudio: the ringtone on the ringtone
device, the ringback and key-press feedback on the speaker."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from scripted_server import wait_for
from tests.rig.pulse import PulseServer

from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)

RATE = 48000


def band_energy(samples: np.ndarray, freqs: tuple[float, ...]) -> float:
    """Share of the signal's energy within ±15 Hz of *freqs* (0 for silence)."""
    x = samples.astype(np.float64)
    if x.size < 4800 or not np.any(x):
        return 0.0
    power = np.abs(np.fft.rfft(x * np.hanning(x.size))) ** 2
    bins = np.fft.rfftfreq(x.size, 1 / RATE)
    near = np.zeros_like(bins, dtype=bool)
    for f in freqs:
        near |= np.abs(bins - f) < 15
    return float(power[near].sum() / power.sum())


def rms(samples: np.ndarray) -> float:
    x = samples.astype(np.float64)
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0


async def record(pulse: PulseServer, seconds: float) -> dict[str, np.ndarray]:
    marks = {s: pulse.mark(s) for s in ("speaker_a", "speaker_b")}
    await asyncio.sleep(seconds)
    return {s: pulse.played(s, m) for s, m in marks.items()}


async def _login(kamailio: Any, user: str, **kwargs: Any) -> Client:
    client = Client(
        server=kamailio.ws_url,
        domain=kamailio.domain,
        allowed_addresses=["127.0.0.1"],
        **kwargs,
    )
    assert await client.login(user, kamailio.users[user])
    return client


@pytest.fixture
async def pair(pulse: PulseServer, kamailio: Any) -> AsyncIterator[tuple[Client, Client]]:
    ours = await _login(kamailio, "alice", audio_backend="pulse")
    far = await _login(kamailio, "bob")
    yield ours, far
    await ours.close()
    await far.close()


async def test_ringtone_plays_on_the_ringtone_device(
    pair: tuple[Client, Client], pulse: PulseServer
) -> None:
    ours, far = pair
    assert ours.audio.ringtone_devices.set("speaker_b")
    ringing: list[Any] = []
    ours.on("onIncomingCall", lambda *a: ringing.append(a))
    assert await far.call("alice")
    await wait_for(lambda: bool(ringing), timeout=10)
    await asyncio.sleep(0.3)
    out = await record(pulse, 1.0)  # inside the tone's 2 s "on" part
    assert band_energy(out["speaker_b"], (800.0, 1000.0)) > 0.8 and rms(out["speaker_b"]) > 300
    assert rms(out["speaker_a"]) < 30
    assert not ours.audio.players["ringtone"].paused
    # Answering stops the ringtone.
    assert await ours.answer()
    await asyncio.sleep(0.5)
    out = await record(pulse, 0.5)
    assert band_energy(out["speaker_b"], (800.0, 1000.0)) < 0.1 or rms(out["speaker_b"]) < 30
    assert ours.audio.players["ringtone"].paused


async def test_ringback_and_key_feedback_on_the_speaker(
    pair: tuple[Client, Client], pulse: PulseServer
) -> None:
    ours, _far = pair
    assert ours.audio.speaker_devices.set("speaker_b")
    rings: list[Any] = []
    ours.on("onCallRemoteRinging", rings.append)
    assert await ours.call("bob")
    await wait_for(lambda: bool(rings), timeout=10)
    await asyncio.sleep(0.3)
    out = await record(pulse, 1.0)
    assert band_energy(out["speaker_b"], (440.0, 480.0)) > 0.8 and rms(out["speaker_b"]) > 300
    assert rms(out["speaker_a"]) < 30
    # With the ringback off, nothing plays while the far end rings.
    ours.set_ring_tone_back(False)
    await asyncio.sleep(0.3)
    out = await record(pulse, 0.5)
    assert rms(out["speaker_b"]) < 30
    # Key-press feedback from the speaker's media('dtmf') player.
    player = ours.audio.speaker_devices.media("dtmf")
    player.play()
    out = await record(pulse, 0.4)
    assert band_energy(out["speaker_b"], (941.0, 1209.0)) > 0.8  # '*'
    await ours.hangup()


async def test_user_ringtone_file_plays_on_the_ringtone_device(
    pair: tuple[Client, Client], pulse: PulseServer, tmp_path: Any
) -> None:
    ours, far = pair
    path = tmp_path / "ring.wav"
    t = np.arange(RATE * 3) / RATE
    sf.write(path, (np.sin(2 * np.pi * 700 * t) * 0.3 * 32767).astype(np.int16), RATE)
    assert ours.set_ring_tone(str(path)) is True
    assert ours.audio.ringtone_devices.set("speaker_b")
    ringing: list[Any] = []
    ours.on("onIncomingCall", lambda *a: ringing.append(a))
    assert await far.call("alice")
    await wait_for(lambda: bool(ringing), timeout=10)
    await asyncio.sleep(0.3)
    out = await record(pulse, 1.0)
    assert band_energy(out["speaker_b"], (700.0,)) > 0.8 and rms(out["speaker_b"]) > 300
    assert rms(out["speaker_a"]) < 30
    assert ours.reject()
