"""RFC 4475 torture tests, in our own renditions of its messages.

Valid messages (§3.1.1, plus the syntactically valid ones of §3.2/§3.3) must parse to the
values a SIP stack relies on; invalid ones (§3.1.2, §3.3.8/9) must raise SipParseError with
a message naming the problem. We run over WebSocket (RFC 7118): one message per frame, so
a missing Content-Length means "the rest of the frame", and bytes past Content-Length are
discarded (RFC 3261 §18.3).
"""

from __future__ import annotations

import pytest

from webphone.sip.errors import SipParseError
from webphone.sip.message import SipRequest, SipResponse, parse_message
from webphone.sip.uri import AbsoluteUri, SipUri, TelUri

SDP = (
    b"v=0\r\n"
    b"o=mhandley 29739 7272939 IN IP4 192.0.2.3\r\n"
    b"s=-\r\n"
    b"c=IN IP4 192.0.2.4\r\n"
    b"t=0 0\r\n"
    b"m=audio 49217 RTP/AVP 0 12\r\n"
    b"m=video 3227 RTP/AVP 31\r\n"
    b"a=rtpmap:31 LPC\r\n"
)


def frame(*lines: str, body: bytes = b"") -> bytes:
    """One WebSocket frame: the lines joined by CRLF, the empty line, then the body."""
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def request(data: bytes) -> SipRequest:
    message = parse_message(data)
    assert isinstance(message, SipRequest)
    assert_round_trips(message)
    return message


def response(data: bytes) -> SipResponse:
    message = parse_message(data)
    assert isinstance(message, SipResponse)
    assert_round_trips(message)
    return message


def assert_round_trips(message: SipRequest | SipResponse) -> None:
    """Serialising and parsing again gives the same message, and the same bytes again."""
    wire = message.to_bytes()
    again = parse_message(wire)
    assert again.to_bytes() == wire
    assert type(again) is type(message) and again.body == message.body
    keep = [(n, v) for n, v in message.headers if n != "Content-Length"]
    assert [(n, v) for n, v in again.headers if n != "Content-Length"] == keep
    assert again.headers.get("Content-Length") == str(len(message.body))


# -- §3.1.1 valid messages ------------------------------------------------------------------


def test_sdp_body_is_the_rfc_length() -> None:
    assert len(SDP) == 150


def test_wsinv_short_tortuous_invite() -> None:
    """§3.1.1.1: odd case and whitespace, folding everywhere, compact forms, an escaped
    display name, a Via list split over lines, unknown headers with list-like junk."""
    message = request(
        frame(
            "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0",
            "TO :\r\n sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
            r'from   : "J Rosenberg \\\""       <sip:jdrosen@example.com>',
            "  ;",
            "  tag = 98asjd8",
            "MaX-fOrWaRdS: 0068",
            "Call-ID: wsinv.ndaksdj@192.0.2.1",
            "Content-Length   : 150",
            "cseq: 0009\r\n  INVITE",
            "Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw",
            "s :",
            "NewFangledHeader:   newfangled value\r\n continued newfangled value",
            "UnknownHeaderWithUnusualValue: ;;,,;;,;",
            "Content-Type: application/sdp",
            "Route:\r\n <sip:services.example.com;lr;unknownwith=value;unknown-no-value>",
            "v:  SIP  / 2.0  / TCP     spindle.example.com   ;",
            "  branch  =   z9hG4bK9ikj8  ,",
            " SIP  /    2.0   / UDP  192.168.255.111   ; branch=",
            " z9hG4bK30239",
            r'm:"Quoted string \"\"" <sip:jdrosen@example.com> ; newparam =',
            "      newvalue ;",
            "  secondparam ; q = 0.33",
            body=SDP,
        )
    )
    assert message.method == "INVITE"
    assert message.uri == SipUri("chair-dnrc.example.com", "vivekg", params={"unknownparam": None})
    # To is an addr-spec: the spaced-out ";tag = ..." is a header parameter.
    assert message.to.tag == "1918181833n" and message.to.display_name is None
    assert message.to.uri == SipUri("chair-dnrc.example.com", "vivekg")
    assert message.from_.display_name == 'J Rosenberg \\"'
    assert message.from_.tag == "98asjd8"
    assert message.max_forwards == 68
    assert message.call_id == "wsinv.ndaksdj@192.0.2.1"
    assert (message.cseq.number, message.cseq.method) == (9, "INVITE")
    vias = message.vias
    assert [v.branch for v in vias] == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"]
    assert [v.transport for v in vias] == ["UDP", "TCP", "UDP"]
    assert [v.host for v in vias] == ["192.0.2.2", "spindle.example.com", "192.168.255.111"]
    assert message.top_via == vias[0]
    assert message.headers.get("Subject") == ""
    assert message.headers.get("newfangledheader") == (
        "newfangled value continued newfangled value"
    )
    assert message.headers.get("UnknownHeaderWithUnusualValue") == ";;,,;;,;"
    assert message.headers.values("Route") == [
        "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>"
    ]
    [contact] = message.contacts
    assert contact.display_name == 'Quoted string ""'
    assert contact.uri == SipUri("example.com", "jdrosen")
    assert contact.params == {"newparam": "newvalue", "secondparam": None, "q": "0.33"}
    assert message.content_type == "application/sdp"
    assert message.body == SDP
    wire = message.to_bytes()
    # compact and oddly-cased names come out in their long, conventional form
    for name in (b"\r\nTo: ", b"\r\nFrom: ", b"\r\nMax-Forwards: ", b"\r\nCSeq: ", b"\r\nVia: "):
        assert name in wire
    assert b"\r\nSubject: \r\n" in wire and b"\r\nContact: " in wire
    assert b"\r\nv:" not in wire and b"\r\nm:" not in wire and b"\r\ns :" not in wire


def test_intmeth_wide_range_of_valid_characters() -> None:
    """§3.1.1.2: every token character in the method, user, password, tags, branch and
    header name; a word-Call-ID full of separators; quoted-pairs of controls; UTF-8."""
    method = "!interesting-Method0123456789_*+`.%indeed'~"
    user = "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"
    password = "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"
    ext_name = "extensionHeader-!.%*+_`'~"
    message = request(
        frame(
            f"{method} sip:{user}:{password}@example.com SIP/2.0",
            "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
            # The RFC also escapes a NUL here; see the next test for why we refuse that.
            'To: "BEL:\\\x07 DEL:\\\x7f" <sip:' + user + "@example.com>",
            "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>"
            ";fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.",
            "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{",
            f"CSeq: 139122385 {method}",
            "Max-Forwards: 255",
            f"{ext_name}:\ufeff大停電",
            "Content-Length: 0",
        )
    )
    assert message.method == method and message.cseq.method == method
    assert isinstance(message.uri, SipUri)
    assert (message.uri.user, message.uri.password) == (user, password)
    assert message.uri.host == "example.com" and message.uri.params == {}
    assert message.top_via.branch == "z9hG4bK-.!%66*_+`'~"
    assert message.to.display_name == "BEL:\x07 DEL:\x7f"
    assert isinstance(message.to.uri, SipUri) and message.to.uri.user == user
    assert message.from_.display_name == "token1~` token2'+_ token3*%!.-"
    assert message.from_.tag == "_token~1'+`*%!-."
    assert message.from_.params["fromparam''~+*_!.-%"] == '"работающий"'
    assert message.call_id == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"
    assert message.max_forwards == 255
    assert message.headers.get(ext_name) == "\ufeff大停電"
    assert message.body == b""


def test_intmeth_nul_in_a_quoted_pair_is_refused() -> None:
    # RFC 4475 §3.1.1.2 puts "\<NUL>" (a legal quoted-pair) in the To display name. We
    # refuse NUL anywhere in the header section: no display name needs one, and a NUL that
    # reaches C libraries, logs or the UI truncates or corrupts text (a classic injection).
    data = frame(
        "OPTIONS sip:user@example.com SIP/2.0",
        "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-1",
        'To: "NUL:\\\x00" <sip:user@example.com>',
        "From: <sip:mundane@example.com>;tag=1",
        "Call-ID: intmeth-nul",
        "CSeq: 1 OPTIONS",
    )
    with pytest.raises(SipParseError, match="NUL"):
        parse_message(data)


def test_esc01_valid_use_of_escapes() -> None:
    """§3.1.1.3: escapes in the Request-URI user, To/From users, Contact user and params,
    decoded exactly once (%25%34%31 is "%41", not "A")."""
    message = request(
        frame(
            "INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0",
            "To: sip:%75se%72@example.com",
            "From: <sip:I%20have%20spaces@example.net>;tag=938",
            "Max-Forwards: 87",
            "i: esc01.239409asdfakjkn23onasd0-3234",
            "CSeq: 234234 INVITE",
            "Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw",
            "C: application/sdp",
            "Contact:\r\n  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>",
            "Content-Length: 150",
            body=SDP,
        )
    )
    assert isinstance(message.uri, SipUri)
    assert message.uri.user == "sips:user@example.com" and message.uri.host == "example.net"
    assert str(message.uri) == "sip:sips%3Auser%40example.com@example.net"
    assert isinstance(message.to.uri, SipUri) and message.to.uri.user == "user"
    assert isinstance(message.from_.uri, SipUri) and message.from_.uri.user == "I have spaces"
    assert message.call_id == "esc01.239409asdfakjkn23onasd0-3234"
    assert message.content_type == "application/sdp"
    [contact] = message.contacts
    assert isinstance(contact.uri, SipUri) and contact.uri.user == "caller"
    assert contact.uri.params == {"lr": None, "name": "value%41"}
    assert str(contact.uri) == "sip:caller@host5.example.net;lr;name=value%2541"
    assert message.body == SDP


def test_escnull_escaped_nul_in_uris() -> None:
    """§3.1.1.4: %00 is a legal escape in a user part; it is decoded, and escaped again on
    output (no raw NUL ever reaches the wire)."""
    message = request(
        frame(
            "REGISTER sip:example.com SIP/2.0",
            "To: sip:null-%00-null@example.com",
            "From: sip:null-%00-null@example.com;tag=839923423",
            "Max-Forwards: 70",
            "Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd",
            "CSeq: 14398234 REGISTER",
            "Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw",
            "Contact: <sip:%00@host5.example.com>",
            "Contact: <sip:%00%00@host5.example.com>",
            "L:0",
        )
    )
    assert isinstance(message.to.uri, SipUri) and message.to.uri.user == "null-\x00-null"
    assert message.from_.tag == "839923423"
    users = [c.uri.user for c in message.contacts if isinstance(c.uri, SipUri)]
    assert users == ["\x00", "\x00\x00"]
    assert str(message.contacts[1].uri) == "sip:%00%00@host5.example.com"
    assert b"\x00" not in message.to_bytes()


def test_esc02_percent_that_is_not_an_escape() -> None:
    """§3.1.1.5: '%' is a token character: the method RE%47IST%45R is not REGISTER, and a
    header named C%6Fntact is not Contact; "%Z%45" in a display name is just text."""
    message = request(
        frame(
            "RE%47IST%45R sip:registrar.example.com SIP/2.0",
            'To: "%Z%45" <sip:resource@example.com>',
            'From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23',
            "Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf",
            "Via: SIP/2.0/TCP host.example.com;rport;branch=z9hG4bK209asdjf",
            "CSeq: 29344 RE%47IST%45R",
            "Max-Forwards: 70",
            "Contact: <sip:alias1@host1.example.com>",
            "C%6Fntact: <sip:alias2@host2.example.com>",
            "Contact: <sip:alias3@host3.example.com>",
            "l: 0",
        )
    )
    assert message.method == "RE%47IST%45R" and message.cseq.method == "RE%47IST%45R"
    assert message.to.display_name == "%Z%45" and message.from_.display_name == "%Z%45"
    assert message.top_via.params == {"rport": None, "branch": "z9hG4bK209asdjf"}
    hosts = [c.uri.host for c in message.contacts if isinstance(c.uri, SipUri)]
    assert hosts == ["host1.example.com", "host3.example.com"]
    assert message.headers.get("C%6Fntact") == "<sip:alias2@host2.example.com>"


def test_lwsdisp_display_name_touching_the_bracket() -> None:
    """§3.1.1.6: no LWS between a token display name and '<'."""
    message = request(
        frame(
            "OPTIONS sip:user@example.com SIP/2.0",
            "To: sip:user@example.com",
            "From: caller<sip:caller@example.com>;tag=323",
            "Max-Forwards: 70",
            "Call-ID: lwsdisp.1234abcd@funky.example.com",
            "CSeq: 60 OPTIONS",
            "Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw",
            "l: 0",
        )
    )
    assert message.from_.display_name == "caller"
    assert message.from_.uri == SipUri("example.com", "caller")
    assert message.from_.tag == "323"


def test_longreq_long_values_everywhere() -> None:
    """§3.1.1.7: long display name, URI parameter names and values, tag, Call-ID, unknown
    header, and a long Via chain written with every spelling of the header name."""
    display = "I have a user name of " + "extreme" * 10 + " proportion"
    long_param = f"very{'long' * 25}ParameterNameWithNoValue"
    tag = f"12{'982' * 50}424"
    caller = "amazinglylongcallername" * 5
    call_id = f"longreq.one{'really' * 20}longcallid"
    unknown = f"Unknown-{'Long' * 20}-Name"
    spellings = ["Via", "v", "V", "vIA", "VIA", "vIa"]
    vias = [f"{spellings[i % 6]}: SIP/2.0/TCP sip{40 - i}.example.com" for i in range(34)]
    vias.append("Via: SIP/2.0/TCP sip6.example.com, SIP/2.0/TCP sip5.example.com")
    vias.append("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + "x" * 300)
    message = request(
        frame(
            "INVITE sip:user@example.com SIP/2.0",
            f'To: "{display}"<sip:user@example.com:6000;unknownparam1=very{"long" * 20}value'
            f";longparam{'name' * 25}=shortvalue;{long_param}>",
            f"F: sip:{caller}@example.net;tag={tag};unknownheaderparam{'name' * 20}"
            f"=unknowheaderparam{'value' * 15};unknownValueless{'paramname' * 10}",
            f"Call-ID: {call_id}",
            "CSeq: 3882340 INVITE",
            f"{unknown}: unknown-{'long' * 20}-value; unknown-{'long' * 20}-parameter-name "
            f"= unknown-{'long' * 20}-parameter-value",
            *vias,
            "Max-Forwards: 70",
            f"Contact: <sip:{caller}@host5.example.net>",
            "Content-Type: application/sdp",
            "l: 150",
            body=SDP,
        )
    )
    assert message.to.display_name == display
    to_uri = message.to.uri
    assert isinstance(to_uri, SipUri) and to_uri.port == 6000
    assert to_uri.params[f"longparam{'name' * 25}"] == "shortvalue"
    assert to_uri.params[long_param.lower()] is None
    assert message.from_.tag == tag
    assert f"unknownvalueless{'paramname' * 10}" in message.from_.params
    assert message.call_id == call_id
    assert message.headers.get(unknown.lower()) is not None
    hosts = [v.host for v in message.vias]
    assert len(hosts) == 37
    assert hosts[:3] == ["sip40.example.com", "sip39.example.com", "sip38.example.com"]
    assert hosts[-3:] == ["sip6.example.com", "sip5.example.com", "192.0.2.1"]
    assert message.body == SDP


def test_dblreq_extra_octets_after_content_length_are_discarded() -> None:
    """§3.1.1.8: a REGISTER with Content-Length 0 followed by an INVITE in the same frame;
    the trailing octets are not a second message and are discarded."""
    register = frame(
        "REGISTER sip:example.com SIP/2.0",
        "To: sip:j.user@example.com",
        "From: sip:j.user@example.com;tag=43251j3j324",
        "Max-Forwards: 8",
        "I: dblreq.0ha0isndaksdj99sdfafnl3lk233412",
        "Contact: sip:j.user@host.example.com",
        "CSeq: 8 REGISTER",
        "Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492",
        "Content-Length: 0",
    )
    invite = frame(
        "INVITE sip:joe@example.com SIP/2.0",
        "t: sip:joe@example.com",
        "From: sip:caller@example.net;tag=141334",
        "Max-Forwards: 8",
        "Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15",
        "CSeq: 8 INVITE",
        "Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234",
        "Content-Type: application/sdp",
        "Content-Length: 150",
        body=SDP,
    )
    message = request(register + b"\r\n" + invite)
    assert message.method == "REGISTER" and message.body == b""
    assert message.call_id == "dblreq.0ha0isndaksdj99sdfafnl3lk233412"
    assert message.contacts[0].uri == SipUri("host.example.com", "j.user")


def test_semiuri_semicolon_in_the_user_part() -> None:
    """§3.1.1.9: "user;par=u%40example.net" is the user part (it precedes the '@'), the
    URI has no parameters; a folded list header splits into its elements."""
    message = request(
        frame(
            "OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0",
            "To: sip:j_user@example.com",
            "From: sip:caller@example.org;tag=33242",
            "Max-Forwards: 3",
            "Call-ID: semiuri.0ha0isndaksdj",
            "CSeq: 8 OPTIONS",
            "Accept: application/sdp, application/pkcs7-mime,",
            "        multipart/mixed, multipart/signed,",
            "        message/sip, message/sipfrag",
            "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw",
            "l: 0",
        )
    )
    assert isinstance(message.uri, SipUri)
    assert message.uri.user == "user;par=u@example.net"
    assert message.uri.host == "example.com" and message.uri.params == {}
    assert message.headers.values("Accept") == [
        "application/sdp",
        "application/pkcs7-mime",
        "multipart/mixed",
        "multipart/signed",
        "message/sip",
        "message/sipfrag",
    ]


def test_transports_known_and_unknown() -> None:
    """§3.1.1.10: a Via transport is any token; it is not interpreted by the parser."""
    message = request(
        frame(
            "OPTIONS sip:user@example.com SIP/2.0",
            "To: sip:user@example.com",
            "From: <sip:caller@example.com>;tag=323",
            "Max-Forwards: 70",
            "Call-ID: transports.kijh4akdnaqjkwendsasfdj",
            "Accept: application/sdp",
            "CSeq: 60 OPTIONS",
            "Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw",
            "Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf",
            "Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj",
            "Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en",
            "Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee",
            "l: 0",
        )
    )
    assert [v.transport for v in message.vias] == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"]
    assert [v.host for v in message.vias] == [f"t{i}.example.com" for i in range(1, 6)]


def test_mpart01_multipart_body_with_binary_part_is_opaque() -> None:
    """§3.1.1.11: a multipart/mixed body with a binary part (not UTF-8) and blank lines of
    its own; Content-Length counts its bytes; the parser keeps it as opaque bytes."""
    binary = bytes(range(256)) + b"\r\n\r\n\xff\xfe"
    body = (
        b"--7a9cbec02ceef655\r\n"
        b"Content-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: binary\r\n"
        b"\r\n"
        b"Hello\r\n"
        b"--7a9cbec02ceef655\r\n"
        b"Content-Type: application/octet-stream\r\n"
        b"Content-Transfer-Encoding: binary\r\n"
        b"\r\n" + binary + b"\r\n"
        b"--7a9cbec02ceef655--\r\n"
    )
    message = request(
        frame(
            "MESSAGE sip:kumiko@example.org SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-"
            ";rport",
            "Max-Forwards: 70",
            "Route: <sip:127.0.0.1:5080>",
            "Identity-Info: <https://example.com/cert>;alg=rsa-sha1",
            "To: <sip:kumiko@example.org>",
            "From: <sip:fluffy@example.com>;tag=2fb0dcc9",
            "Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..",
            "CSeq: 1 MESSAGE",
            "Accept: multipart/mixed, text/plain, message/cpim, message/sipfrag",
            "Allow: INVITE, ACK, CANCEL, OPTIONS, PRACK, REFER, NOTIFY, SUBSCRIBE, INFO, MESSAGE",
            "Content-Type: multipart/mixed;boundary=7a9cbec02ceef655",
            "Date: Sat, 15 Oct 2005 04:44:56 GMT",
            "User-Agent: SIPimp.org/0.2.5 (curses)",
            f"Content-Length: {len(body)}",
            body=body,
        )
    )
    assert message.body == body
    assert message.content_type == "multipart/mixed"
    assert message.top_via.port == 5070 and message.top_via.params["rport"] is None
    assert message.headers.values("Allow")[-1] == "MESSAGE"
    assert message.headers.values("Date") == ["Sat, 15 Oct 2005 04:44:56 GMT"]


def test_unreason_utf8_reason_phrase() -> None:
    """§3.1.1.12: the reason phrase is UTF-8 text; it survives a round trip byte for byte."""
    reason = "= 2**3 * 5**2 но сто девяносто девять - простое"
    message = response(
        frame(
            f"SIP/2.0 200 {reason}",
            "Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923",
            "Call-ID: unreason.1234ksdfak3j2erwedfsASdf",
            "CSeq: 35 INVITE",
            "From: sip:user@example.com;tag=11141343",
            "To: sip:user@example.edu;tag=2229",
            "Content-Length: 154",
            "Content-Type: application/sdp",
            "Contact: <sip:user@host198.example.com>",
            body=SDP + b"XXXX",
        )
    )
    assert message.status == 200 and message.reason == reason
    assert message.to_bytes().startswith(f"SIP/2.0 200 {reason}\r\n".encode())
    assert message.body == SDP + b"XXXX"
    assert message.to.tag == "2229" and message.from_.tag == "11141343"


def test_noreason_empty_reason_phrase() -> None:
    """§3.1.1.13: "SIP/2.0 100 " has an empty reason phrase (the SP is still there)."""
    message = response(
        frame(
            "SIP/2.0 100 ",
            "Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe",
            "Call-ID: noreason.asndj203insdf99223ndf",
            "CSeq: 35 INVITE",
            "From: <sip:user@example.com>;tag=39ansfi3",
            "To: <sip:user@example.edu>;tag=902jndnke3",
            "Content-Length: 0",
        )
    )
    assert (message.status, message.reason) == (100, "")
    assert message.to_bytes().startswith(b"SIP/2.0 100 \r\n")
    assert message.is_provisional and message.to.tag == "902jndnke3"


def test_content_length_counts_bytes_not_characters() -> None:
    body = "Signal=ü€𝄞\r\nDuration=160\r\n".encode()
    assert len(body) != len(body.decode())
    message = request(
        frame(
            "INFO sip:user@example.com SIP/2.0",
            "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1",
            "From: <sip:a@example.com>;tag=1",
            "To: <sip:user@example.com>;tag=2",
            "Call-ID: cl-bytes",
            "CSeq: 2 INFO",
            "Content-Type: application/dtmf-relay",
            f"Content-Length: {len(body)}",
            body=body,
        )
    )
    assert message.body == body and message.text_body == body.decode()
    assert f"Content-Length: {len(body)}\r\n".encode() in message.to_bytes()
    # a Content-Length counting characters would be short: the rest is discarded
    short = parse_message(
        frame(
            "INFO sip:user@example.com SIP/2.0",
            "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1",
            "From: <sip:a@example.com>;tag=1",
            "To: <sip:user@example.com>;tag=2",
            "Call-ID: cl-bytes",
            "CSeq: 2 INFO",
            f"Content-Length: {len(body.decode())}",
            body=body,
        )
    )
    assert short.body == body[: len(body.decode())]


def test_missing_content_length_means_rest_of_frame() -> None:
    body = b"v=0\r\n\r\nnot a header: really\r\n"
    message = request(
        frame(
            "MESSAGE sip:user@example.com SIP/2.0",
            "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1",
            "From: <sip:a@example.com>;tag=1",
            "To: <sip:user@example.com>",
            "Call-ID: no-cl",
            "CSeq: 1 MESSAGE",
            body=body,
        )
    )
    assert message.body == body and "not a header" not in message.headers
    assert message.headers.get("Content-Length") is None


# -- §3.2 / §3.3: syntactically valid, for higher layers to judge --------------------------

BASE = (
    "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw",
    "From: <sip:caller@example.net>;tag=1928301774",
    "To: <sip:user@example.com>",
    "Call-ID: layer.0ha0isndaksdj",
    "Max-Forwards: 70",
)


def test_unknown_and_novel_schemes_parse_as_absolute_uris() -> None:
    """§3.2.2 unkscm, §3.2.3 novelsc, §3.2.4 unksm2: the parser keeps them; the transaction
    user answers 416 or similar."""
    unkscm = request(
        frame(
            "OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0",
            *BASE,
            "CSeq: 1 OPTIONS",
        )
    )
    assert unkscm.uri == AbsoluteUri(
        "nobodyknowsthisscheme", "nobodyknowsthisscheme:totallyopaquecontent"
    )
    novelsc = request(
        frame("OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0", *BASE, "CSeq: 1 OPTIONS")
    )
    assert isinstance(novelsc.uri, AbsoluteUri) and novelsc.uri.scheme == "soap.beep"
    unksm2 = request(
        frame(
            "REGISTER sip:example.com SIP/2.0",
            "To: isbn:2983792873",
            "From: <http://www.example.com>;tag=3234233",
            "Call-ID: unksm2.daksdj@hyphenated-host.example.com",
            "CSeq: 234902 REGISTER",
            "Max-Forwards: 70",
            "Via: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw",
            "Contact: <name:John_Smith>",
            "l: 0",
        )
    )
    assert unksm2.to.uri == AbsoluteUri("isbn", "isbn:2983792873")
    assert unksm2.from_.uri == AbsoluteUri("http", "http://www.example.com")
    assert unksm2.from_.tag == "3234233"
    assert unksm2.contacts[0].uri == AbsoluteUri("name", "name:John_Smith")


def test_unknown_extensions_content_types_and_auth_schemes_parse() -> None:
    """§3.2.5 bext01, §3.2.6 invut, §3.2.7 regaut01, §3.2.11 zeromf: valid syntax."""
    message = request(
        frame(
            "INVITE sip:user@example.com SIP/2.0",
            *BASE[:-1],
            "Max-Forwards: 0",
            "Require: nothingSupportsThis, nothingSupportsThisEither",
            "Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis",
            "Authorization: NoOneKnowsThisScheme opaque-data=here",
            "CSeq: 8 INVITE",
            "Content-Type: application/unknownformat",
            "Content-Length: 3",
            body=b"<a>",
        )
    )
    assert message.headers.values("Require") == [
        "nothingSupportsThis",
        "nothingSupportsThisEither",
    ]
    assert message.content_type == "application/unknownformat"
    assert message.max_forwards == 0
    assert message.headers.get("authorization") == "NoOneKnowsThisScheme opaque-data=here"


def test_inv2543_rfc2543_style_request() -> None:
    """§3.3.1 inv2543: no branch cookie, no Max-Forwards, no Content-Length, no From tag;
    in the addr-spec To, ";user=phone" is a header parameter, inside <> a URI parameter."""
    message = request(
        frame(
            "INVITE sip:UserB@example.com SIP/2.0",
            "Via: SIP/2.0/UDP iftgw.example.com",
            "From: <sip:+13035551111@ift.here.example.com;user=phone>",
            "Record-Route: <sip:UserB@example.com;maddr=ss1.example.com>",
            "To: sip:+16505552222@ss1.example.net;user=phone",
            "Call-ID: inv2543.1717@ift.here.example.com",
            "CSeq: 56 INVITE",
            "Content-Type: application/sdp",
            body=SDP,
        )
    )
    assert message.top_via.branch is None and message.max_forwards is None
    assert message.from_.tag is None
    assert isinstance(message.from_.uri, SipUri) and message.from_.uri.params == {"user": "phone"}
    assert message.to.params == {"user": "phone"}
    assert isinstance(message.to.uri, SipUri) and message.to.uri.params == {}
    assert message.body == SDP


def test_baddate_is_accepted_verbatim() -> None:
    """§3.1.2.12 baddate: an invalid time zone in Date. We never interpret Date, so the
    message is accepted (as the RFC allows) and Date is kept whole, commas included."""
    message = request(
        frame(
            "OPTIONS sip:user@example.com SIP/2.0",
            *BASE,
            "CSeq: 1 OPTIONS",
            "Date: Fri, 01 Jan 2010 16:00:00 EST",
        )
    )
    assert message.headers.values("Date") == ["Fri, 01 Jan 2010 16:00:00 EST"]


def test_tel_uri_in_to() -> None:
    message = request(
        frame(
            "OPTIONS sip:user@example.com SIP/2.0",
            *BASE[:2],
            "To: <tel:+1-212-555-1234;phone-context=example.com>",
            *BASE[3:],
            "CSeq: 1 OPTIONS",
        )
    )
    assert message.to.uri == TelUri("+1-212-555-1234", {"phone-context": "example.com"})


# -- §3.1.2 invalid messages ----------------------------------------------------------------

TO, FROM = "To: <sip:user@example.com>", "From: <sip:caller@example.net>;tag=1928301774"
VIA, CALL_ID = "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw", "Call-ID: bad.0ha0i"


def options(*headers: str, start: str = "OPTIONS sip:user@example.com SIP/2.0") -> bytes:
    return frame(start, *headers)


INVALID: dict[str, tuple[bytes, str]] = {
    # §3.1.2.1 badinv01: extraneous header field separators
    "badinv01": (
        frame(
            "INVITE sip:user@example.com SIP/2.0",
            "To: sip:j.user@example.com",
            "From: sip:caller@example.net;tag=134161461246",
            "Max-Forwards: 7",
            "Call-ID: badinv01.0ha0isndaksdjasdf3234nas",
            "CSeq: 8 INVITE",
            "Via: SIP/2.0/UDP 192.0.2.15;;,;,,",
            'Contact: "Joe" <sip:joe@example.org>;;;;',
            "Content-Length: 150",
            "Content-Type: application/sdp",
            body=SDP,
        ),
        "empty parameter in Via",
    ),
    # §3.1.2.2 clerr: Content-Length larger than the body received
    "clerr": (
        frame(
            "INVITE sip:user@example.com SIP/2.0",
            "Max-Forwards: 80",
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 INVITE",
            VIA,
            "Content-Type: application/sdp",
            "Content-Length: 9999",
            body=SDP,
        ),
        "Content-Length 9999 exceeds the 150 body bytes",
    ),
    # §3.1.2.3 ncl: negative Content-Length
    "ncl": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Content-Length: -999"),
        "bad Content-Length",
    ),
    # §3.1.2.4 scalar02: overlarge CSeq (and other overlarge scalars, see below)
    "scalar02": (
        frame(
            "REGISTER sip:example.com SIP/2.0",
            "Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3",
            "To: <sip:user@example.com>",
            "From: <sip:user@example.com>;tag=239232jh3",
            "CSeq: 36893488147419103232 REGISTER",
            "Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32",
            "Max-Forwards: 300",
            "Expires: 1" + "0" * 39,
            "Contact: <sip:user@host129.example.com>;expires=280297596632815",
            "Content-Length: 0",
        ),
        "CSeq number out of range",
    ),
    "scalar02 Content-Length": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Content-Length: " + "9" * 48),
        "Content-Length out of range",
    ),
    "CSeq beyond Python's int() digit limit": (
        options(TO, FROM, CALL_ID, "CSeq: " + "9" * 5000 + " OPTIONS", VIA),
        "CSeq number out of range",
    ),
    "non-ASCII digits": (options(TO, FROM, CALL_ID, "CSeq: ١٢ OPTIONS", VIA), "bad CSeq number"),
    # §3.1.2.5 scalarlg: overlarge values in a response
    "scalarlg": (
        frame(
            "SIP/2.0 503 Service Unavailable",
            "Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bKzzxdiwo34sw;received=192.0.2.129",
            "To: <sip:user@example.com>",
            "From: <sip:other@example.net>;tag=2easdjfejw",
            "CSeq: 9292394834772304023312 OPTIONS",
            "Call-ID: scalarlg.noase0of0234hn2qofoaf0232aewf2394r",
            "Retry-After: 949302838503028349304023988",
            'Warning: 1812 overture "In Progress"',
            "Content-Length: 0",
        ),
        "CSeq number out of range",
    ),
    # §3.1.2.6 quotbal: unterminated quoted string in a display name
    "quotbal": (
        options('To: "Mr. J. User <sip:j.user@example.com>', FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA),
        "unterminated quoted string",
    ),
    # §3.1.2.7 ltgtruri: Request-URI enclosed in <>
    "ltgtruri": (
        options(
            TO, FROM, CALL_ID, "CSeq: 1 INVITE", VIA, start="INVITE <sip:user@example.com> SIP/2.0"
        ),
        "not an absolute URI",
    ),
    # §3.1.2.8 lwsruri: LWS inside the Request-URI
    "lwsruri": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 INVITE",
            VIA,
            start="INVITE sip:user@example.com; lr SIP/2.0",
        ),
        "bad request line",
    ),
    # §3.1.2.9 lwsstart: several SP between the request-line elements
    "lwsstart": (
        options(
            TO, FROM, CALL_ID, "CSeq: 1 INVITE", VIA, start="INVITE  sip:user@example.com  SIP/2.0"
        ),
        "bad request line",
    ),
    # §3.1.2.10 trws: SP at the end of the request line
    "trws": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
            start="OPTIONS sip:remote-target@example.com SIP/2.0  ",
        ),
        "bad request line",
    ),
    # §3.1.2.11 escruri: (escaped) headers in the Request-URI
    "escruri": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 INVITE",
            VIA,
            start="INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0",
        ),
        "Request-URI must not contain headers",
    ),
    # §3.1.2.14 badaspec: spaces inside <...>. The RFC lets liberal elements ignore them;
    # we reject: To/From are the dialog identity and an element that tolerates this hides
    # a broken peer, while rejecting costs nothing (the RFC calls 400 reasonable).
    "badaspec": (
        options(
            'To: "Watson, Thomas" < sip:t.watson@example.org >',
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
        ),
        "whitespace inside <...>",
    ),
    # §3.1.2.15 baddn: non-token characters in an unquoted display name
    "baddn": (
        options(
            "To: Watson, Thomas <sip:t.watson@example.org>", FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA
        ),
        "bad display name",
    ),
    # §3.1.2.16 badvers: unknown protocol version
    "badvers": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
            start="OPTIONS sip:t.watson@example.org SIP/7.0",
        ),
        "unsupported SIP version",
    ),
    # §3.1.2.17 mismatch01: CSeq method differs from the request method
    "mismatch01": (
        options(TO, FROM, CALL_ID, "CSeq: 1 INVITE", VIA),
        "CSeq method 'INVITE' does not match request method 'OPTIONS'",
    ),
    # §3.1.2.18 mismatch02: the same with an unknown method
    "mismatch02": (
        options(
            TO, FROM, CALL_ID, "CSeq: 1 INVITE", VIA, start="NEWMETHOD sip:user@example.com SIP/2.0"
        ),
        "does not match request method 'NEWMETHOD'",
    ),
    # §3.1.2.19 bigcode: overlarge response code
    "bigcode": (
        frame(
            "SIP/2.0 4294967301 better not break the receiver",
            VIA,
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
        ),
        "bad status line",
    ),
    "status code below 100": (
        frame("SIP/2.0 099 Early", VIA, TO, FROM, CALL_ID, "CSeq: 1 OPTIONS"),
        "status code out of range",
    ),
    # §3.2.1 insuf: missing required header fields
    "insuf": (options(VIA, "CSeq: 1 OPTIONS", "Max-Forwards: 70"), "message has no From header"),
    "no Via": (options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS"), "message has no Via header"),
    "empty Via": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", "Via: "),
        "message has no Via header",
    ),
    # §3.3.8 multi01: several values in single-value header fields
    "multi01": (
        options(TO, FROM, CALL_ID, "Call-ID: other.0ha0i", "CSeq: 1 OPTIONS", VIA),
        "more than one Call-ID header",
    ),
    "multi01 To": (
        options(TO, "t: <sip:other@example.com>", FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA),
        "more than one To header",
    ),
    "multi01 To list": (
        options(TO + ", <sip:other@example.com>", FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA),
        "junk after address",
    ),
    # §3.3.9 mcl01: two Content-Length values; the body length is unknowable
    "mcl01": (
        frame(
            "OPTIONS sip:user@example.com SIP/2.0",
            VIA,
            TO,
            FROM,
            CALL_ID,
            "CSeq: 15932 OPTIONS",
            "Content-Length: 13",
            "Max-Forwards: 60",
            "Content-Length: 5",
            "Content-Type: text/plain",
            body=b"There's no way to know how many octets are supposed to be here.",
        ),
        "more than one Content-Length header",
    ),
    # Beyond RFC 4475: framing and injection
    "header without colon": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Max-Forwards 70"),
        "bad header line",
    ),
    "bare CR in start line": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
            start="OPTIONS sip:user@example.com SIP/2.0\rX: y",
        ),
        "control character",
    ),
    "bare CR in a header": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Subject: a\rb"),
        "line break",
    ),
    "NUL in a header": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Subject: a\x00b"),
        "NUL",
    ),
    "continuation of the start line": (
        options(" Via: x", TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA),
        "continuation line with no header",
    ),
    "Call-ID with spaces": (
        options(TO, FROM, "Call-ID: a b", "CSeq: 1 OPTIONS", VIA),
        "bad Call-ID",
    ),
    "bad Via host": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", "Via: SIP/2.0/WS h_st"),
        "bad host",
    ),
    "bad Via port": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", "Via: SIP/2.0/WS h:99999"),
        "port out of range",
    ),
    "not a SIP Via": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", "Via: HTTP/1.1 proxy"),
        "bad Via",
    ),
    "second Via broken": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, "Via: SIP/2.0/UDP"),
        "bad Via",
    ),
    "bad escape in Request-URI": (
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
            start="OPTIONS sip:user%zz@example.com SIP/2.0",
        ),
        "bad %-escape in URI user",
    ),
    "no blank line": (
        ("OPTIONS sip:user@example.com SIP/2.0\r\n" + TO).encode(),
        "no end of headers",
    ),
    "header section not UTF-8": (
        options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA).replace(b"caller", b"caller\xff"),
        "not UTF-8",
    ),
    "empty frame": (b"", "no end of headers"),
    "only line breaks": (b"\r\n\r\n\r\n", "no end of headers"),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_messages_are_refused_with_the_reason(name: str) -> None:
    data, reason = INVALID[name]
    with pytest.raises(SipParseError) as caught:
        parse_message(data)
    assert reason in str(caught.value)


def test_scalar02_other_overlarge_scalars() -> None:
    """The rest of §3.1.2.4: Max-Forwards above 255 is refused by its accessor (checked
    lazily, so a proxy can still answer 483/400); an overlarge Expires is clamped to
    2**32-1 as RFC 3261 §20.19 says; an overlarge header parameter is just text."""
    message = request(
        options(
            TO,
            FROM,
            CALL_ID,
            "CSeq: 1 OPTIONS",
            VIA,
            "Max-Forwards: 300",
            "Expires: 1" + "0" * 39,
            "Contact: <sip:user@host129.example.com>;expires=280297596632815",
        )
    )
    with pytest.raises(SipParseError, match="Max-Forwards out of range"):
        _ = message.max_forwards
    assert message.expires == 2**32 - 1
    assert message.contacts[0].params["expires"] == "280297596632815"


def test_regbadct_addr_spec_with_uri_headers_in_contact() -> None:
    """§3.1.2.13 regbadct: a Contact URI with '?' must be in <>. Contact is checked by its
    accessor (not by parse_message), so a registrar or UAS can still answer 400."""
    message = request(
        frame(
            "REGISTER sip:example.com SIP/2.0",
            "To: sip:user@example.com",
            "From: sip:user@example.com;tag=998332",
            "Max-Forwards: 70",
            "Call-ID: regbadct.k345asrl3fdbv@10.0.0.1",
            "CSeq: 1 REGISTER",
            "Via: SIP/2.0/UDP 135.180.130.133:5060;branch=z9hG4bKkdjuw",
            "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E",
            "l: 0",
        )
    )
    with pytest.raises(SipParseError, match=r"must be enclosed in <>"):
        _ = message.contacts


def test_badinv01_contact_alone_is_refused_by_its_accessor() -> None:
    message = request(
        options(
            TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, 'Contact: "Joe" <sip:joe@example.org>;;;;'
        )
    )
    with pytest.raises(SipParseError, match="empty parameter"):
        _ = message.contacts


def test_leniencies() -> None:
    """What we accept beyond the letter of RFC 3261, and why it is harmless."""
    # Leading CRLFs (keep-alives) before the start line are skipped (RFC 3261 §7.5).
    assert parse_message(b"\r\n\r\n" + options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA))
    # Bare-LF line ends (sloppy peers); we always send CRLF.
    lf = options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA).replace(b"\r\n", b"\n")
    assert parse_message(lf).to_bytes() == parse_message(lf.replace(b"\n", b"\r\n")).to_bytes()
    # The version is case-insensitive on receipt (RFC 3261 §7.1).
    lower = options(
        TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA, start="OPTIONS sip:user@example.com sip/2.0"
    )
    assert parse_message(lower).to_bytes().startswith(b"OPTIONS sip:user@example.com SIP/2.0")
    # A frame that ends right after the last header line (no empty line) has no body.
    assert parse_message(options(TO, FROM, CALL_ID, "CSeq: 1 OPTIONS", VIA)[:-2]).body == b""
