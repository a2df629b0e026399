"""Python's cycle collector, run on the Qt main thread only.

Left automatic, a collection runs in whichever thread happens to allocate — often the
core (asyncio) thread. When it frees a cycle holding a Qt object there, the C++
destructor runs in that thread with the GIL released and takes one of Qt's
connection locks; Qt then asks PySide whether Python overrides a virtual, which needs
the GIL, held by the GUI thread, itself waiting in Qt for that lock: the app froze (seen
in the GUI tests, both threads' stacks in gdb). So automatic collection is off while the
app runs, and a timer on the main thread collects the generations that are due, as the
interpreter would have. (pyqtgraph ships the same idea, but importing it would load all
of pyqtgraph at start-up.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    """Turns automatic collection off until :meth:`stop`; collects every *interval_ms*."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds (the oldest one
        due, with those below it); returns how many unreachable objects were found."""
        counts = gc.get_count()
        due = -1
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                break
            due = generation
        return gc.collect(due) if due >= 0 else 0

    def stop(self) -> None:
        """Give collection back to the interpreter."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
