"""Messages, headers and structured header values: parsing, serialising, round trips."""

from __future__ import annotations

import pytest

from webphone.sip.errors import SipParseError
from webphone.sip.headers import CSeq, Headers, NameAddr, Via, canonical_name
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message
from webphone.sip.status import reason_phrase
from webphone.sip.uri import SipUri, TelUri

INVITE = (
    b"INVITE sip:bob@example.com;transport=ws SIP/2.0\r\n"
    b"v: SIP/2.0/WSS a.invalid;branch=z9hG4bK776;rport, "
    b"SIP/2.0/WS p.example.com;branch=z9hG4bK1\r\n"
    b"Via: SIP/2.0/WS proxy.example.com:8080;branch=z9hG4bK999\r\n"
    b"Max-Forwards: 70\r\n"
    b'f: "Alice, A. <boss>" <sip:alice@example.com>;tag=1928301774\r\n'
    b"t: Bob <sip:bob@example.com>\r\n"
    b"i: a84b4c76e66710@pc33.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
    b'm: <sip:alice@a.invalid;transport=ws>;expires=60;+sip.instance="<urn:uuid:1>", <sip:x@y>\r\n'
    b"c: application/sdp\r\n"
    b"l: 5\r\n"
    b"\r\n"
    b"v=0\r\n"
)


def invite() -> SipRequest:
    message = parse_message(INVITE)
    assert isinstance(message, SipRequest)
    return message


# -- Headers ------------------------------------------------------------------------------


def test_header_lookup_is_case_insensitive_and_knows_compact_forms() -> None:
    headers = invite().headers
    for name in ("Call-ID", "call-id", "CALL-ID", "i", "I"):
        assert headers.get(name) == "a84b4c76e66710@pc33.example.com"
    assert "contact" in headers and "m" in headers and "Subject" not in headers
    assert "not a name" not in headers, "a bad name is simply absent"
    assert headers.get("Subject", "none") == "none"
    assert [name for name, _ in headers][:3] == ["Via", "Via", "Max-Forwards"]
    assert canonical_name("WWW-authenticate") == "WWW-Authenticate"
    assert canonical_name("x-My-Header") == "x-My-Header", "unknown names keep their case"
    with pytest.raises(SipParseError, match="bad header name"):
        canonical_name("Bad Name")


def test_list_headers_split_across_commas_and_lines() -> None:
    message = invite()
    assert message.headers.get_all("Via") == [
        "SIP/2.0/WSS a.invalid;branch=z9hG4bK776;rport, SIP/2.0/WS p.example.com;branch=z9hG4bK1",
        "SIP/2.0/WS proxy.example.com:8080;branch=z9hG4bK999",
    ]
    assert message.headers.values("Via") == [
        "SIP/2.0/WSS a.invalid;branch=z9hG4bK776;rport",
        "SIP/2.0/WS p.example.com;branch=z9hG4bK1",
        "SIP/2.0/WS proxy.example.com:8080;branch=z9hG4bK999",
    ]
    assert [v.branch for v in message.vias] == ["z9hG4bK776", "z9hG4bK1", "z9hG4bK999"]
    assert message.headers.values("Record-Route") == [
        "<sip:p1.example.com;lr>",
        "<sip:p2.example.com;lr>",
    ]
    # a comma inside a quoted display name or inside <...> is not a separator
    assert message.headers.values("From") == [message.headers.get("From")]
    headers = Headers([("Contact", '"Doe, John" <sip:j,k@h>, <sip:x@y>;q=0.5, sip:z@w')])
    assert headers.values("Contact") == ['"Doe, John" <sip:j,k@h>', "<sip:x@y>;q=0.5", "sip:z@w"]
    # headers that are not lists are never split
    headers = Headers([("Date", "Sat, 13 Nov 2010 23:29:00 GMT"), ("Subject", "a, b")])
    assert headers.values("Date") == ["Sat, 13 Nov 2010 23:29:00 GMT"]
    assert headers.values("Subject") == ["a, b"]


def test_add_set_remove() -> None:
    headers = Headers([("Route", "<sip:a>"), ("Subject", "x"), ("route", "<sip:b>")])
    headers.add("Route", "<sip:first>", first=True)
    assert headers.get_all("Route") == ["<sip:first>", "<sip:a>", "<sip:b>"]
    assert next(iter(headers)) == ("Route", "<sip:first>")
    headers.set("ROUTE", "<sip:only>")
    assert list(headers) == [("Route", "<sip:only>"), ("Subject", "x")]
    headers.set("Expires", " 60 ")
    assert headers.get("Expires") == "60", "values are stored stripped"
    headers.remove("s")
    assert list(headers) == [("Route", "<sip:only>"), ("Expires", "60")]
    assert len(headers) == 2 and headers == headers.copy()
    clone = headers.copy()
    clone.add("Subject", "y")
    assert clone != headers and len(headers) == 2


@pytest.mark.parametrize("value", ["a\r\nInjected: 1", "a\rb", "a\nb", "\r\n", "a\x00b"])
def test_header_values_with_line_breaks_are_refused(value: str) -> None:
    headers = Headers()
    with pytest.raises(SipParseError, match="line break or NUL"):
        headers.add("Subject", value)
    with pytest.raises(SipParseError, match="line break or NUL"):
        headers.set("Subject", value)
    with pytest.raises(SipParseError, match="line break or NUL"):
        Headers([("Subject", value)])
    assert len(headers) == 0


@pytest.mark.parametrize("name", ["X\r\nInjected", "X: y", "", "Bad Name", "X\x00"])
def test_header_names_must_be_tokens(name: str) -> None:
    with pytest.raises(SipParseError, match="bad header name"):
        Headers().add(name, "v")


# -- NameAddr -------------------------------------------------------------------------------


def test_addr_spec_parameters_belong_to_the_header() -> None:
    addr = NameAddr.parse("sip:a@b;tag=1;user=phone")
    assert addr.tag == "1" and addr.params == {"tag": "1", "user": "phone"}
    assert addr.uri == SipUri("b", "a") and addr.display_name is None
    assert str(addr) == "<sip:a@b>;tag=1;user=phone"


def test_name_addr_parameters_inside_brackets_belong_to_the_uri() -> None:
    addr = NameAddr.parse("<sip:a@b;tag=1;lr>;tag=2")
    assert isinstance(addr.uri, SipUri) and addr.uri.params == {"tag": "1", "lr": None}
    assert addr.tag == "2"
    assert NameAddr.parse("<sip:a@b;tag=1>").tag is None


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ('"Alice, A." <sip:a@b>', "Alice, A."),
        ('"<sip:evil@x>" <sip:a@b>', "<sip:evil@x>"),
        (r'"say \"hi\" \\o/" <sip:a@b>', 'say "hi" \\o/'),
        ('"" <sip:a@b>', ""),
        ('"Jörg 大" <sip:a@b>', "Jörg 大"),
        ("  Bob   Smith   <sip:a@b>", "Bob Smith"),
        ("Bob<sip:a@b>", "Bob"),
        ("<sip:a@b>", None),
        ('"a;b" <sip:a@b>', "a;b"),
    ],
)
def test_display_names(text: str, display: str | None) -> None:
    addr = NameAddr.parse(text)
    assert addr.display_name == display and addr.uri == SipUri("b", "a")
    assert NameAddr.parse(str(addr)) == addr


def test_name_addr_round_trips_and_helpers() -> None:
    text = '"Alice \\"A\\"" <sip:alice@example.com;transport=ws>;tag=x;+sip.instance="<urn:a>"'
    addr = NameAddr.parse(text)
    assert addr.params == {"tag": "x", "+sip.instance": '"<urn:a>"'}
    assert str(addr) == text and NameAddr.parse(str(addr)) == addr
    assert addr.with_tag("y").tag == "y" and addr.tag == "x"
    assert addr.sip_uri.user == "alice"
    with pytest.raises(SipParseError, match="expected a sip: URI"):
        _ = NameAddr.parse("<tel:+1>").sip_uri
    assert NameAddr.parse("tel:+1;tag=t") == NameAddr(TelUri("+1"), None, {"tag": "t"})
    # addr-spec form with a quoted parameter holding '<'
    instance = NameAddr.parse('sip:a@b;+sip.instance="<urn:uuid:1>";expires=60')
    assert instance.params["+sip.instance"] == '"<urn:uuid:1>"'
    assert instance.uri == SipUri("b", "a")


NAME_ADDR_INVALID = {
    "": "empty address",
    "   ": "empty address",
    '"Mr. J. User <sip:j@h>': "unterminated quoted string",
    '"a" b <sip:a@b>': "quoted display name without <URI>",
    '"a" sip:a@b': "quoted display name without <URI>",
    "<sip:a@b": "unterminated <...>",
    "<sip:a@b> junk": "junk after address",
    "<sip:a@b>, <sip:c@d>": "junk after address",
    "< sip:a@b>": "whitespace inside <...>",
    "Watson, Thomas <sip:a@b>": "bad display name",
    "sip:a@b?Route=x": "must be enclosed in <>",
    "sip:a@b,c": "must be enclosed in <>",
    "<sip:a@b>;;tag=1": "empty parameter",
    "<sip:a@b>;tag=1;": "empty parameter",
    "<sip:a@b>;tag=1;tag=2": "duplicate parameter 'tag'",
    "<sip:a@b>;tag=a b": "bad parameter value",
    '<sip:a@b>;x="unterminated': "unterminated quoted string",
    '<sip:a@b>;x="q"junk': "text after a quoted value",
    "<sip:a@b>;b@d=1": "bad parameter name",
    "<>": "not an absolute URI",
}


@pytest.mark.parametrize("text", list(NAME_ADDR_INVALID))
def test_invalid_addresses(text: str) -> None:
    with pytest.raises(SipParseError) as caught:
        NameAddr.parse(text)
    assert NAME_ADDR_INVALID[text] in str(caught.value)


# -- Via and CSeq ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "transport", "host", "port"),
    [
        ("SIP/2.0/WSS a.invalid;branch=z9hG4bK1;rport", "WSS", "a.invalid", None),
        ("sip/2.0/tcp Host.Example.com:5061;branch=z9hG4bK1", "TCP", "host.example.com", 5061),
        ("SIP / 2.0 / UDP  host : 5060 ;branch=z9hG4bK1", "UDP", "host", 5060),
        ("SIP/2.0/UDP [2001:DB8::1]:5060;branch=z9hG4bK1", "UDP", "[2001:db8::1]", 5060),
        ("SIP/2.0/TLS [::1];branch=z9hG4bK1", "TLS", "[::1]", None),
    ],
)
def test_via(text: str, transport: str, host: str, port: int | None) -> None:
    via = Via.parse(text)
    assert (via.transport, via.host, via.port, via.branch) == (transport, host, port, "z9hG4bK1")
    assert Via.parse(str(via)) == via


def test_via_params_and_output() -> None:
    via = Via.parse("SIP/2.0/UDP h;received=192.0.2.1;rport=5060;branch=z9hG4bKx;maddr=[::1]")
    assert via.params == {
        "received": "192.0.2.1",
        "rport": "5060",
        "branch": "z9hG4bKx",
        "maddr": "[::1]",
    }
    assert str(Via("WS", "a.invalid", None, {"branch": "z9hG4bK1", "rport": None})) == (
        "SIP/2.0/WS a.invalid;branch=z9hG4bK1;rport"
    )


VIA_INVALID = {
    "": "bad Via",
    "SIP/2.0/UDP": "bad Via",
    "SIP/3.0/UDP h": "bad Via",
    "SIP/2.0 h": "bad Via",
    "SIP/2.0/UDP h:": "bad Via",
    "SIP/2.0/UDP h x": "bad Via",
    "SIP/2.0/UDP h:0": "bad port",
    "SIP/2.0/UDP h:70000": "port out of range",
    "SIP/2.0/UDP h:²": "bad port",
    "SIP/2.0/UDP h_1": "bad host",
    "SIP/2.0/UDP [::g]": "bad IPv6 address",
    "SIP/2.0/UDP h;;branch=1": "empty parameter",
    "SIP/2.0/UDP h;branch=1;branch=2": "duplicate parameter",
}


@pytest.mark.parametrize("text", list(VIA_INVALID))
def test_invalid_vias(text: str) -> None:
    with pytest.raises(SipParseError) as caught:
        Via.parse(text)
    assert VIA_INVALID[text] in str(caught.value)


def test_cseq() -> None:
    assert CSeq.parse(" 0009 \t INVITE ") == CSeq(9, "INVITE")
    assert str(CSeq(2**31 - 1, "BYE")) == "2147483647 BYE"
    assert CSeq.parse("2147483647 BYE").number == 2**31 - 1
    for bad, reason in [
        ("1", "bad CSeq"),
        ("INVITE", "bad CSeq"),
        ("1 INVITE x", "bad CSeq"),
        ("1 IN/VITE", "bad CSeq"),
        ("-1 INVITE", "bad CSeq number"),
        ("1.5 INVITE", "bad CSeq number"),
        ("2147483648 INVITE", "CSeq number out of range"),
        ("³ INVITE", "bad CSeq number"),
    ]:
        with pytest.raises(SipParseError, match=reason):
            CSeq.parse(bad)


# -- messages -------------------------------------------------------------------------------


def test_accessors() -> None:
    message = invite()
    assert message.method == "INVITE"
    assert message.uri == SipUri("example.com", "bob", params={"transport": "ws"})
    assert message.from_.display_name == "Alice, A. <boss>" and message.from_.tag == "1928301774"
    assert message.to.display_name == "Bob" and message.to.tag is None
    assert message.call_id == "a84b4c76e66710@pc33.example.com"
    assert message.cseq == CSeq(314159, "INVITE")
    assert [c.uri for c in message.contacts] == [
        SipUri("a.invalid", "alice", params={"transport": "ws"}),
        SipUri("y", "x"),
    ]
    assert message.contacts[0].params["expires"] == "60"
    assert message.top_via.host == "a.invalid" and message.max_forwards == 70
    assert message.content_type == "application/sdp" and message.body == b"v=0\r\n"
    assert message.text_body == "v=0\r\n" and message.expires is None


def test_expires_and_max_forwards_accessors() -> None:
    message = invite()
    message.headers.set("Expires", "3600")
    assert message.expires == 3600
    message.headers.set("Expires", "9" * 30)
    assert message.expires == 2**32 - 1, "RFC 3261 §20.19: larger values mean 2**32-1"
    message.headers.set("Expires", "Thu, 01 Dec 2040 16:00:00 GMT")
    with pytest.raises(SipParseError, match="bad Expires"):
        _ = message.expires
    message.headers.add("Max-Forwards", "69")
    with pytest.raises(SipParseError, match="more than one Max-Forwards"):
        _ = message.max_forwards
    message.headers.set("Max-Forwards", "256")
    with pytest.raises(SipParseError, match="Max-Forwards out of range"):
        _ = message.max_forwards
    message.headers.set("Contact", "*")
    assert message.contacts == []
    message.headers.remove("Via")
    with pytest.raises(SipParseError, match="no Via"):
        _ = message.top_via


def test_serialise_parse_is_identity_and_expands_compact_names() -> None:
    message = invite()
    wire = message.to_bytes()
    assert parse_message(wire) == message
    assert parse_message(wire).to_bytes() == wire
    assert parse_message(wire.decode()) == message, "str input is accepted too"
    lines = wire.split(b"\r\n\r\n")[0].split(b"\r\n")
    names = [line.split(b":")[0] for line in lines[1:]]
    assert names == [
        b"Via",
        b"Via",
        b"Max-Forwards",
        b"From",
        b"To",
        b"Call-ID",
        b"CSeq",
        b"Record-Route",
        b"Contact",
        b"Content-Type",
        b"Content-Length",
    ]
    assert lines[0] == b"INVITE sip:bob@example.com;transport=ws SIP/2.0"


def test_content_length_is_always_the_true_byte_count() -> None:
    message = invite()
    message.body = "é€".encode()
    wire = message.to_bytes()
    assert b"\r\nContent-Length: 5\r\n\r\n" in wire and wire.endswith("é€".encode())
    assert wire.count(b"Content-Length") == 1
    # added at the end when the message had none
    message.headers.remove("Content-Length")
    assert message.to_bytes().split(b"\r\n")[-3] == b"Content-Length: 5"
    # kept where it was when present
    message.headers.add("Content-Length", "999", first=True)
    assert message.to_bytes().split(b"\r\n")[1] == b"Content-Length: 5"


def test_built_messages_round_trip() -> None:
    alice = NameAddr(SipUri("example.com", "alice smith"), 'Alice "Al", Smith', {"tag": "t1"})
    headers = Headers()
    headers.add("Via", str(Via("WSS", "x.invalid", None, {"branch": "z9hG4bKabc", "rport": None})))
    headers.add("Max-Forwards", "70")
    headers.add("From", str(alice))
    headers.add("To", str(NameAddr(SipUri("example.com", "bob"))))
    headers.add("Call-ID", "c1@x")
    headers.add("CSeq", str(CSeq(1, "MESSAGE")))
    headers.add("Content-Type", "text/plain;charset=utf-8")
    request = SipRequest(
        headers=headers,
        body="héllo, wörld\r\n\r\n".encode(),
        method="MESSAGE",
        uri=SipUri("example.com", "bob", params={"transport": "ws"}),
    )
    again = parse_message(request.to_bytes())
    assert isinstance(again, SipRequest)
    assert (again.method, again.uri, again.body) == (request.method, request.uri, request.body)
    assert again.from_ == alice and again.to.uri == SipUri("example.com", "bob")
    assert [(n, v) for n, v in again.headers if n != "Content-Length"] == list(headers)
    assert again.to_bytes() == request.to_bytes()
    assert again.content_type == "text/plain"


def test_responses_round_trip() -> None:
    response = make_response(invite(), 180, to_tag="abc")
    again = parse_message(response.to_bytes())
    assert isinstance(again, SipResponse)
    assert (again.status, again.reason, again.to.tag) == (180, "Ringing", "abc")
    assert again.to_bytes() == response.to_bytes() and again.is_provisional
    assert parse_message(again.to_bytes()) == again


def test_serialising_refuses_injection_in_the_start_line() -> None:
    response = make_response(invite(), 200)
    response.reason = "OK\r\nX-Injected: 1"
    with pytest.raises(SipParseError, match="control character"):
        response.to_bytes()
    request = invite()
    request.method = "INVITE sip:x SIP/2.0\r\nX-Injected:"
    with pytest.raises(SipParseError, match="bad method"):
        request.to_bytes()


# -- make_response --------------------------------------------------------------------------


def test_make_response_copies_the_transaction_headers() -> None:
    request = invite()
    response = make_response(request, 486, to_tag="t-486")
    assert response.status == 486 and response.reason == "Busy Here"
    assert response.headers.get_all("Via") == request.headers.get_all("Via")
    assert response.headers.get("From") == request.headers.get("From")
    assert response.call_id == request.call_id
    assert response.cseq == request.cseq
    assert response.to.tag == "t-486" and response.to.uri == request.to.uri
    assert response.to.display_name == "Bob"
    for absent in ("Contact", "Max-Forwards", "Record-Route", "Content-Type"):
        assert absent not in response.headers
    assert response.body == b""


def test_make_response_to_tags() -> None:
    request = invite()
    assert make_response(request, 100, to_tag="nope").to.tag is None, "no tag on 100 Trying"
    assert make_response(request, 200, to_tag="t2").to.tag == "t2"
    assert make_response(request, 200).to.tag is None, "the caller supplies the tag"
    request.headers.set("To", "<sip:bob@example.com>;tag=existing")
    assert make_response(request, 200, to_tag="other").to.tag == "existing"


def test_make_response_reason_and_record_route() -> None:
    request = invite()
    assert make_response(request, 299).reason == "OK"
    assert make_response(request, 400, "Bad Request (line 1\r\nline 2)").reason == (
        "Bad Request (line 1  line 2)"
    )
    response = make_response(request, 200, to_tag="t", copy_record_route=True)
    assert response.headers.get_all("Record-Route") == request.headers.get_all("Record-Route")
    parse_message(response.to_bytes())


def test_reason_phrases() -> None:
    assert reason_phrase(481) == "Call/Transaction Does Not Exist"
    assert [reason_phrase(s) for s in (199, 299, 399, 499, 599, 699)] == [
        "Trying",
        "OK",
        "Redirection",
        "Client Error",
        "Server Error",
        "Global Failure",
    ]
