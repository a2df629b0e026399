"""``--self-test``: proves an installation works end to end, without a sound card.

Imports every Webphone module (a frozen build that left one out fails here), starts the
embedded demo service with its bots, logs in, calls ``echo`` with a generated tone and
checks the tone comes back, then hangs up. Prints one line per step; exit status 0 only
if every step passed.
"""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import time
from collections.abc import Callable

import webphone

from ..demo import DemoService
from ..demo.bots import DemoBots
from ..sdk import Client

STEP_TIMEOUT = 20.0


class SelfTestFailed(Exception):
    """A step of the self-test failed; the message says which and why."""


def import_everything() -> int:
    """Imports every module of the package; returns how many."""
    count = 0
    for module in pkgutil.walk_packages(webphone.__path__, "webphone."):
        if module.name.rpartition(".")[2] == "__main__":
            continue  # importing it would start the program
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # any failure to import is what this step looks for
            raise SelfTestFailed(f"cannot import {module.name}: {exc!r}") from exc
        count += 1
    return count


async def echo_call(report: Callable[[str], None]) -> None:
    """Demo service, login, a call to the echo bot whose tone must come back."""
    # Here, not at module level: the desktop app imports this module at start and makes
    # no call (webphone.media.tracks imports aiortc and PyAV).
    from ..media.tracks import GeneratedAudioTrack

    async with DemoService() as demo:
        bots = DemoBots(demo.url, demo.domain, demo.accounts)
        await bots.start()
        client = Client(
            {"debug": "ERROR"}, server=demo.url, domain=demo.domain, allowed_addresses=["127.0.0.1"]
        )
        client.audio_source_factory = lambda: GeneratedAudioTrack(440)
        try:
            report(f"demo service at {demo.url}")
            if not await client.login("alice", demo.accounts["alice"]):
                raise SelfTestFailed(f"login failed: {client.last_error}")
            report("logged in as alice")
            connected = asyncio.Event()
            client.on("onMediaConnected", lambda *_: connected.set())
            if not await client.call("echo"):
                raise SelfTestFailed("the call to echo was refused")
            await _wait(connected.wait(), "media with the echo bot")
            session = client.get_current_session()
            media = session.media if session else None
            if media is None:
                raise SelfTestFailed("the call has no media")
            deadline = time.monotonic() + STEP_TIMEOUT
            while media.meter.peak_rms < 0.05 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if media.meter.peak_rms < 0.05:
                raise SelfTestFailed("the echo bot's audio never came back")
            report(f"echo call: audio came back ({media.meter.frames} frames)")
            if not await client.hangup():
                raise SelfTestFailed("hangup failed")
            report("hung up")
        finally:
            await client.close()
            await bots.stop()


async def _wait(awaitable: object, what: str) -> None:
    try:
        await asyncio.wait_for(awaitable, STEP_TIMEOUT)  # type: ignore[arg-type]
    except TimeoutError:
        raise SelfTestFailed(f"timed out waiting for {what}") from None


def run_self_test(report: Callable[[str], None] = print) -> int:
    """The whole self-test; 0 when it passed, 1 (with the reason reported) when not."""
    try:
        report(f"Webphone {webphone.__version__} self-test")
        report(f"imported {import_everything()} modules")
        asyncio.run(echo_call(report))
    except SelfTestFailed as exc:
        report(f"SELF-TEST FAILED: {exc}")
        return 1
    report("self-test passed")
    return 0
