"""What reading a contacts file gives: the contacts, and each bad record with where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Contact, Finding, problems


@dataclass(frozen=True)
class RecordError:
    """A record of a file that cannot be imported.

    *record*: its number among the file's records (1 = the first contact; 0 = the file
    as a whole, e.g. a CSV without a header), *line*: the line it starts on.
    """

    record: int
    line: int
    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        where = f"record {self.record} (line {self.line})" if self.record else f"line {self.line}"
        return f"{where}: {'; '.join(str(f) for f in self.findings)}"


@dataclass
class ReadResult:
    """The contacts a file holds and the records that are wrong (empty: all good)."""

    contacts: list[Contact] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    #: Contacts an import left out because the book already had them exactly so.
    already_there: int = 0

    def take(self, record: int, line: int, contact: Contact) -> None:
        """Keep *contact* (cleaned) or note its problems."""
        found = problems(contact)
        if found:
            self.errors.append(RecordError(record, line, tuple(found)))
        else:
            self.contacts.append(contact.cleaned())
