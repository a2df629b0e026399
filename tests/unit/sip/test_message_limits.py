"""What one message may hold: size, header lines, line length; each refusal says why."""

from __future__ import annotations

import pytest

from webphone.sip.errors import SipParseError
from webphone.sip.message import (
    MAX_HEADER_LINE,
    MAX_HEADER_LINES,
    MAX_MESSAGE_BYTES,
    parse_message,
)

HEAD = (
    "OPTIONS sip:alice@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bKlimits\r\n"
    "From: <sip:bob@example.com>;tag=1\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: limits\r\n"
    "CSeq: 1 OPTIONS\r\n"
)

LONG_URI = "OPTIONS sip:" + "u" * MAX_HEADER_LINE + "@x SIP/2.0\r\n"


def test_a_message_at_the_limits_is_accepted() -> None:
    extra = "".join(f"X-N{n}: {n}\r\n" for n in range(MAX_HEADER_LINES - 5))
    long_line = "X-Long: " + "a" * (MAX_HEADER_LINE - len("X-Long: "))
    message = parse_message(HEAD + extra.replace("X-N0: 0", long_line) + "\r\n")
    assert message.headers.get("X-Long") == "a" * (MAX_HEADER_LINE - 8)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (HEAD + "Content-Length: 0\r\n\r\n" + "b" * MAX_MESSAGE_BYTES, "exceeds"),
        (HEAD + "X-N: 1\r\n" * (MAX_HEADER_LINES - 4) + "\r\n", "header lines; at most"),
        (HEAD + "X-Long: " + "a" * MAX_HEADER_LINE + "\r\n\r\n", "header line of"),
        (LONG_URI + HEAD.split("\r\n", 1)[1] + "\r\n", "start line of"),
        (HEAD + "Content-Length: 10\r\n\r\nshort", "exceeds the 5 body bytes"),
    ],
    ids=["too-big", "too-many-headers", "long-header", "long-start-line", "short-body"],
)
def test_messages_over_the_limits_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(SipParseError, match=reason):
        parse_message(text)
