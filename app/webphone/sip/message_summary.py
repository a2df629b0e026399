"""``application/simple-message-summary`` bodies (RFC 3842 §5): the voicemail indicator.

Only the lines a phone shows are read: ``Messages-Waiting`` (required), the optional
``Message-Account`` (the mailbox to call) and the ``Voice-Message`` counts. Other message
classes (fax, pager, ...) and the optional message headers after the summary are
accepted and ignored. Header names are case-insensitive; lines may end in CRLF or LF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import SipError

CONTENT_TYPE = "application/simple-message-summary"
EVENT = "message-summary"

# new/old, optionally followed by (urgent new/urgent old) -- RFC 3842 §5.2.
_COUNTS = re.compile(r"^(\d+)\s*/\s*(\d+)\s*(?:\(\s*(\d+)\s*/\s*(\d+)\s*\))?$")
_CLASSES = frozenset(
    {
        "voice-message",
        "fax-message",
        "pager-message",
        "multimedia-message",
        "text-message",
        "none",
    }
)
_MAX_COUNT = 10**9  # a mailbox of a billion messages is a malformed body, not a mailbox


class MessageSummaryError(SipError):
    """A message-summary body that does not follow RFC 3842 (the text says what is wrong)."""


@dataclass(frozen=True)
class MessageSummary:
    """One mailbox's state as a NOTIFY reported it."""

    messages_waiting: bool
    account: str | None = None
    new: int = 0
    old: int = 0
    urgent_new: int = 0
    urgent_old: int = 0

    def as_event(self) -> dict[str, Any]:
        """The ``onVoicemail`` payload (camelCase, like the contract's events)."""
        return {
            "messagesWaiting": self.messages_waiting,
            "newMessages": self.new,
            "oldMessages": self.old,
            "urgentNewMessages": self.urgent_new,
            "urgentOldMessages": self.urgent_old,
            "account": self.account,
        }


def parse_message_summary(body: str) -> MessageSummary:
    """Parse a message-summary body; :class:`MessageSummaryError` names the bad line."""
    waiting: bool | None = None
    account: str | None = None
    counts = (0, 0, 0, 0)
    for number, raw in enumerate(body.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            # Message headers (RFC 3842 §5.2 opt-msg-headers) follow a blank line.
            if waiting is not None:
                break
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise MessageSummaryError(f"line {number} is not 'name: value': {line[:60]!r}")
        key = name.strip().lower()
        value = value.strip()
        if key == "messages-waiting":
            if value.lower() not in ("yes", "no"):
                raise MessageSummaryError(f"Messages-Waiting is {value[:20]!r}, not yes or no")
            waiting = value.lower() == "yes"
        elif key == "message-account":
            if ":" not in value or " " in value:
                raise MessageSummaryError(f"Message-Account {value[:60]!r} is not a URI")
            account = value
        elif key in _CLASSES:
            parsed = _counts(value, name.strip())
            if key == "voice-message":
                counts = parsed
        # Unknown lines before the blank line: extensions, ignored (RFC 3842 §5.1).
    if waiting is None:
        raise MessageSummaryError("no Messages-Waiting line")
    new, old, urgent_new, urgent_old = counts
    return MessageSummary(waiting, account, new, old, urgent_new, urgent_old)


def _counts(value: str, name: str) -> tuple[int, int, int, int]:
    match = _COUNTS.match(value)
    if match is None:
        raise MessageSummaryError(f"{name} counts {value[:40]!r} are not new/old (urgent)")
    numbers = tuple(int(group) if group is not None else 0 for group in match.groups())
    if any(n > _MAX_COUNT for n in numbers):
        raise MessageSummaryError(f"{name} counts {value[:40]!r} are out of range")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def format_message_summary(summary: MessageSummary) -> str:
    """The body a notifier sends for *summary* (the demo service's mailboxes use it)."""
    lines = [f"Messages-Waiting: {'yes' if summary.messages_waiting else 'no'}"]
    if summary.account:
        lines.append(f"Message-Account: {summary.account}")
    lines.append(
        f"Voice-Message: {summary.new}/{summary.old} ({summary.urgent_new}/{summary.urgent_old})"
    )
    return "\r\n".join(lines) + "\r\n"
