"""Torture tests after RFC 4475 (our own renditions of its messages): the valid ones parse
to what a SIP stack relies on, the invalid ones raise SipParseError naming the problem."""

from __future__ import annotations

import pytest

from webphone.sip.errors import SipParseError
from webphone.sip.message import SipRequest, SipResponse, parse_message
from webphone.sip.uri import SipUri, TelUri

HEAD = (
    "Via: SIP/2.0/WS host.invalid;branch=z9hG4bK776asdhds\r\n"
    "From: <sip:caller@example.net>;tag=1928301774\r\n"
    "To: <sip:callee@example.com>\r\n"
    "Call-ID: a84b4c76e66710\r\n"
)


def msg(text: str) -> SipRequest | SipResponse:
    return parse_message(text.encode("utf-8"))


def test_wsinv_short_tortuous_invite() -> None:
    """§3.1.1.1: compact forms, folding, escaped URI, odd whitespace, multiple Vias."""
    text = (
        "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\r\n"
        "TO :\r\n sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n"
        'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>\r\n'
        "  ;\r\n  tag = 98asjd8\r\n"
        "MaX-fOrWaRdS: 0068\r\n"
        "Call-ID: wsinv.ndaksdj@192.0.2.1\r\n"
        "Content-Length   : 150\r\n"
        "cseq: 0009\r\n  INVITE\r\n"
        "Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw\r\n"
        "s :\r\n"
        "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\n"
        "UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"
        "Content-Type: application/sdp\r\n"
        "Route:\r\n <sip:services.example.com;lr;unknownwith=value;unknown-no-value>\r\n"
        "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
        " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239\r\n"
        'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =\r\n'
        "      newvalue ;\r\n  secondparam ; q = 0.33\r\n\r\n"
        "v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.3\r\ns=-\r\nc=IN IP4 192.0.2.4\r\n"
        "t=0 0\r\nm=audio 49217 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n"
    )
    request = msg(text)
    assert isinstance(request, SipRequest) and request.method == "INVITE"
    assert isinstance(request.uri, SipUri) and "unknownparam" in request.uri.params
    assert request.to.tag == "1918181833n"
    assert request.from_.tag == "98asjd8"
    assert request.from_.display_name == 'J Rosenberg \\"'
    assert request.cseq.number == 9 and request.cseq.method == "INVITE"
    assert [v.branch for v in request.vias] == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"]
    assert request.vias[1].transport == "TCP" and request.vias[1].host == "spindle.example.com"
    assert request.contacts[0].display_name == 'Quoted string ""'
    assert request.contacts[0].params["q"] == "0.33"
    assert request.headers.get("NewFangledHeader") == "newfangled value continued newfangled value"
    assert len(request.body) == 150
    assert request.headers.get("Subject") == ""


def test_esc01_escaped_user_and_uri_parameters() -> None:
    """§3.1.1.2: %-escapes in the request-URI user part are decoded once."""
    request = msg(
        "OPTIONS sip:sips%3Auser%40example.com@example.net SIP/2.0\r\n"
        + HEAD
        + "CSeq: 1 OPTIONS\r\n\r\n"
    )
    assert isinstance(request, SipRequest) and isinstance(request.uri, SipUri)
    assert request.uri.user == "sips:user@example.com"
    assert request.uri.host == "example.net"
    assert str(request.uri) == "sip:sips%3Auser%40example.com@example.net"


def test_escnull_escaped_nul_in_user_part() -> None:
    """§3.1.1.3: %00 is legal in a user part and must survive."""
    request = msg(
        "REGISTER sip:example.com SIP/2.0\r\n"
        + HEAD.replace("<sip:callee@example.com>", "sip:null-%00-null@example.com")
        + "CSeq: 1 REGISTER\r\n\r\n"
    )
    assert isinstance(request.to.uri, SipUri) and request.to.uri.user == "null-\x00-null"


def test_intmeth_unknown_method_with_odd_token_characters() -> None:
    """§3.1.1.8: any token is a method; CSeq must carry the same one."""
    method = "!interesting-Method0123456789_*+`.%indeed'~"
    request = msg(
        f"{method} sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\n"
        + HEAD
        + f"CSeq: 139122385 {method}\r\n\r\n"
    )
    assert isinstance(request, SipRequest) and request.method == method
    assert request.cseq.method == method


def test_lwsdisp_and_noreason_and_utf8_reason() -> None:
    """§3.1.1.6 display name without quotes; §3.1.1.12/13 empty and UTF-8 reason phrases."""
    request = msg(
        "OPTIONS sip:user@example.com SIP/2.0\r\n"
        + HEAD.replace("<sip:caller@example.net>", "caller<sip:caller@example.net>")
        + "CSeq: 1 OPTIONS\r\n\r\n"
    )
    assert request.from_.display_name == "caller"
    empty = msg("SIP/2.0 200 \r\n" + HEAD + "CSeq: 1 INVITE\r\n\r\n")
    assert isinstance(empty, SipResponse) and empty.status == 200 and empty.reason == ""
    utf8 = msg(
        "SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое\r\n"
        + HEAD
        + "CSeq: 1 INVITE\r\n\r\n"
    )
    assert isinstance(utf8, SipResponse) and utf8.reason.endswith("простое")


def test_content_length_counts_bytes_of_utf8_body() -> None:
    body = "Signal=ü€\r\n".encode()
    request = msg(
        "INFO sip:a@b SIP/2.0\r\n" + HEAD + "CSeq: 2 INFO\r\n"
        f"Content-Length: {len(body)}\r\n\r\n" + body.decode()
    )
    assert request.body == body
    assert f"Content-Length: {len(body)}".encode() in request.to_bytes()


def test_transports_and_tel_uri() -> None:
    """§3.1.1.9 (transports) and §3.1.1.11 style tel: URI in To."""
    request = msg(
        "OPTIONS sip:user@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/SCTP t1.example.com;branch=z9hG4bKkdjuw\r\n"
        "Via: SIP/2.0/TLS t2.example.com;branch=z9hG4bKklasjdhf\r\n"
        "Via: SIP/2.0/WSS t3.invalid;branch=z9hG4bK2980unddj\r\n"
        "From: <sip:caller@example.net>;tag=1\r\nTo: <tel:+1-212-555-1234>\r\n"
        "Call-ID: t\r\nCSeq: 1 OPTIONS\r\n\r\n"
    )
    assert [v.transport for v in request.vias] == ["SCTP", "TLS", "WSS"]
    assert isinstance(request.to.uri, TelUri) and request.to.uri.number == "+1-212-555-1234"


INVALID = {
    # §3.1.2.1 badinv01: header without a colon
    "missing colon": "INVITE sip:a@b SIP/2.0\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\nMax-Forwards 70\r\n\r\n",
    # §3.1.2.2 clerr: Content-Length larger than the body
    "content length": "INVITE sip:a@b SIP/2.0\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\nContent-Length: 9999\r\n\r\nv=0\r\n",
    # §3.1.2.3 scalar02: negative Content-Length
    "negative length": "INVITE sip:a@b SIP/2.0\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\nContent-Length: -999\r\n\r\n",
    # scalar02: CSeq number beyond 2**31
    "cseq overflow": "REGISTER sip:a@b SIP/2.0\r\n"
    + HEAD
    + "CSeq: 36893488147419103232 REGISTER\r\n\r\n",
    # §3.1.2.5 quotbal: unterminated quoted display name
    "unbalanced quote": "INVITE sip:a@b SIP/2.0\r\n"
    + HEAD.replace("<sip:callee@example.com>", '"Mr. J. User <sip:j.user@example.com>')
    + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.6 ltgtruri: request-URI in angle brackets
    "angle request uri": "INVITE <sip:user@example.com> SIP/2.0\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.7 lwsruri: whitespace inside the request-URI
    "space in uri": "INVITE sip:user@example.com; lr SIP/2.0\r\n" + HEAD + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.8 lwsstart: extra spaces in the request line
    "request line spaces": "INVITE  sip:user@example.com  SIP/2.0\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.9 trws: trailing whitespace on the request line
    "trailing space": "OPTIONS sip:remote-target@example.com SIP/2.0  \r\n"
    + HEAD
    + "CSeq: 1 OPTIONS\r\n\r\n",
    # §3.1.2.10 escruri: unescaped space in the URI
    "unescaped uri": "INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0 x\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.13 regbadct: To without tag is fine, but a Contact URI with bad escaping is not parseable
    "bad escape": "OPTIONS sip:user%zz@example.com SIP/2.0\r\n" + HEAD + "CSeq: 1 OPTIONS\r\n\r\n",
    # §3.1.2.15 badvers: SIP/7.0
    "version": "OPTIONS sip:t.watson@example.org SIP/7.0\r\n" + HEAD + "CSeq: 1 OPTIONS\r\n\r\n",
    # §3.1.2.16 mismatch01: CSeq method differs from the request method
    "method mismatch": "OPTIONS sip:user@example.com SIP/2.0\r\n" + HEAD + "CSeq: 1 INVITE\r\n\r\n",
    # §3.1.2.19 bigcode: status code out of range
    "status range": "SIP/2.0 4294967301 better not break the receiver\r\n"
    + HEAD
    + "CSeq: 1 INVITE\r\n\r\n",
    # missing mandatory headers
    "no call-id": "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/WS h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCSeq: 1 OPTIONS\r\n\r\n",
    "no via": "OPTIONS sip:a@b SIP/2.0\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n",
    "empty": "",
    "not utf-8 headers": "OPTIONS sip:a@b SIP/2.0\r\nSubject: \xff\r\n",
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_messages_raise_a_clear_parse_error(name: str) -> None:
    data = (
        INVALID[name].encode("latin-1") if name == "not utf-8 headers" else INVALID[name].encode()
    )
    with pytest.raises(SipParseError) as excinfo:
        parse_message(data)
    assert str(excinfo.value), "the error says what is wrong"
