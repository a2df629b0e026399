"""Keyboard and screen-reader use: every control has an accessible name, Tab reaches the
controls in a sensible order, Enter calls and digits typed in a call are DTMF."""

from __future__ import annotations

import pytest
from gui_helpers import StartApp, press
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from webphone.ui.call_panel import PanelState

pytestmark = pytest.mark.timeout(90)
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QListWidget)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces for *widget*."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def test_every_control_has_an_accessible_name(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    window.destination.setText("multi")
    window.place_call()
    qtbot.waitUntil(lambda: len(window.incoming.rows) == 3, timeout=15_000)
    # Controls reachable by keyboard (Qt's own line-edit clear button is mouse-only).
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, CONTROLS) and w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(controls) > 25
    unnamed = [w.objectName() or type(w).__name__ for w in controls if not accessible_name(w)]
    assert unnamed == []
    # Row buttons say which call they act on.
    row = next(iter(window.incoming.rows.values()))
    assert accessible_name(row.answer_button) == f"Answer call from {row.caller}"


def test_tab_order_enter_calls_and_typed_digits_are_dtmf(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.destination.setFocus()
    order = [window.destination]
    for _ in range(3):
        qtbot.keyClick(QWidget.focusWidget(window) or window, Qt.Key.Key_Tab)
        order.append(window.focusWidget())
    assert order[1] is window.call_button
    assert order[2] is window.contacts
    assert order[3] is window.dialpad.buttons["1"]

    window.destination.setFocus()
    qtbot.keyClicks(window.destination, "echo")
    qtbot.keyClick(window.destination, Qt.Key.Key_Return)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=15_000)
    for key in "12*":
        press(qtbot, window, key)
    qtbot.waitUntil(lambda: "received: 12*" in panel.dtmf.text(), timeout=15_000)
    assert window.destination.text() == "echo"  # the digits went to the call, not the field
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=15_000)
