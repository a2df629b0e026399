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
    format_params,
    is_token,
    unescape,
)

_HOSTNAME = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
_TEL_CHARS = re.compile(r"^\+?[0-9A-Fa-f*#().\-]+$")


def _parse_host(text: str, whole: str) -> str:
    if text.startswith("["):
        if not text.endswith("]"):
            raise SipParseError(f"unterminated IPv6 reference in URI: {excerpt(whole)}")
        try:
            ipaddress.IPv6Address(text[1:-1])
        except ValueError as exc:
            raise SipParseError(f"bad IPv6 address in URI: {excerpt(whole)}") from exc
        return text.lower()
    if not text or not _HOSTNAME.match(text):
        raise SipParseError(f"bad host in URI: {excerpt(whole)}")
    return text.lower()


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
        return f"tel:{self.number}{format_params(self.params)}"


@dataclass(frozen=True, eq=True)
class AbsoluteUri:
    """Any other absolute URI (http:, urn:, ...), kept verbatim."""

    scheme: str
    text: str

    def __str__(self) -> str:
        return self.text


Uri = SipUri | TelUri | AbsoluteUri


def parse_uri(text: str) -> Uri:
    """Parse any URI that may appear in a SIP message."""
    text = text.strip()
    scheme, colon, rest = text.partition(":")
    if not colon or not _SCHEME.match(scheme):
        raise SipParseError(f"not an absolute URI: {excerpt(text)}")
    scheme = scheme.lower()
    if any(ch.isspace() for ch in rest) or not rest:
        raise SipParseError(f"bad URI: {excerpt(text)}")
    if scheme in ("sip", "sips"):
        return _parse_sip(scheme, rest, text)
    if scheme == "tel":
        return _parse_tel(rest, text)
    return AbsoluteUri(scheme, text)


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
        end = hostport.find("]")
        host_text, port_text = hostport[: end + 1], hostport[end + 1 :]
        if port_text and not port_text.startswith(":"):
            raise SipParseError(f"bad host in URI: {excerpt(whole)}")
        port_text = port_text[1:]
        has_port = bool(hostport[end + 1 :])
    else:
        host_text, has_colon, port_text = hostport.partition(":")
        has_port = bool(has_colon)
    if has_port:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise SipParseError(f"bad port in URI: {excerpt(whole)}")
        port = int(port_text)
    host = _parse_host(host_text, whole)
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
    if not _TEL_CHARS.match(number):
        raise SipParseError(f"bad telephone number in tel: URI: {excerpt(whole)}")
    params: Params = {}
    for item in param_items:
        name, eq, value = item.partition("=")
        if not is_token(name):
            raise SipParseError(f"bad tel: URI parameter: {excerpt(whole)}")
        params[name.lower()] = unescape(value, "tel: parameter") if eq else None
    return TelUri(number, params)
