"""The microphone gain and speaker volume sliders of the audio devices dialog: a slider
sets the level of the device in use, it is remembered for that device, and the next start
of the app gives it back to the sdk (the dialog shows what the sdk then reports)."""

from __future__ import annotations

import pytest
from gui_helpers import StartApp
from pytestqt.qtbot import QtBot
from tests.rig.pulse import PulseServer

from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)


def test_gain_sliders_set_remember_and_restore_each_devices_level(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp
) -> None:
    app = start_app(play=None)
    app.window.show_audio_devices()
    dialog = app.window.devices_dialog
    assert dialog is not None
    microphone = dialog.gains["microphone_devices"]
    speaker = dialog.gains["speaker_devices"]
    assert microphone.slider.value() == 0 and microphone.value.text() == "0 dB"
    microphone.slider.setValue(6)  # what dragging it sends
    speaker.slider.setValue(-12)
    assert microphone.value.text() == "+6 dB" and speaker.value.text() == "-12 dB"
    qtbot.waitUntil(
        lambda: (
            Settings.load().audio_gains
            == {"microphone_devices": {"default": 6.0}, "speaker_devices": {"default": -12.0}}
        ),
        timeout=5000,
    )
    app.shutdown()

    again = start_app(play=None)
    again.window.show_audio_devices()
    shown = again.window.devices_dialog
    assert shown is not None
    qtbot.waitUntil(lambda: shown.gains["microphone_devices"].slider.value() == 6, timeout=5000)
    assert shown.gains["speaker_devices"].slider.value() == -12
