"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) files: parsed with vobject, one card at a time.

A file is cut into its ``BEGIN:VCARD`` … ``END:VCARD`` blocks here so that a broken card
is reported with its number and line and the others still read (vobject's reader stops
at the first error). Properties read: ``FN`` (else ``N``), ``TEL``, ``IMPP`` with a
``sip:``/``sips:`` URI, ``X-SIP``/``X-SIP-URI``, ``NOTE``. Written: ``FN``, ``N``, a
``TEL`` per number (4.0: a ``tel:`` URI, where visual separators are ``-``), an ``IMPP``
per SIP URI, an ``X-SIP`` per bare user name, ``NOTE``.

Cards are read with vobject's line parser (unfolding, parameters, quoting) and text is
unescaped with its ``stringToTextValues`` joined back, not through its vCard objects:
those keep only the first of the comma-separated parts of a ``NOTE`` that another
program wrote with a bare comma. vobject (with dateutil and pytz, ~40 ms) is imported
when a vCard is first read or written, not when the window starts.
"""

from __future__ import annotations

import enum
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .addresses import key_or_none
from .model import Contact, Finding, Problem
from .records import ReadResult, RecordError

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_SIP_PROPERTIES = ("X-SIP", "X-SIP-URI", "X-SIPURI")
VERSIONS = ("3.0", "4.0")
_NO_PREFERENCE = 101  # after 4.0's highest PREF, 100


class VCardVersion(enum.Enum):
    V3 = "3.0"
    V4 = "4.0"


@dataclass(frozen=True)
class _Property:
    """One content line of a card, its value still escaped."""

    name: str  # upper case, without its group
    params: dict[str, list[str]]  # parameter names upper case
    value: str

    @property
    def text(self) -> str:
        """The value unescaped (``\\n``, ``\\,``, ``\\;``, ``\\\\``); a bare comma
        (a list separator in a few properties) is kept as written."""
        return _unescape(self.value)

    @property
    def preference(self) -> int:
        """4.0's ``PREF=1..100`` (1 first), 3.0's ``TYPE=pref`` (first); others last."""
        for value in self.params.get("PREF", []):
            if value.strip().isdigit():
                return int(value)
        types = {t.strip().lower() for v in self.params.get("TYPE", []) for t in v.split(",")}
        return 1 if "pref" in types else _NO_PREFERENCE


def _properties(card_text: str) -> list[_Property]:
    """The card's content lines (unfolded, parsed by vobject); ParseError if one is not a
    content line."""
    from vobject.base import getLogicalLines, parseLine

    found = []
    for line, number in getLogicalLines(io.StringIO(card_text)):
        name, params, value, _group = parseLine(line, number)
        merged: dict[str, list[str]] = {}
        for param in params:
            merged.setdefault(str(param[0]).upper(), []).extend(str(v) for v in param[1:])
        found.append(_Property(str(name).upper(), merged, str(value)))
    return found


def _card_contact(props: list[_Property]) -> Contact:
    first = {p.name: p for p in reversed(props)}
    name = first["FN"].text if "FN" in first else ""
    if not name.strip() and "N" in first:
        # N is family;given;additional;prefixes;suffixes: shown as "given family".
        family, given = [*(_unescape(p) for p in first["N"].value.split(";")), "", ""][:2]
        name = " ".join(p for p in (given, family) if p.strip())
    addresses: list[tuple[int, str]] = []  # (preference, address)
    for prop in props:
        value = prop.text.strip()
        if prop.name == "TEL":
            addresses.append(
                (prop.preference, value[4:] if value.lower().startswith("tel:") else value)
            )
        elif (
            prop.name == "IMPP" and value.lower().startswith(("sip:", "sips:"))
        ) or prop.name in _SIP_PROPERTIES:
            addresses.append((prop.preference, value))
    addresses.sort(key=lambda item: item[0])  # stable: equal preference keeps file order
    notes = "\n".join(p.text for p in props if p.name == "NOTE")
    return Contact(name, tuple(a for _, a in addresses), notes)


def _unescape(value: str) -> str:
    from vobject.icalendar import stringToTextValues

    return ",".join(stringToTextValues(value))


def _blocks(text: str) -> Iterable[tuple[int, str | None, str]]:
    """(line, card text or None, stray text) per card or per line outside a card."""
    lines = text.splitlines()
    start: int | None = None
    for number, line in enumerate(lines, 1):
        if start is None:
            if _BEGIN.match(line.strip()):
                start = number
            elif line.strip():
                yield number, None, line.strip()
        elif _END.match(line.strip()):
            yield start, "\r\n".join(lines[start - 1 : number]) + "\r\n", ""
            start = None
        elif _BEGIN.match(line.strip()):  # a card left open, another begins
            yield start, None, "BEGIN:VCARD without END:VCARD"
            start = number
    if start is not None:
        yield start, None, "BEGIN:VCARD without END:VCARD"


def read_vcards(text: str) -> ReadResult:
    """The contacts of a vCard 3.0/4.0 file; each bad card (or stray line) as an error."""
    from vobject.base import ParseError

    result = ReadResult()
    record = 0
    for line, card_text, stray in _blocks(text):
        record += 1
        if card_text is None:
            result.errors.append(RecordError(record, line, (Finding(Problem.UNREADABLE, stray),)))
            continue
        try:
            props = _properties(card_text)
        except ParseError as exc:
            finding = Finding(Problem.UNREADABLE, str(exc))
            result.errors.append(RecordError(record, line, (finding,)))
            continue
        version = next((p.value.strip() for p in props if p.name == "VERSION"), "")
        if version not in VERSIONS:
            finding = Finding(Problem.UNSUPPORTED_VERSION, version or "none")
            result.errors.append(RecordError(record, line, (finding,)))
            continue
        result.take(record, line, _card_contact(props))
    return result


def write_vcards(contacts: Iterable[Contact], version: VCardVersion = VCardVersion.V4) -> str:
    """*contacts* as one vCard file of *version*."""
    return "".join(_card(contact, version).serialize() for contact in contacts)


def _card(contact: Contact, version: VCardVersion) -> Any:
    import vobject

    card = vobject.vCard()
    card.add("fn").value = contact.name
    # N is required by 3.0; a name typed as one string is not split into its parts.
    card.add("n").value = vobject.vcard.Name(given=contact.name)
    for position, address in enumerate(contact.addresses, 1):
        key = key_or_none(address)
        if key is not None and key.digits is not None and key.host is None:
            line = card.add("tel")
            if version is VCardVersion.V4 and "#" not in address:  # "#" is no URI char
                line.value = "tel:" + re.sub(r"\s+", "-", address.strip())
                line.value_param = "uri"
            else:
                line.value = address
                line.type_param = "voice"
        elif address.lower().startswith(("sip:", "sips:")):
            line = card.add("impp")
            line.value = address
        elif key is not None and key.host is not None:
            line = card.add("impp")
            line.value = "sip:" + address
        else:
            line = card.add("x-sip")
            line.value = address
        # vobject writes properties by name, not in the order added: the preference
        # keeps the contact's order (4.0: every address; 3.0 can mark only the first).
        if version is VCardVersion.V4:
            line.pref_param = str(min(position, 100))
        elif position == 1:
            line.type_paramlist = [*line.params.get("TYPE", []), "pref"]
    if contact.notes:
        card.add("note").value = contact.notes
    card.add("version").value = version.value
    return card
