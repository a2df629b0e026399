"""What a contact's number or SIP address means, and when two of them are the same party.

A person types ``+1 555 0100``, a server sends ``15550100@pbx`` or ``sip:15550100@pbx``,
the demo service says ``ring@127.0.0.1``: all name a party the address book may know. Each
is reduced to an :class:`AddressKey` (the number's digits when the user part is a number,
else the user part and the host), and :func:`same_party` compares keys:

- numbers by their digits, ignoring visual separators (spaces, ``-``, ``.``, ``()``) and
  the ``+``; a number that differs only in a leading country or trunk prefix
  (``030 1234567`` and ``+49 30 1234567``) matches when the shorter one still has
  :data:`MIN_SUFFIX_DIGITS` digits: fewer would match strangers' extensions;
- SIP addresses by ``user@host`` (host case-insensitive); an entry without a host
  (``alice``) matches that user at any host, as a user name typed into the dial field is
  completed with the account's domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The fewest digits a number may have to match another by its tail.
MIN_SUFFIX_DIGITS = 7
#: Longer than any number or SIP address a person keeps (RFC 3261 sets no limit).
MAX_ADDRESS_LENGTH = 256

_SEPARATORS = re.compile(r"[\s\-.()/\u00a0]")
_SCHEME = re.compile(r"^(sips?|tel):", re.IGNORECASE)
_DIALABLE = re.compile(r"^\+?[0-9*#]+$")
# RFC 3261's user characters (unreserved, escaped and user-unreserved).
_USER = re.compile(r"^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$")
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.]+)(:[0-9]{1,5})?$")


class AddressError(ValueError):
    """Not a phone number, user name or SIP address; the message says why."""


@dataclass(frozen=True)
class AddressKey:
    """What identifies the party an address names."""

    user: str  # the user part, lowercased (a number without its separators)
    host: str | None  # lowercased, without a port; None for a bare number or user name
    digits: str | None  # the number's digits (no ``+``) when the user part is a number


def parse_address(text: str) -> AddressKey:
    """The key of *text* (``+1 555 0100``, ``tel:+15550100``, ``sip:bob@pbx;transport=ws``,
    ``"Bob" <sip:bob@pbx>``, ``bob@pbx``, ``bob``); :class:`AddressError` if it is none."""
    value = text.strip()
    if not value:
        raise AddressError("empty address")
    if len(value) > MAX_ADDRESS_LENGTH:
        raise AddressError(f"longer than {MAX_ADDRESS_LENGTH} characters")
    if value.endswith(">") and "<" in value:  # a name-addr: "Display" <uri>
        value = value[value.rindex("<") + 1 : -1].strip()
    scheme = _SCHEME.match(value)
    rest = value[scheme.end() :] if scheme else value
    if "@" in rest:
        user, host = rest.rsplit("@", 1)
        host = re.split(r"[;?]", host, maxsplit=1)[0].lower()
        if not _HOST.match(host):
            raise AddressError(f"{host!r} is not a host name or address")
        host = re.sub(r":[0-9]+$", "", host)
    else:
        user, host = re.split(r"[;?]", rest, maxsplit=1)[0], None
    compact = _SEPARATORS.sub("", user)
    if _DIALABLE.match(compact) and any(c.isdigit() for c in compact):
        digits = compact.lstrip("+")
        return AddressKey(user=digits, host=host, digits=digits)
    if not user or not _USER.match(user):
        raise AddressError(f"{text.strip()!r} is not a phone number or SIP address")
    return AddressKey(user=user.lower(), host=host, digits=None)


def key_or_none(text: str) -> AddressKey | None:
    """:func:`parse_address`, or None for text that is no address."""
    try:
        return parse_address(text)
    except AddressError:
        return None


def digits_match(a: str, b: str) -> bool:
    """Two numbers' digits name the same line (see the module's rules)."""
    if a == b:
        return True
    a, b = a.lstrip("0"), b.lstrip("0")  # a trunk prefix ("0" of 030…) is no digit of it
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_SUFFIX_DIGITS and longer.endswith(shorter)


def same_party(a: AddressKey, b: AddressKey) -> bool:
    """*a* and *b* name the same party."""
    if a.digits is not None and b.digits is not None:
        return digits_match(a.digits, b.digits)
    if a.user != b.user:
        return False
    return a.host is None or b.host is None or a.host == b.host
