"""The desktop app on sound devices (the private PulseAudio of tests/rig/pulse.py): the
device pickers list the virtual microphones and speakers, and an echo call plays what the
microphone hears on the speaker picked in the window — and not on the other one."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
import soundfile as sf
from gui_helpers import StartApp, click, click_item
from pytestqt.qtbot import QtBot
from tests.rig.pulse import PulseServer

from webphone.audio.tones import to_48k_mono
from webphone.ui.call_panel import PanelState

pytestmark = pytest.mark.timeout(90)
CALL_TIMEOUT_MS = 15_000


def speech(path: str) -> np.ndarray:
    try:
        subprocess.run(
            ["espeak-ng", "-w", path, "Hello, can you hear me? One, two, three, four, five."],
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.fail(f"espeak-ng is needed (tests/rig/ensure_system.sh): {exc}")
    samples, rate = sf.read(path, dtype="int16")
    return to_48k_mono(samples, rate)


def rms(samples: np.ndarray) -> float:
    x = samples.astype(np.float64)
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0


def test_pickers_list_devices_and_the_call_plays_on_the_chosen_speaker(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp, tmp_path: object
) -> None:
    voice = speech(f"{tmp_path}/voice.wav")
    pulse.play("mic_a", np.concatenate([voice] * 6))
    app = start_app(play=None)  # the real microphone, not a WAV file
    window = app.window
    pickers = window.devices
    qtbot.waitUntil(lambda: pickers.speaker.findData("speaker_b") >= 0, timeout=5000)
    speakers = {pickers.speaker.itemData(i) for i in range(pickers.speaker.count())}
    microphones = {pickers.microphone.itemData(i) for i in range(pickers.microphone.count())}
    assert {"", "speaker_a", "speaker_b"} <= speakers
    assert {"", "mic_a", "mic_b"} <= microphones
    assert not any(str(m).endswith(".monitor") for m in microphones)
    assert pickers.isVisible()

    index = pickers.speaker.findData("speaker_b")
    pickers.speaker.setCurrentIndex(index)
    pickers.speaker.activated.emit(index)  # what choosing it with the mouse sends

    click_item(qtbot, window.contacts, "echo")
    click(qtbot, window.call_button)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    qtbot.wait(1000)
    marks = {s: pulse.mark(s) for s in ("speaker_a", "speaker_b")}
    qtbot.wait(3000)
    chosen = pulse.played("speaker_b", marks["speaker_b"])
    other = pulse.played("speaker_a", marks["speaker_a"])
    assert rms(chosen) > 100, "the echo of the microphone is not heard on the chosen speaker"
    assert rms(other) < 30
    # The level chart is fed by the engine's volume event: the microphone's level too.
    chart = window.level_chart
    assert chart is not None
    qtbot.waitUntil(lambda: chart.peak("inputVolume", 1.0) > 0.5, timeout=5000)
    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
    # A headset plugged in is the speaker from then on (useDefaultAudioDevice off), and
    # the picker shows it once the sdk has switched.
    module = pulse.load_sink("headset")
    try:
        qtbot.waitUntil(lambda: pickers.speaker.currentData() == "headset", timeout=5000)
    finally:
        pulse.unload(module)
    qtbot.waitUntil(lambda: pickers.speaker.findData("headset") < 0, timeout=5000)
    assert pickers.speaker.currentData() == ""
