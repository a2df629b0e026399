"""Header names and structured header values: name-addr, Via, CSeq."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .errors import SipParseError, excerpt
from .grammar import (
    Params,
    end_of_quoted,
    format_params,
    is_token,
    parse_number,
    parse_params,
    quote,
    split_outside_quotes,
    unquote,
)
from .uri import SipUri, Uri, parse_host, parse_port, parse_uri

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

    # Each entry keeps its lower-case name beside the canonical one: every lookup compares
    # names case-insensitively, and a message is looked up a few dozen times.
    __slots__ = ("_items",)

    def __init__(self, items: list[tuple[str, str]] | None = None) -> None:
        self._items: list[tuple[str, str, str]] = []
        for name, value in items or []:
            self.add(name, value)

    def add(self, name: str, value: str, *, first: bool = False) -> None:
        canon = canonical_name(name)
        entry = (canon.lower(), canon, _check_value(value))
        if first:
            self._items.insert(0, entry)
        else:
            self._items.append(entry)

    def set(self, name: str, value: str) -> None:
        """Replace every field called *name* by one with *value* (keeps the position)."""
        canon = canonical_name(name)
        key = canon.lower()
        entry = (key, canon, _check_value(value))
        for i, item in enumerate(self._items):
            if item[0] == key:
                self._items[i] = entry
                self._items = [
                    item for j, item in enumerate(self._items) if j <= i or item[0] != key
                ]
                return
        self._items.append(entry)

    def remove(self, name: str) -> None:
        key = canonical_name(name).lower()
        self._items = [item for item in self._items if item[0] != key]

    def get(self, name: str, default: str | None = None) -> str | None:
        key = canonical_name(name).lower()
        for existing, _, value in self._items:
            if existing == key:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        """Every line's raw value for *name*, in order."""
        key = canonical_name(name).lower()
        return [value for existing, _, value in self._items if existing == key]

    def values(self, name: str) -> list[str]:
        """The elements of a list header across all its lines, in order."""
        raws = self.get_all(name)
        if canonical_name(name).lower() not in LIST_HEADERS:
            return raws
        out: list[str] = []
        for raw in raws:
            out.extend(part.strip() for part in split_outside_quotes(raw, ",") if part.strip())
        return out

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and is_token(name) and self.get(name) is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Headers):
            return NotImplemented
        return self._items == other._items

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter([(name, value) for _, name, value in self._items])

    def __len__(self) -> int:
        return len(self._items)

    def copy(self) -> Headers:
        clone = Headers()
        clone._items = list(self._items)
        return clone

    def __repr__(self) -> str:
        return f"Headers({[name for _, name, _ in self._items]})"


_BAD_VALUE = re.compile(r"[\r\n\x00\ud800-\udfff]")


def _check_value(value: str) -> str:
    """Refuse header injection: no CR or LF (nor NUL, nor unencodable lone surrogates)."""
    if _BAD_VALUE.search(value):
        raise SipParseError(f"header value contains a line break or NUL: {excerpt(value)}")
    return value.strip()


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
        if text.startswith('"'):
            end = end_of_quoted(text)
            rest = text[end:].lstrip()
            if not rest.startswith("<"):
                raise SipParseError(f"quoted display name without <URI>: {excerpt(text)}")
            return cls._bracketed(unquote(text[:end]), rest, text)
        angle, first_semi = text.find("<"), text.find(";")
        if angle >= 0 and (first_semi < 0 or angle < first_semi):
            words = text[:angle].split()
            if not all(is_token(w) for w in words):
                raise SipParseError(f"bad display name (quote it): {excerpt(text[:angle])}")
            return cls._bracketed(" ".join(words) or None, text[angle:], text)
        # addr-spec form: parameters after the URI belong to the header, not the URI,
        # and the URI itself can't contain ';', ',' or '?' here (RFC 3261 §20).
        uri_text, semi, after = text.partition(";")
        if "?" in uri_text or "," in uri_text:
            raise SipParseError(f"a URI with '?' or ',' must be enclosed in <>: {excerpt(text)}")
        return cls(parse_uri(uri_text), None, parse_params(semi + after, "address parameters"))

    @classmethod
    def _bracketed(cls, display_name: str | None, rest: str, whole: str) -> NameAddr:
        """*rest* is ``<uri>;params``."""
        uri_text, closed, after = rest[1:].partition(">")
        if not closed:
            raise SipParseError(f"unterminated <...> in address: {excerpt(whole)}")
        if uri_text != uri_text.strip():
            raise SipParseError(f"whitespace inside <...> in address: {excerpt(whole)}")
        after = after.strip()
        if after and not after.startswith(";"):
            raise SipParseError(f"junk after address: {excerpt(whole)}")
        return cls(parse_uri(uri_text), display_name, parse_params(after, "address parameters"))

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
        display = "" if self.display_name is None else f"{quote(self.display_name)} "
        return f"{display}<{self.uri}>{format_params(self.params)}"


# sent-protocol SP sent-by, with LWS allowed around '/' and ':' (RFC 3261 §20.42).
_VIA = re.compile(
    r"SIP\s*/\s*2\.0\s*/\s*([A-Za-z0-9.!%*_+`'~-]+)\s+(\[[^\]]*\]|[^\s:\[\]]+)(?:\s*:\s*(\S+))?",
    re.ASCII | re.IGNORECASE,
)


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
        head, semi, param_text = text.partition(";")
        match = _VIA.fullmatch(head.strip())
        if not match:
            raise SipParseError(f"bad Via (want SIP/2.0/transport host[:port]): {excerpt(text)}")
        transport, host_text, port_text = match.groups()
        port = None if port_text is None else parse_port(port_text, text)
        host = parse_host(host_text, text)
        return cls(transport.upper(), host, port, parse_params(semi + param_text, "Via"))

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
        if len(parts) != 2 or not is_token(parts[1]):
            raise SipParseError(f"bad CSeq: {excerpt(text)}")
        return cls(parse_number(parts[0], "CSeq number", limit=2**31 - 1), parts[1])

    def __str__(self) -> str:
        return f"{self.number} {self.method}"
