"""SIP, SIPS and TEL URIs: parsing, escaping, normalisation and round trips."""

from __future__ import annotations

import pytest

from webphone.sip.errors import SipParseError
from webphone.sip.uri import AbsoluteUri, SipUri, TelUri, parse_uri


def round_trip(text: str) -> SipUri | TelUri | AbsoluteUri:
    uri = parse_uri(text)
    assert parse_uri(str(uri)) == uri
    assert str(parse_uri(str(uri))) == str(uri)
    return uri


def test_all_components() -> None:
    uri = round_trip(
        "sips:alice:secret@Example.COM:5061;transport=TLS;lr;maddr=10.0.0.1?subject=hi"
    )
    assert uri == SipUri(
        "example.com",
        "alice",
        "secret",
        5061,
        "sips",
        {"transport": "TLS", "lr": None, "maddr": "10.0.0.1"},
        {"subject": "hi"},
    )
    assert isinstance(uri, SipUri)
    assert uri.transport == "tls" and uri.host_port == "example.com:5061"
    assert uri.aor == "sips:alice@example.com"
    assert (
        str(uri) == "sips:alice:secret@example.com:5061;transport=TLS;lr;maddr=10.0.0.1?subject=hi"
    )


def test_host_only_and_defaults() -> None:
    uri = round_trip("sip:example.com")
    assert uri == SipUri("example.com")
    assert isinstance(uri, SipUri) and uri.user is None and uri.port is None
    assert uri.transport is None and uri.aor == "sip:example.com"


@pytest.mark.parametrize(
    ("text", "host", "port"),
    [
        ("sip:[::1]:5060", "[::1]", 5060),
        ("sip:alice@[2001:DB8::10];transport=tcp", "[2001:db8::10]", None),
        ("sip:bob@[::ffff:192.0.2.1]:65535", "[::ffff:192.0.2.1]", 65535),
        ("sip:192.0.2.1:1", "192.0.2.1", 1),
        ("sip:a.b-c.example.", "a.b-c.example.", None),
    ],
)
def test_hosts_and_ports(text: str, host: str, port: int | None) -> None:
    uri = round_trip(text)
    assert isinstance(uri, SipUri) and (uri.host, uri.port) == (host, port)


def test_scheme_host_and_parameter_names_are_case_insensitive() -> None:
    a = SipUri.parse("SIP:Alice@EXAMPLE.com;Transport=TCP;LR")
    b = SipUri.parse("sip:Alice@example.COM;transport=TCP;lr")
    assert a == b and a.scheme == "sip" and a.host == "example.com"
    assert a.params == {"transport": "TCP", "lr": None}
    # ...but the user part is case-sensitive, and parameter values are kept as written
    assert SipUri.parse("sip:alice@example.com") != a
    assert SipUri.parse("sip:a@h;transport=Tcp").transport == "tcp"
    assert parse_uri("TEL:+1234") == TelUri("+1234")
    assert parse_uri("HTTP://Example.com/X") == AbsoluteUri("http", "http://Example.com/X")


def test_user_and_password_unescaping() -> None:
    uri = round_trip("sip:I%20have%20spaces:p%40ss%3Aw0rd@example.net")
    assert isinstance(uri, SipUri)
    assert uri.user == "I have spaces" and uri.password == "p@ss:w0rd"
    assert str(uri) == "sip:I%20have%20spaces:p%40ss%3Aw0rd@example.net"
    # escapes of characters that need none are decoded, and not re-escaped
    assert str(SipUri.parse("sip:%61lice@example.com")) == "sip:alice@example.com"
    # escaped UTF-8 decodes to text
    assert SipUri.parse("sip:J%C3%B6rg@example.com").user == "Jörg"


def test_user_escaping_on_output() -> None:
    uri = SipUri("example.com", 'a b@c:d<e>#f%g"h')
    assert str(uri) == "sip:a%20b%40c%3Ad%3Ce%3E%23f%25g%22h@example.com"
    assert parse_uri(str(uri)) == uri
    # user-unreserved characters stay as they are
    assert str(SipUri("h", "+1;ext=2?x&y=$,/")) == "sip:+1;ext=2?x&y=$,/@h"
    assert str(SipUri("h", "jörg")) == "sip:j%C3%B6rg@h"
    assert str(SipUri("h", "a", "p:w@")) == "sip:a:p%3Aw%40@h"


def test_user_part_may_hold_question_marks_semicolons_and_at_signs_escaped() -> None:
    uri = round_trip("sip:user;par=u%40example.net?x@example.com;lr")
    assert isinstance(uri, SipUri)
    assert uri.user == "user;par=u@example.net?x" and uri.params == {"lr": None}
    assert uri.headers == {}


def test_parameter_escaping() -> None:
    uri = round_trip("sip:h;%6C%72;n%61me=v%61lue%25%34%31;x=a%20b;y=%5B%5D")
    assert isinstance(uri, SipUri)
    assert uri.params == {"lr": None, "name": "value%41", "x": "a b", "y": "[]"}
    assert str(uri) == "sip:h;lr;name=value%2541;x=a%20b;y=[]"
    assert str(SipUri("h", params={"k": "a;b=c", "e": ""})) == "sip:h;k=a%3Bb%3Dc;e="


def test_uri_headers_escaping() -> None:
    uri = round_trip("sip:bob@h?Route=%3Csip:proxy.example.com;lr%3E&Subject=Hello%20you&body=")
    assert isinstance(uri, SipUri)
    assert uri.headers == {
        "Route": "<sip:proxy.example.com;lr>",
        "Subject": "Hello you",
        "body": "",
    }
    assert str(uri) == "sip:bob@h?Route=%3Csip:proxy.example.com%3Blr%3E&Subject=Hello%20you&body="
    built = SipUri("h", headers={"a&b": "c=d?"})
    assert str(built) == "sip:h?a%26b=c%3Dd?" and parse_uri(str(built)) == built


def test_with_and_without_params() -> None:
    uri = SipUri.parse("sip:a@h;transport=ws")
    marked = uri.with_params(ob=None, x_y="1")
    assert marked.params == {"transport": "ws", "ob": None, "x-y": "1"}
    assert marked.without_params("ob", "x-y") == uri
    assert uri.params == {"transport": "ws"}, "frozen: the original is unchanged"


def test_tel_uris() -> None:
    uri = round_trip("tel:+1-212-555-1234;ext=5;phone-context=example.com")
    assert uri == TelUri("+1-212-555-1234", {"ext": "5", "phone-context": "example.com"})
    assert isinstance(uri, TelUri) and uri.is_global
    local = round_trip("tel:*67#(555).1212;isub=%31%32")
    assert isinstance(local, TelUri) and not local.is_global
    assert local.params == {"isub": "12"}
    odd = TelUri("123", {"x": "a;b c"})
    assert str(odd) == "tel:123;x=a%3Bb%20c" and parse_uri(str(odd)) == odd


def test_absolute_uris_are_kept_verbatim() -> None:
    for text in ("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "http://x.example/a?b=c;d"):
        uri = round_trip(text)
        assert uri == AbsoluteUri(text.partition(":")[0], text) and str(uri) == text


def test_surrounding_whitespace_is_ignored() -> None:
    assert parse_uri("  sip:a@h\t") == SipUri("h", "a")


INVALID = {
    "": "not an absolute URI",
    "alice@example.com": "not an absolute URI",
    "<sip:a@h>": "not an absolute URI",
    "1sip:a@h": "not an absolute URI",
    "sip:": "empty URI after the scheme",
    "sip:a b@h": "whitespace",
    "sip:a@h;x=a\tb": "whitespace",
    "sip:a\x00@h": "control character",
    "sip:a\x7f@h": "control character",
    'sip:"a"@h': "'\"'",
    "sip:<a>@h": "'<>'",
    "sip:\ud800@h": "control character",
    "sip:@h": "empty user part",
    "sip::pw@h": "empty user part",
    "sip:a@": "bad host",
    "sip:a@h_st": "bad host",
    "sip:a@-h": "bad host",
    "sip:a@h..com": "bad host",
    "sip:a@h:": "bad port",
    "sip:a@h:0": "bad port",
    "sip:a@h:65536": "port out of range",
    "sip:a@h:5060x": "bad port",
    "sip:a@h:²": "bad port",
    "sip:a@h:" + "9" * 5000: "port out of range",
    "sip:a@[::1": "bad host",
    "sip:a@[::1]5060": "bad host",
    "sip:a@[::g]": "bad IPv6 address",
    "sip:a@[]": "bad IPv6 address",
    "sip:a@h;lr;LR": "duplicate URI parameter 'lr'",
    "sip:a@h;=x": "empty URI parameter name",
    "sip:a%zz@h": "bad %-escape in URI user",
    "sip:a%4@h": "bad %-escape in URI user",
    "sip:a%ff@h": "not UTF-8",
    "sip:a:p%g0@h": "bad %-escape in URI password",
    "sip:a@h;x=%": "bad %-escape in URI parameter",
    "sip:a@h?x": "bad URI header",
    "sip:a@h?=x": "bad URI header",
    "sip:a@h?a=1&&b=2": "bad URI header",
    "tel:": "empty URI after the scheme",
    "tel:hello": "bad telephone number",
    "tel:+1;": "bad tel: URI parameter",
    "tel:+1;a=1;A=2": "duplicate tel: URI parameter",
    "tel:+1;x=%g": "bad %-escape in tel: parameter",
}


@pytest.mark.parametrize("text", list(INVALID))
def test_invalid_uris_are_refused_with_the_reason(text: str) -> None:
    with pytest.raises(SipParseError) as caught:
        parse_uri(text)
    assert INVALID[text] in str(caught.value)


def test_sip_uri_parse_refuses_other_schemes() -> None:
    with pytest.raises(SipParseError, match="not a sip: or sips: URI"):
        SipUri.parse("tel:+1234")
