"""SIP requests and responses: parsing, serialising and the common accessors.

The parser works on one complete message, as a WebSocket frame delivers it (RFC 7118
§5: one message per frame). Content-Length counts bytes of the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import SipParseError, excerpt
from .grammar import is_token, parse_number
from .headers import CSeq, Headers, NameAddr, Via
from .status import reason_phrase
from .uri import SipUri, Uri, parse_uri

SIP_VERSION = "SIP/2.0"
# The version string is case-insensitive on receipt (RFC 3261 §7.1); exactly one SP between
# the elements (RFC 4475 lwsstart, trws).
_STATUS_LINE = re.compile(r"(?i:SIP)/([0-9]+)\.([0-9]+) ([0-9]{3})(?: (.*))?", re.ASCII)
_REQUEST_LINE = re.compile(r"(\S+) (\S+) (?i:SIP)/([0-9]+)\.([0-9]+)", re.ASCII)
# Controls other than HTAB never belong in a start line (a bare CR would split it on output).
_START_LINE_BAD = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_LINE_BREAK = re.compile(r"\r?\n")
_SPACE = re.compile(r"\s")  # str.isspace()'s characters: none belongs in a Call-ID
# Limits on what one message may hold, so a hostile peer's message costs bounded work.
# SIP over WebSocket messages are a few KB; 64 KiB is Kamailio's own limit (BUF_SIZE) and
# the largest UDP datagram, so no real server sends more. Real messages carry 10-40 header
# lines (a few more per proxy: Via, Record-Route) and lines well under 1 KB; an Identity
# header (RFC 8224), among the longest, is under 2 KB.
MAX_MESSAGE_BYTES = 64 * 1024
MAX_HEADER_LINES = 256
MAX_HEADER_LINE = 8 * 1024
MAX_CONTENT_LENGTH = 2**31 - 1
MAX_EXPIRES = 2**32 - 1  # larger delta-seconds are treated as this (RFC 3261 §20.19)
_Parsed = TypeVar("_Parsed")
_Text = TypeVar("_Text", str, tuple[str, ...])


@dataclass
class SipMessage:
    """Fields shared by requests and responses."""

    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    # Parsed header values by (kind, raw text): the parser checks From, To, Via and CSeq,
    # and the transaction and dialog layers read them again several times per message.
    # Keyed by the raw text, so a header changed after parsing is parsed afresh.
    _parsed: dict[tuple[str, object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- common structured accessors (raise SipParseError when the header is bad) --
    @property
    def call_id(self) -> str:
        return self._required("Call-ID")

    @property
    def cseq(self) -> CSeq:
        return self._parse_once("CSeq", self._required("CSeq"), CSeq.parse)

    @property
    def from_(self) -> NameAddr:
        return self._parse_once("From", self._required("From"), NameAddr.parse)

    @property
    def to(self) -> NameAddr:
        return self._parse_once("To", self._required("To"), NameAddr.parse)

    @property
    def vias(self) -> list[Via]:
        return list(self._via_elements())

    @property
    def top_via(self) -> Via:
        vias = self._via_elements()
        if not vias:
            raise SipParseError("message has no Via header")
        return vias[0]

    @property
    def contacts(self) -> list[NameAddr]:
        return [NameAddr.parse(v) for v in self.headers.values("Contact") if v != "*"]

    @property
    def content_type(self) -> str | None:
        value = self.headers.get("Content-Type")
        return value.split(";")[0].strip().lower() if value else None

    @property
    def expires(self) -> int | None:
        value = self.headers.get("Expires")
        if value is None:
            return None
        return parse_number(value, "Expires", limit=MAX_EXPIRES, clamp=True)

    @property
    def max_forwards(self) -> int | None:
        values = self.headers.get_all("Max-Forwards")
        if len(values) > 1:
            raise SipParseError("more than one Max-Forwards header")
        return parse_number(values[0], "Max-Forwards", limit=255) if values else None

    @property
    def text_body(self) -> str:
        return self.body.decode("utf-8", "replace")

    def _required(self, name: str) -> str:
        value = self.headers.get(name)
        if value is None:
            raise SipParseError(f"message has no {name} header")
        return value

    def _parse_once(self, kind: str, text: _Text, parser: Callable[[_Text], _Parsed]) -> _Parsed:
        key = (kind, text)
        hit = self._parsed.get(key)
        if hit is None:
            hit = self._parsed[key] = parser(text)
        return hit  # type: ignore[return-value]  # stored by this kind's parser

    def _via_elements(self) -> tuple[Via, ...]:
        lines = tuple(self.headers.get_all("Via"))
        return self._parse_once(
            "Via", lines, lambda _: tuple(Via.parse(v) for v in self.headers.values("Via"))
        )

    def _serialise(self, start_line: str) -> bytes:
        if _START_LINE_BAD.search(start_line):
            raise SipParseError(f"start line contains a control character: {excerpt(start_line)}")
        lines = [start_line]
        length = f"Content-Length: {len(self.body)}"
        for name, value in self.headers:
            if name != "Content-Length":
                lines.append(f"{name}: {value}")
            elif length:  # written where it was (the first time), with the true length
                lines.append(length)
                length = ""
        if length:
            lines.append(length)
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + self.body


@dataclass
class SipRequest(SipMessage):
    method: str = "OPTIONS"
    uri: Uri = field(default_factory=lambda: parse_uri("sip:invalid"))

    def to_bytes(self) -> bytes:
        if not is_token(self.method):
            raise SipParseError(f"bad method: {excerpt(self.method)}")
        return self._serialise(f"{self.method} {self.uri} {SIP_VERSION}")

    def __str__(self) -> str:
        return self.to_bytes().decode("utf-8", "replace")


@dataclass
class SipResponse(SipMessage):
    status: int = 200
    reason: str = "OK"

    def to_bytes(self) -> bytes:
        return self._serialise(f"{SIP_VERSION} {self.status} {self.reason}")

    @property
    def is_provisional(self) -> bool:
        return self.status < 200

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300

    def __str__(self) -> str:
        return self.to_bytes().decode("utf-8", "replace")


_MANDATORY = ("Via", "From", "To", "Call-ID", "CSeq")
# Header fields that may appear at most once and that framing or any response depends on
# (RFC 4475 §3.3.8 multi01, §3.3.9 mcl01).
_SINGLE = ("From", "To", "Call-ID", "CSeq", "Content-Length")


def parse_message(data: bytes | str) -> SipRequest | SipResponse:
    """Parse one SIP message; raises :class:`SipParseError` saying what is wrong.

    What framing and any response need is checked here (Via, From, To, Call-ID, CSeq,
    Content-Length), so those accessors don't fail later. Other structured headers (Contact,
    Expires, Max-Forwards) are checked by their accessors, so that a proxy or UAS can still
    answer 400 to a message whose, say, Contact is malformed.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise SipParseError("message text is not valid Unicode") from exc
    if len(data) > MAX_MESSAGE_BYTES:
        raise SipParseError(f"message of {len(data)} bytes exceeds {MAX_MESSAGE_BYTES}")
    raw = data.lstrip(b"\r\n")
    # The first empty line ends the header section; bare LF line ends are tolerated (seen
    # from sloppy peers), never produced.
    blank = _HEAD_END.search(raw)
    if blank is not None:
        head, body = raw[: blank.start()], raw[blank.end() :]
    elif raw.endswith(b"\n"):
        head, body = raw, b""  # the frame ends right after the last header line
    else:
        raise SipParseError("message has no end of headers (blank line)")
    try:
        head_text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError(f"header section is not UTF-8 (byte {exc.start})") from exc
    lines = _unfold(head_text)
    if not lines:
        raise SipParseError("empty message")
    start, *header_lines = lines
    if len(start) > MAX_HEADER_LINE:
        raise SipParseError(f"start line of {len(start)} characters: {excerpt(start)}")
    if len(header_lines) > MAX_HEADER_LINES:
        raise SipParseError(
            f"message has {len(header_lines)} header lines; at most {MAX_HEADER_LINES}"
        )
    headers = Headers()
    for line in header_lines:
        if len(line) > MAX_HEADER_LINE:
            raise SipParseError(
                f"header line of {len(line)} characters (at most {MAX_HEADER_LINE}): "
                f"{excerpt(line)}"
            )
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not is_token(name):
            raise SipParseError(f"bad header line: {excerpt(line)}")
        headers.add(name, value)
    message = _start_line(start, headers)
    _check_headers(message)
    message.body = _body(headers, body)
    return message


def _check_headers(message: SipRequest | SipResponse) -> None:
    headers = message.headers
    for name in _MANDATORY:
        if name not in headers:
            raise SipParseError(f"message has no {name} header")
    for name in _SINGLE:
        if len(headers.get_all(name)) > 1:
            raise SipParseError(f"more than one {name} header")
    call_id = message.call_id
    if not call_id or _SPACE.search(call_id):
        raise SipParseError(f"bad Call-ID: {excerpt(call_id)}")
    cseq = message.cseq
    _ = message.from_, message.to
    if not message.vias:
        raise SipParseError("message has no Via header")
    if isinstance(message, SipRequest) and cseq.method != message.method:
        raise SipParseError(
            f"CSeq method {cseq.method!r} does not match request method {message.method!r}"
        )


def _unfold(text: str) -> list[str]:
    """Split header lines, joining continuation lines (leading whitespace) to the previous."""
    lines: list[list[str]] = []
    for line in _LINE_BREAK.split(text):
        if line[:1] in (" ", "\t"):
            if len(lines) <= 1:
                raise SipParseError(f"continuation line with no header: {excerpt(line)}")
            lines[-1].append(line.strip())
        elif line:
            lines.append([line])
    return [" ".join(parts) for parts in lines]


def _start_line(line: str, headers: Headers) -> SipRequest | SipResponse:
    if _START_LINE_BAD.search(line):
        raise SipParseError(f"start line contains a control character: {excerpt(line)}")
    if line[:4].upper() == "SIP/":
        match = _STATUS_LINE.fullmatch(line)
        if not match:
            raise SipParseError(f"bad status line: {excerpt(line)}")
        if (match.group(1), match.group(2)) != ("2", "0"):
            raise SipParseError(f"unsupported SIP version: {excerpt(line)}")
        status = int(match.group(3))
        if not 100 <= status <= 699:
            raise SipParseError(f"status code out of range: {excerpt(line)}")
        return SipResponse(headers=headers, status=status, reason=match.group(4) or "")
    match = _REQUEST_LINE.fullmatch(line)
    if not match:
        raise SipParseError(f"bad request line: {excerpt(line)}")
    method, uri_text = match.group(1), match.group(2)
    if not is_token(method):
        raise SipParseError(f"bad method: {excerpt(method)}")
    if (match.group(3), match.group(4)) != ("2", "0"):
        raise SipParseError(f"unsupported SIP version: {excerpt(line)}")
    uri = parse_uri(uri_text)
    if isinstance(uri, SipUri) and uri.headers:
        # RFC 3261 §19.1.1: headers are not allowed in a Request-URI (RFC 4475 escruri).
        raise SipParseError(f"Request-URI must not contain headers ('?'): {excerpt(uri_text)}")
    return SipRequest(headers=headers, method=method, uri=uri)


def _body(headers: Headers, body: bytes) -> bytes:
    declared = headers.get("Content-Length")
    if declared is None:
        return body  # message-oriented transport: the frame delimits the body
    length = parse_number(declared, "Content-Length", limit=MAX_CONTENT_LENGTH)
    if length > len(body):
        raise SipParseError(f"Content-Length {length} exceeds the {len(body)} body bytes received")
    return body[:length]  # RFC 3261 §18.3: extra bytes in a datagram/frame are discarded


def make_response(
    request: SipRequest,
    status: int,
    reason: str | None = None,
    *,
    to_tag: str | None = None,
    copy_record_route: bool = False,
) -> SipResponse:
    """A response to *request* with Via, From, To, Call-ID and CSeq copied (RFC 3261 §8.2.6).

    *to_tag* is added to To unless the request's To already has a tag or *status* is 100.
    Control characters in *reason* (often built from exception text) become spaces.
    """
    headers = Headers()
    for value in request.headers.get_all("Via"):
        headers.add("Via", value)
    headers.add("From", request.headers.get("From") or "")
    to_value = request.headers.get("To") or ""
    if to_tag is not None and status != 100:
        to = NameAddr.parse(to_value)
        if to.tag is None:
            to_value = str(to.with_tag(to_tag))
    headers.add("To", to_value)
    headers.add("Call-ID", request.call_id)
    headers.add("CSeq", request.headers.get("CSeq") or "")
    if copy_record_route:
        for value in request.headers.get_all("Record-Route"):
            headers.add("Record-Route", value)
    reason = _START_LINE_BAD.sub(" ", reason or "").strip() or reason_phrase(status)
    return SipResponse(headers=headers, status=status, reason=reason)
