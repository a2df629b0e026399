"""Links from web pages are written by whoever wrote the page: headers, parameters,
escaped line breaks, quotes and look-alike letters in them never reach the dial field
or the INVITE; only the number or user@host does, or the link is refused with a reason."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webphone.sdk.api.click_to_call import InvalidLink, destination_from_link, printable
from webphone.sdk.core.destination import normalise_destination
from webphone.sdk.core.useragent import UserAgent
from webphone.sip.headers import NameAddr
from webphone.sip.message import SipRequest, parse_message
from webphone.sip.uri import SipUri

DOMAIN = "example.com"


@pytest.mark.parametrize(
    ("link", "dialled"),
    [
        ("sip:bob@x.example?Subject=Urgent&Call-Info=<http://evil.example/>", "sip:bob@x.example"),
        ("sip:bob@x.example?Route=%3Csip:evil.example;lr%3E", "sip:bob@x.example"),
        ("sip:bob@x.example;transport=tcp;maddr=evil.example", "sip:bob@x.example"),
        ("sip:bob;user=phone;maddr=evil.example@x.example", "sip:bob@x.example"),
        ("sip:bob@x.example%3Bmaddr=evil.example", "sip:bob@x.example"),
        ("sips:bob@x.example:5061;lr;maddr=evil.example", "sips:bob@x.example:5061"),
        ("sip:bob@[2001:db8::1]:5070;maddr=evil.example", "sip:bob@[2001:db8::1]:5070"),
        ("tel:+15550100;phone-context=evil.example?X-Header=1", "+15550100"),
        ("tel:+1-555-0100;ext=1;isub=evil", "+1-555-0100"),
        ("TEL:%2B1%20555%200100", "+15550100"),
        ("callto:+1 555 0100?X-Evil=1", "+15550100"),
        ("callto://bob/", "bob"),
        ("callto:bob@x.example;maddr=evil.example", "sip:bob@x.example"),
    ],
)
def test_only_the_number_or_user_at_host_is_kept(link: str, dialled: str) -> None:
    assert destination_from_link(link, DOMAIN) == dialled


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("sip:bob@x.example%0d%0aX-Evil:%201", r"control or invisible character \(U\+000D\)"),
        ("tel:+15550100%0d%0a", r"control or invisible character \(U\+000D\)"),
        ("tel:+1555%0a0100", r"control or invisible character \(U\+000A\)"),
        ("sip:bob%00@x.example", r"U\+0000"),
        ("sip:bob@x.example%3FSubject=hi", "bad host"),
        ("tel:+1555%3F0100", "may hold only digits"),
        ('sip:"bob"@x.example', "contains '\"'"),
        ("sip:<bob@x.example>", "contains '<'"),
        ("sip:bob@x.example>;evil", "contains '>'"),
        ("sip:bob smith@x.example", "the user 'bob smith'"),
        ("sip:bob@x example", "bad host"),
        ("sip:bob:secret@x.example", "carries a password"),
        ("sip:b%40ob@x.example", "bad host|the user"),
        ("sip:bob@ex\u0430mple.com", r"non-ASCII character '.' \(U\+0430\)"),  # Cyrillic a
        ("tel:+1\uff15\uff15\uff150100", r"non-ASCII character .* \(U\+FF15\)"),  # fullwidth
        ("sip:bob@\u202emoc.elpmaxe", r"U\+202E"),  # right-to-left override
        ("sip:bob\u200b@x.example", r"U\+200B"),  # zero-width space
        ("sip:bob@x.example%ff", "not UTF-8"),
        ("sip:bob@x.example:0", "bad port"),
        ("sip:bob@x.example:99999", "port out of range"),
        ("tel:---", "may hold only digits"),
        ("callto:bob%0d%0aX: y", r"U\+000D"),
        ("callto:<script>", "contains '<'"),
        ("callto:bob/evil", "the user"),
        ("sip:" + "a" * 300 + "@x.example", "characters long"),
        ("javascript:alert(1)", "is not a tel:, sip:, sips: or callto: link"),
    ],
)
def test_hostile_links_are_refused_with_the_reason(link: str, reason: str) -> None:
    with pytest.raises(InvalidLink, match=reason):
        destination_from_link(link, DOMAIN)


def test_messages_never_echo_control_characters() -> None:
    with pytest.raises(InvalidLink) as caught:
        destination_from_link("mailto:x\r\nX-Evil: 1\u202e", DOMAIN)
    assert "\r" not in str(caught.value) and "\n" not in str(caught.value)
    assert "\u202e" not in str(caught.value)
    assert printable("a\r\nb\u202e") == "a\\u000d\\u000ab\\u202e"


# -- properties ------------------------------------------------------------------------

FRAGMENTS = [
    "bob", "alice", "+1555", "0100", "@", "x.example", "evil.example", ":", "5060", ";",
    "transport=tcp", "maddr=", "user=phone", "phone-context=", "?", "&", "=", "Subject",
    "Call-Info", "X-Header", "Route", "<", ">", '"', " ", "%0d%0a", "%0D%0A", "%0a", "%00",
    "%3F", "%3B", "%40", "%3C", "%22", "%25", "%", "\r\n", "\t", "\u202e", "\u200b", "\u0430",
    "\uff15", "[", "]", "::1", "//", "/", "-", "(", ")", "*", "#", ".", "'", "\\",
]  # fmt: skip
SCHEME = st.sampled_from(["sip:", "sips:", "tel:", "callto:", "callto://", "SIP:", "Tel:"])
REST = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=14)
# What may reach the dial field: a number, a user, or sip(s):user@host[:port].
SAFE = re.compile(
    r"\+?[0-9*#().\-]+"
    r"|[A-Za-z0-9\-_.!~*'()&=+$,]+"
    r"|sips?:[A-Za-z0-9\-_.!~*'()&=+$,]+@([a-z0-9.\-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?",
    re.ASCII,
)
BASE_HEADERS = {"Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "User-Agent"}


def invite_on_the_wire(destination: str) -> SipRequest:
    """The INVITE the SDK would send for *destination*, as the server parses it."""
    target = normalise_destination(destination, DOMAIN)
    me = NameAddr(SipUri(DOMAIN, "alice"), params={"tag": "t"})
    request = UserAgent().build_request("INVITE", target, from_=me, to=NameAddr(target))
    parsed = parse_message(request.to_bytes())
    assert isinstance(parsed, SipRequest)
    return parsed


@settings(max_examples=400, deadline=None)
@given(scheme=SCHEME, rest=REST)
def test_any_link_gives_an_address_or_a_reason(scheme: str, rest: list[str]) -> None:
    link = scheme + "".join(rest)
    try:
        destination = destination_from_link(link, DOMAIN)
    except InvalidLink as exc:
        assert str(exc), "a refusal says why"
        assert all(c.isprintable() for c in str(exc)), "the reason is safe to show"
        return
    assert SAFE.fullmatch(destination), f"{link!r} gave {destination!r}"
    invite = invite_on_the_wire(destination)
    uri = invite.uri
    assert isinstance(uri, SipUri)
    assert not uri.params and not uri.headers and uri.password is None
    assert {name for name, _ in invite.headers} == BASE_HEADERS | {"Content-Length"}
    assert invite.to.uri == uri and not invite.to.params


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_at_all_is_refused_or_dialled_never_raises_otherwise(text: str) -> None:
    try:
        destination = destination_from_link(text, DOMAIN)
    except InvalidLink:
        return
    assert SAFE.fullmatch(destination)
