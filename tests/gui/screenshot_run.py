"""Drives the real app on an X display and saves screenshots of what the screen shows.

Run by test_screenshots.py under Xvfb (QT_QPA_PLATFORM=xcb): ``python screenshot_run.py
OUTDIR TONE.wav``. Saves ``idle.png``, ``in_call.png`` (echo call, charts running,
a quality warning raised) and ``three_ringing.png``; exits non-zero with the reason
when something the screenshots should show did not happen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.icons import Status
from webphone.ui.settings import Settings


def main() -> int:
    out, tone = Path(sys.argv[1]), sys.argv[2]
    out.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication(sys.argv[:1])
    app = WebphoneApp(Settings(), play=tone, use_tray=False)
    window = app.window

    def wait(what: str, condition: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if condition():
                return
        raise SystemExit(f"timed out waiting for: {what}")

    def pause(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def shot(name: str) -> None:
        pause(0.4)
        screen = window.screen()
        geometry = window.frameGeometry()
        image = screen.grabWindow(
            0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
        )
        if not image.save(str(out / f"{name}.png")):
            raise SystemExit(f"could not save {name}.png")

    try:
        app.start()
        window.move(20, 20)
        wait("registered", lambda: window.status is Status.REGISTERED)
        wait("charts", lambda: window.level_chart is not None)
        shot("idle")

        window.destination.setText("echo")
        window.call_button.click()
        wait("echo answers", lambda: window.call_panel.state is PanelState.ANSWERED)
        wait("levels move", lambda: window.level_chart.peak("outputVolume", 1) > 0.5)
        window.dialpad.buttons["4"].click()
        window.dialpad.buttons["2"].click()
        wait("DTMF echoed", lambda: "received: 42" in window.call_panel.dtmf.text())
        # A minute of quality samples, one per second, getting worse at the end.
        for n in range(60):
            window.quality_chart.add_sample(
                {
                    "jitter": 8 + (n % 7) * (6 if n > 45 else 1),
                    "rtt": 40 + n / 2,
                    "loss": 0.5 + (4 if n > 50 else 0),
                    "mos": 4.3 - 0.06 * max(0, n - 45),
                },
                at=float(n),
            )
        window.quality_chart.warning(
            {
                "group": "network",
                "level": "warning",
                "type": "high_jitter",
                "value": "44",
                "active": True,
                "desc": "jitterLocalMeasures",
                "stream": "local",
            },
            at=50.0,
        )
        pause(1.5)
        shot("in_call")
        window.chart_tabs.setCurrentIndex(1)
        shot("in_call_quality")
        window.chart_tabs.setCurrentIndex(0)
        window.call_panel.hangup_button.click()
        wait("hung up", lambda: window.call_panel.state is PanelState.ENDED)
        wait("feedback asked", lambda: app.feedback_dialog is not None)
        app.feedback_dialog.reject()

        window.destination.setText("multi")
        window.call_button.click()
        wait("three calls ring", lambda: len(window.incoming.rows) == 3)
        shot("three_ringing")
    finally:
        app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
