"""Call tones on the virtual devices of a private PulseAudio: the ringtone on the ringtone
device, the ringback and key-press feedback on the speaker."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from scripted_server import wait_for
from tests.rig.pulse import PulseServer

from webphone.audio import tones
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


def _ring_file(tmp_path: Any) -> str:
    """A 700 Hz ringtone file."""
    path = tmp_path / "ring.wav"
    t = np.arange(RATE * 3) / RATE
    sf.write(path, (np.sin(2 * np.pi * 700 * t) * 0.3 * 32767).astype(np.int16), RATE)
    return str(path)


async def test_user_ringtone_file_plays_on_the_ringtone_device(
    pair: tuple[Client, Client], pulse: PulseServer, tmp_path: Any
) -> None:
    ours, far = pair
    assert ours.set_ring_tone(_ring_file(tmp_path)) is True
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


async def test_user_ringtone_decoded_while_the_ring_starts_takes_over(
    pair: tuple[Client, Client], pulse: PulseServer, tmp_path: Any, monkeypatch: Any
) -> None:
    """The user's file is still decoding when the call rings (a slow disk, a busy
    machine) and finishes just as the ringtone output opens: the default tone stands in
    only until then, and the user's tone rings from there on."""
    ours, far = pair
    path = _ring_file(tmp_path)
    decode = threading.Event()
    real_load = tones.load_tone
    monkeypatch.setattr(tones, "load_tone", lambda *a: decode.wait(10) and real_load(*a))
    assert ours.set_ring_tone(path) is True
    assert ours.audio.ringtone_devices.set("speaker_b")
    engine, real_play = ours.audio.engine, ours.audio.engine.play_tone

    def play_while_the_decode_ends(*args: Any) -> None:
        real_play(*args)
        decode.set()
        ours.audio.tones.prepare(path).result(timeout=10)

    monkeypatch.setattr(engine, "play_tone", play_while_the_decode_ends)
    ringing: list[Any] = []
    ours.on("onIncomingCall", lambda *a: ringing.append(a))
    assert await far.call("alice")
    await wait_for(lambda: bool(ringing), timeout=10)
    await asyncio.sleep(0.3)
    out = await record(pulse, 1.0)
    assert band_energy(out["speaker_b"], (700.0,)) > 0.8 and rms(out["speaker_b"]) > 300
    assert ours.reject()
