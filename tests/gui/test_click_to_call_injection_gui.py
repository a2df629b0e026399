"""A call link from a web page with injected headers and parameters: the dial field, the
call view and the history get the address alone; a link with a hidden line break is
refused, and the message shows it escaped, not as a line break."""

from __future__ import annotations

import pytest
from gui_helpers import StartApp
from pytestqt.qtbot import QtBot

from webphone.ui.call_panel import PanelState

pytestmark = pytest.mark.timeout(90)
CALL_TIMEOUT_MS = 15_000


def test_only_the_address_of_a_hostile_link_reaches_the_dial_field(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    link = (
        "sip:echo@demo.webphone.local;maddr=evil.example;transport=tcp"
        "?Subject=Free%20money&Call-Info=%3Chttp://evil.example/%3E"
    )
    app.second_launch([link])
    assert window.destination.text() == "sip:echo@demo.webphone.local"
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert window.call_panel.party.text() == "sip:echo@demo.webphone.local"
    window.hang_up()
    qtbot.waitUntil(lambda: not window.call_panel.in_call, timeout=CALL_TIMEOUT_MS)


def test_a_link_with_an_escaped_line_break_is_refused_and_shown_escaped(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    window.destination.setText("")
    app.second_launch(["sip:echo@demo.webphone.local%0d%0aX-Evil:%201"])
    message = window.statusBar().currentMessage()
    assert message.startswith("Cannot call "), message
    assert "control or invisible character (U+000D)" in message
    app.second_launch(["not-a-link\r\nX-Evil: 1\u202e"])
    message = window.statusBar().currentMessage()
    assert "\r" not in message and "\n" not in message and "\u202e" not in message
    assert "\\u000d\\u000a" in message
    qtbot.wait(300)
    assert not window.call_panel.in_call
    assert window.destination.text() == ""
