"""Property-based fuzzing of the parser.

(a) Any bytes, and any mutation of a valid message, either parse or raise SipParseError,
    quickly; whatever parses has accessors that fail only with SipParseError, and survives
    serialise -> parse unchanged (apart from Content-Length, which is rewritten).
(b) The same for URIs, addresses, Via and CSeq values: parse, or SipParseError; whatever
    parses prints to text that parses back to the same value.
(c) Generated valid messages (random methods, URIs whose parts need escaping, display names,
    header values, bodies) round-trip exactly.

Example counts keep the whole file well under 20 s.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webphone.sip.errors import SipParseError
from webphone.sip.grammar import TOKEN, is_token
from webphone.sip.headers import CSeq, Headers, NameAddr, Via, canonical_name
from webphone.sip.message import SipRequest, SipResponse, parse_message
from webphone.sip.uri import SipUri, TelUri, parse_uri


def fuzz(examples: int) -> settings:
    """Example counts sized for the file to finish in a few seconds; deadline generous."""
    return settings(
        max_examples=examples, deadline=2000, suppress_health_check=[HealthCheck.too_slow]
    )


SEEDS = [
    b"INVITE sip:bob@example.com;transport=ws SIP/2.0\r\n"
    b"Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK776;rport\r\n"
    b"v: SIP/2.0/WS [2001:db8::1]:8080;branch=z9hG4bK999, SIP/2.0/UDP h;branch=z9hG4bK2\r\n"
    b"Max-Forwards: 70\r\n"
    b'From: "Alice, \\"A\\" <x>" <sip:al%20ice:pw@example.com;lr>;tag=1928301774\r\n'
    b"t: sip:bob@example.com;tag=x\r\n"
    b"Call-ID: a84b4c76e66710@pc33.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b'm: <sip:alice@a.invalid;transport=ws>;expires=60;+sip.instance="<urn:u>", <tel:+1-2>\r\n'
    b"Expires: 120\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: 4\r\n\r\nv=0\r\n",
    b"SIP/2.0 200 OK \xd0\xbe\xd0\xba\r\n"
    b"Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK776;received=192.0.2.1;rport=1234\r\n"
    b"From: <sip:alice@example.com>;tag=1\r\n"
    b"To: Bob <sip:bob@example.com?subject=x>;tag=2\r\n"
    b"Call-ID: c@d\r\n"
    b"CSeq: 2 REGISTER\r\n"
    b"Contact: *\r\n"
    b"\r\nbody without length",
    b"OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0\r\n"
    b"TO :\r\n sip:user@example.com ;   tag    = 191\r\n"
    b'from   : "J \\\\\\""   <sip:j@example.com>\r\n  ;\r\n  tag = 98\r\n'
    b"i: x\r\ncseq: 0009\r\n  OPTIONS\r\n"
    b"Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw\r\n"
    b"l: 0\r\n\r\n",
]

INSERTS = [
    b"\r\n",
    b"\n",
    b"\r",
    b"\x00",
    b'"',
    b"\\",
    b"<",
    b">",
    b";",
    b",",
    b":",
    b"=",
    b"@",
    b"?",
    b"&",
    b"%",
    b"%0",
    b"[",
    b"]",
    b" ",
    b"\t",
    b"\xff",
    b"\xc3",
    b"\xd9\xa1",  # ARABIC-INDIC DIGIT ONE: isdigit() but not ASCII
    b"\xc2\xb2",  # SUPERSCRIPT TWO: isdigit() but int() refuses it
    b"\r\n\r\n",
    b"\r\n ",
    b"9" * 40,
    b"SIP/2.0",
    b"sip:",
    b"tel:",
]

HEADER_NAMES = [
    "Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq", "Contact", "m",
    "Content-Length", "l", "Expires", "Max-Forwards", "Route", "Record-Route", "X-Any",
]  # fmt: skip

# Fragments that steer random text into the interesting corners of the grammars.
FRAGMENTS = [
    "sip:", "sips:", "tel:", "SIP/2.0/", "UDP ", "WSS", "a", "Z", "0", "9", "65535", "99999",
    "user", "@", "host.example.com", ":", "[", "]", "::1", "[2001:db8::1]", ";", ";tag=",
    ";branch=z9hG4bK", ";lr", "=", "?", "&", "%", "%2", "%41", "%zz", "%00", "%ff", "<", ">",
    '"', "\\", ",", " ", "\t", "*", ".", "-", "+", "/", "é", "\u00b2", "\u0661", "\x00",
    "\r", "\n",
]  # fmt: skip


def touch(message: SipRequest | SipResponse) -> None:
    """Every accessor a stack uses may fail only with SipParseError."""
    for name in ("from_", "to", "vias", "top_via", "cseq", "call_id", "contacts"):
        with contextlib.suppress(SipParseError):
            getattr(message, name)
    for name in ("expires", "max_forwards", "content_type", "text_body"):
        with contextlib.suppress(SipParseError):
            getattr(message, name)
    for name, _ in message.headers:
        with contextlib.suppress(SipParseError):
            message.headers.values(name)


def without_length(headers: Headers) -> list[tuple[str, str]]:
    return [(name, value) for name, value in headers if name != "Content-Length"]


def check_message(data: bytes) -> None:
    """Parse *data*; if it parses, its accessors and its round trip must hold."""
    try:
        message = parse_message(data)
    except SipParseError as exc:
        assert str(exc)
        return
    # what parse_message checked, its accessors must not refuse afterwards
    _ = message.from_, message.to, message.vias, message.cseq, message.call_id
    touch(message)
    wire = message.to_bytes()
    again = parse_message(wire)
    assert type(again) is type(message)
    assert without_length(again.headers) == without_length(message.headers)
    assert again.body == message.body
    if isinstance(message, SipRequest):
        assert isinstance(again, SipRequest)
        assert (again.method, again.uri) == (message.method, message.uri)
    else:
        assert isinstance(again, SipResponse)
        assert (again.status, again.reason) == (message.status, message.reason)
    assert again.to_bytes() == wire


# -- (a) messages ---------------------------------------------------------------------------


@fuzz(300)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    check_message(data)


@fuzz(200)
@given(st.lists(st.sampled_from([*INSERTS, *(s[:60] for s in SEEDS)]), max_size=30))
def test_arbitrary_bytes_from_sip_pieces(pieces: list[bytes]) -> None:
    check_message(b"".join(pieces))


header_lines = st.builds(
    lambda name, value: f"{name}:{value}\r\n".encode(),
    st.sampled_from(HEADER_NAMES),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)
edits = st.tuples(
    st.sampled_from(["insert", "delete", "flip", "header"]),
    st.integers(0, 2000),
    st.sampled_from(INSERTS),
    st.integers(0, 255),
    header_lines,
)


@fuzz(700)
@given(st.sampled_from(SEEDS), st.lists(edits, min_size=1, max_size=6), st.integers(0, 2000))
def test_mutated_valid_messages(
    seed: bytes, changes: list[tuple[str, int, bytes, int, bytes]], cut: int
) -> None:
    data = bytearray(seed)
    for kind, position, piece, value, line in changes:
        position %= len(data) + 1
        if kind == "insert":
            data[position:position] = piece
        elif kind == "delete":
            del data[position : position + value % 8 + 1]
        elif kind == "flip" and data:
            data[min(position, len(data) - 1)] = value
        elif kind == "header":
            start = data.find(b"\r\n") + 2  # after the start line
            data[start:start] = line
    check_message(bytes(data))
    check_message(bytes(data[: cut % (len(data) + 1)]))


def test_pathological_sizes_are_fast() -> None:
    """Big inputs of the kinds that make naive parsers quadratic or crash int()."""
    seed = SEEDS[0]
    head, _, _ = seed.partition(b"\r\n\r\n")
    for extra in (
        b"X-Fold: a" + b"\r\n b" * 40_000,
        b"Contact: " + b"<sip:a@b>, " * 10_000,
        b"X-Quotes: " + b'"\\"' * 40_000,
        b"Via: SIP/2.0/UDP " + b"a-" * 50_000 + b"!",
        b"CSeq: " + b"9" * 50_000 + b" INVITE",
        b"Content-Length: " + b"0" * 100_000 + b"4",
    ):
        check_message(head + b"\r\n" + extra + b"\r\n\r\nv=0\r\n")
    check_message(seed.replace(b"sip:bob@", b"sip:" + b"%41" * 60_000 + b"@", 1))
    check_message(b"\r\n" * 100_000)


# -- (b) structured values ------------------------------------------------------------------

sip_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(FRAGMENTS), max_size=20).map("".join),
)


def check_value(parse: Callable[[str], object], text: str) -> None:
    try:
        value = parse(text)
    except SipParseError as exc:
        assert str(exc)
        return
    printed = str(value)
    assert parse(printed) == value, f"{text!r} -> {printed!r}"
    assert str(parse(printed)) == printed


@fuzz(500)
@given(sip_text)
def test_uris(text: str) -> None:
    check_value(parse_uri, text)
    check_value(parse_uri, "sip:" + text)
    check_value(parse_uri, "tel:" + text)


@fuzz(500)
@given(sip_text)
def test_addresses(text: str) -> None:
    check_value(NameAddr.parse, text)
    check_value(NameAddr.parse, "<sip:" + text)
    check_value(NameAddr.parse, '"' + text)


@fuzz(400)
@given(sip_text)
def test_vias_and_cseq(text: str) -> None:
    check_value(Via.parse, text)
    check_value(Via.parse, "SIP/2.0/UDP " + text)
    check_value(CSeq.parse, text)


@fuzz(200)
@given(st.text(max_size=30), st.text(max_size=60))
def test_headers_refuse_only_with_parse_errors(name: str, value: str) -> None:
    headers = Headers()
    try:
        headers.add(name, value)
    except SipParseError:
        assert not is_token(name) or any(c in value for c in "\r\n\x00")
        return
    assert headers.get(name) == value.strip() and name in headers
    with contextlib.suppress(SipParseError):
        headers.values(name)


# -- (c) generated valid messages round-trip exactly ----------------------------------------

tokens = st.text(alphabet=sorted(TOKEN), min_size=1, max_size=12)
# any text at all, once escaped: spaces, '@', ':', '%', controls (even NUL), non-ASCII
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=16)
lower_text = any_text.filter(lambda s: s == s.lower())
labels = st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?\Z")
hosts = st.one_of(
    st.lists(labels, min_size=1, max_size=3).map(".".join),
    st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t))),
    st.sampled_from(["[::1]", "[2001:db8::10]", "[::ffff:192.0.2.1]"]),
)
ports = st.one_of(st.none(), st.integers(1, 65535))
params = st.dictionaries(lower_text.filter(bool), st.one_of(st.none(), any_text), max_size=3)


@st.composite
def sip_uris(draw: st.DrawFn, *, uri_headers: bool = True) -> SipUri:
    user = draw(st.one_of(st.none(), any_text.filter(bool)))
    return SipUri(
        draw(hosts),
        user,
        draw(st.one_of(st.none(), any_text)) if user is not None else None,
        draw(ports),
        draw(st.sampled_from(["sip", "sips"])),
        draw(params),
        draw(st.dictionaries(any_text.filter(bool), any_text, max_size=2)) if uri_headers else {},
    )


tel_uris = st.builds(
    TelUri,
    st.from_regex(r"\A\+?[0-9][0-9().-]{0,14}\Z"),
    st.dictionaries(tokens.map(str.lower), st.one_of(st.none(), any_text), max_size=2),
)
# quoted-string content: anything but CR, LF and NUL (refused in headers), or no name
displays = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00")),
)
header_params = st.dictionaries(
    tokens.map(str.lower), st.one_of(st.none(), tokens, st.just('"q;u,o<t>e\\"d"')), max_size=3
)
addresses = st.builds(NameAddr, st.one_of(sip_uris(), tel_uris), displays, header_params)
vias = st.builds(
    Via,
    tokens.map(str.upper),
    hosts,
    ports,
    st.fixed_dictionaries({"branch": tokens.map("z9hG4bK".__add__)}),
)
STRUCTURED = {"via", "from", "to", "call-id", "cseq", "contact", "content-length"}
extra_names = tokens.filter(lambda n: canonical_name(n).lower() not in STRUCTURED)
extra_values = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r\n\x00"), max_size=40
).map(str.strip)


@st.composite
def messages(draw: st.DrawFn) -> SipRequest | SipResponse:
    method = draw(tokens)
    headers = Headers()
    for via in draw(st.lists(vias, min_size=1, max_size=3)):
        headers.add("Via", str(via))
    headers.add(draw(st.sampled_from(["From", "f"])), str(draw(addresses)))
    headers.add(draw(st.sampled_from(["To", "t"])), str(draw(addresses)))
    headers.add("Call-ID", draw(st.text(alphabet=sorted(TOKEN | set("@()<>:/[]?{}")), min_size=1)))
    headers.add("CSeq", str(CSeq(draw(st.integers(0, 2**31 - 1)), method)))
    for contact in draw(st.lists(addresses, max_size=2)):
        headers.add("m", str(contact))
    for name, value in draw(st.lists(st.tuples(extra_names, extra_values), max_size=4)):
        headers.add(name, value)
    body = draw(st.binary(max_size=100))
    if draw(st.booleans()):
        return SipRequest(headers, body, method, draw(st.one_of(sip_uris(uri_headers=False))))
    reason = draw(st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=20))
    return SipResponse(headers, body, draw(st.integers(100, 699)), reason)


@fuzz(300)
@given(messages())
def test_generated_messages_round_trip_exactly(message: SipRequest | SipResponse) -> None:
    wire = message.to_bytes()
    again = parse_message(wire)
    assert type(again) is type(message)
    assert without_length(again.headers) == list(message.headers)
    assert again.headers.get("Content-Length") == str(len(message.body))
    assert again.body == message.body
    if isinstance(message, SipRequest):
        assert isinstance(again, SipRequest)
        assert (again.method, again.uri) == (message.method, message.uri)
    else:
        assert isinstance(again, SipResponse)
        assert (again.status, again.reason) == (message.status, message.reason)
    # the structured values come back equal to what was written
    assert again.from_ == NameAddr.parse(message.headers.get("From") or "")
    assert again.to == NameAddr.parse(message.headers.get("To") or "")
    assert again.vias == [Via.parse(v) for v in message.headers.get_all("Via")]
    assert again.contacts == [NameAddr.parse(v) for v in message.headers.get_all("Contact")]
    assert again.to_bytes() == wire
    assert (
        parse_message(wire.decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
        == again
    )


@fuzz(300)
@given(st.one_of(sip_uris(), tel_uris), addresses)
def test_generated_uris_and_addresses_round_trip(uri: SipUri | TelUri, addr: NameAddr) -> None:
    text = str(uri)
    assert parse_uri(text) == uri
    assert all(ch in string.printable and ch not in ' \t\r\n\x0b\x0c"<>' for ch in text)
    assert NameAddr.parse(str(addr)) == addr
