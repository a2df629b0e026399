"""The voice-path check against the demo service's echo bot: the phrase through the
capture chain, back through the call's playout queue, measured."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from webphone.demo import DemoService
from webphone.demo.bots import DemoBots
from webphone.sdk import Client
from webphone.sdk.checks.voice_check import (
    Outcome,
    Stage,
    VoiceCheck,
    VoiceCheckResult,
    load_phrase,
)

pytestmark = pytest.mark.timeout(120)
#: audioConstraints with every capture feature off: the phrase goes out as it is.
UNPROCESSED = {"echoCancellation": False, "noiseSuppression": False, "autoGainControl": False}
#: Everything (service, bots, phone) shares this test's event loop: a stall of the loop
#: is a hole in the echo that no phone would have. A run with one is run again.
STALL_SECONDS = 0.1
ATTEMPTS = 3


class LoopWatch:
    """The longest time the event loop was away while it ran (a task that yields)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0)  # yield to everything ready, then look at the clock
            await asyncio.sleep(0.005)
            now = time.monotonic()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> LoopWatch:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()


@pytest.fixture
async def demo() -> AsyncIterator[DemoService]:
    async with DemoService() as service:
        bots = DemoBots(service.url, service.domain, service.accounts)
        await bots.start()
        try:
            yield service
        finally:
            await bots.stop()


@pytest.fixture
async def make_client(demo: DemoService) -> AsyncIterator[Any]:
    """make(options=None, login=True) -> a client of the demo service (closed after)."""
    clients: list[Client] = []

    async def make(options: dict[str, Any] | None = None, login: bool = True) -> Client:
        client = Client(
            options,
            server=demo.url,
            domain=demo.domain,
            allowed_addresses=["127.0.0.1"],
            insights_path=":memory:",
        )
        clients.append(client)
        if login:
            assert await client.login("alice", demo.accounts["alice"])
        return client

    yield make
    for client in clients:
        await client.close()


async def test_unprocessed_phrase_comes_back_intact_with_its_round_trip(make_client: Any) -> None:
    client = await make_client({"audioConstraints": UNPROCESSED})
    phrase = await asyncio.to_thread(load_phrase)
    stages: list[Stage] = []
    result: VoiceCheckResult | None = None
    for _ in range(ATTEMPTS):
        stages.clear()
        check = VoiceCheck(client, "echo", phrase, progress=lambda s, _f: stages.append(s))
        with LoopWatch() as watch:
            result = await check.run()
        if watch.longest < STALL_SECONDS:
            break
    assert result is not None and result.outcome is Outcome.MEASURED, result
    figures = result.figures
    assert figures is not None
    # Loopback: encode, the bot's decode and encode, our decode and playout queue.
    assert 10 < figures.round_trip_ms < 400
    assert figures.intact_percent > 90, figures
    assert abs(figures.gain_db) < 3, "Opus both ways at the same level"
    assert list(dict.fromkeys(stages)) == [
        Stage.CALLING,
        Stage.CONNECTING,
        Stage.SENDING,
        Stage.LISTENING,
        Stage.MEASURING,
    ]
    # Hung up, and the next call has the client's own audio again.
    assert client.calls.current is None
    assert client.audio_source_factory is None


async def test_a_busy_destination_is_a_failed_call_with_its_cause(make_client: Any) -> None:
    client = await make_client()
    result = await VoiceCheck(client, "busy", await asyncio.to_thread(load_phrase)).run()
    assert result.outcome is Outcome.CALL_FAILED
    assert result.detail == "Busy"
    assert result.figures is None
    assert client.calls.current is None


async def test_not_logged_in_and_in_a_call_are_refused(make_client: Any) -> None:
    phrase = await asyncio.to_thread(load_phrase)
    offline = await make_client(login=False)
    assert (await VoiceCheck(offline, "echo", phrase).run()).outcome is Outcome.NOT_LOGGED_IN
    busy = await make_client()
    assert await busy.call("noanswer")
    result = await VoiceCheck(busy, "echo", phrase).run()
    assert result.outcome is Outcome.CALL_IN_PROGRESS
    assert busy.calls.current is not None, "the user's call is left alone"
    await busy.hangup()


async def test_cancel_while_ringing_hangs_up(make_client: Any) -> None:
    client = await make_client()
    check = VoiceCheck(client, "noanswer", await asyncio.to_thread(load_phrase))
    running = asyncio.ensure_future(check.run())
    ringing = asyncio.Event()
    client.on("onCallRemoteRinging", lambda _info: ringing.set())
    await asyncio.wait_for(ringing.wait(), 10)
    check.cancel()
    result = await running
    assert result.outcome is Outcome.CANCELLED
    assert client.calls.current is None
