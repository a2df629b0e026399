"""Python's own crash reports (stderr, the asyncio logger) are redacted once Webphone
captures crashes: an exception message can quote a password or a digest answer."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Iterator

import pytest

from webphone.sdk.core.diagnostics import CrashCapture
from webphone.sdk.core.log import SECRETS

PASSWORD = "crash-report-Passw0rd"
MESSAGE = f'login failed for {PASSWORD}: Digest response="0123abcd", cnonce="feed"'


@pytest.fixture
def capture(monkeypatch: pytest.MonkeyPatch) -> Iterator[CrashCapture]:
    # Python's defaults, as in a real process (pytest installs its own thread hook).
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    SECRETS.add(PASSWORD)
    crashes = CrashCapture(None).install()
    try:
        yield crashes
    finally:
        crashes.uninstall()
        SECRETS.discard(PASSWORD)


def _assert_redacted(text: str) -> None:
    assert "RuntimeError: login failed for ***" in text, text
    assert PASSWORD not in text and "0123abcd" not in text and "feed" not in text


def test_main_thread_report_on_stderr(
    capture: CrashCapture, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise RuntimeError(MESSAGE)
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    _assert_redacted(err)


def test_thread_report_on_stderr(capture: CrashCapture, capsys: pytest.CaptureFixture[str]) -> None:
    def fail() -> None:
        raise RuntimeError(MESSAGE)

    thread = threading.Thread(target=fail, name="worker")
    thread.start()
    thread.join()
    err = capsys.readouterr().err
    assert err.startswith("Exception in thread worker:")
    _assert_redacted(err)


async def test_event_loop_report_in_the_asyncio_log(
    capture: CrashCapture, caplog: pytest.LogCaptureFixture
) -> None:
    loop = asyncio.get_running_loop()
    capture.install_loop(loop)

    def fail() -> None:
        raise RuntimeError(MESSAGE)

    with caplog.at_level(logging.ERROR, logger="asyncio"):
        loop.call_soon(fail)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    reports = [r for r in caplog.records if r.name == "asyncio"]
    assert reports and reports[0].exc_info is None
    _assert_redacted(caplog.text)
