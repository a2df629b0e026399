"""One owner for a client's background tasks: started with a name, a failure logged once,
and every one still running cancelled and awaited when the client closes.

A :class:`TaskOwner` belongs to one ``Client``; its collaborators (the call manager, the
event emitter) get it, or a :class:`TaskScope` of it, as a :class:`Spawner` at
construction, so ``close()`` reaches their tasks too without them reaching back.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Coroutine
from typing import Any, Protocol, TypeVar

from .log import get_logger

log = get_logger(__name__)

_T = TypeVar("_T")


class Spawner(Protocol):
    """Starts a background task that its owner tracks until it ends."""

    def spawn(self, work: Awaitable[_T], name: str | None = None) -> asyncio.Task[_T]: ...


class SettlingSpawner(Spawner, Protocol):
    """A :class:`Spawner` whose user may also wait for the tasks it started to end."""

    async def settle(self, timeout: float) -> None: ...


class TaskOwner:
    """Background tasks of one client.

    A task's unhandled exception is logged here, once, with its name and traceback
    (retrieving it also keeps asyncio's "exception was never retrieved" quiet); a
    cancelled task is no failure.
    """

    def __init__(self) -> None:
        self._running: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[_T], name: str | None = None) -> asyncio.Task[_T]:
        """Run *work* on the running loop as a task named *name* (default: the
        coroutine's qualified name, which a leak report can point to)."""
        task = asyncio.get_running_loop().create_task(_coroutine(work), name=_name(work, name))
        self._running.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("task %s failed", task.get_name(), exc_info=exc)

    def scope(self) -> TaskScope:
        """A view that spawns through this owner and can also wait for its own tasks."""
        return TaskScope(self)

    async def cancel_all(self, timeout: float) -> None:
        """Cancel every task still running and wait at most *timeout* seconds for them to
        end (a task that spawns another while it unwinds gets that one cancelled too).
        The calling task, when it is one of ours, is left alone."""
        deadline = time.monotonic() + timeout
        me = asyncio.current_task()
        while pending := [task for task in self._running if task is not me]:
            for task in pending:
                task.cancel()
            left = deadline - time.monotonic()
            if left <= 0:
                break
            await asyncio.wait(pending, timeout=left)
        stuck = [task.get_name() for task in self._running if task is not me]
        if stuck:
            log.warning("tasks still running %.1f s after cancel: %s", timeout, stuck)

    def __len__(self) -> int:
        return len(self._running)


class TaskScope:
    """The tasks one collaborator started through a :class:`TaskOwner`: the owner still
    cancels them on close; the collaborator may first let them finish (:meth:`settle`)."""

    def __init__(self, owner: TaskOwner) -> None:
        self._owner = owner
        self._running: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[_T], name: str | None = None) -> asyncio.Task[_T]:
        task = self._owner.spawn(work, name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task

    async def settle(self, timeout: float) -> None:
        """Wait at most *timeout* seconds for this scope's tasks to end (none cancelled)."""
        me = asyncio.current_task()
        pending = [task for task in self._running if task is not me]
        if pending:
            await asyncio.wait(pending, timeout=timeout)

    def __len__(self) -> int:
        return len(self._running)


def _name(work: Awaitable[Any], name: str | None) -> str:
    if name is None:
        name = getattr(work, "__qualname__", None) or type(work).__name__
    return name


def _coroutine(work: Awaitable[_T]) -> Coroutine[Any, Any, _T]:
    """*work* as a coroutine: ``create_task`` takes nothing else (a listener may return
    any awaitable, e.g. a future)."""
    if inspect.iscoroutine(work):
        return work

    async def wait() -> _T:
        return await work

    return wait()


__all__ = ["SettlingSpawner", "Spawner", "TaskOwner", "TaskScope"]
