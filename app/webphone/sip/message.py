"""SIP requests and responses: parsing, serialising and the common accessors.

The parser works on one complete message, as a WebSocket frame delivers it (RFC 7118
§5: one message per frame). Content-Length counts bytes of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import SipParseError, excerpt
from .grammar import is_token
from .headers import CSeq, Headers, NameAddr, Via
from .status import reason_phrase
from .uri import Uri, parse_uri

SIP_VERSION = "SIP/2.0"
_STATUS_LINE = re.compile(r"^SIP/(\d+)\.(\d+) (\d{3})(?: (.*))?$")
_REQUEST_LINE = re.compile(r"^(\S+) (\S+) SIP/(\d+)\.(\d+)$")
MAX_MESSAGE_BYTES = 256 * 1024


@dataclass
class SipMessage:
    """Fields shared by requests and responses."""

    headers: Headers = field(default_factory=Headers)
    body: bytes = b""

    # -- common structured accessors (raise SipParseError when the header is bad) --
    @property
    def call_id(self) -> str:
        return self._required("Call-ID")

    @property
    def cseq(self) -> CSeq:
        return CSeq.parse(self._required("CSeq"))

    @property
    def from_(self) -> NameAddr:
        return NameAddr.parse(self._required("From"))

    @property
    def to(self) -> NameAddr:
        return NameAddr.parse(self._required("To"))

    @property
    def vias(self) -> list[Via]:
        return [Via.parse(v) for v in self.headers.values("Via")]

    @property
    def top_via(self) -> Via:
        values = self.headers.values("Via")
        if not values:
            raise SipParseError("message has no Via header")
        return Via.parse(values[0])

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
        if not value.strip().isdigit():
            raise SipParseError(f"bad Expires: {excerpt(value)}")
        return int(value)

    @property
    def text_body(self) -> str:
        return self.body.decode("utf-8", "replace")

    def _required(self, name: str) -> str:
        value = self.headers.get(name)
        if value is None:
            raise SipParseError(f"message has no {name} header")
        return value

    def _serialise(self, start_line: str) -> bytes:
        lines = [start_line]
        lines.extend(f"{name}: {value}" for name, value in self.headers if name != "Content-Length")
        lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + self.body


@dataclass
class SipRequest(SipMessage):
    method: str = "OPTIONS"
    uri: Uri = field(default_factory=lambda: parse_uri("sip:invalid"))

    def to_bytes(self) -> bytes:
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


def parse_message(data: bytes | str) -> SipRequest | SipResponse:
    """Parse one SIP message; raises :class:`SipParseError` saying what is wrong."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_MESSAGE_BYTES:
        raise SipParseError(f"message of {len(raw)} bytes exceeds {MAX_MESSAGE_BYTES}")
    raw = raw.lstrip(b"\r\n")
    head_end = raw.find(b"\r\n\r\n")
    sep_len = 4
    if head_end < 0:
        # Tolerate bare-LF line endings (seen from sloppy peers), never require them.
        head_end = raw.find(b"\n\n")
        sep_len = 2
    if head_end < 0:
        head, body = raw, b""
        if not raw.endswith((b"\r\n", b"\n")):
            raise SipParseError("message has no end of headers (blank line)")
    else:
        head, body = raw[:head_end], raw[head_end + sep_len :]
    try:
        head_text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError(f"header section is not UTF-8 (byte {exc.start})") from exc
    lines = _unfold(head_text)
    if not lines:
        raise SipParseError("empty message")
    start, *header_lines = lines
    headers = Headers()
    for line in header_lines:
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not is_token(name):
            raise SipParseError(f"bad header line: {excerpt(line)}")
        headers.add(name, value)
    message = _start_line(start, headers)
    for name in _MANDATORY:
        if name not in headers:
            raise SipParseError(f"message has no {name} header")
    cseq = message.cseq
    _ = message.from_, message.to, message.top_via
    if isinstance(message, SipRequest) and cseq.method != message.method:
        raise SipParseError(
            f"CSeq method {cseq.method!r} does not match request method {message.method!r}"
        )
    message.body = _body(headers, body)
    return message


def _unfold(text: str) -> list[str]:
    """Split header lines, joining continuation lines (leading whitespace) to the previous."""
    lines: list[str] = []
    for line in re.split(r"\r\n|\n", text):
        if line[:1] in (" ", "\t"):
            if len(lines) <= 1:
                raise SipParseError(f"continuation line with no header: {excerpt(line)}")
            lines[-1] += " " + line.strip()
        elif line:
            lines.append(line)
    return lines


def _start_line(line: str, headers: Headers) -> SipRequest | SipResponse:
    if line.startswith("SIP/"):
        match = _STATUS_LINE.match(line)
        if not match:
            raise SipParseError(f"bad status line: {excerpt(line)}")
        if (match.group(1), match.group(2)) != ("2", "0"):
            raise SipParseError(f"unsupported SIP version: {excerpt(line)}")
        status = int(match.group(3))
        if not 100 <= status <= 699:
            raise SipParseError(f"status code out of range: {excerpt(line)}")
        return SipResponse(headers=headers, status=status, reason=match.group(4) or "")
    match = _REQUEST_LINE.match(line)
    if not match:
        raise SipParseError(f"bad request line: {excerpt(line)}")
    method, uri_text = match.group(1), match.group(2)
    if not is_token(method):
        raise SipParseError(f"bad method: {excerpt(method)}")
    if (match.group(3), match.group(4)) != ("2", "0"):
        raise SipParseError(f"unsupported SIP version: {excerpt(line)}")
    return SipRequest(headers=headers, method=method, uri=parse_uri(uri_text))


def _body(headers: Headers, body: bytes) -> bytes:
    declared = headers.get("Content-Length")
    if declared is None:
        return body  # message-oriented transport: the frame delimits the body
    if not declared.isdigit():
        raise SipParseError(f"bad Content-Length: {excerpt(declared)}")
    length = int(declared)
    if length > len(body):
        raise SipParseError(f"Content-Length {length} exceeds the {len(body)} body bytes received")
    return body[:length]


def make_response(
    request: SipRequest,
    status: int,
    reason: str | None = None,
    *,
    to_tag: str | None = None,
    copy_record_route: bool = False,
) -> SipResponse:
    """A response to *request* with Via, From, To, Call-ID and CSeq copied (RFC 3261 §8.2.6)."""
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
    return SipResponse(headers=headers, status=status, reason=reason or reason_phrase(status))
