"""Diagnostics: the recent-log ring buffer that feedback attaches, and crash capture.

:class:`LogRing` keeps the last lines the ``webphone`` loggers wrote (what
``submit_call_quality_feedback(..., send_console_logs=True)`` attaches, like the
reference's 900-line console buffer). Lines are redacted again by :func:`.log.redact`
after formatting, because a record can carry text the sdk's loggers never saw: a
traceback, or a message from a plain ``logging`` logger below ``webphone``.

:class:`CrashCapture` records unhandled exceptions (``sys.excepthook``,
``threading.excepthook``, an asyncio loop's exception handler) to the log and to the
insights database, then hands them to the hook it replaced, so the usual report still
appears. With ``captureSDKCrashOnly`` it only records exceptions whose traceback passes
through Webphone's own code.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

from ...quality.insights import InsightsStore
from .log import ROOT_LOGGER, get_logger, redact

log = get_logger(__name__)

RING_LINES = 900  # the reference keeps 900 console lines for its log upload
RING_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
PACKAGE = ROOT_LOGGER  # the top-level package name is also the loggers' root


class LogRing(logging.Handler):
    """A logging handler keeping the last *capacity* formatted, redacted records."""

    def __init__(self, capacity: int = RING_LINES) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(RING_FORMAT))
        self._lines: deque[str] = deque(maxlen=capacity)
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = redact(self.format(record))
        except Exception:  # logging must never raise into the caller
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)

    def lines(self) -> list[str]:
        with self._guard:
            return list(self._lines)


_ring: LogRing | None = None
_ring_lock = threading.Lock()


def install_log_ring(capacity: int = RING_LINES) -> LogRing:
    """Attach the ring buffer to the ``webphone`` logger (once; later calls return it)."""
    global _ring
    with _ring_lock:
        if _ring is None:
            _ring = LogRing(capacity)
            logging.getLogger(ROOT_LOGGER).addHandler(_ring)
        return _ring


def recent_logs() -> list[str]:
    """The ring buffer's lines, oldest first (empty before :func:`install_log_ring`)."""
    ring = _ring
    return ring.lines() if ring is not None else []


def passes_through_webphone(exc: BaseException) -> bool:
    """True if a frame of *exc*'s traceback (or of an exception it chains) is ours."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        tb = current.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_globals.get("__name__", "")
            if isinstance(name, str) and (name == PACKAGE or name.startswith(PACKAGE + ".")):
                return True
            tb = tb.tb_next
        pending += [current.__cause__, current.__context__]
    return False


class CrashCapture:
    """Records unhandled exceptions to the log and *store*; :meth:`install` to start."""

    def __init__(self, store: InsightsStore | None, sdk_only: bool = False) -> None:
        self.store = store
        self.sdk_only = sdk_only
        self._sys_hook: Callable[..., Any] | None = None
        self._thread_hook: Callable[[threading.ExceptHookArgs], Any] | None = None
        self._loops: list[tuple[asyncio.AbstractEventLoop, Any]] = []

    def record(self, exc: BaseException, where: str) -> bool:
        """Record *exc* (unless filtered out); True if it was recorded."""
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            return False
        if self.sdk_only and not passes_through_webphone(exc):
            return False
        text = "".join(traceback.format_exception(exc))
        log.error("Unhandled exception in %s:\n%s", where, text.rstrip())
        if self.store is not None:
            try:
                self.store.add_crash(redact(text), time.time())
            except Exception as failure:  # the crash report must not crash
                log.warning("Could not record the crash in the insights database: %s", failure)
        return True

    # -- hooks ------------------------------------------------------------------------------

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> CrashCapture:
        """Replace sys/threading excepthooks (and *loop*'s exception handler)."""
        if self._sys_hook is None:
            self._sys_hook, sys.excepthook = sys.excepthook, self._on_sys
            self._thread_hook, threading.excepthook = threading.excepthook, self._on_thread
        if loop is not None:
            self.install_loop(loop)
        return self

    def install_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Record what *loop* reports as unhandled (then let its old handler report it)."""
        self._loops.append((loop, loop.get_exception_handler()))
        loop.set_exception_handler(self._on_loop)

    def uninstall(self) -> None:
        """Put every replaced hook back."""
        if self._sys_hook is not None:
            sys.excepthook = self._sys_hook
            threading.excepthook = self._thread_hook or threading.__excepthook__
            self._sys_hook = self._thread_hook = None
        for loop, previous in self._loops:
            loop.set_exception_handler(previous)
        self._loops.clear()

    # Python's own reports (stderr, which a desktop session keeps in its journal, and the
    # ``asyncio`` logger) print the exception as it is: an error message can quote a
    # password or a digest answer. In their place the same report is written redacted;
    # a hook an application installed itself still gets the exception unchanged.

    def _on_sys(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.record(exc.with_traceback(tb), "the main thread")
        if self._sys_hook in (None, sys.__excepthook__):
            _to_stderr("".join(traceback.format_exception(kind, exc, tb)))
        else:
            self._sys_hook(kind, exc, tb)

    def _on_thread(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "a thread"
        if args.exc_value is not None:
            self.record(args.exc_value.with_traceback(args.exc_traceback), f"thread {name}")
        if self._thread_hook in (None, threading.__excepthook__):
            if args.exc_type is not SystemExit:  # as threading's own hook
                report = traceback.format_exception(
                    args.exc_type, args.exc_value, args.exc_traceback
                )
                _to_stderr(f"Exception in thread {name}:\n" + "".join(report))
        else:
            self._thread_hook(args)

    def _on_loop(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self.record(exc, f"the event loop ({context.get('message', 'no message')})")
        previous = next((old for lp, old in self._loops if lp is loop), None)
        if previous is not None:
            previous(loop, context)
            return
        # What loop.default_exception_handler logs, redacted (it would format the
        # exception itself, past any redaction).
        lines = [str(context.get("message") or "Unhandled exception in event loop")]
        for key in sorted(k for k in context if k not in ("message", "exception")):
            lines.append(f"{key}: {context[key]!r}")
        if isinstance(exc, BaseException):
            lines.append("".join(traceback.format_exception(exc)).rstrip())
        logging.getLogger("asyncio").error("%s", redact("\n".join(lines)))


def _to_stderr(text: str) -> None:
    """Python's report of an unhandled exception, redacted (never raises)."""
    try:
        if sys.stderr is not None:  # None in a windowed (pythonw / frozen GUI) process
            sys.stderr.write(redact(text))
            sys.stderr.flush()
    except Exception:
        pass
