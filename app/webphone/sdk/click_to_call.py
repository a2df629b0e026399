"""Click to call: the ``tel:``, ``sip:``, ``sips:`` and ``callto:`` links a browser, CRM or
mail client hands to Webphone, checked and turned into a destination for ``call()``."""

from __future__ import annotations

import re
from urllib.parse import unquote

from .destination import InvalidDestination, normalise_destination

SCHEMES = ("tel", "sip", "sips", "callto")
MAX_LENGTH = 256  # a link longer than this is not a phone address
_TEL_NUMBER = re.compile(r"^\+?[0-9*#().\-]+$")


class InvalidLink(InvalidDestination):
    """A click-to-call link that can't be dialled; the message says why."""


def is_call_link(text: str) -> bool:
    """True if *text* looks like one of our link schemes (rather than an option)."""
    scheme, colon, _ = text.partition(":")
    return bool(colon) and scheme.lower() in SCHEMES


def destination_from_link(link: str, domain: str = "invalid.invalid") -> str:
    """The destination *link* asks to call, ready for ``Client.call()``.

    Raises :class:`InvalidLink` for anything that is not a dialable link: unknown
    scheme, letters in a ``tel:`` number, a ``sip:`` URI without host, overlong input.
    """
    if not isinstance(link, str):
        raise InvalidLink("a call link must be text")
    text = link.strip()
    if len(text) > MAX_LENGTH:
        raise InvalidLink(f"the link is {len(text)} characters long; at most {MAX_LENGTH}")
    scheme, colon, rest = text.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in SCHEMES:
        raise InvalidLink(f"{_short(text)!r} is not a tel:, sip:, sips: or callto: link")
    # Browsers percent-encode what they pass (tel:%2B1415...); "?headers" are not ours to send.
    rest = unquote(rest.split("?", 1)[0]).strip()
    if scheme == "callto":
        rest = rest.removeprefix("//")
        scheme = "tel" if _TEL_NUMBER.match("".join(rest.split())) else "sip"
        if scheme == "sip" and "@" not in rest:
            return _checked(rest, domain, text)
    if scheme == "tel":
        number = "".join(rest.split(";", 1)[0].split())
        if not number:
            raise InvalidLink("the tel: link has no number")
        if not _TEL_NUMBER.match(number):
            raise InvalidLink(
                f"the tel: number {_short(number)!r} may hold only digits, +, * and #"
            )
        return _checked(number, domain, text)
    user, at, host = rest.rpartition("@")
    if not at or not host.split(";", 1)[0].strip():
        raise InvalidLink(f"the {scheme}: link {_short(text)!r} has no host")
    if not user:
        raise InvalidLink(f"the {scheme}: link {_short(text)!r} has no user")
    return _checked(f"{scheme}:{rest}", domain, text)


def _checked(destination: str, domain: str, original: str) -> str:
    try:
        normalise_destination(destination, domain)
    except InvalidDestination as exc:
        raise InvalidLink(f"cannot call {_short(original)!r}: {exc}") from exc
    return destination


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
