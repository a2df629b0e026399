"""A contact and what makes one unusable (each problem named, for the ui to say in words)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .addresses import AddressError, parse_address

MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 10_000
MAX_ADDRESSES = 20


@dataclass(frozen=True)
class Contact:
    """One person: a name, their numbers and SIP addresses (as typed), and notes."""

    name: str
    addresses: tuple[str, ...] = ()
    notes: str = ""
    id: int | None = field(default=None, compare=False)  # the store's; None until stored

    def cleaned(self) -> Contact:
        """Surrounding blanks gone, empty addresses dropped, duplicates once."""
        addresses = tuple(dict.fromkeys(a.strip() for a in self.addresses if a.strip()))
        return Contact(self.name.strip(), addresses, self.notes.strip(), self.id)


class Problem(enum.Enum):
    """Why a contact or a record of an imported file cannot be used."""

    NO_NAME = "no name"
    NAME_TOO_LONG = "name too long"
    NO_ADDRESS = "no number or SIP address"
    TOO_MANY_ADDRESSES = "too many numbers and addresses"
    BAD_ADDRESS = "not a phone number or SIP address"
    NOTES_TOO_LONG = "notes too long"
    UNREADABLE = "unreadable record"  # the format's parser refused it (detail: why)
    UNSUPPORTED_VERSION = "unsupported vCard version"
    TOO_MANY_FIELDS = "more fields than the header has"
    NO_NAME_COLUMN = "the header has no name column"
    NOT_TEXT = "not UTF-8 text"


@dataclass(frozen=True)
class Finding:
    """One problem with one contact; *detail* names the offending value when there is one."""

    problem: Problem
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.problem.value}: {self.detail}" if self.detail else self.problem.value


def problems(contact: Contact) -> list[Finding]:
    """Everything wrong with *contact* (cleaned first); empty when it may be stored."""
    found: list[Finding] = []
    c = contact.cleaned()
    if not c.name:
        found.append(Finding(Problem.NO_NAME))
    elif len(c.name) > MAX_NAME_LENGTH:
        found.append(Finding(Problem.NAME_TOO_LONG, c.name[:40] + "…"))
    if not c.addresses:
        found.append(Finding(Problem.NO_ADDRESS))
    elif len(c.addresses) > MAX_ADDRESSES:
        found.append(Finding(Problem.TOO_MANY_ADDRESSES, str(len(c.addresses))))
    for address in c.addresses:
        try:
            parse_address(address)
        except AddressError:
            found.append(Finding(Problem.BAD_ADDRESS, address))
    if len(c.notes) > MAX_NOTES_LENGTH:
        found.append(Finding(Problem.NOTES_TOO_LONG, str(len(c.notes))))
    return found


class ContactError(ValueError):
    """A contact that cannot be stored; :attr:`findings` say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings
