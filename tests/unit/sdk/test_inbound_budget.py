"""How much a server may send: a burst, then a rate; and a server that stops reading."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from webphone.sdk.core.inbound_budget import InboundBudget, TokenBucket
from webphone.sdk.core.transport import MAX_OUTBOX, TransportState, WebSocketTransport


def test_a_burst_is_admitted_then_the_rate_applies() -> None:
    budget = InboundBudget(message_burst=10, messages_per_second=5, byte_burst=10**6)
    assert all(budget.admit(100, 0.0) is None for _ in range(10))
    reason = budget.admit(100, 0.0)
    assert reason is not None and "message flood" in reason and "10 messages" in reason
    assert budget.admit(100, 0.2) is None, "one message a fifth of a second is fine"
    assert budget.admit(100, 0.2) is not None


def test_bytes_have_their_own_budget() -> None:
    budget = InboundBudget(byte_burst=1000, bytes_per_second=100)
    assert budget.admit(900, 0.0) is None
    reason = budget.admit(200, 0.0)
    assert reason is not None and "data flood" in reason
    assert budget.admit(200, 2.0) is None


def test_a_steady_server_is_never_refused() -> None:
    budget = InboundBudget()
    # 50 messages a second of 10 KB for ten minutes: far more than any real server sends.
    assert all(budget.admit(10_000, n / 50) is None for n in range(50 * 600))


def test_bucket_never_fills_past_its_capacity() -> None:
    bucket = TokenBucket(capacity=3, rate=1)
    assert bucket.take(3, 0.0)
    assert bucket.take(3, 1000.0)
    assert not bucket.take(1, 1000.0)


class _FakeSocket:
    def __init__(self) -> None:
        self.aborted = 0

    def abort(self) -> None:
        self.aborted += 1


class _FakeConnection:
    def __init__(self) -> None:
        self.transport = _FakeSocket()


def test_a_server_that_stops_reading_is_dropped_not_queued_for(
    caplog: pytest.LogCaptureFixture,
) -> None:
    closed: list[Any] = []
    transport = WebSocketTransport(
        "ws://127.0.0.1:9", on_message=lambda _: None, on_close=lambda *a: closed.append(a)
    )
    connection = _FakeConnection()
    transport._ws = connection  # type: ignore[assignment]
    transport.state = TransportState.CONNECTED  # as after connect(), with the writer stuck
    with caplog.at_level(logging.WARNING, logger="webphone"):
        for _ in range(MAX_OUTBOX + 10):
            transport.send(b"OPTIONS sip:x SIP/2.0\r\n\r\n")
    assert transport._outbox.qsize() == MAX_OUTBOX
    assert connection.transport.aborted >= 1
    assert "the server is not reading" in caplog.text
    assert caplog.text.count("dropping the connection") == 1, "said once, not per message"
