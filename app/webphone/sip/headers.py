"""Header names and structured header values: name-addr, Via, CSeq."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .errors import SipParseError, excerpt
from .grammar import (
    Params,
    format_params,
    is_token,
    parse_params,
    quote,
    split_outside_quotes,
    unquote,
)
from .uri import SipUri, Uri, parse_uri

COMPACT_FORMS = {
    "i": "Call-ID",
    "m": "Contact",
    "e": "Content-Encoding",
    "l": "Content-Length",
    "c": "Content-Type",
    "f": "From",
    "s": "Subject",
    "k": "Supported",
    "t": "To",
    "v": "Via",
    "o": "Event",
    "r": "Refer-To",
    "b": "Referred-By",
    "u": "Allow-Events",
    "a": "Accept-Contact",
    "j": "Reject-Contact",
    "d": "Request-Disposition",
    "x": "Session-Expires",
    "y": "Identity",
}

_CANONICAL = {
    name.lower(): name
    for name in (
        *COMPACT_FORMS.values(),
        "Accept",
        "Accept-Encoding",
        "Accept-Language",
        "Alert-Info",
        "Allow",
        "Authentication-Info",
        "Authorization",
        "Call-Info",
        "Content-Disposition",
        "Content-Language",
        "CSeq",
        "Date",
        "Error-Info",
        "Expires",
        "In-Reply-To",
        "Max-Forwards",
        "Min-Expires",
        "MIME-Version",
        "Organization",
        "Path",
        "Priority",
        "Proxy-Authenticate",
        "Proxy-Authorization",
        "Proxy-Require",
        "Reason",
        "Record-Route",
        "Reply-To",
        "Require",
        "Retry-After",
        "Route",
        "Server",
        "Service-Route",
        "Timestamp",
        "Unsupported",
        "User-Agent",
        "Warning",
        "WWW-Authenticate",
        "RSeq",
        "RAck",
        "P-Asserted-Identity",
        "Replaces",
    )
}

# Headers whose value is a comma-separated list (RFC 3261 §7.3.1); the others (notably
# the authentication headers and Date) contain commas that are not list separators.
LIST_HEADERS = frozenset(
    name.lower()
    for name in (
        "Via",
        "Contact",
        "Route",
        "Record-Route",
        "Path",
        "Service-Route",
        "Allow",
        "Supported",
        "Require",
        "Proxy-Require",
        "Unsupported",
        "Accept",
        "Accept-Encoding",
        "Accept-Language",
        "Content-Encoding",
        "Allow-Events",
        "In-Reply-To",
        "Reason",
        "P-Asserted-Identity",
        "Alert-Info",
        "Call-Info",
        "Error-Info",
        "Warning",
    )
)


@functools.lru_cache(maxsize=512)
def canonical_name(name: str) -> str:
    """Long, conventionally capitalised form of a header name (compact forms expanded).

    Cached: every header lookup goes through here, with a small set of names.
    """
    if not is_token(name):
        raise SipParseError(f"bad header name: {excerpt(name)}")
    lower = name.lower()
    if lower in COMPACT_FORMS:
        return COMPACT_FORMS[lower]
    return _CANONICAL.get(lower, name)


class Headers:
    """Ordered, case-insensitive multi-map of header fields.

    Values are kept as text, one entry per header line; :meth:`values` splits list
    headers ("Via: a, b") into their elements.
    """

    __slots__ = ("_items",)

    def __init__(self, items: list[tuple[str, str]] | None = None) -> None:
        self._items: list[tuple[str, str]] = []
        for name, value in items or []:
            self.add(name, value)

    def add(self, name: str, value: str, *, first: bool = False) -> None:
        entry = (canonical_name(name), _check_value(value))
        if first:
            self._items.insert(0, entry)
        else:
            self._items.append(entry)

    def set(self, name: str, value: str) -> None:
        """Replace every field called *name* by one with *value* (keeps the position)."""
        canon = canonical_name(name)
        key = canon.lower()
        value = _check_value(value)
        for i, (existing, _) in enumerate(self._items):
            if existing.lower() == key:
                self._items[i] = (canon, value)
                self._items = [
                    item for j, item in enumerate(self._items) if j <= i or item[0].lower() != key
                ]
                return
        self._items.append((canon, value))

    def remove(self, name: str) -> None:
        key = canonical_name(name).lower()
        self._items = [item for item in self._items if item[0].lower() != key]

    def get(self, name: str, default: str | None = None) -> str | None:
        key = canonical_name(name).lower()
        for existing, value in self._items:
            if existing.lower() == key:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        """Every line's raw value for *name*, in order."""
        key = canonical_name(name).lower()
        return [value for existing, value in self._items if existing.lower() == key]

    def values(self, name: str) -> list[str]:
        """The elements of a list header across all its lines, in order."""
        out: list[str] = []
        for raw in self.get_all(name):
            if canonical_name(name).lower() in LIST_HEADERS:
                out.extend(part.strip() for part in split_outside_quotes(raw, ",") if part.strip())
            else:
                out.append(raw)
        return out

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def copy(self) -> Headers:
        clone = Headers()
        clone._items = list(self._items)
        return clone

    def __repr__(self) -> str:
        return f"Headers({[name for name, _ in self._items]})"


def _check_value(value: str) -> str:
    if "\r" in value or "\n" in value or "\x00" in value:
        raise SipParseError(f"header value contains a line break or NUL: {excerpt(value)}")
    return value.strip()


def _end_of_quoted(text: str) -> int:
    """Index just past the quoted-string that *text* starts with."""
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    raise SipParseError(f"unterminated quoted string: {excerpt(text)}")


@dataclass(frozen=True)
class NameAddr:
    """``"Display" <uri>;params`` as used by From, To, Contact, Route, Record-Route."""

    uri: Uri
    display_name: str | None = None
    params: Params = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> NameAddr:
        text = text.strip()
        if not text:
            raise SipParseError("empty address")
        if "<" in text:
            # A quoted display name may itself contain '<': skip past it first.
            quote_end = _end_of_quoted(text) if text.startswith('"') else 0
            prefix, _, rest = text[quote_end:].partition("<")
            prefix = text[:quote_end] + prefix
            uri_text, closed, after = rest.partition(">")
            if not closed:
                raise SipParseError(f"unterminated <...> in address: {excerpt(text)}")
            display = prefix.strip()
            display_name: str | None = None
            if display:
                if display.startswith('"'):
                    display_name = unquote(display)
                else:
                    words = display.split()
                    if not all(is_token(w) for w in words):
                        raise SipParseError(f"bad display name: {excerpt(display)}")
                    display_name = " ".join(words)
            params = parse_params(after, "address parameters")
            if after.strip() and not after.strip().startswith(";"):
                raise SipParseError(f"junk after address: {excerpt(text)}")
            return cls(parse_uri(uri_text), display_name, params)
        # addr-spec form: parameters after the URI belong to the header, not the URI,
        # and the URI itself can't contain ';', ',' or '?' here (RFC 3261 §20).
        uri_text, _, after = text.partition(";")
        return cls(parse_uri(uri_text), None, parse_params(after, "address parameters"))

    @property
    def tag(self) -> str | None:
        return self.params.get("tag")

    @property
    def sip_uri(self) -> SipUri:
        if not isinstance(self.uri, SipUri):
            raise SipParseError(f"expected a sip: URI, got {excerpt(str(self.uri))}")
        return self.uri

    def with_tag(self, tag: str) -> NameAddr:
        return replace(self, params={**self.params, "tag": tag})

    def __str__(self) -> str:
        display = f"{quote(self.display_name)} " if self.display_name else ""
        return f"{display}<{self.uri}>{format_params(self.params)}"


_VIA_PROTOCOL = re.compile(r"^SIP\s*/\s*2\.0\s*/\s*([A-Za-z0-9-]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Via:
    """One Via element: ``SIP/2.0/WSS host:port;branch=...``."""

    transport: str
    host: str
    port: int | None = None
    params: Params = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Via:
        text = text.strip()
        head, _, param_text = text.partition(";")
        parts = head.rsplit(None, 1)
        if len(parts) != 2:
            raise SipParseError(f"bad Via: {excerpt(text)}")
        match = _VIA_PROTOCOL.match(parts[0].strip())
        if not match:
            raise SipParseError(f"bad Via protocol: {excerpt(text)}")
        sent_by = parts[1]
        port: int | None = None
        if sent_by.startswith("["):
            host, _, port_text = sent_by.partition("]")
            host += "]"
            port_text = port_text.lstrip(":")
        else:
            host, _, port_text = sent_by.partition(":")
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise SipParseError(f"bad Via port: {excerpt(text)}")
            port = int(port_text)
        if not host:
            raise SipParseError(f"Via without host: {excerpt(text)}")
        return cls(match.group(1).upper(), host.lower(), port, parse_params(param_text, "Via"))

    @property
    def branch(self) -> str | None:
        return self.params.get("branch")

    def __str__(self) -> str:
        port = "" if self.port is None else f":{self.port}"
        return f"SIP/2.0/{self.transport} {self.host}{port}{format_params(self.params)}"


@dataclass(frozen=True)
class CSeq:
    number: int
    method: str

    @classmethod
    def parse(cls, text: str) -> CSeq:
        parts = text.split()
        if len(parts) != 2 or not parts[0].isdigit() or not is_token(parts[1]):
            raise SipParseError(f"bad CSeq: {excerpt(text)}")
        number = int(parts[0])
        if number >= 2**31:
            raise SipParseError(f"CSeq number out of range: {excerpt(text)}")
        return cls(number, parts[1])

    def __str__(self) -> str:
        return f"{self.number} {self.method}"
