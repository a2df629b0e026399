"""Click to call: the ``tel:``, ``sip:``, ``sips:`` and ``callto:`` links a browser, CRM or
mail client hands to Webphone, checked and turned into a destination for ``call()``.

A link comes from a web page, so whoever wrote the page chose it. Only the number, or
the user and host (and port) of a SIP URI, is taken from it: URI headers (``?Subject=``,
``?Call-Info=``), URI and user parameters (``;transport=``, ``;maddr=``,
``;phone-context=``) and passwords never reach the dial field or the INVITE. What can't
be reduced to that cleanly (control or invisible characters, percent-encoded line
breaks, quotes and angle brackets, non-ASCII look-alike letters, overlong input) is
refused with the reason, not repaired.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from ...sip.errors import SipParseError
from ...sip.uri import parse_host, parse_port
from ..core.destination import InvalidDestination, normalise_destination

SCHEMES = ("tel", "sip", "sips", "callto")
MAX_LENGTH = 256  # a link longer than this is not a phone address
_TEL_NUMBER = re.compile(r"\+?[0-9*#().\-]+", re.ASCII)
_DIALABLE = re.compile(r"[0-9*#]", re.ASCII)
# A SIP user from a link: RFC 3261 unreserved characters and the harmless user-unreserved
# ones; never ';', '?', ':', '/', '%', quotes, angle brackets or spaces.
_USER = re.compile(r"[A-Za-z0-9\-_.!~*'()&=+$,]+", re.ASCII)


class InvalidLink(InvalidDestination):
    """A click-to-call link that can't be dialled; the message says why."""


def is_call_link(text: str) -> bool:
    """True if *text* looks like one of our link schemes (rather than an option)."""
    scheme, colon, _ = text.partition(":")
    return bool(colon) and scheme.lower() in SCHEMES


def destination_from_link(link: str, domain: str = "invalid.invalid") -> str:
    """The destination *link* asks to call, ready for ``Client.call()``: a number
    (``+14155550100``), a user (``alice``) or ``sip:user@host[:port]``, nothing else.

    Raises :class:`InvalidLink` for anything that is not a dialable link: unknown
    scheme, letters in a ``tel:`` number, a ``sip:`` URI without host, control or
    look-alike characters, overlong input.
    """
    if not isinstance(link, str):
        raise InvalidLink("a call link must be text")
    text = link.strip()
    if len(text) > MAX_LENGTH:
        raise InvalidLink(f"the link is {len(text)} characters long; at most {MAX_LENGTH}")
    scheme, colon, rest = text.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in SCHEMES:
        raise InvalidLink(f"{printable(text)!r} is not a tel:, sip:, sips: or callto: link")
    # "?headers" are not ours to send; browsers percent-encode what they pass
    # (tel:%2B1415...), so decode once, then check what the escapes hid.
    try:
        rest = unquote(rest.split("?", 1)[0], errors="strict")
    except UnicodeDecodeError as exc:
        raise InvalidLink(
            f"the link {printable(text)!r} has %-escapes that are not UTF-8 text"
        ) from exc
    _refuse_hidden_characters(rest, text)
    rest = rest.strip()
    if scheme == "callto":
        rest = rest.removeprefix("//").removesuffix("/")
        scheme = "tel" if _TEL_NUMBER.fullmatch("".join(rest.split())) else "sip"
        if scheme == "sip" and "@" not in rest:
            return _checked(_user(rest, text), domain, text)
    if scheme == "tel":
        return _checked(_tel_number(rest), domain, text)
    return _checked(_sip_address(scheme, rest, text), domain, text)


def printable(text: str, limit: int = 60) -> str:
    """*text* shortened to *limit* characters with anything unprintable (line breaks,
    bidirectional overrides, zero-width characters) shown as ``\\uXXXX``: safe to show
    the user in a message or a log line."""
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")


def _refuse_hidden_characters(rest: str, original: str) -> None:
    for char in rest:
        if not char.isprintable() or unicodedata.category(char) in ("Cc", "Cf"):
            raise InvalidLink(
                f"the link {printable(original)!r} contains a control or invisible "
                f"character (U+{ord(char):04X})"
            )
        if not char.isascii():
            raise InvalidLink(
                f"the link {printable(original)!r} contains the non-ASCII character "
                f"{char!r} (U+{ord(char):04X}); look-alike letters and digits are refused"
            )
        if char in '"<>\\`{}|^':
            raise InvalidLink(f"the link {printable(original)!r} contains {char!r}")


def _tel_number(rest: str) -> str:
    number = "".join(rest.split(";", 1)[0].split())  # parameters dropped, spaces too
    if not number:
        raise InvalidLink("the tel: link has no number")
    if not _TEL_NUMBER.fullmatch(number) or not _DIALABLE.search(number):
        raise InvalidLink(f"the tel: number {printable(number)!r} may hold only digits, +, * and #")
    return number


def _user(user: str, original: str) -> str:
    if not _USER.fullmatch(user):
        raise InvalidLink(
            f"the user {printable(user)!r} in {printable(original)!r} may hold only "
            "letters, digits and - _ . ! ~ * ' ( ) & = + $ ,"
        )
    return user


def _sip_address(scheme: str, rest: str, original: str) -> str:
    userinfo, at, hostpart = rest.rpartition("@")
    hostport = hostpart.split(";", 1)[0].strip()  # URI parameters dropped
    if not at or not hostport:
        raise InvalidLink(f"the {scheme}: link {printable(original)!r} has no host")
    user, colon, _ = userinfo.split(";", 1)[0].partition(":")  # user parameters dropped
    if colon:
        raise InvalidLink(f"the {scheme}: link {printable(original)!r} carries a password")
    if not user:
        raise InvalidLink(f"the {scheme}: link {printable(original)!r} has no user")
    host, port = _host_port(hostport, original)
    return f"{scheme}:{_user(user, original)}@{host}" + (f":{port}" if port else "")


def _host_port(text: str, original: str) -> tuple[str, int | None]:
    if text.startswith("["):  # [IPv6]:port
        end = text.find("]") + 1 or len(text)
        host_text, port_text = text[:end], text[end:]
    else:
        host_text, colon, port = text.partition(":")
        port_text = colon + port
    try:
        host = parse_host(host_text, original)
        if port_text and not port_text.startswith(":"):
            raise SipParseError(f"bad host: {printable(text)!r}")
        port_number = parse_port(port_text[1:], original) if port_text else None
    except SipParseError as exc:
        raise InvalidLink(f"cannot call {printable(original)!r}: {exc}") from exc
    return host, port_number


def _checked(destination: str, domain: str, original: str) -> str:
    try:
        uri = normalise_destination(destination, domain)
    except InvalidDestination as exc:
        raise InvalidLink(f"cannot call {printable(original)!r}: {exc}") from exc
    # What was checked above is all that reaches the INVITE; make sure of it.
    if uri.params or uri.headers or uri.password is not None:
        raise InvalidLink(f"cannot call {printable(original)!r}: it carries more than an address")
    return destination
