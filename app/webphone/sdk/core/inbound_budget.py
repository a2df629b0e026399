"""How much a server may send one client: token buckets for messages and bytes.

A registrar or proxy sends a softphone a few messages a second at most (responses,
an INVITE, a NOTIFY); SIP over WebSocket messages are a few KB. A server, or anything
that took over the connection, that sends thousands of frames a second is not talking
SIP to us: every frame costs a parse and may create a transaction, so a flood is
refused by dropping the connection, and the client then behaves as after any connection
loss (reconnect with backoff, register again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Messages a server may send in a burst, and per second after it. A login, a call and a
#: re-registration together are well under 20; the margins are wide on purpose.
MESSAGE_BURST = 500
MESSAGES_PER_SECOND = 100.0
#: Bytes likewise: 4 MiB at once (64 frames of the largest size), then 1 MiB/s.
BYTE_BURST = 4 * 1024 * 1024
BYTES_PER_SECOND = 1024.0 * 1024.0


@dataclass
class TokenBucket:
    """*capacity* tokens, refilled at *rate* a second; :meth:`take` spends them."""

    capacity: float
    rate: float
    level: float = field(init=False)
    _stamp: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.level = self.capacity

    def take(self, amount: float, now: float) -> bool:
        """Spend *amount* tokens at time *now* (seconds); False if there are too few."""
        if self._stamp is not None:
            self.level = min(self.capacity, self.level + (now - self._stamp) * self.rate)
        self._stamp = now
        if amount > self.level:
            return False
        self.level -= amount
        return True


class InboundBudget:
    """Per connection: admits each incoming frame or says why the connection must go."""

    def __init__(
        self,
        *,
        message_burst: int = MESSAGE_BURST,
        messages_per_second: float = MESSAGES_PER_SECOND,
        byte_burst: int = BYTE_BURST,
        bytes_per_second: float = BYTES_PER_SECOND,
    ) -> None:
        self._messages = TokenBucket(message_burst, messages_per_second)
        self._bytes = TokenBucket(byte_burst, bytes_per_second)
        self.admitted = 0

    def admit(self, size: int, now: float) -> str | None:
        """None if a frame of *size* bytes arriving at *now* is within budget, else the
        reason (for the log and the close frame) the connection is dropped."""
        if not self._messages.take(1, now):
            return (
                f"message flood: more than {self._messages.capacity:.0f} messages at once "
                f"or {self._messages.rate:.0f}/s from the server"
            )
        if not self._bytes.take(size, now):
            return (
                f"data flood: more than {self._bytes.capacity / 2**20:.0f} MiB at once "
                f"or {self._bytes.rate / 2**20:.0f} MiB/s from the server"
            )
        self.admitted += 1
        return None
