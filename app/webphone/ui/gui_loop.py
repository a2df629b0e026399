"""The GUI thread's asyncio loop (qasync) and the tasks the window logic runs on it.

Window logic is coroutines on this loop that ``await bridge.run(...)`` (the sdk call runs
on the core's own loop, see :mod:`.bridge`). :func:`main <webphone.ui.app.main>` runs the
loop (``run_forever``: Qt's event loop with asyncio's on top). Tests and scripts drive Qt
themselves (``processEvents``, ``qtbot.waitUntil``): for them :func:`attach` makes a loop
on the QApplication that is already running, which is qasync's ``already_running`` mode,
and :func:`detach` takes it off the thread again, so that ``asyncio.run`` works there
afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Coroutine
from typing import Any

import qasync
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

#: The already-running loop of this process's QApplication (one: qasync's loop cannot
#: be closed while it counts as running, so it is kept and attached again).
_attached: qasync.QEventLoop | None = None


def attach() -> tuple[asyncio.AbstractEventLoop, bool]:
    """The qasync loop of the GUI thread, and whether this call made it current: the one
    running (``main``, or one attached before), else the process's already-running loop
    on the QApplication, made current until :func:`detach`."""
    global _attached
    running = asyncio._get_running_loop()
    if isinstance(running, qasync.QEventLoop):
        return running, False
    if running is not None:
        raise RuntimeError("another asyncio loop runs on the GUI thread")
    if _attached is None:
        _attached = qasync.QEventLoop(QApplication.instance(), already_running=True)
    else:
        asyncio._set_running_loop(_attached)  # as qasync does for an already running app
    return _attached, True


def detach(loop: asyncio.AbstractEventLoop) -> None:
    """Undo :func:`attach` (only for the loop it made current)."""
    if asyncio._get_running_loop() is loop:
        asyncio._set_running_loop(None)


def error_text(exc: BaseException) -> str:
    """An error in words for the status bar: its message, else its type's name."""
    return str(exc) or type(exc).__name__


class Tasks:
    """The window logic's running coroutines: started with :meth:`spawn`, all cancelled by
    :meth:`cancel_all`. An error a coroutine lets through is a bug: it goes to
    ``sys.excepthook``, as an exception in a Qt slot does."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._running: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = self.loop.create_task(work)
        self._running.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def __len__(self) -> int:
        return len(self._running)
