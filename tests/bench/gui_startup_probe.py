"""Started by test_gui_startup.py as a fresh process: starts the desktop app on the demo
service and prints JSON timings. ``argv[1]`` is the parent's ``time.time()`` just before
it started this process, so interpreter start-up and imports count, as for a user."""

from __future__ import annotations

import json
import resource
import sys
import time


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    launched = float(sys.argv[1])
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from webphone.ui.app import WebphoneApp
    from webphone.ui.icons import Status
    from webphone.ui.settings import Settings

    qt_app = QApplication(sys.argv[:1])
    app = WebphoneApp(Settings(), use_tray=False)
    window = app.window
    app.start()
    while (
        not window.isVisible()
        or window.windowHandle() is None
        or not window.windowHandle().isExposed()
    ):
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    qt_app.processEvents()  # the first paint
    shown = time.time() - launched

    def until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if condition():
                return True
        return False

    registered = until(lambda: window.status is Status.REGISTERED, 20)
    ready = time.time() - launched
    until(lambda: False, 3.0)  # idle: charts loaded, demo service and bots running
    result = {
        "shown_s": shown,
        "registered_s": ready if registered else None,
        "idle_rss_mb": rss_mb(),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "charts_loaded": window.level_chart is not None,
    }
    app.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
