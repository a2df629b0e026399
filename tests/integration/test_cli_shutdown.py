"""Ctrl-C and SIGTERM in a ``webphone-cli`` that is in a call (issue 16).

The CLI runs as a real child process logged in as alice on a demo service in the test
process; bob, an in-process client on the same service, is the far end. After the
signal the far end must have seen the call end (BYE for an answered call, CANCEL for a
ringing one), the registrar must have taken alice's un-REGISTER, and the child must
have exited with its clean code (130 after SIGINT, 0 after SIGTERM) about as fast as
the CLI promises (``SHUTDOWN_GRACE``, 2 s); the measured time is printed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator

import pytest

from webphone.cli.stop import EXIT_CODES, SHUTDOWN_GRACE
from webphone.demo import DemoService
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)

CLI = [sys.executable, "-m", "webphone.cli.main"]
#: On top of the CLI's own bound: interpreter exit and a busy CI machine.
EXIT_SLACK = 3.0


class FarEnd:
    """bob: answers (or lets it ring) and records how the call ended."""

    def __init__(self, client: Client, *, answer: bool) -> None:
        self.client = client
        self.ringing = asyncio.Event()
        self._answering: asyncio.Task[bool] | None = None
        self.ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        client.on("onIncomingCall", lambda *_: self._incoming(answer))
        client.on(
            "onCallTerminated",
            lambda how, _info: self._end(f"terminated by {how['originator']}"),
        )
        client.on("onIncomingCallCanceled", lambda _info: self._end("canceled"))

    def _incoming(self, answer: bool) -> None:
        self.ringing.set()
        if answer:
            self._answering = asyncio.ensure_future(self.client.answer())

    def _end(self, how: str) -> None:
        if not self.ended.done():
            self.ended.set_result(how)


@pytest.fixture
async def service() -> AsyncIterator[DemoService]:
    async with DemoService() as demo:
        yield demo


async def start_cli(service: DemoService) -> asyncio.subprocess.Process:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEBPHONE_")}
    environment["PYTHONPATH"] = os.pathsep.join(["app", environment.get("PYTHONPATH", "")])
    environment["WEBPHONE_PASSWORD"] = service.accounts["alice"]
    environment["WEBPHONE_INSIGHTS_DB"] = os.environ["WEBPHONE_INSIGHTS_DB"]  # tests/conftest.py
    return await asyncio.create_subprocess_exec(
        *CLI,
        *("--server", service.url, "--domain", service.domain, "--user", "alice"),
        *("--media-address", "127.0.0.1"),
        env=environment,
        stdin=asyncio.subprocess.PIPE,  # kept open: the CLI waits for commands
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(process: asyncio.subprocess.Process, event: str, seen: list[str]) -> None:
    assert process.stdout is not None
    while True:
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        assert line, f"the CLI ended before {event}:\n" + "".join(seen)
        seen.append(line)
        if line.split()[1:2] == [event]:
            return


async def signal_during_call(
    service: DemoService, number: signal.Signals, *, answered: bool
) -> tuple[FarEnd, asyncio.subprocess.Process, float, str]:
    bob = Client(server=service.url, domain=service.domain, allowed_addresses=["127.0.0.1"])
    far = FarEnd(bob, answer=answered)
    assert await bob.login("bob", service.accounts["bob"])
    process = await start_cli(service)
    seen: list[str] = []
    try:
        await read_until(process, "onLogin", seen)
        registers = service.register_count("alice")
        assert process.stdin is not None
        process.stdin.write(b"call bob\n")
        await read_until(process, "onMediaConnected" if answered else "onCallRemoteRinging", seen)
        await asyncio.wait_for(far.ringing.wait(), 10)
        started = time.monotonic()
        process.send_signal(number)
        out, err = await asyncio.wait_for(process.communicate(), 30)
        elapsed = time.monotonic() - started
        how = await asyncio.wait_for(far.ended, 10)
        assert service.register_count("alice") == registers + 1, "un-REGISTER accepted"
        assert service.bindings("alice") == []
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await bob.close()
    print(f"\n{number.name} ({'answered' if answered else 'ringing'}): exit in {elapsed:.2f} s")
    assert process.returncode == EXIT_CODES[number], "".join(seen) + out.decode() + err.decode()
    return far, process, elapsed, how


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_a_signal_during_a_call_sends_bye_unregisters_and_exits(
    service: DemoService, number: signal.Signals
) -> None:
    _, _, elapsed, how = await signal_during_call(service, number, answered=True)
    assert how == "terminated by remote"  # bob got alice's BYE
    assert elapsed < SHUTDOWN_GRACE + EXIT_SLACK


async def test_sigterm_while_ringing_cancels_the_call(service: DemoService) -> None:
    _, _, elapsed, how = await signal_during_call(service, signal.SIGTERM, answered=False)
    assert how == "canceled"  # bob's ringing call got alice's CANCEL
    assert elapsed < SHUTDOWN_GRACE + EXIT_SLACK
