"""Calls through Kamailio where one phone uses real sound devices: the virtual speakers and
microphones of a private PulseAudio (tests/rig/pulse.py), real PortAudio streams.

The far end is a second, device-less client: it sends a tone (what our speaker must
play) and records what it receives (what our microphone must deliver).
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
import soundfile
from av import AudioFrame
from scripted_server import wait_for
from tests.rig.pulse import PulseServer

from webphone.audio.tones import to_48k_mono
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(120)

RATE = 48000
FAR_TONE = 1000.0  # what the far end sends
MIC_TONES = {"mic_a": 600.0, "mic_b": 1500.0}  # what each virtual microphone hears
RAW = {"echoCancellation": False, "noiseSuppression": False, "autoGainControl": False}


def dominant(samples: np.ndarray) -> tuple[float, float]:
    """(frequency of the strongest bin, RMS) of mono int16 audio."""
    x = samples.astype(np.float64)
    rms = float(np.sqrt(np.mean(x * x))) if x.size else 0.0
    if x.size < 1024:
        return 0.0, rms
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.argmax(spectrum) * RATE / x.size), rms


def tone(freq: float, seconds: float, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * freq * t) * level * 32767).astype(np.int16)


@dataclass
class FarEnd:
    client: Client
    user: str
    frames: list[np.ndarray] = field(default_factory=list)
    recording: bool = False

    def record(self, frame: AudioFrame) -> None:
        if self.recording:
            data = frame.to_ndarray()
            channels = len(frame.layout.channels)
            mono = data.reshape(-1, channels)[:, 0] if channels > 1 else data.reshape(-1)
            self.frames.append(mono.astype(np.int16))

    async def heard(self, seconds: float) -> np.ndarray:
        """What the far end receives during the next *seconds*."""
        self.frames.clear()
        self.recording = True
        await asyncio.sleep(seconds)
        self.recording = False
        return np.concatenate(self.frames) if self.frames else np.zeros(0, np.int16)


@dataclass
class Call:
    ours: Client
    far: FarEnd
    events: list[tuple[str, tuple[Any, ...]]]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [a for n, a in self.events if n == name]


async def _login(kamailio: Any, user: str, **kwargs: Any) -> Client:
    client = Client(
        kwargs.pop("options", None),
        server=kamailio.ws_url,
        domain=kamailio.domain,
        allowed_addresses=["127.0.0.1"],
        **kwargs,
    )
    assert await client.login(user, kamailio.users[user])
    return client


@pytest.fixture
async def call(pulse: PulseServer, kamailio: Any) -> AsyncIterator[Call]:
    """Our phone (alice, on the sound server) in an answered call with bob (no devices)."""
    for mic, freq in MIC_TONES.items():
        pulse.play(mic, tone(freq, 60))
    # Raw audio: the APM's noise suppression would (rightly) treat a steady tone as noise.
    ours = await _login(kamailio, "alice", audio_backend="pulse", options={"audioConstraints": RAW})
    events: list[tuple[str, tuple[Any, ...]]] = []
    for name in (
        "volume",
        "audioDeviceChange",
        "onCallAnswered",
        "onMediaPermission",
        "onNoiseReductionReady",
        "mediaMetrics",
    ):
        ours.on(name, lambda *a, _n=name: events.append((_n, a)))
    bob = await _login(kamailio, "bob")
    bob.audio_source_factory = lambda: GeneratedAudioTrack(FAR_TONE, amplitude=0.3)
    far = FarEnd(bob, "bob")
    bob.remote_audio_listeners.append(far.record)
    bob.on("onIncomingCall", lambda *_: asyncio.ensure_future(bob.answer()))
    assert await ours.call("bob")
    await wait_for(lambda: any(n == "onCallAnswered" for n, _ in events), timeout=15)
    await asyncio.sleep(1.0)  # media flowing, playout primed
    yield Call(ours, far, events)
    await ours.close()
    await bob.close()


async def played(pulse: PulseServer, seconds: float) -> dict[str, tuple[float, float]]:
    marks = {s: pulse.mark(s) for s in ("speaker_a", "speaker_b")}
    await asyncio.sleep(seconds)
    return {s: dominant(pulse.played(s, m)) for s, m in marks.items()}


async def test_far_end_tone_on_chosen_speaker_only_and_switch(
    call: Call, pulse: PulseServer
) -> None:
    # By default the call plays on the system default speaker.
    out = await played(pulse, 1.0)
    assert abs(out["speaker_a"][0] - FAR_TONE) < 20 and out["speaker_a"][1] > 500
    assert out["speaker_b"][1] < 50
    # Switching mid-call: the far end now comes out of speaker_b, and not speaker_a.
    assert call.ours.audio.speaker_devices.set("speaker_b") is True
    assert call.ours.audio.speaker_devices.get() == "speaker_b"
    await asyncio.sleep(0.3)
    out = await played(pulse, 1.0)
    assert abs(out["speaker_b"][0] - FAR_TONE) < 20 and out["speaker_b"][1] > 500
    assert out["speaker_a"][1] < 50
    assert call.ours.get_current_session() is not None


async def test_chosen_microphone_is_what_far_end_hears(call: Call) -> None:
    freq, rms = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_a"]) < 20 and rms > 300
    assert call.ours.audio.microphone_devices.set("mic_b") is True
    await asyncio.sleep(0.3)
    freq, rms = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_b"]) < 20 and rms > 300
    # Muting survives the switch: silence goes out, the call stays.
    assert call.ours.mute()
    assert call.ours.audio.microphone_devices.set("mic_a") is True
    await asyncio.sleep(0.3)
    _, rms = dominant(await call.far.heard(0.6))
    assert rms < 5
    assert call.ours.unmute()
    await asyncio.sleep(0.3)
    freq, rms = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_a"]) < 20 and rms > 300


def db_change(before: float, after: float) -> float:
    return 20 * float(np.log10(after / before))


async def test_microphone_gain_moves_what_the_far_end_hears(call: Call) -> None:
    """The gain slider's dB are the far end's dB, mid-call; each microphone keeps its own."""
    microphone = call.ours.audio.microphone_devices
    _, before = dominant(await call.far.heard(1.0))
    microphone.set_gain(-10.0)
    await asyncio.sleep(0.3)
    _, quieter = dominant(await call.far.heard(1.0))
    assert abs(db_change(before, quieter) + 10.0) < 1.0, (before, quieter)
    microphone.set_gain(6.0)
    await asyncio.sleep(0.3)
    _, louder = dominant(await call.far.heard(1.0))
    assert abs(db_change(before, louder) - 6.0) < 1.0, (before, louder)
    # Another microphone starts at its own gain (none set: 0 dB), and this one's is kept.
    assert microphone.set("mic_b") is True
    assert microphone.gain() == 0.0 and microphone.gains() == {"default": 6.0}
    with pytest.raises(ValueError, match="outside"):
        microphone.set_gain(30.0)


async def test_speaker_volume_moves_what_the_speaker_plays(call: Call, pulse: PulseServer) -> None:
    speaker = call.ours.audio.speaker_devices
    before = (await played(pulse, 1.0))["speaker_a"][1]
    speaker.set_gain(-12.0)
    await asyncio.sleep(0.3)
    after = (await played(pulse, 1.0))["speaker_a"][1]
    assert abs(db_change(before, after) + 12.0) < 1.0, (before, after)


async def test_volume_event_reports_both_directions(call: Call) -> None:
    start = len(call.of("volume"))
    await asyncio.sleep(1.0)
    volumes = [a[0] for a in call.of("volume")[start:]]
    assert 40 <= len(volumes) <= 70  # ~60 Hz
    last = volumes[-1]
    assert set(last) == {"inputVolume", "outputVolume"}
    # A tone at 0.3 of full scale is about -13 dBFS: above the -30 dB top of the scale.
    assert last["inputVolume"] == 1.0 and last["outputVolume"] == 1.0
    # Muted, the microphone's level drops to 0 as the seed's disabled track does.
    call.ours.mute()
    await asyncio.sleep(0.1)
    assert call.of("volume")[-1][0]["inputVolume"] == 0.0
    assert call.of("volume")[-1][0]["outputVolume"] == 1.0


async def test_invalid_device_ids_change_nothing(call: Call, pulse: PulseServer) -> None:
    audio = call.ours.audio
    assert audio.speaker_devices.set("speaker_b")
    assert audio.speaker_devices.set("no-such-sink") is False
    assert audio.speaker_devices.set(42) is False
    assert audio.microphone_devices.set("speaker_a") is False  # an output, not an input
    assert audio.speaker_devices.get() == "speaker_b"
    assert audio.microphone_devices.get() == ""
    await asyncio.sleep(0.3)
    out = await played(pulse, 1.0)
    assert out["speaker_b"][1] > 500 and out["speaker_a"][1] < 50


async def test_removed_active_speaker_keeps_call_on_default(call: Call, pulse: PulseServer) -> None:
    module = pulse.load_sink("headset")
    await wait_for(
        lambda: any(a[0]["change"] == "added" for a in call.of("audioDeviceChange")), timeout=5
    )
    await asyncio.sleep(0.4)  # past the seed's 200 ms auto-switch
    assert call.ours.audio.speaker_devices.set("headset")
    await asyncio.sleep(0.5)
    pulse.unload(module)
    await wait_for(
        lambda: any(a[0]["change"] == "removed" for a in call.of("audioDeviceChange")), timeout=5
    )
    removed = [a[0] for a in call.of("audioDeviceChange") if a[0]["change"] == "removed"]
    assert removed[0]["device"]["deviceId"] == "headset"
    assert removed[0]["device"]["kind"] == "audiooutput"
    await asyncio.sleep(0.5)
    out = await played(pulse, 1.0)
    assert abs(out["speaker_a"][0] - FAR_TONE) < 20 and out["speaker_a"][1] > 500
    assert call.ours.get_current_session() is not None
    assert call.ours.audio.speaker_devices.get() == ""


async def test_noise_reduction_starts_and_stops_mid_call(call: Call) -> None:
    # enableNoiseReduction is on by default: RNNoise was loaded at login.
    await wait_for(lambda: bool(call.of("onNoiseReductionReady")), timeout=5)
    assert await call.ours.start_noise_reduction() is True
    assert await call.ours.start_noise_reduction() is False  # already started
    await asyncio.sleep(0.5)
    # RNNoise takes a steady tone for noise: what the far end hears drops.
    _, denoised = dominant(await call.far.heard(1.0))
    assert await call.ours.stop_noise_reduction() is True
    assert await call.ours.stop_noise_reduction() is False
    await asyncio.sleep(0.3)
    freq, raw = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_a"]) < 20
    assert raw > 2 * denoised
    assert call.ours.get_current_session() is not None


async def test_noise_reduction_refused_when_the_option_is_off(kamailio: Any) -> None:
    client = await _login(kamailio, "carol", options={"enableNoiseReduction": False})
    assert await client.start_noise_reduction() is False
    assert await client.stop_noise_reduction() is False
    await client.close()


async def test_removed_active_microphone_keeps_call_on_default(
    call: Call, pulse: PulseServer
) -> None:
    module = int(
        pulse.pactl(
            "load-module", "module-remap-source", "source_name=usb_mic", "master=mic_b_feed.monitor"
        )
    )
    await wait_for(
        lambda: any(a[0]["device"]["deviceId"] == "usb_mic" for a in call.of("audioDeviceChange")),
        timeout=5,
    )
    await asyncio.sleep(0.4)  # past the seed's 200 ms auto-switch
    assert call.ours.audio.microphone_devices.set("usb_mic") is True
    await asyncio.sleep(0.3)
    freq, _ = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_b"]) < 20  # the USB microphone (over mic_b's feed)
    pulse.unload(module)
    await wait_for(
        lambda: any(a[0]["change"] == "removed" for a in call.of("audioDeviceChange")), timeout=5
    )
    await asyncio.sleep(0.5)
    freq, rms = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_a"]) < 20 and rms > 300  # the default microphone
    assert call.ours.audio.microphone_devices.get() == ""
    assert call.ours.get_current_session() is not None
    # The user was told the microphone went away, and told again once the default works.
    # (Clearing waits for the next 5 s quality window, as every warning does.)
    await wait_for(lambda: len(warnings(call, "no_microphone_access")) >= 2, timeout=15)
    assert [w["active"] for w in warnings(call, "no_microphone_access")] == [True, False]


def warnings(call: Call, kind: str) -> list[dict[str, Any]]:
    return [a[0] for a in call.of("mediaMetrics") if a[0]["type"] == kind]


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    """Two spoken sentences from espeak-ng, 48 kHz mono int16."""
    wav = tmp_path_factory.mktemp("speech") / "speech.wav"
    sentence = "Hello, can you hear me? I am talking while the phone is muted."
    subprocess.run(["espeak-ng", "-w", str(wav), sentence], check=True, timeout=30)
    data, rate = soundfile.read(wav, dtype="int16")
    return to_48k_mono(data, rate)


async def test_speaking_on_a_muted_microphone_is_reported_once(
    call: Call, pulse: PulseServer, speech: np.ndarray
) -> None:
    feed = pulse.load_sink("talker_feed")
    source = int(
        pulse.pactl(
            "load-module", "module-remap-source", "source_name=talker", "master=talker_feed.monitor"
        )
    )
    try:
        await wait_for(
            lambda: any(
                a[0]["device"]["deviceId"] == "talker" for a in call.of("audioDeviceChange")
            ),
            timeout=5,
        )
        await asyncio.sleep(0.4)  # past the seed's 200 ms auto-switch
        assert call.ours.audio.microphone_devices.set("talker") is True
        assert call.ours.mute()
        await asyncio.sleep(1.0)
        assert warnings(call, "speaking_on_mute") == []  # a quiet room is not speech
        pulse.play("talker", np.concatenate([speech, speech]))
        await wait_for(lambda: warnings(call, "speaking_on_mute"), timeout=10)
        await asyncio.sleep(2.0)  # the rest of the talking raises nothing more
        raised = warnings(call, "speaking_on_mute")
        assert len(raised) == 1 and raised[0]["active"] is True
        _, rms = dominant(await call.far.heard(0.5))
        assert rms < 5  # and the far end heard none of it
    finally:
        pulse.unload(source)
        pulse.unload(feed)


async def test_sent_digit_plays_its_feedback_tone_on_the_speaker(
    call: Call, pulse: PulseServer
) -> None:
    mark = pulse.mark("speaker_a")
    assert await call.ours.send_dtmf("5")
    await asyncio.sleep(0.4)
    samples = pulse.played("speaker_a", mark).astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size))) ** 2
    bins = np.fft.rfftfreq(samples.size, 1 / RATE)

    def energy(freq: float) -> float:
        return float(spectrum[np.abs(bins - freq) < 15].sum())

    quiet = energy(2000.0)  # no tone there: the floor
    assert energy(770.0) > 100 * quiet and energy(1336.0) > 100 * quiet  # '5' = 770 + 1336 Hz


async def test_hangup_releases_the_devices(call: Call, pulse: PulseServer) -> None:
    def our_streams() -> int:
        listing = pulse.pactl("list", "sink-inputs") + pulse.pactl("list", "source-outputs")
        return listing.count("ALSA plug-in")  # PortAudio's streams (the rig uses pacat/parec)

    assert our_streams() == 2  # microphone and speaker
    assert await call.ours.hangup()
    await wait_for(lambda: our_streams() == 0, timeout=5)
    volumes = len(call.of("volume"))
    await asyncio.sleep(3.5)  # the volume event stops 3 s after the call, as the seed's does
    stopped = len(call.of("volume"))
    await asyncio.sleep(0.3)
    assert len(call.of("volume")) == stopped > volumes


async def test_perm_on_click_reports_a_microphone_that_fails_at_call_time(
    pulse: PulseServer, kamailio: Any
) -> None:
    ours = await _login(kamailio, "alice", audio_backend="pulse", options={"permOnClick": True})
    far = await _login(kamailio, "bob")
    permissions: list[dict[str, Any]] = []
    ours.on("onMediaPermission", permissions.append)
    far.on("onIncomingCall", lambda *_: asyncio.ensure_future(far.answer()))
    # A microphone that vanished behind the SDK's back (no event yet): opening it fails.
    ours.audio.engine.set_device("microphone", "vanished_mic")
    answered: list[Any] = []
    ours.on("onCallAnswered", answered.append)
    assert await ours.call("bob")
    await wait_for(lambda: bool(answered), timeout=15)
    assert {"status": "failure", "error": "NotReadableError"} in permissions
    assert ours.get_current_session() is not None  # the call goes on, sending silence
    await ours.close()
    await far.close()


async def test_a_sound_server_restart_mid_call_is_survived(call: Call, pulse: PulseServer) -> None:
    """PulseAudio (or PipeWire) restarting under a call: every device is reported gone and
    then back, and the call's speaker and microphone — the ones the user chose — work
    again on the new server."""
    audio = call.ours.audio
    assert audio.speaker_devices.set("speaker_b") and audio.microphone_devices.set("mic_b")
    # Chosen a while before: a capture stream whose server dies within moments of opening
    # can leave PortAudio's ALSA thread spinning (see stream.CLOSE_TIMEOUT_SECONDS).
    await asyncio.sleep(1.0)
    await asyncio.to_thread(pulse.restart)
    for mic, freq in MIC_TONES.items():
        pulse.play(mic, tone(freq, 60))

    def seen() -> list[tuple[str, str]]:
        return [(a[0]["change"], a[0]["device"]["deviceId"]) for a in call.of("audioDeviceChange")]

    await wait_for(lambda: ("added", "speaker_b") in seen(), timeout=20)
    await wait_for(lambda: ("added", "mic_b") in seen(), timeout=5)
    assert seen().index(("removed", "speaker_b")) < seen().index(("added", "speaker_b"))
    await wait_for(lambda: audio.speaker_devices.get() == "speaker_b", timeout=2)
    assert audio.microphone_devices.get() == "mic_b"
    await asyncio.sleep(1.0)  # the streams reopened on the new server
    out = await played(pulse, 1.0)
    assert abs(out["speaker_b"][0] - FAR_TONE) < 20 and out["speaker_b"][1] > 500
    assert out["speaker_a"][1] < 100
    freq, rms = dominant(await call.far.heard(1.0))
    assert abs(freq - MIC_TONES["mic_b"]) < 20 and rms > 300
    assert call.ours.get_current_session() is not None


async def test_reveal_with_return_stream_hands_out_the_chosen_microphone(
    pulse: PulseServer,
) -> None:
    """``reveal_audio_devices('returnStream')`` resolves an open microphone, as the
    reference SDK resolves getUserMedia's MediaStream: its track gives what the chosen
    virtual microphone hears, and stop() releases the device."""
    pulse.play("mic_b", tone(MIC_TONES["mic_b"], 20))
    client = Client(server="ws://127.0.0.1:9/", audio_backend="pulse")

    def recording() -> int:  # streams recording from the server (the rig's monitors too)
        return len(pulse.pactl("list", "short", "source-outputs").splitlines())

    try:
        await client.audio.available_devices()
        assert client.audio.microphone_devices.set("mic_b")
        before = recording()
        stream = await client.audio.reveal_audio_devices("returnStream")
        assert stream != "success" and stream.active and stream.device_id == "mic_b"
        assert recording() == before + 1
        track = stream.get_audio_tracks()[0]
        assert stream.get_tracks() == [track] and track.kind == "audio"
        frames = [await track.recv() for _ in range(60)]  # 1.2 s
        heard = np.concatenate([f.to_ndarray().reshape(-1) for f in frames[20:]])
        freq, rms = dominant(heard)
        assert abs(freq - MIC_TONES["mic_b"]) < 20 and rms > 300
        stream.stop()
        assert not stream.active and track.readyState == "ended"
        assert recording() == before
        assert await client.audio.reveal_audio_devices() == "success"
    finally:
        await client.close()
