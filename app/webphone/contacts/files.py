"""Importing and exporting contacts files: the format by the file's name, all or nothing.

:func:`import_file` reads every record first; if any is bad nothing is stored and
:class:`ImportRefused` lists each bad record (unless the caller asked to take the good
ones), otherwise all of them are stored in one transaction.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path

from ..userfiles import atomic_write
from .csvfile import read_csv, write_csv
from .model import Contact, Finding, Problem
from .records import ReadResult, RecordError
from .store import ContactStore
from .vcard import VCardVersion, read_vcards, write_vcards

#: Larger than any address book; a bigger file is refused before it is read.
MAX_FILE_BYTES = 50 * 1024 * 1024


class FileFormat(enum.Enum):
    VCARD3 = "vcard3"
    VCARD4 = "vcard4"
    CSV = "csv"


class ContactsFileError(Exception):
    """The file cannot be read or written at all (missing, unknown kind, too big)."""


class ImportRefused(Exception):
    """Records of the file are bad: nothing was imported. :attr:`result` holds both the
    good contacts and the :class:`RecordError` of each bad record."""

    def __init__(self, result: ReadResult) -> None:
        super().__init__(
            f"{len(result.errors)} bad record(s), nothing imported: "
            + "; ".join(str(e) for e in result.errors[:5])
        )
        self.result = result

    @property
    def errors(self) -> list[RecordError]:
        return self.result.errors


def format_for(path: Path) -> FileFormat:
    """The format a file's name says (``.vcf``/``.vcard`` read as either version)."""
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return FileFormat.VCARD4
    if suffix == ".csv":
        return FileFormat.CSV
    raise ContactsFileError(f"{path.name}: not a .vcf or .csv file")


def read_file(path: str | Path) -> ReadResult:
    """The contacts in *path* and its bad records."""
    path = Path(path)
    kind = format_for(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ContactsFileError(f"{path.name} is larger than {MAX_FILE_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise ContactsFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        finding = Finding(Problem.NOT_TEXT, f"byte {exc.start}")
        return ReadResult(errors=[RecordError(0, line, (finding,))])
    return read_csv(text) if kind is FileFormat.CSV else read_vcards(text)


def import_file(store: ContactStore, path: str | Path, *, skip_bad: bool = False) -> ReadResult:
    """Store the contacts of *path* in one transaction; what was read is returned.

    With bad records: :class:`ImportRefused` and nothing stored, unless *skip_bad*
    (the user saw the errors and chose to take the good ones). Contacts the book already
    has exactly so are left out (:attr:`ReadResult.already_there`).
    """
    result = read_file(path)
    if result.errors and not skip_bad:
        raise ImportRefused(result)
    # Importing the same file twice (or a file listing someone twice) must not double
    # the book: a contact identical to one already there is left out and counted.
    seen = {(c.name, c.addresses, c.notes) for c in store.all()}
    fresh = []
    for contact in result.contacts:
        key = (contact.name, contact.addresses, contact.notes)
        if key not in seen:
            seen.add(key)
            fresh.append(contact)
    result.already_there = len(result.contacts) - len(fresh)
    result.contacts = store.add_many(fresh)
    return result


def export_text(contacts: Iterable[Contact], kind: FileFormat) -> str:
    if kind is FileFormat.CSV:
        return write_csv(contacts)
    version = VCardVersion.V3 if kind is FileFormat.VCARD3 else VCardVersion.V4
    return write_vcards(contacts, version)


def export_file(contacts: Iterable[Contact], path: str | Path, kind: FileFormat) -> None:
    """Write *contacts* to *path* atomically (``0600``: contacts are personal data)."""
    try:
        atomic_write(path, export_text(contacts, kind))
    except OSError as exc:
        raise ContactsFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
