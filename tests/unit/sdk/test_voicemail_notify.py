"""How the client answers message-summary NOTIFYs: unsolicited ones accepted, a malformed
body answered 200 with a warning (the last good count kept), a stranger's dialog 481,
and NOTIFYs of other event packages still going to the transfers."""

from __future__ import annotations

import logging
from typing import Any, cast

import pytest

from webphone.sdk.core.notify_router import NotifyRouter
from webphone.sdk.core.transport import WebSocketTransport
from webphone.sdk.core.useragent import UserAgent
from webphone.sdk.core.voicemail import VoicemailSubscription
from webphone.sip.message import SipResponse, parse_message
from webphone.sip.message_summary import EVENT
from webphone.sip.transaction import ServerTransaction


class FakeTransport:
    via_transport = "WSS"

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send(self, data: bytes) -> None:
        self.sent.append(data)


def notify(body: str, *, to_tag: str = "", event: str = "message-summary", n: int = 1) -> bytes:
    tag = f";tag={to_tag}" if to_tag else ""
    return (
        f"NOTIFY sip:alice@example.invalid;transport=ws SIP/2.0\r\n"
        f"Via: SIP/2.0/WSS 192.0.2.1;branch=z9hG4bK-mwi-{n}\r\n"
        f"Max-Forwards: 70\r\n"
        f"From: <sip:*97@example.com>;tag=pbx\r\n"
        f"To: <sip:alice@example.com>{tag}\r\n"
        f"Call-ID: mwi-{n}@pbx\r\n"
        f"CSeq: {n} NOTIFY\r\n"
        f"Event: {event}\r\n"
        f"Content-Type: application/simple-message-summary\r\n"
        f"Content-Length: {len(body.encode())}\r\n\r\n{body}"
    ).encode()


@pytest.fixture
def phone() -> tuple[UserAgent, FakeTransport, list[dict[str, Any]], list[str]]:
    ua = UserAgent()
    transport = FakeTransport()
    ua.attach(cast(WebSocketTransport, transport))
    events: list[dict[str, Any]] = []
    transfers: list[str] = []
    mwi = VoicemailSubscription(
        ua, registration=lambda: None, emit=lambda _name, payload: events.append(payload)
    )

    def transfer_notify(transaction: ServerTransaction) -> None:
        transfers.append(transaction.request.headers.get("Event") or "")
        transaction.respond(transaction.make_response(489))

    ua.handlers["NOTIFY"] = NotifyRouter({EVENT: mwi.on_notify}, fallback=transfer_notify)
    return ua, transport, events, transfers


def last_status(transport: FakeTransport) -> int:
    response = parse_message(transport.sent[-1])
    assert isinstance(response, SipResponse)
    return response.status


async def test_unsolicited_notify_updates_the_count(phone: Any) -> None:
    ua, transport, events, _ = phone
    ua.receive(notify("Messages-Waiting: yes\r\nVoice-Message: 3/1 (1/0)\r\n"))
    assert last_status(transport) == 200
    assert events == [
        {
            "messagesWaiting": True,
            "newMessages": 3,
            "oldMessages": 1,
            "urgentNewMessages": 1,
            "urgentOldMessages": 0,
            "account": None,
        }
    ]


async def test_malformed_body_is_answered_200_and_logged(
    phone: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ua, transport, events, _ = phone
    ua.receive(notify("Messages-Waiting: yes\r\nVoice-Message: 2/0\r\n", n=1))
    with caplog.at_level(logging.WARNING):
        ua.receive(notify("Messages-Waiting: perhaps\r\n", n=2))
    assert last_status(transport) == 200
    assert "malformed message-summary" in caplog.text and "not yes or no" in caplog.text
    assert [e["newMessages"] for e in events] == [2]  # the last good state stands


async def test_notify_of_a_dialog_that_is_not_ours_gets_481(phone: Any) -> None:
    ua, transport, events, _ = phone
    ua.receive(notify("Messages-Waiting: yes\r\n", to_tag="someone-else"))
    assert last_status(transport) == 481 and events == []


async def test_refer_notifies_still_go_to_the_transfers(phone: Any) -> None:
    ua, transport, events, transfers = phone
    ua.receive(notify("SIP/2.0 200 OK\r\n", to_tag="t", event="refer;id=7"))
    assert transfers == ["refer;id=7"] and last_status(transport) == 489 and events == []
