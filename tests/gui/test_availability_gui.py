"""Do-not-disturb and auto-answer in the app: the Settings dialog's Availability box is
stored, applied to the account's client, and shown in the status bar and the tray."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import StartApp
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from webphone.sdk.core.availability import AutoAnswer, Availability, DndCode
from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.dialogs import SettingsDialog
from webphone.ui.icons import Status
from webphone.ui.settings import Settings
from webphone.ui.tray import Tray

pytestmark = pytest.mark.timeout(90)


def when_dialog(act: Any) -> None:
    """Run *act* on the Settings dialog as soon as it is open."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(50, look)
            return
        act(dialog)

    QTimer.singleShot(50, look)


def sdk_availability(qtbot: QtBot, app: WebphoneApp) -> Availability:
    task = app.tasks.spawn(app.bridge.run(lambda client: client.availability))
    qtbot.waitUntil(task.done, timeout=5000)
    result = task.result()
    assert isinstance(result, Availability)
    return result


def test_the_settings_dialog_sets_dnd_and_auto_answer(
    qtbot: QtBot, start_app: StartApp, config_dir: Path
) -> None:
    app = start_app(Settings(ask_feedback=False))
    qtbot.waitUntil(lambda: app.window.status is Status.REGISTERED, timeout=20_000)
    assert app.dnd_label.isHidden()
    assert sdk_availability(qtbot, app) == Availability()

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        assert not dialog.dnd.isChecked() and dialog.dnd_code.currentData() == 486
        dialog.dnd.setChecked(True)
        dialog.dnd_code.setCurrentIndex(dialog.dnd_code.findData(603))
        dialog.auto_answer.setCurrentIndex(dialog.auto_answer.findData("header"))
        dialog.auto_answer_delay.setValue(5)
        dialog.ok_button.click()

    when_dialog(act)
    app.window.settingsDialogRequested.emit()
    wanted = Availability(
        dnd=True, dnd_code=DndCode.DECLINE, auto_answer=AutoAnswer.HEADER, auto_answer_delay=5
    )
    stored = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    assert (stored["dnd"], stored["dnd_code"], stored["auto_answer"]) == (True, 603, "header")
    assert stored["auto_answer_delay"] == 5
    assert Settings.load().availability == wanted
    assert not app.dnd_label.isHidden()
    qtbot.waitUntil(lambda: sdk_availability(qtbot, app) == wanted, timeout=5000)

    # The dialog opens again with what was chosen; turning DND off hides the indicator.
    seen: list[tuple[bool, int, str, int]] = []

    def again(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen.append(
            (
                dialog.dnd.isChecked(),
                dialog.dnd_code.currentData(),
                dialog.auto_answer.currentData(),
                dialog.auto_answer_delay.value(),
            )
        )
        dialog.dnd.setChecked(False)
        dialog.ok_button.click()

    when_dialog(again)
    app.window.settingsDialogRequested.emit()
    assert seen == [(True, 603, "header", 5)]
    assert app.dnd_label.isHidden()
    qtbot.waitUntil(lambda: not sdk_availability(qtbot, app).dnd, timeout=5000)


def test_the_tray_shows_dnd_and_its_menu_switches_it(qtbot: QtBot) -> None:
    loop = asyncio.new_event_loop()
    try:
        tray = Tray(loop)
        toggled: list[bool] = []
        tray.dndToggled.connect(toggled.append)
        assert "Do not disturb" not in tray.icon.toolTip()
        plain = tray.icon.icon().pixmap(32).toImage()
        tray.set_dnd(True)  # from the settings: no signal back
        assert toggled == [] and tray.dnd_action.isChecked()
        assert "Do not disturb" in tray.icon.toolTip()
        assert tray.icon.icon().pixmap(32).toImage() != plain  # the no-entry badge
        tray.dnd_action.trigger()  # the user unticks it in the menu
        assert toggled == [False] and not tray.dnd
        assert "Do not disturb" not in tray.icon.toolTip()
        tray.icon.hide()
    finally:
        loop.close()


def test_an_auto_answered_call_shows_as_answered_and_the_others_ring_on(
    qtbot: QtBot, start_app: StartApp
) -> None:
    """The demo's "multi" bot rings three calls at once: with auto-answer on, the window
    shows the first answered (no click) and the other two still ringing."""
    app = start_app(Settings(ask_feedback=False, auto_answer="always", auto_answer_delay=0))
    window = app.window
    qtbot.waitUntil(lambda: window.status is Status.REGISTERED, timeout=20_000)
    qtbot.waitUntil(lambda: sdk_availability(qtbot, app).auto_answer is AutoAnswer.ALWAYS)
    window.destination.setText("multi")
    qtbot.keyClick(window.destination, Qt.Key.Key_Return)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=15_000)
    assert panel.party.text().startswith("multi-")
    qtbot.waitUntil(lambda: len(window.incoming.rows) == 2, timeout=15_000)
    answered = panel.party.text()
    assert all(not row.caller.startswith(answered + "@") for row in window.incoming.rows.values())
