"""The app's cycle collector: cycles made on another thread are freed on the Qt main
thread (a Qt object freed on the core thread deadlocked the app; see ui/collector.py)."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from webphone.ui.collector import MainThreadCollector


class Cycle:
    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def make_cycles() -> None:
    for _ in range(5000):  # far past generation 0's threshold: a collection is due
        Cycle()


def test_cycles_made_on_another_thread_are_freed_on_the_main_thread(qtbot: QtBot) -> None:
    gc.collect()
    Cycle.freed_on.clear()
    collector = MainThreadCollector(interval_ms=50)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=make_cycles, name="core")
        worker.start()
        worker.join()
        assert Cycle.freed_on == [], "nothing collected on the thread that allocated"
        qtbot.waitUntil(lambda: len(Cycle.freed_on) == 5000, timeout=5000)
        assert set(Cycle.freed_on) == {threading.main_thread().name}
    finally:
        collector.stop()
    assert gc.isenabled()
