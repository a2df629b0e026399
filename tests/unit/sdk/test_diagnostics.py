"""Diagnostics: the redacted recent-log ring and crash capture (with captureSDKCrashOnly)."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from webphone.quality.feedback import FeedbackError, validate_feedback
from webphone.quality.insights import InsightsStore
from webphone.sdk.core import diagnostics
from webphone.sdk.core.diagnostics import CrashCapture, LogRing, passes_through_webphone
from webphone.sdk.core.log import SECRETS, get_logger

ROOT = Path(__file__).resolve().parents[3]
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl"


@pytest.fixture
def ring() -> Iterator[LogRing]:
    logger = logging.getLogger("webphone")
    handler = LogRing(capacity=5)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(old_level)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InsightsStore]:
    db = InsightsStore(tmp_path / "insights.sqlite3")
    yield db
    db.close()


def test_ring_keeps_the_last_lines(ring: LogRing) -> None:
    log = get_logger("webphone.test.ring")
    for i in range(8):
        log.info("line %d", i)
    lines = ring.lines()
    assert len(lines) == 5
    assert [line.rsplit(" ", 1)[-1] for line in lines] == ["3", "4", "5", "6", "7"]
    assert "INFO webphone.test.ring: line 7" in lines[-1]


def test_ring_redacts_what_the_sdk_loggers_never_saw(ring: LogRing) -> None:
    SECRETS.add("hunter2-secret")
    try:
        plain = logging.getLogger("webphone.test.plain")  # not a SafeLogger
        plain.info("token %s and password hunter2-secret", JWT)
        plain.info("Authorization: Bearer abc.def.ghi")
        try:
            raise RuntimeError(f"login failed for hunter2-secret with {JWT}")
        except RuntimeError:
            plain.exception("boom")
    finally:
        SECRETS.discard("hunter2-secret")
    text = "\n".join(ring.lines())
    assert "hunter2-secret" not in text
    assert JWT not in text and "abc.def.ghi" not in text
    assert "RuntimeError: login failed for *** with ***" in text
    assert "Traceback (most recent call last)" in text


def test_install_log_ring_once_and_recent_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagnostics, "_ring", None)
    assert diagnostics.recent_logs() == []
    logger = logging.getLogger("webphone")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    first = diagnostics.install_log_ring()
    try:
        assert diagnostics.install_log_ring() is first
        assert logger.handlers.count(first) == 1
        get_logger("webphone.test.recent").info("visible in recent_logs")
        assert diagnostics.recent_logs()[-1].endswith(
            "webphone.test.recent: visible in recent_logs"
        )
    finally:
        logger.removeHandler(first)
        logger.setLevel(old_level)


def _webphone_error() -> None:
    validate_feedback("", 5)  # raises inside webphone.quality.feedback


def test_passes_through_webphone() -> None:
    with pytest.raises(FeedbackError) as ours:
        _webphone_error()
    assert passes_through_webphone(ours.value)
    with pytest.raises(KeyError) as theirs:
        {}["x"]
    assert not passes_through_webphone(theirs.value)
    try:
        try:
            _webphone_error()
        except FeedbackError as exc:
            raise KeyError("app code wrapped it") from exc
    except KeyError as chained:
        assert passes_through_webphone(chained)


def _run_thread(target: object) -> None:
    thread = threading.Thread(target=target, name="worker")  # type: ignore[arg-type]
    thread.start()
    thread.join()


def _app_bug() -> None:
    raise ZeroDivisionError("application bug")


@pytest.mark.parametrize(("sdk_only", "recorded"), [(False, 2), (True, 1)])
def test_thread_exceptions_are_recorded(
    store: InsightsStore, ring: LogRing, sdk_only: bool, recorded: int
) -> None:
    seen: list[str] = []
    previous = threading.excepthook

    def old_hook(args: threading.ExceptHookArgs) -> None:
        seen.append(type(args.exc_value).__name__)

    threading.excepthook = old_hook
    capture = CrashCapture(store, sdk_only=sdk_only).install()
    try:
        _run_thread(_app_bug)
        _run_thread(_webphone_error)
    finally:
        capture.uninstall()
        hook, threading.excepthook = threading.excepthook, previous
    assert seen == ["ZeroDivisionError", "FeedbackError"]  # the old hook still reports
    assert hook is old_hook  # uninstall put it back
    crashes = store.crashes()
    assert len(crashes) == recorded
    assert "FeedbackError: callUUID is mandatory" in crashes[0]["traceback"]
    assert "Unhandled exception in thread worker" in "\n".join(ring.lines())
    if not sdk_only:
        assert "ZeroDivisionError: application bug" in crashes[1]["traceback"]


async def test_event_loop_exceptions_are_recorded(store: InsightsStore) -> None:
    loop = asyncio.get_running_loop()
    reported: list[str] = []
    loop.set_exception_handler(lambda _loop, ctx: reported.append(ctx["message"]))
    capture = CrashCapture(store, sdk_only=True).install(loop)
    try:
        loop.call_soon(_webphone_error)
        loop.call_soon(_app_bug)
        await asyncio.sleep(0.05)
    finally:
        capture.uninstall()
    assert len(reported) == 2  # the old handler still sees both
    [crash] = store.crashes()
    assert "FeedbackError: callUUID is mandatory" in crash["traceback"]
    loop.set_exception_handler(None)


def test_a_failing_store_does_not_crash_the_crash_report(tmp_path: Path, ring: LogRing) -> None:
    broken = InsightsStore(tmp_path / "x.sqlite3")
    broken.close()
    try:
        _app_bug()
    except ZeroDivisionError as exc:
        assert CrashCapture(broken).record(exc, "a test")
    assert "Could not record the crash in the insights database" in ring.lines()[-1]


def test_keyboard_interrupt_is_not_a_crash(store: InsightsStore) -> None:
    assert not CrashCapture(store).record(KeyboardInterrupt(), "the main thread")
    assert store.crashes() == []


UNCAUGHT = textwrap.dedent(
    """
    import sys
    from webphone.quality.insights import InsightsStore
    from webphone.sdk.core.diagnostics import CrashCapture

    CrashCapture(InsightsStore(sys.argv[1]), sdk_only=sys.argv[2] == "1").install()
    {}["%s"]
    """
)


@pytest.mark.parametrize(("sdk_only", "recorded"), [("0", 1), ("1", 0)])
def test_uncaught_exception_in_the_main_thread(
    tmp_path: Path, sdk_only: str, recorded: int
) -> None:
    db = tmp_path / "crash.sqlite3"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'app'}{os.pathsep}{ROOT}"}
    result = subprocess.run(
        [sys.executable, "-c", UNCAUGHT % "missing-key", str(db), sdk_only],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "KeyError: 'missing-key'" in result.stderr  # the usual report still appears
    with InsightsStore(db) as store:
        crashes = store.crashes()
    assert len(crashes) == recorded
    if recorded:
        assert "KeyError: 'missing-key'" in crashes[0]["traceback"]
