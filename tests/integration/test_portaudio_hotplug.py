"""Hot-plug on the PortAudio backend (what Windows and macOS use), for real: PortAudio's
ALSA host API lists the PCMs of the user's ALSA configuration, and sees a changed list
when it is initialised afresh — as Windows/macOS PortAudio sees plugged devices. A child
process (its own PortAudio, its own HOME with a ``.asoundrc`` of null PCMs) adds and
removes PCMs while the backend watches, and opens a stream on one of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
