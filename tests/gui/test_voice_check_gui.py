"""Phone → Audio devices… → Check voice path, on the embedded demo service: the check
calls the echo bot, shows its progress, then the round trip, the share of speech that
came back intact and the call's MOS; the check's call asks for no feedback."""

from __future__ import annotations

import re

import pytest
from gui_helpers import StartApp, click
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from webphone.ui.call_panel import PanelState
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)
CHECK_TIMEOUT_MS = 40_000


def test_check_voice_path_shows_its_figures(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    asked: list[str] = []  # call UUIDs the window asked feedback for
    window.feedbackRequested.connect(asked.append)
    action = window.findChild(QAction, "audioDevicesAction")
    assert action is not None
    action.trigger()
    dialog = window.devices_dialog
    assert dialog is not None and dialog.isVisible()
    panel = dialog.voice_check
    assert not panel.measured and panel.round_trip.text() == "—"

    click(qtbot, panel.button)
    assert panel.button.text() == "Cancel check"
    qtbot.waitUntil(panel.progress_bar.isVisible)
    # The check's call shows in the call panel, to the echo bot.
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=20_000)
    qtbot.waitUntil(lambda: panel.status.text() == "Saying the test phrase…", timeout=20_000)
    qtbot.waitUntil(lambda: panel.measured, timeout=CHECK_TIMEOUT_MS)

    assert re.fullmatch(r"\d+ ms", panel.round_trip.text()), panel.round_trip.text()
    assert 0 < int(panel.round_trip.text().split()[0]) < 1000
    assert re.fullmatch(r"\d+ %", panel.intact.text()), panel.intact.text()
    # (the locale's decimal mark: an earlier test may have made it German)
    assert re.fullmatch(r"\d[.,]\d|not given", panel.mos.text()), panel.mos.text()
    assert panel.status.text(), "a verdict in words"
    assert not panel.progress_bar.isVisible()
    assert panel.button.text() == "Check voice path" and panel.button.isEnabled()
    assert window.call_panel.state is PanelState.ENDED
    # No "how was your call?" for the check's own call: the next call's question is the
    # first one asked (the check's would have come 300 ms after it ended, long before).
    window.destination.setText("echo")
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=20_000)
    uuid = window.call_panel.call_uuid
    click(qtbot, window.call_panel.hangup_button)
    qtbot.waitUntil(lambda: app.feedback_dialog is not None, timeout=10_000)
    assert asked == [uuid]


def test_cancel_hangs_up_and_says_so(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    window.show_audio_devices()
    panel = window.devices_dialog.voice_check  # type: ignore[union-attr]
    click(qtbot, panel.button)
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=20_000)
    click(qtbot, panel.button)  # now "Cancel check"
    qtbot.waitUntil(lambda: panel.status.text() == "Check cancelled.", timeout=10_000)
    assert not panel.measured and panel.round_trip.text() == "—"
    assert window.call_panel.state is PanelState.ENDED
    assert panel.button.text() == "Check voice path" and panel.button.isEnabled()


def test_the_echo_destination_is_a_setting(config_dir: object) -> None:
    assert Settings().echo_destination == "echo"
    settings = Settings(echo_destination="*43")
    settings.save()
    assert Settings.load().echo_destination == "*43"
