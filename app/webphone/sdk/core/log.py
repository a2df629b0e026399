"""Logging for the SDK: the seed's levels, and redaction of every secret before a record exists.

Redaction happens when the message is formatted, inside :class:`SafeLogger`, so no handler
anywhere (a file, a test's capture, a GUI console) ever receives a password, a digest
response or a token, whatever level is set.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import re
import threading
from pathlib import Path
from typing import Any

from ...userfiles import FILE_MODE, open_private, tighten

ROOT_LOGGER = "webphone"
TRACE = 5  # level "ALL": adds full SIP message dumps
logging.addLevelName(TRACE, "TRACE")

DEBUG_LEVELS: dict[str, int] = {
    "OFF": logging.CRITICAL + 10,
    "ERROR": logging.ERROR,
    "WARN": logging.WARNING,
    "INFO": logging.INFO,
    "DEBUG": logging.DEBUG,
    "ALL": TRACE,
}

_MASK = "***"
_PATTERNS = [
    # Authorization / Proxy-Authorization / X-Plivo-Jwt header values, whatever the scheme.
    (re.compile(r"(?im)^((?:proxy-)?authorization|x-plivo-jwt)(\s*:\s*)(\S+)(.*)$"), None),
    (re.compile(r"(?i)\b(response|cnonce)\s*=\s*\"?[^\",\s]*\"?"), r"\1=" + _MASK),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*"), "Bearer " + _MASK),
    # Anything shaped like a JWT (three base64url segments starting with '{"').
    (re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), _MASK),
]


def _auth_header(match: re.Match[str]) -> str:
    name, sep, scheme = match.group(1), match.group(2), match.group(3)
    if name.lower() == "x-plivo-jwt":
        return f"{name}{sep}{_MASK}"
    return f"{name}{sep}{scheme} {_MASK}"


class _Secrets:
    """Literal secrets (passwords, tokens) currently in use, masked wherever they appear."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()

    def add(self, value: str | None) -> None:
        if value and len(value) >= 3:
            with self._lock:
                self._values.add(value)

    def discard(self, value: str | None) -> None:
        if value:
            with self._lock:
                self._values.discard(value)

    def snapshot(self) -> list[str]:
        with self._lock:
            return sorted(self._values, key=len, reverse=True)


SECRETS = _Secrets()


def redact(text: str) -> str:
    """*text* with every known secret and every credential-bearing field masked."""
    for pattern, replacement in _PATTERNS:
        if replacement is None:
            text = pattern.sub(_auth_header, text)
        else:
            text = pattern.sub(replacement, text)
    for secret in SECRETS.snapshot():
        if secret in text:
            text = text.replace(secret, _MASK)
    return text


class SafeLogger(logging.LoggerAdapter[logging.Logger]):
    """A logger whose records are formatted and redacted before any handler sees them."""

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        self._record(level, msg, args, kwargs)

    def trace(self, msg: object, *args: Any) -> None:
        self._record(TRACE, msg, args, {})

    def _record(
        self, level: int, msg: object, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        if not self.isEnabledFor(level):
            return
        text = str(msg) % args if args else str(msg)
        # Point the record at our caller: skip _log and log/trace (logging's own frames,
        # such as LoggerAdapter.info, are skipped by the logging module itself).
        kwargs.setdefault("stacklevel", 3)
        self.logger.log(level, redact(text), **kwargs)


class RedactingFormatter(logging.Formatter):
    """Redacts the formatted line again: a handler can receive records the sdk's loggers
    never made (a plain ``logging`` logger in the GUI or the audio layer, a traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file created ``0600`` in a ``0700`` directory (older, looser files
    and backups are tightened), every line redacted."""

    def __init__(self, path: str | Path, max_bytes: int, backups: int, fmt: str) -> None:
        path = Path(path)
        for old in path.parent.glob(f"{path.name}*"):  # backups an older version made 0644
            tighten(old, FILE_MODE)
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        self.setFormatter(RedactingFormatter(fmt))

    def _open(self) -> io.TextIOWrapper:  # also called for the new file after each rollover
        return open_private(self.baseFilename, self.mode, self.encoding or "utf-8")


def get_logger(name: str) -> SafeLogger:
    return SafeLogger(logging.getLogger(name), {})


def set_level(level: str) -> None:
    """Apply one of the seed's debug levels to every Webphone logger."""
    logging.getLogger(ROOT_LOGGER).setLevel(DEBUG_LEVELS[level])
