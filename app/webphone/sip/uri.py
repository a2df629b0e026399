"""SIP, SIPS and TEL URIs (RFC 3261 §19.1, RFC 3966), with escaping."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace

from .errors import SipParseError, excerpt
from .grammar import (
    HNV_UNRESERVED,
    PARAM_UNRESERVED,
    PASSWORD_UNRESERVED,
    UNRESERVED,
    USER_UNRESERVED,
    Params,
    escape,
    is_token,
    parse_number,
    unescape,
)

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}\.?", re.ASCII)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*", re.ASCII)
_TEL_NUMBER = re.compile(r"\+?[0-9A-Fa-f*#().\-]+", re.ASCII)
# Never part of a URI and dangerous in a header: controls, whitespace, quotes, angle brackets
# (and lone surrogates, which can't be encoded). Other non-ASCII text is tolerated.
_BAD_URI_CHAR = re.compile(r'[\s\x00-\x20\x7f-\x9f"<>\ud800-\udfff]')


def parse_host(text: str, whole: str) -> str:
    """A hostname, IPv4 address or ``[IPv6]`` reference, lower-cased."""
    if text.startswith("["):
        if not text.endswith("]"):
            raise SipParseError(f"unterminated IPv6 reference: {excerpt(whole)}")
        try:
            ipaddress.IPv6Address(text[1:-1])
        except ValueError as exc:
            raise SipParseError(f"bad IPv6 address: {excerpt(whole)}") from exc
        return text.lower()
    if not _HOSTNAME.fullmatch(text):
        raise SipParseError(f"bad host: {excerpt(whole)}")
    return text.lower()


def parse_port(text: str, whole: str) -> int:
    port = parse_number(text, "port", limit=65535) if text else 0
    if port == 0:
        raise SipParseError(f"bad port: {excerpt(whole)}")
    return port


@dataclass(frozen=True, eq=True)
class SipUri:
    """A ``sip:`` or ``sips:`` URI. Components are stored unescaped."""

    host: str
    user: str | None = None
    password: str | None = None
    port: int | None = None
    scheme: str = "sip"
    params: Params = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> SipUri:
        """Parse a SIP/SIPS URI; raises :class:`SipParseError` with the reason."""
        uri = parse_uri(text)
        if not isinstance(uri, SipUri):
            raise SipParseError(f"not a sip: or sips: URI: {excerpt(text)}")
        return uri

    @property
    def transport(self) -> str | None:
        value = self.params.get("transport")
        return value.lower() if value else None

    @property
    def host_port(self) -> str:
        return self.host if self.port is None else f"{self.host}:{self.port}"

    @property
    def aor(self) -> str:
        """The address of record: scheme, user and host, without port or parameters."""
        user = f"{escape(self.user, UNRESERVED | USER_UNRESERVED)}@" if self.user else ""
        return f"{self.scheme}:{user}{self.host}"

    def with_params(self, **params: str | None) -> SipUri:
        merged = dict(self.params)
        merged.update({k.replace("_", "-"): v for k, v in params.items()})
        return replace(self, params=merged)

    def without_params(self, *names: str) -> SipUri:
        return replace(self, params={k: v for k, v in self.params.items() if k not in names})

    def __str__(self) -> str:
        userinfo = ""
        if self.user is not None:
            userinfo = escape(self.user, UNRESERVED | USER_UNRESERVED)
            if self.password is not None:
                userinfo += ":" + escape(self.password, UNRESERVED | PASSWORD_UNRESERVED)
            userinfo += "@"
        params = "".join(
            f";{escape(k, UNRESERVED | PARAM_UNRESERVED)}"
            + ("" if v is None else "=" + escape(v, UNRESERVED | PARAM_UNRESERVED))
            for k, v in self.params.items()
        )
        headers = ""
        if self.headers:
            headers = "?" + "&".join(
                f"{escape(k, UNRESERVED | HNV_UNRESERVED)}={escape(v, UNRESERVED | HNV_UNRESERVED)}"
                for k, v in self.headers.items()
            )
        return f"{self.scheme}:{userinfo}{self.host_port}{params}{headers}"


@dataclass(frozen=True, eq=True)
class TelUri:
    """A ``tel:`` URI (RFC 3966); *number* keeps its visual separators."""

    number: str
    params: Params = field(default_factory=dict)

    @property
    def is_global(self) -> bool:
        return self.number.startswith("+")

    def __str__(self) -> str:
        params = "".join(
            f";{k}" if v is None else f";{k}={escape(v, UNRESERVED | PARAM_UNRESERVED)}"
            for k, v in self.params.items()
        )
        return f"tel:{self.number}{params}"


@dataclass(frozen=True, eq=True)
class AbsoluteUri:
    """Any other absolute URI (http:, urn:, ...), kept verbatim."""

    scheme: str
    text: str

    def __str__(self) -> str:
        return self.text


Uri = SipUri | TelUri | AbsoluteUri


def parse_uri(text: str) -> Uri:
    """Parse any URI that may appear in a SIP message (surrounding whitespace ignored)."""
    text = text.strip()
    scheme, colon, rest = text.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        raise SipParseError(f"not an absolute URI: {excerpt(text)}")
    if not rest:
        raise SipParseError(f"empty URI after the scheme: {excerpt(text)}")
    if _BAD_URI_CHAR.search(rest):
        raise SipParseError(
            f"URI contains whitespace, a control character, '\"' or '<>': {excerpt(text)}"
        )
    scheme = scheme.lower()
    if scheme in ("sip", "sips"):
        return _parse_sip(scheme, rest, text)
    if scheme == "tel":
        return _parse_tel(rest, text)
    return AbsoluteUri(scheme, f"{scheme}:{rest}")


def _parse_sip(scheme: str, rest: str, whole: str) -> SipUri:
    # The user part may contain '?', ';' and ',' (RFC 3261 user-unreserved) while '@' must
    # be escaped everywhere after it, so split off the userinfo first, then the headers.
    userinfo, at, hostpart = rest.rpartition("@")
    hostpart, _, header_text = hostpart.partition("?")
    user: str | None = None
    password: str | None = None
    if at:
        user_text, colon, pw_text = userinfo.partition(":")
        if not user_text:
            raise SipParseError(f"empty user part in URI: {excerpt(whole)}")
        user = unescape(user_text, "URI user")
        password = unescape(pw_text, "URI password") if colon else None
    hostport, *param_items = hostpart.split(";")
    port: int | None = None
    if hostport.startswith("["):
        end = hostport.find("]") + 1
        host_text, port_text = hostport[:end], hostport[end:]
        if not end or (port_text and not port_text.startswith(":")):
            raise SipParseError(f"bad host in URI: {excerpt(whole)}")
        has_port, port_text = bool(port_text), port_text[1:]
    else:
        host_text, has_colon, port_text = hostport.partition(":")
        has_port = bool(has_colon)
    if has_port:
        port = parse_port(port_text, whole)
    host = parse_host(host_text, whole)
    params: Params = {}
    for item in param_items:
        if not item:
            continue
        name, eq, value = item.partition("=")
        name = unescape(name, "URI parameter").lower()
        if not name:
            raise SipParseError(f"empty URI parameter name: {excerpt(whole)}")
        if name in params:
            raise SipParseError(f"duplicate URI parameter {name!r}: {excerpt(whole)}")
        params[name] = unescape(value, "URI parameter") if eq else None
    headers: dict[str, str] = {}
    if header_text:
        for item in header_text.split("&"):
            name, eq, value = item.partition("=")
            if not name or not eq:
                raise SipParseError(f"bad URI header: {excerpt(whole)}")
            headers[unescape(name, "URI header")] = unescape(value, "URI header")
    return SipUri(host, user, password, port, scheme, params, headers)


def _parse_tel(rest: str, whole: str) -> TelUri:
    number, *param_items = rest.split(";")
    if not _TEL_NUMBER.fullmatch(number):
        raise SipParseError(f"bad telephone number in tel: URI: {excerpt(whole)}")
    params: Params = {}
    for item in param_items:
        name, eq, value = item.partition("=")
        if not is_token(name):
            raise SipParseError(f"bad tel: URI parameter: {excerpt(whole)}")
        if name.lower() in params:
            raise SipParseError(f"duplicate tel: URI parameter {name!r}: {excerpt(whole)}")
        params[name.lower()] = unescape(value, "tel: parameter") if eq else None
    return TelUri(number, params)
