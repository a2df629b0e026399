"""Contacts as CSV (Python's csv module): a header row, then one contact per record.

Written: ``Name``, ``Notes``, ``Address 1`` … ``Address N`` (N: the most any contact
has). Read: a ``Name`` column (also ``Full name``, ``Display name``), optional ``Notes``,
and every column whose header starts with ``Address``, ``Phone``, ``Number``, ``Mobile``,
``Tel`` or ``SIP`` (so a spreadsheet's or another phone's export mostly reads as is);
other columns are ignored. Blank records are skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .model import Contact, Finding, Problem
from .records import ReadResult, RecordError

NAME_HEADERS = ("name", "full name", "display name", "fn")
NOTES_HEADERS = ("notes", "note")
ADDRESS_PREFIXES = ("address", "phone", "number", "mobile", "tel", "sip")


def read_csv(text: str) -> ReadResult:
    """The contacts of a CSV file; each bad record (by its number and line) as an error."""
    result = ReadResult()
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    header: list[str] | None = None
    name_column = notes_column = -1
    address_columns: list[int] = []
    record = 0
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().casefold() for cell in row]
                name_column = next((i for i, h in enumerate(header) if h in NAME_HEADERS), -1)
                notes_column = next((i for i, h in enumerate(header) if h in NOTES_HEADERS), -1)
                address_columns = [
                    i for i, h in enumerate(header) if h.startswith(ADDRESS_PREFIXES)
                ]
                if name_column < 0:
                    finding = Finding(Problem.NO_NAME_COLUMN, ",".join(row))
                    result.errors.append(RecordError(0, start, (finding,)))
                    return result
                continue
            record += 1
            if len(row) > len(header):
                finding = Finding(Problem.TOO_MANY_FIELDS, f"{len(row)} > {len(header)}")
                result.errors.append(RecordError(record, start, (finding,)))
                continue
            cells = row + [""] * (len(header) - len(row))
            contact = Contact(
                cells[name_column],
                tuple(cells[i] for i in address_columns),
                cells[notes_column] if notes_column >= 0 else "",
            )
            result.take(record, start, contact)
    except csv.Error as exc:  # e.g. a NUL byte, or a quote left open at the end
        result.errors.append(
            RecordError(record + 1, line, (Finding(Problem.UNREADABLE, str(exc)),))
        )
    return result


def write_csv(contacts: Iterable[Contact]) -> str:
    """*contacts* as CSV text (RFC 4180 quoting, CRLF line ends)."""
    rows = list(contacts)
    width = max((len(c.addresses) for c in rows), default=1) or 1
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Name", "Notes", *(f"Address {i + 1}" for i in range(width))])
    for contact in rows:
        writer.writerow([contact.name, contact.notes, *contact.addresses])
    return out.getvalue()
