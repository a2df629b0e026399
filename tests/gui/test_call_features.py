"""The call panel's audio controls as a user drives them, on real sound devices (a private
PulseAudio with two virtual microphones and speakers): device pickers and the audio
devices dialog against ``client.audio``, the microphone test's level meter, the noise
reduction toggle; and the far end's audio status and quality warnings in words, from
events as the bridge delivers them and from a real call through the impairment relay."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from gui_helpers import StartApp, click, click_item
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from tests.rig.impairment import ImpairmentRelay
from tests.rig.pulse import RATE, PulseServer

from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(120)
CALL_TIMEOUT_MS = 15_000


def tone(seconds: float, frequency: float = 660.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    return (np.sin(2 * np.pi * frequency * t) * 0.3 * 32767).astype(np.int16)


def ids(combo: QComboBox) -> list[str]:
    return [str(combo.itemData(i)) for i in range(combo.count())]


def choose(combo: QComboBox, device_id: str) -> None:
    """Pick *device_id* from the drop-down, as a user's click does (``activated``)."""
    index = combo.findData(device_id)
    assert index >= 0, f"{device_id} not offered: {ids(combo)}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def sdk_value(qtbot: QtBot, app: WebphoneApp, read: Any) -> Any:
    """Ask the sdk (on its own thread, through the bridge) what it has in effect."""
    task = app.tasks.spawn(app.bridge.run(read))
    qtbot.waitUntil(task.done, timeout=5000)
    return task.result()


def test_devices_dialog_chooses_the_microphone_and_its_test_shows_its_level(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp
) -> None:
    app = start_app(Settings(ask_feedback=False), play=None)  # the rig's microphone
    window = app.window
    pickers = window.devices
    qtbot.waitUntil(pickers.isVisible, timeout=5000)
    assert {"mic_a", "mic_b"} <= set(ids(pickers.microphone))
    assert {"speaker_a", "speaker_b"} <= set(ids(pickers.speaker))
    assert pickers.microphone.currentData() == ""  # the system default
    # A speaker plugged in (and out) shows up in (and leaves) the list by itself.
    module = pulse.load_sink("speaker_c")
    qtbot.waitUntil(lambda: "speaker_c" in ids(pickers.speaker), timeout=5000)
    pulse.unload(module)
    qtbot.waitUntil(lambda: "speaker_c" not in ids(pickers.speaker), timeout=5000)

    click(qtbot, pickers.more)
    dialog = window.devices_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "mic_b" in ids(dialog.combos["microphone_devices"]), timeout=5000)
    assert "speaker_b" in ids(dialog.combos["ringtone_devices"])
    choose(dialog.combos["microphone_devices"], "mic_b")
    # The sdk uses it, and the pickers under the call panel say so too.
    qtbot.waitUntil(lambda: pickers.microphone.currentData() == "mic_b", timeout=5000)
    assert sdk_value(qtbot, app, lambda c: c.audio.microphone_devices.get()) == "mic_b"
    choose(dialog.combos["speaker_devices"], "speaker_b")
    qtbot.waitUntil(lambda: pickers.speaker.currentData() == "speaker_b", timeout=5000)

    # The test sound plays on the chosen speaker, not on the other one.
    marks = {name: pulse.mark(name) for name in ("speaker_a", "speaker_b")}
    click(qtbot, dialog.speaker_button)
    qtbot.wait(1500)

    def peak(name: str) -> int:
        played = pulse.played(name, marks[name])
        return int(np.abs(played.astype(np.int32)).max()) if played.size else 0

    assert peak("speaker_b") > 1000, "no test sound on the chosen speaker"
    assert peak("speaker_a") < 100, "the test sound went to the other speaker"

    # The microphone test: the other microphone's sound does not move the bar, ours does.
    click(qtbot, dialog.test_button)
    assert dialog.test_button.text() == "Stop test"
    pulse.play("mic_a", tone(1.5))
    qtbot.wait(1200)
    assert dialog.meter.value() < 20, "the meter follows a microphone that was not chosen"
    pulse.play("mic_b", tone(3.0))
    qtbot.waitUntil(lambda: dialog.meter.value() > 60, timeout=5000)
    click(qtbot, dialog.test_button)
    assert dialog.test_button.text() == "Test microphone"
    qtbot.waitUntil(lambda: dialog.meter.value() == 0, timeout=5000)

    # Right after a call (the sdk's ``volume`` events go on for a while with the call's
    # microphone closed) the test's level holds.
    click_item(qtbot, window.contacts, "echo")
    click(qtbot, window.call_button)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    qtbot.wait(500)
    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
    click(qtbot, dialog.test_button)
    pulse.play("mic_b", tone(4.0))
    qtbot.waitUntil(lambda: dialog.meter.value() > 60, timeout=5000)
    levels = []
    for _ in range(20):
        qtbot.wait(50)
        levels.append(dialog.meter.value())
    assert min(levels) > 40, levels
    click(qtbot, dialog.test_button)

    # Closing the dialog while testing stops the test (the microphone is closed again).
    click(qtbot, dialog.test_button)
    pulse.play("mic_b", tone(3.0))
    qtbot.waitUntil(lambda: dialog.meter.value() > 60, timeout=5000)
    dialog.close()
    qtbot.waitUntil(lambda: dialog.meter.value() == 0, timeout=5000)
    assert not dialog.test_button.isChecked()


def test_noise_reduction_toggle_once_the_sdk_is_ready(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp
) -> None:
    app = start_app(Settings(options={"enableNoiseReduction": True}, ask_feedback=False))
    window = app.window
    panel = window.call_panel
    button = panel.noise_button
    qtbot.waitUntil(button.isEnabled, timeout=10_000)
    click_item(qtbot, window.contacts, "echo")
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)

    click(qtbot, button)
    assert button.isChecked()
    qtbot.waitUntil(
        lambda: sdk_value(qtbot, app, lambda c: c.audio.noise_reduction.active), timeout=5000
    )
    click(qtbot, button)
    assert not button.isChecked()
    qtbot.waitUntil(
        lambda: not sdk_value(qtbot, app, lambda c: c.audio.noise_reduction.active), timeout=5000
    )
    assert "could not" not in window.statusBar().currentMessage()


def test_noise_reduction_unavailable_without_the_option(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app(Settings(options={"enableNoiseReduction": False}))
    button = app.window.call_panel.noise_button
    qtbot.wait(500)
    assert not button.isEnabled()
    assert button.toolTip() == "Noise reduction is not available yet"


def test_remote_audio_and_quality_warnings_in_words(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app(Settings(ask_feedback=False))
    window = app.window
    panel = window.call_panel
    click_item(qtbot, window.contacts, "echo")
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert not panel.remote_audio.isVisible()
    assert not panel.warnings.isVisible()

    # The sdk's events arrive through the bridge exactly as the core thread sends them.
    jitter = {"group": "network", "level": "warning", "type": "high_jitter", "value": "48.2",
              "active": True, "desc": "jitterLocalMeasures", "stream": "local"}  # fmt: skip
    loss = {"group": "network", "level": "warning", "type": "high_packetloss",
            "value": "0.125", "active": True, "desc": "packetLossRemoteMeasures",
            "stream": "remote"}  # fmt: skip
    app.bridge.sdkEvent.emit("remoteAudioStatus", [False])
    app.bridge.sdkEvent.emit("mediaMetrics", [jitter])
    app.bridge.sdkEvent.emit("mediaMetrics", [loss])
    qtbot.waitUntil(panel.warnings.isVisible)
    assert panel.remote_audio.text() == "No audio from the other side"
    assert panel.warnings.text().splitlines() == [
        "High jitter: 48 ms, in what you hear",
        "High packet loss: 12.5 %, in what the other side hears",
    ]
    assert window.quality_chart.status.text() == "Warning: High jitter, High packet loss"

    app.bridge.sdkEvent.emit("mediaMetrics", [{**jitter, "active": False}])
    app.bridge.sdkEvent.emit("remoteAudioStatus", [True])
    qtbot.waitUntil(lambda: panel.remote_audio.text() == "Audio from the other side: OK")
    assert panel.warnings.text() == "High packet loss: 12.5 %, in what the other side hears"

    # The next call starts clean.
    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert not panel.warnings.isVisible()
    assert not panel.remote_audio.isVisible()


def test_real_packet_loss_and_a_silent_path_are_told_in_the_call_panel(
    qtbot: QtBot, start_app: StartApp
) -> None:
    """The call's media runs through the impairment relay (created on the core loop, as
    the clients' media live there): what the sdk measures reaches the panel in words."""
    app = start_app(Settings(ask_feedback=False))
    window = app.window
    panel = window.call_panel

    def relay_calls(client: Any) -> ImpairmentRelay:
        relay = ImpairmentRelay(seed=1, lifetime=120)
        relay.install(client, "alice")
        session = app.bridge.session
        assert session is not None and session.demo is not None
        relay.install(session.demo.bots.clients["echo"], "echo")
        return relay

    relay: ImpairmentRelay = sdk_value(qtbot, app, relay_calls)
    try:
        click_item(qtbot, window.contacts, "echo")
        click(qtbot, window.call_button)
        qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
        qtbot.wait(2000)

        # Nothing reaches us for a while: the sdk notices within a second or two.
        sdk_value(qtbot, app, lambda _c: relay.impair("alice", loss=1.0))
        qtbot.waitUntil(panel.remote_audio.isVisible, timeout=6000)
        assert panel.remote_audio.text() == "No audio from the other side"
        sdk_value(qtbot, app, lambda _c: relay.impair("alice"))
        qtbot.waitUntil(
            lambda: panel.remote_audio.text() == "Audio from the other side: OK", timeout=6000
        )

        # A fifth of the packets lost both ways: the 5 s windows raise it, in words.
        sdk_value(qtbot, app, lambda _c: relay.impair(None, loss=0.2))
        qtbot.waitUntil(lambda: "High packet loss" in panel.warnings.text(), timeout=30_000)
        line = next(t for t in panel.warnings.text().splitlines() if "packet loss" in t)
        assert re.fullmatch(
            r"High packet loss: \d+\.\d %, in what (you hear|the other side hears)", line
        ), line
        assert "High packet loss" in window.quality_chart.status.text()
        sdk_value(qtbot, app, lambda _c: relay.impair(None))
        qtbot.waitUntil(lambda: "High packet loss" not in panel.warnings.text(), timeout=30_000)
    finally:
        sdk_value(qtbot, app, lambda _c: relay.close())
