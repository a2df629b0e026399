"""Drives the app's global hotkeys on an X display (Xvfb, the xcb platform).

Run by test_hotkeys_gui.py: ``python hotkeys_run.py TONE.wav WINDOW_ID TAKEN``. WINDOW_ID
is another program's window (the test made it): it has the keyboard focus whenever a key
is pressed, with ``xdotool key``. A call from the ``ring`` bot is answered with
Ctrl+Alt+A, muted and unmuted with Ctrl+Alt+M, hung up with Ctrl+Alt+H. Then, in
Settings, the user types a combination that is no key (refused in words), then TAKEN, a
combination the test's own X client holds: the window and the Settings box say it is
taken. Prints one JSON line with what the window showed; exits non-zero with the reason
otherwise.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.dialogs import SettingsDialog
from webphone.ui.icons import Status
from webphone.ui.settings import Settings


class Records(logging.Handler):
    """The app's log lines (what the user finds in webphone.log)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def main() -> int:
    tone, other_window, taken = sys.argv[1], sys.argv[2], sys.argv[3]
    qt_app = QApplication(sys.argv[:1])
    qt_app.setQuitOnLastWindowClosed(False)
    records = Records()
    logging.getLogger("webphone.ui").addHandler(records)
    logging.getLogger("webphone.ui").setLevel(logging.INFO)

    def wait(what: str, condition: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if condition():
                return
        raise SystemExit(f"timed out waiting for: {what}")

    def focus_elsewhere() -> str:
        """Give the keyboard to the other program's window; which window has it then."""
        subprocess.run(["xdotool", "windowfocus", "--sync", other_window], check=True, timeout=10)
        focus = subprocess.run(
            ["xdotool", "getwindowfocus"], check=True, timeout=10, capture_output=True, text=True
        )
        wait("the other window active", lambda: QApplication.activeWindow() is None, 5)
        return focus.stdout.strip()

    def key(combination: str) -> None:
        subprocess.run(["xdotool", "key", combination], check=True, timeout=10)

    def in_settings(act: Callable[[SettingsDialog], None]) -> None:
        """Open Settings from the menu; *act* on the dialog once it is on the screen."""

        def drive() -> None:
            shown = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, SettingsDialog) and w.isVisible()
            ]
            if not shown:
                QTimer.singleShot(20, drive)
                return
            act(shown[0])

        QTimer.singleShot(0, drive)
        app.window.settingsDialogRequested.emit()  # returns when the dialog is closed

    app = WebphoneApp(Settings(ask_feedback=False), play=tone, use_tray=False)
    window = app.window
    panel = window.call_panel
    report: dict[str, object] = {"unavailable": app.hotkeys.unavailable}
    focus: list[str] = []
    report["focus"] = focus
    try:
        app.start()
        wait("registered", lambda: window.status is Status.REGISTERED)
        report["problems_at_start"] = list(app.hotkeys.problems.values())

        window.destination.setText("ring")  # the bot calls back
        window.place_call()
        wait("incoming call", lambda: len(window.incoming.rows) == 1)
        focus.append(focus_elsewhere())
        key("ctrl+alt+a")
        wait("answered", lambda: panel.state is PanelState.ANSWERED)
        report["answered"] = panel.status.text()
        report["ringing_after_answer"] = len(window.incoming.rows)

        focus.append(focus_elsewhere())
        key("ctrl+alt+m")
        wait("muted", panel.mute_button.isChecked)
        report["muted"] = panel.mute_button.text()
        focus.append(focus_elsewhere())
        key("ctrl+alt+m")
        wait("unmuted", lambda: not panel.mute_button.isChecked())
        report["unmuted"] = panel.mute_button.text()

        focus.append(focus_elsewhere())
        key("ctrl+alt+h")
        wait("hung up", lambda: panel.state is PanelState.ENDED)
        report["hung_up"] = panel.status.text()

        def change_answer_key(dialog: SettingsDialog) -> None:
            answer = dialog.findChild(QLineEdit, "hotkey_answer")
            error = dialog.findChild(QLabel, "settingsError")
            assert answer is not None and error is not None
            answer.setText("Ctrl+Alt+Banana")
            dialog.ok_button.click()
            report["refused"] = error.text()
            report["open_after_refusal"] = dialog.isVisible()
            answer.setText(taken)
            dialog.ok_button.click()

        in_settings(change_answer_key)
        report["stored"] = app.settings.hotkeys
        report["status_bar"] = window.statusBar().currentMessage()
        report["bound_after_change"] = sorted(a.value for a in app.hotkeys.bound)

        def read_note(dialog: SettingsDialog) -> None:
            note = dialog.findChild(QLabel, "hotkeysNote")
            assert note is not None
            report["note"] = note.text() if note.isVisible() else ""
            dialog.reject()

        in_settings(read_note)
    finally:
        app.shutdown()
    report["log"] = [line for line in records.lines if "hotkey" in line]
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
