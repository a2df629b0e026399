"""Numbers and SIP addresses name the same party however they are written."""

from __future__ import annotations

import pytest

from webphone.contacts import AddressError, Contact, Directory, parse_address, same_party


@pytest.mark.parametrize(
    "a, b",
    [
        ("+1 555 0100", "15550100"),
        ("+1 555 0100", "sip:15550100@pbx.example.com"),
        ("(555) 0100-99", "tel:+1-555-0100-99;phone-context=x"),
        ("030 1234567", "+49 30 1234567"),  # trunk prefix vs country code
        ("sip:Bob@PBX.example.com;transport=ws", "bob@pbx.example.com"),
        ('"Bob" <sip:bob@pbx>', "bob@pbx"),
        ("ring", "ring@127.0.0.1"),  # a bare user name: that user at any host
        ("sips:alice@host:5061", "alice@host"),
    ],
)
def test_the_same_party(a: str, b: str) -> None:
    assert same_party(parse_address(a), parse_address(b))
    assert same_party(parse_address(b), parse_address(a))


@pytest.mark.parametrize(
    "a, b",
    [
        ("+1 555 0100", "+1 555 0101"),
        ("100", "2100"),  # short extensions never match by their tail
        ("bob@pbx", "bob@other"),
        ("bob@pbx", "rob@pbx"),
    ],
)
def test_different_parties(a: str, b: str) -> None:
    assert not same_party(parse_address(a), parse_address(b))


@pytest.mark.parametrize("bad", ["", "   ", "two words", "sip:bob@bad host", "a" * 300, "x@"])
def test_what_is_no_address_is_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(AddressError) as error:
        parse_address(bad)
    assert str(error.value)


def test_caller_lookup_prefers_the_exact_number_over_a_tail_match() -> None:
    directory = Directory(
        [
            Contact("Home", ("+49 30 1234567",)),
            Contact("Office", ("0301234567", "sip:office@pbx")),
        ]
    )
    assert directory.name_for("sip:0301234567@pbx") == "Office"
    assert directory.name_for("+49 (30) 123-4567") == "Home"
    assert directory.name_for("office@pbx") == "Office"
    assert directory.name_for("office@elsewhere") is None
    assert directory.name_for("not an address at all") is None
