"""Property-based fuzzing of the parser: any input either parses or raises SipParseError,
and what we build round-trips exactly."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from webphone.sip.errors import SipParseError
from webphone.sip.headers import NameAddr, Via
from webphone.sip.message import SipRequest, SipResponse, parse_message
from webphone.sip.uri import SipUri, parse_uri

VALID = (
    b"INVITE sip:bob@example.com;transport=ws SIP/2.0\r\n"
    b"Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK776;rport\r\n"
    b"Via: SIP/2.0/WS proxy.example.com:8080;branch=z9hG4bK999\r\n"
    b"Max-Forwards: 70\r\n"
    b'From: "Alice, A." <sip:alice@example.com>;tag=1928301774\r\n'
    b"To: Bob <sip:bob@example.com>\r\n"
    b"Call-ID: a84b4c76e66710@pc33.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Contact: <sip:alice@a.invalid;transport=ws>;expires=60, <sip:x@y>\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: 4\r\n\r\nv=0\r\n"
)


def touch_everything(message: SipRequest | SipResponse) -> None:
    """The accessors a stack uses; each may only fail with SipParseError."""
    for accessor in ("from_", "to", "vias", "cseq", "contacts", "expires", "call_id", "top_via"):
        with contextlib.suppress(SipParseError):
            getattr(message, accessor)
    message.to_bytes()


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(SipParseError):
        touch_everything(parse_message(data))


INSERTS = [
    b"\r\n",
    b"\n",
    b"\x00",
    b'"',
    b"<",
    b">",
    b";",
    b",",
    b":",
    b"%",
    b" ",
    b"\xff",
    b"\r\n\r\n",
    b"Content-Length: 99\r\n",
    b"Via: x\r\n",
    b"\r\n continued",
]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID)),
            st.sampled_from(["insert", "delete", "flip"]),
            st.sampled_from(INSERTS),
            st.integers(0, 255),
        ),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, len(VALID)),
)
def test_mutated_valid_message(edits: list[tuple[int, str, bytes, int]], cut: int) -> None:
    data = bytearray(VALID)
    for position, kind, piece, value in edits:
        position = min(position, len(data))
        if kind == "insert":
            data[position:position] = piece
        elif kind == "delete":
            del data[position : position + len(piece)]
        elif data:
            data[min(position, len(data) - 1)] = value
    for candidate in (bytes(data), bytes(data[:cut])):
        with contextlib.suppress(SipParseError):
            touch_everything(parse_message(candidate))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_structured_values_only_raise_parse_errors(text: str) -> None:
    for parse in (parse_uri, NameAddr.parse, Via.parse):
        with contextlib.suppress(SipParseError):
            parse(text)


users = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() == s)
hosts = st.from_regex(r"\A[a-z]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z][a-z0-9]{0,6}){0,2}\Z")
tokens = st.from_regex(r"\A[A-Za-z][A-Za-z0-9\-.!%*_+`'~]{0,12}\Z")
bodies = st.binary(max_size=200)
# quoted-string content: any printable text (RFC 3261 qdtext/quoted-pair), no controls
displays = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(users, hosts, st.one_of(st.none(), st.integers(1, 65535)), tokens, bodies, displays)
def test_generated_messages_round_trip(
    user: str, host: str, port: int | None, method: str, body: bytes, display: str
) -> None:
    uri = SipUri(host, user, port=port)
    assert parse_uri(str(uri)) == uri, "URIs escape and unescape exactly"
    text = (
        f"{method} {uri} SIP/2.0\r\n"
        "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bKx\r\n"
        f"From: {NameAddr(uri, display.strip() or None, {'tag': 'f1'})}\r\n"
        f"To: <{uri}>\r\nCall-ID: c1\r\nCSeq: 7 {method}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    message = parse_message(text)
    assert isinstance(message, SipRequest)
    assert message.method == method and message.uri == uri and message.body == body
    assert message.from_.display_name == (display.strip() or None)
    again = parse_message(message.to_bytes())
    assert again.to_bytes() == message.to_bytes()
