"""Ctrl-C (SIGINT) and SIGTERM in ``webphone-cli``: end the session cleanly, then exit.

The first signal cancels the CLI's main task wherever it waits (login, a command,
stdin); its ``finally`` then ends every call (BYE, or CANCEL while ringing),
unregisters and stops the demo service, all within :data:`SHUTDOWN_GRACE`. Without
this, SIGTERM killed the process with the call still up at the far end, and Ctrl-C
depended on what asyncio happened to interrupt (issue 16). A second signal cancels the
clean-up too: the user who presses Ctrl-C twice does not wait for the far end.

Exit codes: 130 after SIGINT (what shells report for Ctrl-C, as before), 0 after SIGTERM
(a service manager's ordinary stop request, which then counts as a clean exit).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import signal
import sys
from collections.abc import AsyncIterator, Coroutine
from typing import Any

#: The whole clean-up (calls, un-REGISTER, demo service) gets this long (s).
SHUTDOWN_GRACE = 2.0
SIGNALS = (signal.SIGINT, signal.SIGTERM)
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 0}


class StopState(enum.Enum):
    RUNNING = "running"
    STOPPING = "stopping"  # a signal came: the session is being ended cleanly
    FORCED = "forced"  # another signal came: the clean-up is cut short too


class StopOnSignals:
    """Turns SIGINT/SIGTERM into a cancellation of *task* (see the module docstring)."""

    def __init__(self, task: asyncio.Task[Any]) -> None:
        self._task = task
        self.state = StopState.RUNNING
        self.signal: signal.Signals | None = None

    def received(self, number: signal.Signals) -> None:
        if self.state is StopState.RUNNING:
            self.state = StopState.STOPPING
            self.signal = number
        else:
            self.state = StopState.FORCED
        self._task.cancel()

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.signal, 1) if self.signal is not None else 0


async def until_signalled(work: Coroutine[Any, Any, int]) -> int:
    """Run *work* (the CLI's session) in this task; a stop signal ends it cleanly and
    gives the signal's exit code. The handlers are asyncio's, so they run on the loop
    between callbacks, never in the middle of one."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    stop = StopOnSignals(task)
    installed: list[signal.Signals] = []
    for number in SIGNALS:
        try:
            loop.add_signal_handler(number, stop.received, number)
        except NotImplementedError:  # Windows' loops: asyncio.run's Ctrl-C handling stays
            break
        installed.append(number)
    try:
        return await work
    except asyncio.CancelledError:
        if stop.signal is None:
            raise
        task.uncancel()  # the cancellation was ours, and it has done its job
        return stop.exit_code
    finally:
        for number in installed:
            loop.remove_signal_handler(number)


@contextlib.asynccontextmanager
async def bounded(what: str, seconds: float = SHUTDOWN_GRACE) -> AsyncIterator[None]:
    """Give up on the clean-up in the block after *seconds*: a far end or registrar that
    never answers must not keep the process alive."""
    try:
        async with asyncio.timeout(seconds):
            yield
    except TimeoutError:
        print(f"warning: {what} took over {seconds:.0f} s; exiting anyway", file=sys.stderr)
