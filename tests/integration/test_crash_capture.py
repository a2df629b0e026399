"""A client records the process's unhandled exceptions in its insights database, limited to
Webphone's own code when ``captureSDKCrashOnly`` is set."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from webphone.sdk import Client
from webphone.sip.uri import SipUri


def _app_failure() -> None:
    raise RuntimeError("the application's own bug")


def _sdk_failure() -> None:
    SipUri.parse("not a sip uri")  # raises inside webphone.sip


async def _fail_on_the_loop(callback: object) -> None:
    asyncio.get_running_loop().call_soon(callback)  # type: ignore[arg-type]
    await asyncio.sleep(0.05)


def _fail_in_a_thread() -> None:
    thread = threading.Thread(target=_sdk_failure, name="worker")
    thread.start()
    thread.join()


# The capture hands thread crashes on to the hook it replaced: pytest's, which warns.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("sdk_only", [False, True])
async def test_unhandled_exceptions_are_recorded(tmp_path: Path, sdk_only: bool) -> None:
    client = Client(
        {"captureSDKCrashOnly": sdk_only},
        server="ws://127.0.0.1:9",
        insights_path=tmp_path / "insights.sqlite3",
    )
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, _context: None)  # keep pytest's output clean
    capture = client.capture_crashes(loop)
    try:
        await _fail_on_the_loop(_app_failure)
        await _fail_on_the_loop(_sdk_failure)
        _fail_in_a_thread()
    finally:
        capture.uninstall()
        loop.set_exception_handler(previous)
    store = client.quality.store
    assert store is not None
    texts = [crash["traceback"] for crash in store.crashes()]
    assert sum("the application's own bug" in text for text in texts) == (0 if sdk_only else 1)
    # The loop's and the worker thread's, whatever the filter.
    assert sum("webphone" in text and "SipParseError" in text for text in texts) == 2
    await client.close()
