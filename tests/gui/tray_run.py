"""Drives the app with its tray icon on an X display that has a tray (trayer).

Run by test_tray.py: ``python tray_run.py TONE.wav``. A call from the ``ring`` bot shows
an incoming-call notification: without a notification daemon Qt's balloon, whose click
brings the window back to answer there; with one, desktop-notifier's notification, whose
Answer action answers. A second call the caller gives up on counts as missed. Prints one
JSON line with what the tray showed; exits non-zero with the reason otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.icons import Status
from webphone.ui.settings import Settings


def balloon() -> QWidget | None:
    """Qt's notification balloon, when one is on the screen."""
    for widget in QApplication.topLevelWidgets():
        if widget.metaObject().className() == "QBalloonTip" and widget.isVisible():
            return widget
    return None


def main() -> int:
    qt_app = QApplication(sys.argv[:1])
    qt_app.setQuitOnLastWindowClosed(False)

    def wait(what: str, condition: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if condition():
                return
        raise SystemExit(f"timed out waiting for: {what}")

    wait("a system tray", QSystemTrayIcon.isSystemTrayAvailable, 10)
    app = WebphoneApp(Settings(ask_feedback=False), play=sys.argv[1], use_tray=True)
    tray = app.tray
    window = app.window
    if tray is None:
        raise SystemExit("no tray icon although a tray is available")
    report: dict[str, object] = {"notifier": tray.notifier is not None}
    try:
        app.start()
        wait("registered", lambda: window.status is Status.REGISTERED)
        wait("tray shows registered", lambda: tray.status is Status.REGISTERED)
        report["tooltip_registered"] = tray.icon.toolTip()

        # Minimise to tray: closing the window only hides it.
        window.close()
        wait("hidden", lambda: not window.isVisible())

        window.destination.setText("ring")
        window.place_call()
        wait("incoming call", lambda: len(window.incoming.rows) == 1)
        wait("notified", lambda: bool(tray.balloons) or bool(tray.notifications))
        report["notifications"] = len(tray.notifications)
        report["balloons"] = list(tray.balloons)
        if tray.notifier is None:
            # The user clicks Qt's balloon on the screen: the window comes back, and the
            # call is answered there.
            wait("balloon on screen", lambda: balloon() is not None)
            tip = balloon()
            assert tip is not None
            QTest.mouseClick(tip, Qt.MouseButton.LeftButton)
            wait("window raised", window.isVisible)
            answer = window.incoming.rows[next(iter(window.incoming.rows))].answer_button
            QTest.mouseClick(answer, Qt.MouseButton.LeftButton)
        else:
            # The user picks "Answer" on the desktop notification (dunst's action menu;
            # the test's dmenu stand-in chooses the Answer line).
            subprocess.run(["dunstctl", "context"], check=True, timeout=10)
        wait("answered", lambda: window.call_panel.state is PanelState.ANSWERED)
        report["window_visible_after_answer"] = window.isVisible()
        window.hang_up()
        wait("hung up", lambda: window.call_panel.state is PanelState.ENDED)

        # A call the caller cancels is a missed call.
        window.destination.setText("ring")
        window.place_call()
        wait("second incoming call", lambda: len(window.incoming.rows) == 1)
        session = app.bridge.session
        assert session is not None and session.demo is not None
        ring_bot = session.demo.bots.clients["ring"]
        app.bridge.core.submit(ring_bot.hangup()).result(5)
        wait("missed", lambda: tray.missed == 1)
        report["tooltip_missed"] = tray.icon.toolTip()
        # The user clicks the tray icon: the window shows and the count is reset.
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
        report["missed_after_show"] = tray.missed
    finally:
        window.minimize_to_tray = False
        app.shutdown()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
