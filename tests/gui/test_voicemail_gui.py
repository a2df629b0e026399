"""The voicemail indicator in the window and the tray: the demo service's count shown and
updated, one click on it dials the mailbox, the Settings number wins over the server's."""

from __future__ import annotations

import asyncio

import pytest
from gui_helpers import StartApp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from webphone.ui.settings import Settings
from webphone.ui.tray import Tray
from webphone.ui.voicemail import VoicemailButton

pytestmark = pytest.mark.timeout(90)
CALL_MS = 20_000


def test_count_shown_updated_and_one_click_listens(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    button = app.window.voicemail_button
    # The subscription's first NOTIFY: the demo box is empty, the indicator is there.
    qtbot.waitUntil(button.isVisible, timeout=CALL_MS)
    assert button.text() == "No new voicemail"
    assert button.account == "sip:voicemail@demo.webphone.local"

    app.window.destination.setText("voicemail")  # the bot takes a message
    app.window.place_call()
    qtbot.waitUntil(lambda: button.text() == "Voicemail: 1 new", timeout=CALL_MS)
    assert "1 new, 0 old messages." in button.toolTip()
    assert "sip:voicemail@demo.webphone.local" in button.toolTip()
    qtbot.waitUntil(lambda: not app.window.call_panel.in_call, timeout=CALL_MS)

    dialled: list[str] = []
    button.dialRequested.connect(dialled.append)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # listen: the new one becomes old
    assert dialled == ["sip:voicemail@demo.webphone.local"]
    qtbot.waitUntil(lambda: button.text() == "No new voicemail", timeout=CALL_MS)
    assert button.old == 1


def test_the_setting_names_what_a_click_dials(qtbot: QtBot) -> None:
    settings = Settings()
    settings.voicemail_number = " *97 "
    button = VoicemailButton(lambda: settings.voicemail_number)
    qtbot.addWidget(button)
    counts: list[int] = []
    button.countChanged.connect(counts.append)
    button.show_summary({"messagesWaiting": True, "newMessages": 3, "oldMessages": 2})
    with qtbot.waitSignal(button.dialRequested) as dial:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dial.args == ["*97"] and counts == [3]
    settings.voicemail_number = ""
    button.show_summary({"messagesWaiting": False, "newMessages": 0, "oldMessages": 5})
    assert "Set the voicemail number in Settings" in button.toolTip()
    with qtbot.assertNotEmitted(button.dialRequested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # nothing to dial: nothing
    button.clear()
    assert not button.isVisible() and counts == [3, 0, 0]


def test_tray_tooltip_carries_the_count(qtbot: QtBot) -> None:
    tray = Tray(asyncio.new_event_loop())
    tray.set_voicemail(2)
    assert "New voicemail: 2" in tray.icon.toolTip()
    tray.set_voicemail(0)
    assert "voicemail" not in tray.icon.toolTip()
    tray.hide()
