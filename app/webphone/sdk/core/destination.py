"""Turning what a user types (a number, a username, a SIP URI) into a request-URI (SPEC.md §4.2)."""

from __future__ import annotations

import re

from ...sip.errors import SipParseError
from ...sip.uri import SipUri, TelUri, parse_uri

_PHONE = re.compile(r"^\+?[0-9().\-]+$")
_VISUAL_SEPARATORS = re.compile(r"[().\-]")


class InvalidDestination(ValueError):
    """The destination can't be made into a SIP URI; the message says why."""


def normalise_destination(dest: object, domain: str) -> SipUri:
    """``+1 (415) 555-1234`` → ``sip:+14155551234@domain``; ``alice`` → ``sip:alice@domain``;
    ``sip:bob@example.com`` unchanged; ``tel:`` numbers become users at *domain*."""
    if not isinstance(dest, str):
        raise InvalidDestination(f"destination must be a string, got {type(dest).__name__}")
    text = "".join(dest.split())
    if not text:
        raise InvalidDestination("Destination address cannot be null and the length must be > 0")
    lower = text.lower()
    if lower.startswith("tel:"):
        try:
            tel = parse_uri(text)
        except SipParseError as exc:
            raise InvalidDestination(f"invalid tel: URI {dest!r}: {exc}") from exc
        assert isinstance(tel, TelUri)
        return SipUri(domain, _VISUAL_SEPARATORS.sub("", tel.number))
    if not lower.startswith(("sip:", "sips:")):
        text = "sip:" + text
    scheme, _, rest = text.partition(":")
    user, at, host = rest.rpartition("@")
    if not at:
        user, host = rest, domain
    if not user:
        raise InvalidDestination(f"destination {dest!r} has no user part")
    if _PHONE.match(user):
        user = _VISUAL_SEPARATORS.sub("", user)
    try:
        host_uri = parse_uri(f"{scheme.lower()}:x@{host}")
    except SipParseError as exc:
        raise InvalidDestination(f"invalid destination {dest!r}: {exc}") from exc
    assert isinstance(host_uri, SipUri)
    try:
        # The user part may carry %-escapes already; decode them once so they are not doubled.
        decoded = SipUri.parse(f"sip:{user}@x").user if "%" in user else user
    except SipParseError as exc:
        raise InvalidDestination(f"invalid user part in {dest!r}: {exc}") from exc
    return SipUri(
        host_uri.host,
        decoded,
        port=host_uri.port,
        scheme=host_uri.scheme,
        params=host_uri.params,
        headers=host_uri.headers,
    )
