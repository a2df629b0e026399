"""RFC 3842 message-summary bodies: what the voicemail indicator reads, and what it refuses."""

from __future__ import annotations

import pytest

from webphone.sip.message_summary import (
    MessageSummary,
    MessageSummaryError,
    format_message_summary,
    parse_message_summary,
)


def test_rfc_3842_example_body() -> None:
    # RFC 3842 §5.2's example, with its optional message headers after the blank line.
    body = (
        "Messages-Waiting: yes\r\n"
        "Message-Account: sip:alice@vmail.example.com\r\n"
        "Voice-Message: 4/8 (1/2)\r\n"
        "\r\n"
        "To: <alice@atlanta.example.com>\r\n"
        "From: <bob@biloxi.example.com>\r\n"
        "Subject: carpool tomorrow?\r\n"
    )
    summary = parse_message_summary(body)
    assert summary == MessageSummary(True, "sip:alice@vmail.example.com", 4, 8, 1, 2)
    assert summary.as_event() == {
        "messagesWaiting": True,
        "newMessages": 4,
        "oldMessages": 8,
        "urgentNewMessages": 1,
        "urgentOldMessages": 2,
        "account": "sip:alice@vmail.example.com",
    }


def test_asterisk_style_body_lf_and_case() -> None:
    summary = parse_message_summary("messages-waiting: NO\nvoice-message: 0/3\n")
    assert summary == MessageSummary(False, None, 0, 3, 0, 0)


def test_other_classes_do_not_count_as_voice_messages() -> None:
    body = "Messages-Waiting: yes\r\nFax-Message: 2/0\r\nX-Extension: 7\r\n"
    summary = parse_message_summary(body)
    assert (summary.messages_waiting, summary.new, summary.old) == (True, 0, 0)


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ("Voice-Message: 1/0\r\n", "no Messages-Waiting"),
        ("Messages-Waiting: maybe\r\n", "not yes or no"),
        ("Messages-Waiting: yes\r\nVoice-Message: lots\r\n", "not new/old"),
        ("Messages-Waiting: yes\r\nVoice-Message: 1/-2\r\n", "not new/old"),
        ("Messages-Waiting: yes\r\nVoice-Message: 99999999999/0\r\n", "out of range"),
        ("Messages-Waiting: yes\r\nMessage-Account: nobody\r\n", "not a URI"),
        ("Messages-Waiting yes\r\n", "not 'name: value'"),
        ("", "no Messages-Waiting"),
    ],
)
def test_malformed_bodies_say_what_is_wrong(body: str, fault: str) -> None:
    with pytest.raises(MessageSummaryError, match=fault):
        parse_message_summary(body)


def test_formatted_body_parses_back() -> None:
    summary = MessageSummary(True, "sip:voicemail@demo.webphone.local", 3, 1, 0, 0)
    assert parse_message_summary(format_message_summary(summary)) == summary
