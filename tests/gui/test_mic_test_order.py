"""The microphone test button clicked fast: starts and stops are kept in the user's order.

The tests here stand in for the microphone with a test whose close takes a while (a real
PortAudio close takes tens of milliseconds, during which the user may click again).
"""

from __future__ import annotations

import asyncio

import pytest

from webphone.ui.mic_test import MicrophoneTest, MicrophoneTestError, MicrophoneTests

CLOSE_SECONDS = 0.1


class SlowClosingTest(MicrophoneTest):
    """The real test with its microphone replaced: records when it is open; closing it
    takes CLOSE_SECONDS."""

    def __init__(self, log: list[str], name: str, fails: bool = False) -> None:
        super().__init__(audio=None, report=lambda _level: None)  # type: ignore[arg-type]
        self.log, self.name, self.fails = log, name, fails

    async def _measure(self) -> None:
        if self.fails:
            raise MicrophoneTestError("cannot open the microphone: gone")
        self.log.append(f"{self.name} open")
        await self._stop.wait()
        await asyncio.sleep(CLOSE_SECONDS)
        self.log.append(f"{self.name} closed")


async def running(tests: MicrophoneTests, log: list[str], name: str) -> asyncio.Task[bool]:
    """A test started as a click starts it, once its microphone is open."""
    task = asyncio.create_task(tests.start(lambda: SlowClosingTest(log, name)))
    await asyncio.sleep(0.02)
    return task


async def test_start_right_after_stop_runs_a_new_test_once_the_old_one_closed() -> None:
    tests, log = MicrophoneTests(), []
    first = await running(tests, log, "first")
    tests.stop()
    second = asyncio.create_task(tests.start(lambda: SlowClosingTest(log, "second")))
    # The first one's end is not the user's: a newer test runs on.
    assert await first is False
    await asyncio.sleep(0.05)
    assert log == ["first open", "first closed", "second open"]
    tests.stop()
    assert await second is True
    assert log[-1] == "second closed"


async def test_stop_start_stop_leaves_no_microphone_open() -> None:
    tests, log = MicrophoneTests(), []
    first = await running(tests, log, "first")
    tests.stop()
    second = asyncio.create_task(tests.start(lambda: SlowClosingTest(log, "second")))
    await asyncio.sleep(0)
    tests.stop()
    assert await asyncio.wait_for(asyncio.gather(first, second), 2) == [False, True]
    assert log == ["first open", "first closed"]


async def test_a_second_start_while_running_is_the_same_test() -> None:
    tests, log = MicrophoneTests(), []
    first = await running(tests, log, "first")
    assert await tests.start(lambda: SlowClosingTest(log, "second")) is False
    tests.stop()
    assert await first is True
    assert log == ["first open", "first closed"]


async def test_a_failure_of_the_latest_test_reaches_the_user() -> None:
    tests, log = MicrophoneTests(), []
    with pytest.raises(MicrophoneTestError, match="gone"):
        await tests.start(lambda: SlowClosingTest(log, "first", fails=True))
    # ... and the next click starts afresh.
    again = await running(tests, log, "again")
    tests.stop()
    assert await again is True
    assert log == ["again open", "again closed"]
