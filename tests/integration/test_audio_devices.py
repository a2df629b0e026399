"""The Audio Device API on a private PulseAudio (tests/rig/pulse.py): listing, hot-plug
events while running, invalid ids, permission, and the null backend."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
import pytest
from scripted_server import wait_for
from tests.rig.pulse import PulseServer

from webphone.audio.devices import open_backend
from webphone.audio.engine import AudioEngine
from webphone.audio.tones import ToneSource, default_tone
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
async def phone(pulse: PulseServer) -> AsyncIterator[tuple[Client, list[tuple[str, Any]]]]:
    client = Client(server="ws://127.0.0.1:9/", audio_backend="pulse")
    events: list[tuple[str, Any]] = []
    for name in ("audioDeviceChange", "onMediaPermission"):
        client.on(name, lambda payload, _n=name: events.append((_n, payload)))
    yield client, events
    await client.close()


def changes(events: list[tuple[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (p["change"], p["device"]["kind"], p["device"]["deviceId"])
        for n, p in events
        if n == "audioDeviceChange"
    ]


async def test_lists_sinks_and_sources_without_monitors(phone: Any) -> None:
    client, _ = phone
    devices = await client.audio.available_devices()
    ids = {(d["kind"], d["deviceId"]) for d in devices}
    assert ("audioinput", "mic_a") in ids and ("audioinput", "mic_b") in ids
    assert ("audiooutput", "speaker_a") in ids and ("audiooutput", "speaker_b") in ids
    assert not any(i.endswith(".monitor") for _, i in ids)
    defaults = [d for d in devices if d["deviceId"] == "default"]
    assert {d["kind"] for d in defaults} == {"audioinput", "audiooutput"}
    assert {d["label"] for d in defaults} == {"Default - mic_a", "Default - speaker_a"}
    assert all(set(d) == {"deviceId", "kind", "label", "groupId"} for d in devices)
    inputs = await client.audio.available_devices("input")
    assert inputs and all(d["kind"] == "audioinput" for d in inputs)
    outputs = await client.audio.available_devices("output")
    assert outputs and all(d["kind"] == "audiooutput" for d in outputs)
    with pytest.raises(ValueError, match="filter"):
        await client.audio.available_devices("video")


async def test_hot_plug_reports_added_and_removed(phone: Any, pulse: PulseServer) -> None:
    client, events = phone
    await client.audio.available_devices()
    assert client.audio.speaker_devices.set("speaker_b") is True
    module = pulse.load_sink("usb_headset")
    await wait_for(lambda: ("added", "audiooutput", "usb_headset") in changes(events), timeout=5)
    # The contract's rule (useDefaultAudioDevice off): the new device is used, 200 ms later.
    await wait_for(lambda: client.audio.speaker_devices.get() == "usb_headset", timeout=2)
    # Its monitor is not a microphone: no input appeared, and the microphone stayed.
    assert all(kind == "audiooutput" for _, kind, _ in changes(events))
    assert client.audio.microphone_devices.get() == ""
    source = int(
        pulse.pactl(
            "load-module",
            "module-remap-source",
            "source_name=usb_mic",
            "master=usb_headset.monitor",
        )
    )
    await wait_for(lambda: ("added", "audioinput", "usb_mic") in changes(events), timeout=5)
    await wait_for(lambda: client.audio.microphone_devices.get() == "usb_mic", timeout=2)
    pulse.unload(source)
    pulse.unload(module)
    await wait_for(lambda: ("removed", "audiooutput", "usb_headset") in changes(events), timeout=5)
    await wait_for(lambda: ("removed", "audioinput", "usb_mic") in changes(events), timeout=5)
    # The chosen speaker went away: back on the default, and it is no longer selectable.
    assert client.audio.speaker_devices.get() == ""
    assert client.audio.microphone_devices.get() == ""
    assert client.audio.speaker_devices.set("usb_headset") is False


async def test_a_chosen_device_plugged_back_in_is_chosen_again(
    phone: Any, pulse: PulseServer
) -> None:
    client, _ = phone
    await client.audio.available_devices()
    assert client.audio.ringtone_devices.set("speaker_b") is True
    module = pulse.load_sink("usb_headset")
    await wait_for(lambda: client.audio.speaker_devices.get() == "usb_headset", timeout=5)
    assert client.audio.speaker_devices.set("speaker_b") is True  # the user's choice
    assert client.audio.ringtone_devices.set("usb_headset") is True
    pulse.unload(module)
    await wait_for(lambda: client.audio.ringtone_devices.get() == "", timeout=5)
    module = pulse.load_sink("usb_headset")
    await wait_for(lambda: client.audio.ringtone_devices.get() == "usb_headset", timeout=5)
    # The speaker was not lost: a headset plugged in takes it, as any new device would.
    assert client.audio.speaker_devices.get() == "usb_headset"
    pulse.unload(module)


async def test_with_use_default_audio_device_a_new_device_leaves_the_default(
    pulse: PulseServer,
) -> None:
    client = Client(
        {"useDefaultAudioDevice": True}, server="ws://127.0.0.1:9/", audio_backend="pulse"
    )
    try:
        await client.audio.available_devices()
        assert client.audio.speaker_devices.set("speaker_b") is True
        module = pulse.load_sink("usb_headset")
        await wait_for(lambda: client.audio.speaker_devices.get() == "", timeout=5)
        assert client.audio.known("audiooutput", "usb_headset")
        pulse.unload(module)
    finally:
        await client.close()


async def test_invalid_ids_are_refused_and_change_nothing(phone: Any) -> None:
    client, _ = phone
    audio = client.audio
    assert audio.microphone_devices.set("mic_b") is True
    assert audio.microphone_devices.set("nope") is False
    assert audio.microphone_devices.set(None) is False
    assert audio.microphone_devices.set("speaker_a") is False
    assert audio.ringtone_devices.set("mic_a") is False
    assert audio.microphone_devices.get() == "mic_b"
    assert audio.ringtone_devices.get() == ""
    assert audio.microphone_devices.reset() is True
    assert audio.microphone_devices.get() == ""
    with pytest.raises(ValueError, match="dtmf"):
        audio.speaker_devices.media("video")


async def test_permission_reported_once_the_loop_runs(phone: Any) -> None:
    client, events = phone
    await asyncio.sleep(0.2)
    assert ("onMediaPermission", {"status": "success", "stream": True}) in events
    assert await client.audio.reveal_audio_devices() == "success"


async def test_perm_on_click_defers_the_microphone(pulse: PulseServer) -> None:
    client = Client({"permOnClick": True}, server="ws://127.0.0.1:9/", audio_backend="pulse")
    events: list[Any] = []
    client.on("onMediaPermission", events.append)
    await asyncio.sleep(0.2)
    assert events == [{"status": "success", "stream": False}]
    await client.close()


async def test_null_backend_has_no_devices_and_leaves_calls_alone() -> None:
    client = Client(server="ws://127.0.0.1:9/")
    assert await client.audio.available_devices() == []
    assert client.audio_source_factory is None
    assert client.audio.speaker_devices.set("default") is False
    with pytest.raises(RuntimeError, match="NotFoundError"):
        await client.audio.reveal_audio_devices()
    await client.close()


async def test_portaudio_backend_lists_and_plays_on_its_own_devices(pulse: PulseServer) -> None:
    """Where there is no sound-server API (Windows, macOS), devices are PortAudio's own:
    here the ALSA ``pulse`` and ``default`` devices, which reach the default speaker."""
    backend = open_backend("portaudio")
    devices = backend.devices()
    assert {d.kind for d in devices if d.device_id == "default"} == {"audioinput", "audiooutput"}
    pulse_out = next(d for d in devices if d.kind == "audiooutput" and d.label.startswith("pulse"))
    engine = AudioEngine(backend)
    engine.set_device("speaker", pulse_out.device_id)
    mark = pulse.mark("speaker_a")
    engine.play_tone("ringback", ToneSource(default_tone("ringback"), loop=True))
    await asyncio.sleep(1.0)
    engine.stop_tone("ringback")
    played = pulse.played("speaker_a", mark).astype(float)
    assert np.sqrt(np.mean(played * played)) > 300
    engine.close()
