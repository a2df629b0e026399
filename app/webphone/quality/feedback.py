"""Call-quality feedback: the seed's validation rules and an optional HTTPS upload.

Validation follows SPEC.md §13 in the reference's order, with its messages (spelling
corrected), and is stricter where the reference lets bad input through: a rating must be
a whole number 1..5 (the reference let ``NaN`` and ``4.5`` pass), the note a string,
``send_console_logs`` a boolean, and every issue must be on the list (the reference
silently dropped unknown ones when one was known). Issues are matched case-insensitively
after trimming, de-duplicated, and the contract's ``CALL_DROPPPED`` spelling is
normalised to ``CALL_DROPPED``. The "username not found" rule needs the login state and
stays with the caller.

:func:`post_feedback` blocks (urllib): call it with ``asyncio.to_thread``.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

ISSUES: tuple[str, ...] = (
    "AUDIO_LAG",
    "BROKEN_AUDIO",
    "CALL_DROPPED",
    "CALLERID_ISSUES",
    "DIGITS_NOT_CAPTURED",
    "ECHO",
    "HIGH_CONNECT_TIME",
    "LOW_AUDIO_LEVEL",
    "ONE_WAY_AUDIO",
    "OTHERS",
    "ROBOTIC_AUDIO",
)
ALIASES = {"CALL_DROPPPED": "CALL_DROPPED"}  # the contract's spelling
MAX_NOTE = 280

CALL_UUID_MANDATORY = "callUUID is mandatory"
RATING_MANDATORY = "Star rating is mandatory"
RATING_RANGE = "score should be from 1-5 range"
NOTE_TOO_LONG = f"Maximum length for note is {MAX_NOTE} characters"
NOTE_NOT_STRING = "Attribute note should be a string"
ISSUES_NOT_ARRAY = "Attribute issues should be an array"
ISSUE_MANDATORY = "At least one issue is mandatory for feedback"
ISSUES_NOT_LISTED = "Issues must be from the predefined list of issues - " + ",".join(ISSUES)
SEND_LOGS_NOT_BOOLEAN = "Attribute sendConsoleLogs should be a boolean"


class FeedbackError(ValueError):
    """Feedback that cannot be accepted, or could not be sent; the message says why."""


def _rating(value: object) -> int:
    if value is None or value == 0 or value == "":
        raise FeedbackError(RATING_MANDATORY)
    if isinstance(value, bool):
        raise FeedbackError(RATING_RANGE)
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            raise FeedbackError(RATING_RANGE)
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= 5:
        raise FeedbackError(RATING_RANGE)
    return value


def _issues(value: object, rating: int) -> list[str]:
    if value is None:
        value = []
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        raise FeedbackError(ISSUES_NOT_ARRAY)
    if rating != 5 and not value:
        raise FeedbackError(ISSUE_MANDATORY)
    issues: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise FeedbackError(ISSUES_NOT_LISTED)
        name = item.strip().upper()
        name = ALIASES.get(name, name)
        if name not in ISSUES:
            raise FeedbackError(ISSUES_NOT_LISTED)
        if name not in issues:
            issues.append(name)
    return issues


def validate_feedback(
    call_uuid: object,
    star_rating: object,
    issues: object = None,
    note: object = None,
    send_console_logs: object = False,
) -> dict[str, Any]:
    """The feedback, normalised, or :class:`FeedbackError` naming the first bad input.

    Returns ``{call_uuid, star_rating: int, issues: [names], note: str,
    send_console_logs: bool}``.
    """
    if not isinstance(call_uuid, str) or not call_uuid.strip():
        raise FeedbackError(CALL_UUID_MANDATORY)
    rating = _rating(star_rating)
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise FeedbackError(NOTE_NOT_STRING)
    if len(note) > MAX_NOTE:
        raise FeedbackError(NOTE_TOO_LONG)
    names = _issues(issues, rating)
    if not isinstance(send_console_logs, bool):
        raise FeedbackError(SEND_LOGS_NOT_BOOLEAN)
    return {
        "call_uuid": call_uuid.strip(),
        "star_rating": rating,
        "issues": names,
        "note": note,
        "send_console_logs": send_console_logs,
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError for the 3xx response


def post_feedback(
    url: str,
    payload: Mapping[str, Any],
    timeout: float = 10.0,
    context: ssl.SSLContext | None = None,
) -> int:
    """POST *payload* as JSON to the https:// *url*; the HTTP status (2xx) or FeedbackError.

    *context* verifies the server (default: the system's CAs). Blocking: run it in a
    thread.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise FeedbackError(f"Feedback URL must be an https:// URL, got {url!r}")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    # No redirects: one could lead the note and the logs to plain http.
    opener = urllib.request.build_opener(
        _NoRedirect(), urllib.request.HTTPSHandler(context=context)
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        raise FeedbackError(
            f"Feedback was not accepted by {parts.hostname}: HTTP {exc.code} {exc.reason}"
        ) from exc
    except urllib.error.URLError as exc:
        raise FeedbackError(
            f"Feedback could not be sent to {parts.hostname}: {exc.reason}"
        ) from exc
    except (TimeoutError, OSError) as exc:
        raise FeedbackError(f"Feedback could not be sent to {parts.hostname}: {exc}") from exc
    if not 200 <= status < 300:
        raise FeedbackError(f"Feedback was not accepted by {parts.hostname}: HTTP {status}")
    return status
