"""Destination normalisation and X-PH header filtering."""

from __future__ import annotations

import pytest

from webphone.sdk.core.destination import InvalidDestination, normalise_destination
from webphone.sdk.core.extra_headers import filter_incoming, filter_outgoing


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("+1 (415) 555-1234", "sip:+14155551234@example.com"),
        ("alice", "sip:alice@example.com"),
        ("sip:bob@other.org", "sip:bob@other.org"),
        ("sips:bob@other.org:5061", "sips:bob@other.org:5061"),
        ("bob@other.org", "sip:bob@other.org"),
        ("tel:+1-415-555-1234", "sip:+14155551234@example.com"),
        ("  carol  ", "sip:carol@example.com"),
        ("john doe", "sip:johndoe@example.com"),
        ("a%40b", "sip:a%40b@example.com"),
        ("ünïcode", "sip:%C3%BCn%C3%AFcode@example.com"),
    ],
)
def test_destinations(typed: str, uri: str) -> None:
    assert str(normalise_destination(typed, "example.com")) == uri


@pytest.mark.parametrize(
    "bad", ["", "   ", None, 42, "sip:@example.com", "bob@", "bob@bad host!", "tel:xyz"]
)
def test_bad_destinations_are_clear_errors(bad: object) -> None:
    with pytest.raises(InvalidDestination):
        normalise_destination(bad, "example.com")


def test_outgoing_header_rules() -> None:
    accepted = filter_outgoing(
        {
            "X-PH-Test1": "test1",
            "x-ph-lower": "ok",
            "X-PH-Spaces": "a b<c>",
            "X-Other": "no",
            "X-PH-": "empty-name",
            "X-PH-" + "a" * 20: "too-long-name",
            "X-PH-Empty": "<>",
            "X-PH-Num": 42,
            "X-PH-Bool": True,
            "X-PH-Long": "v" * 200,
        }
    )
    assert accepted == {
        "X-PH-Test1": "test1",
        "x-ph-lower": "ok",
        "X-PH-Spaces": "abc",
        "X-PH-Num": "42",
        "X-PH-Long": "v" * 120,
    }
    assert filter_outgoing(None) == {}
    assert filter_outgoing(["X-PH-A"]) == {}  # type: ignore[arg-type]


def test_incoming_headers_are_filtered_the_same_way() -> None:
    got = filter_incoming([("X-PH-Account", "123"), ("X-Secret", "x"), ("X-PH-Bad", "a;b")])
    assert got == {"X-PH-Account": "123", "X-PH-Bad": "ab"}
