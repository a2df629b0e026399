"""The client's task owner: named tasks, a failure logged once, everything cancelled on
close (including what a task starts while it unwinds)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from webphone.sdk.core.events import EventEmitter
from webphone.sdk.core.tasks import TaskOwner


async def forever() -> None:
    await asyncio.Event().wait()


async def test_a_task_is_named_and_forgotten_once_done() -> None:
    owner = TaskOwner()
    task = owner.spawn(asyncio.sleep(0, "x"), "nap")
    assert task.get_name() == "nap"
    assert await task == "x"
    assert len(owner) == 0
    assert owner.spawn(forever()).get_name() == "forever"
    await owner.cancel_all(1.0)


async def test_a_failing_task_is_logged_once_with_its_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    owner = TaskOwner()

    async def boom() -> None:
        raise RuntimeError("boom")

    task = owner.spawn(boom(), "exploder")
    await asyncio.wait([task])
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in failures] == ["task exploder failed"]
    assert failures[0].exc_info is not None and "boom" in str(failures[0].exc_info[1])


async def test_a_cancelled_task_is_no_failure(caplog: pytest.LogCaptureFixture) -> None:
    owner = TaskOwner()
    task = owner.spawn(forever(), "waiter")
    await owner.cancel_all(1.0)
    assert task.cancelled()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_cancel_all_also_ends_what_a_task_starts_while_unwinding() -> None:
    owner = TaskOwner()
    started: list[asyncio.Task[None]] = []
    running = asyncio.Event()

    async def cleans_up() -> None:
        try:
            running.set()
            await forever()
        finally:
            started.append(owner.spawn(forever(), "cleanup"))

    first = owner.spawn(cleans_up(), "first")
    await running.wait()
    await owner.cancel_all(1.0)
    assert first.cancelled() and started and started[0].cancelled()
    assert len(owner) == 0


async def test_cancel_all_gives_up_on_a_task_that_will_not_end(
    caplog: pytest.LogCaptureFixture,
) -> None:
    owner = TaskOwner()
    release, running = asyncio.Event(), asyncio.Event()

    async def stubborn() -> None:
        running.set()
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    task = owner.spawn(stubborn(), "stubborn")
    await running.wait()
    await asyncio.wait_for(owner.cancel_all(0.05), 1.0)
    assert "stubborn" in caplog.text
    release.set()
    await task


async def test_cancel_all_from_inside_one_of_its_tasks_leaves_that_one() -> None:
    owner = TaskOwner()
    other = owner.spawn(forever(), "other")

    async def closer() -> str:
        await owner.cancel_all(1.0)
        return "closed"

    assert await owner.spawn(closer(), "closer") == "closed"
    assert other.cancelled()


async def test_a_scope_settles_its_own_tasks_only() -> None:
    owner = TaskOwner()
    scope = owner.scope()
    background = owner.spawn(forever(), "keepalive")
    quick = scope.spawn(asyncio.sleep(0.01), "bye")
    await asyncio.wait_for(scope.settle(5.0), 1.0)  # not held up by the keepalive
    assert quick.done() and not background.done()
    stuck = scope.spawn(forever(), "stuck")
    await owner.cancel_all(1.0)  # the owner also ends the scope's tasks
    assert stuck.cancelled() and background.cancelled()
    assert len(scope) == 0


async def test_the_emitters_listener_tasks_are_the_owners() -> None:
    owner = TaskOwner()
    emitter = EventEmitter(owner)
    running = asyncio.Event()

    async def listener() -> None:
        running.set()
        await forever()

    emitter.on("onLogin", listener)
    emitter.emit("onLogin")
    await asyncio.wait_for(running.wait(), 1.0)
    assert len(owner) == 1
    await owner.cancel_all(1.0)
    assert len(owner) == 0
