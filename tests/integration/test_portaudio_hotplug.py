"""Hot-plug on the PortAudio backend (what Windows and macOS use), for real: PortAudio's
ALSA host API lists the PCMs of the user's ALSA configuration, and sees a changed list
when it is initialised afresh — as Windows/macOS PortAudio sees plugged devices. A child
process (its own PortAudio, its own HOME with a ``.asoundrc``) adds and removes PCMs
while the backend watches, and opens streams on them; an ALSA ``pulse`` PCM on a sink of
the rig's PulseAudio is a device whose stream can die under it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.rig.pulse import PulseServer

pytestmark = pytest.mark.timeout(90)

CHILD = r"""
import json, sys, time
from pathlib import Path
from webphone.audio.devices import OUTPUT, PortAudioBackend
from webphone.audio.stream import OutputMixer

rc = Path(sys.argv[1])

def write(*names):
    rc.write_text("".join(
        f'pcm.{n} {{\n type null\n hint {{ show on description "{n}" }}\n}}\n' for n in names
    ))

def ours(devices):
    return sorted((d.kind, d.device_id) for d in devices if "webphone_" in d.device_id)

write("webphone_a", "webphone_b")
backend = PortAudioBackend(poll_seconds=0.2)
events = []
backend.watch(lambda change, d: events.append([change, d.kind, d.device_id]))
result = {"first": ours(backend.devices())}

def settle(count):
    deadline = time.monotonic() + 10
    while len(events) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # and nothing more comes
    return list(events)

write("webphone_a", "webphone_b", "webphone_c")
result["after_add"] = settle(2)
b = next(d for d in backend.devices() if d.kind == OUTPUT and d.label == "webphone_b")
result["b_index_before"] = backend.portaudio_device(OUTPUT, b.device_id)
write("webphone_b", "webphone_c")
result["after_remove"] = settle(4)
result["b_index_after"] = backend.portaudio_device(OUTPUT, b.device_id)
result["listed_after"] = ours(backend.devices())

speaker = OutputMixer(backend, "speaker")
speaker.use(b.device_id)
speaker.open()
write("webphone_b", "webphone_c", "webphone_d")
time.sleep(1.0)
result["while_open"] = list(events)
result["healthy"] = speaker.healthy
speaker.close()
result["after_close"] = settle(6)
backend.close()
print(json.dumps(result))
"""


def test_the_portaudio_backend_reports_devices_added_and_removed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALSA_", "PULSE_"))}
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / ".asoundrc")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    a, b, c, d = (f"ALSA:webphone_{x}" for x in "abcd")
    assert result["first"] == [
        ["audioinput", a],
        ["audioinput", b],
        ["audiooutput", a],
        ["audiooutput", b],
    ]
    assert sorted(result["after_add"]) == [
        ["added", "audioinput", c],
        ["added", "audiooutput", c],
    ]
    assert sorted(result["after_remove"][2:]) == [
        ["removed", "audioinput", a],
        ["removed", "audiooutput", a],
    ]
    # b's id outlived a's going away, and names b's new place in PortAudio's list
    assert result["b_index_after"] == result["b_index_before"] - 1
    assert [b] == sorted({i for _, i in result["listed_after"]} - {c})
    # PortAudio can't be re-scanned under an open stream: d is reported once it closes
    assert result["healthy"] is True
    assert result["while_open"] == result["after_remove"]
    assert sorted(result["after_close"][4:]) == [
        ["added", "audioinput", d],
        ["added", "audiooutput", d],
    ]


SPEAKER_CHILD = r"""
import json, sys, time
import numpy as np
from webphone.audio.devices import OUTPUT, PortAudioBackend
from webphone.audio.engine import AudioEngine
from webphone.audio.tones import ToneSource

backend = PortAudioBackend()
engine = AudioEngine(backend)
headset = next(d for d in backend.devices() if d.kind == OUTPUT and d.label == "headset")
engine.set_device("speaker", headset.device_id)
beep = (np.sin(np.arange(48000) * 2 * np.pi * 800 / 48000) * 10000).astype(np.int16)
engine.play_tone("beep", ToneSource(beep, loop=True))
print("playing", flush=True)
sys.stdin.readline()  # the headset is gone now
deadline, fell_back = time.monotonic() + 10, []
while not fell_back and time.monotonic() < deadline:
    time.sleep(0.2)
    fell_back = engine.recover()
print(json.dumps({"fell_back": fell_back, "speaker": engine.device("speaker")}), flush=True)
sys.stdin.readline()
engine.close()
"""


def test_a_speaker_gone_under_its_open_stream_falls_back_to_the_default(
    tmp_path: Path, pulse: PulseServer
) -> None:
    """PortAudio says nothing when a device goes while a stream is open on it: the
    periodic check (the SDK runs it every second of a call) finds the stream stopped and
    plays on the default device from then on."""
    module = pulse.load_sink("headset")
    with _headset_child(tmp_path, pulse, SPEAKER_CHILD, "playing") as child:
        stream = _stream_on(pulse, "headset")
        mark = pulse.mark("speaker_a")
        _kill(pulse, stream)
        pulse.unload(module)
        result = _next(child)
        assert result == {"fell_back": ["speaker"], "speaker": "default"}
        fallen = pulse.mark("speaker_a")
        time.sleep(1.0)
        played = pulse.played("speaker_a", fallen)
        assert _rms(played) > 3000, "the default speaker plays it"
        before = pulse.played("speaker_a", mark)[: len(played) // 4]
        assert _rms(before) < 100, "not before the headset went"


CALL_CHILD = r"""
import asyncio, json, sys
from webphone.demo.service import DemoService
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

async def main():
    async with DemoService() as demo:
        kwargs = {"server": demo.url, "domain": demo.domain, "allowed_addresses": ["127.0.0.1"]}
        demo.accounts["alice"] = demo.accounts["bob"] = "pw"
        ours = Client({}, audio_backend="portaudio", **kwargs)
        bob = Client({}, **kwargs)
        bob.audio_source_factory = lambda: GeneratedAudioTrack(1000.0, amplitude=0.3)
        bob.on("onIncomingCall", lambda *_: asyncio.ensure_future(bob.answer()))
        answered, ended = asyncio.Event(), []
        ours.on("onCallAnswered", lambda *_: answered.set())
        ours.on("onCallTerminated", lambda *a: ended.append(a))
        assert await ours.login("alice", "pw") and await bob.login("bob", "pw")
        headset = next(
            d for d in await ours.audio.available_devices("output") if d["label"] == "headset"
        )
        assert ours.audio.speaker_devices.set(headset["deviceId"])
        assert await ours.call("bob")
        await asyncio.wait_for(answered.wait(), 15)
        print("in call", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        await asyncio.sleep(3.0)  # the SDK looks at its streams once a second
        print(json.dumps({
            "speaker": ours.audio.speaker_devices.get(),
            "in_call": ours.get_current_session() is not None,
            "ended": len(ended),
        }), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        await ours.close()
        await bob.close()

asyncio.run(main())
"""


def test_a_call_whose_speaker_goes_under_its_stream_goes_on_on_the_default(
    tmp_path: Path, pulse: PulseServer
) -> None:
    """The SDK's own once-a-second check, in a call: the headset's stream dies under it
    (the sound server kills it, as a USB headset pulled out on Windows stops its stream;
    unloading the sink would let PulseAudio rescue the stream onto another one), and the
    far end's tone moves to the default speaker while the call stays up."""
    module = pulse.load_sink("headset")
    with _headset_child(tmp_path, pulse, CALL_CHILD, "in call") as child:
        stream = _stream_on(pulse, "headset")
        mark = pulse.mark("speaker_a")
        time.sleep(1.0)
        assert _rms(pulse.played("speaker_a", mark)) < 100, "not on the default speaker yet"
        _kill(pulse, stream)
        pulse.unload(module)
        fallen = pulse.mark("speaker_a")
        result = _next(child)
        played = pulse.played("speaker_a", fallen)
        assert result == {"speaker": "", "in_call": True, "ended": 0}
        tail = played[len(played) // 2 :]
        assert _rms(tail) > 1000, "the default speaker plays the far end now"


#: Prefixed to a child's script: SIGUSR1 prints where each of its threads is.
_DUMPS_STACKS = (
    "import faulthandler, signal\nfaulthandler.register(signal.SIGUSR1, all_threads=True)\n"
)


@dataclasses.dataclass
class _Child:
    """A child process; its stderr goes to a file, as a pipe nobody reads while it runs
    fills up and blocks it (ALSA complains at length about a PCM gone under it)."""

    process: subprocess.Popen[str]
    stderr: Path

    def failure(self, what: str) -> str:
        """*what*, with the end of the child's stderr (killing it if it still runs)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        return f"{what}:\n{self.stderr.read_text(errors='replace')[-6000:]}"


@contextlib.contextmanager
def _headset_child(tmp_path: Path, pulse: PulseServer, script: str, ready: str) -> Iterator[_Child]:
    """*script* in a child whose ALSA configuration has a ``headset`` PCM on the rig's
    sink of that name, once it has printed *ready*; it must exit cleanly when told to go
    on after its last JSON line."""
    (tmp_path / ".asoundrc").write_text(
        'pcm.headset {\n type pulse\n device "headset"\n'
        ' hint { show on description "headset" }\n}\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALSA_", "PULSE_"))}
    env.update(HOME=str(tmp_path), PULSE_SERVER=pulse.server)
    stderr = tmp_path / "child-stderr.txt"
    with stderr.open("w") as stderr_file:
        process = subprocess.Popen(
            [sys.executable, "-c", _DUMPS_STACKS + script],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            text=True,
        )
    child = _Child(process, stderr)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == ready, child.failure("it did not start")
        yield child
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.flush()
        try:
            code = process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGUSR1)
            time.sleep(1.0)
            raise AssertionError(child.failure("it hangs on its way out")) from None
        assert code == 0, child.failure(f"it exited with {code}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _next(child: _Child) -> Any:
    """Tell *child* to go on; its next line, as JSON."""
    process = child.process
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("\n")
    process.stdin.flush()
    line = process.stdout.readline()
    assert line, child.failure("it ended")
    return json.loads(line)


def _stream_on(pulse: PulseServer, sink: str) -> str:
    """The one playback stream on *sink* (its sink-input index)."""
    sinks = {
        line.split()[0]: line.split()[1]
        for line in pulse.pactl("list", "short", "sinks").splitlines()
    }
    inputs = pulse.pactl("list", "short", "sink-inputs").splitlines()
    found = [line.split()[0] for line in inputs if sinks.get(line.split()[1]) == sink]
    assert len(found) == 1, inputs
    return found[0]


def _kill(pulse: PulseServer, stream: str) -> None:
    """End a playback stream under its client, as a device failing under its open stream
    does (USB headset pulled out on Windows). Only unloading the sink would not do: the
    sound server would rescue the stream onto another sink and it would go on."""
    killed = subprocess.run(
        ["pacmd", "kill-sink-input", stream], env=pulse.env, capture_output=True, text=True
    )
    assert killed.returncode == 0, killed.stderr


def _rms(samples: np.ndarray) -> float:
    x = samples.astype(np.float64)
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0
