"""The desktop app's crash capture: an unhandled exception on the core loop is recorded in
the call-insights database (where webphone-cli and support find it), then reported as
before."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from webphone.quality.insights import InsightsStore
from webphone.ui.app import capture_crashes
from webphone.ui.bridge import CoreThread
from webphone.ui.settings import Settings


def _boom() -> None:
    raise RuntimeError("unhandled on the core loop")


def test_core_loop_crash_is_recorded(tmp_path: Path) -> None:
    assert os.environ["WEBPHONE_INSIGHTS_DB"]  # the tests' own database (tests/conftest.py)
    core = CoreThread()
    core.start()
    try:
        reported: list[str] = []
        core.loop.set_exception_handler(lambda _l, context: reported.append(context["message"]))
        crashes = capture_crashes(Settings(), core.loop)
        try:
            core.loop.call_soon_threadsafe(_boom)
            core.submit(asyncio.sleep(0.1)).result(5)
        finally:
            crashes.uninstall()
    finally:
        core.stop()
    with InsightsStore(os.environ["WEBPHONE_INSIGHTS_DB"]) as store:
        texts = [crash["traceback"] for crash in store.crashes()]
    assert any("unhandled on the core loop" in text for text in texts)
    assert reported  # the loop's own handler still heard of it
