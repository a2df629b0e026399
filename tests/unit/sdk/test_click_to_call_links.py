"""Links handed to ``webphone <link>``: what gets dialled, and clear refusals."""

from __future__ import annotations

import pytest

from webphone.sdk.api.click_to_call import InvalidLink, destination_from_link, is_call_link
from webphone.sdk.core.destination import normalise_destination


@pytest.mark.parametrize(
    ("link", "dialled"),
    [
        ("tel:+14155550100", "sip:+14155550100@example.com"),
        ("tel:+1-415-555-0100", "sip:+14155550100@example.com"),
        ("TEL:%2B14155550100", "sip:+14155550100@example.com"),
        ("tel:+14155550100;ext=12", "sip:+14155550100@example.com"),
        ("sip:bob@example.org", "sip:bob@example.org"),
        ("sips:bob@example.org:5061", "sips:bob@example.org:5061"),
        ("sip:echo@demo.invalid?subject=hi", "sip:echo@demo.invalid"),
        ("callto:+14155550100", "sip:+14155550100@example.com"),
        ("callto://alice", "sip:alice@example.com"),
        ("callto:bob@example.org", "sip:bob@example.org"),
    ],
)
def test_links_become_destinations(link: str, dialled: str) -> None:
    assert is_call_link(link)
    destination = destination_from_link(link, "example.com")
    assert str(normalise_destination(destination, "example.com")) == dialled


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("tel:+1415CALLME", "may hold only digits"),
        ("tel:", "has no number"),
        ("sip:bob", "has no host"),
        ("sip:bob@", "has no host"),
        ("sip:@example.org", "has no user"),
        ("mailto:bob@example.org", "is not a tel:, sip:, sips: or callto: link"),
        ("tel:+1" + "5" * 300, "characters long"),
        ("sip:bob@[::1", "cannot call"),
    ],
)
def test_bad_links_are_refused_with_the_reason(link: str, message: str) -> None:
    with pytest.raises(InvalidLink, match=message):
        destination_from_link(link, "example.com")


def test_options_are_not_links() -> None:
    assert not is_call_link("--self-test")
    assert not is_call_link("echo")
