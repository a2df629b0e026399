"""The local address book: contacts in SQLite, vCard/CSV files, and caller-name look-up.

Qt-free, below the sdk in the layering, so the window, the session and the command line
share it.
"""

from __future__ import annotations

from .addresses import AddressError, AddressKey, parse_address, same_party
from .files import (
    ContactsFileError,
    FileFormat,
    ImportRefused,
    export_file,
    export_text,
    import_file,
    read_file,
)
from .matching import Directory, Suggestion, find_contacts, search
from .model import Contact, ContactError, Finding, Problem, problems
from .records import ReadResult, RecordError
from .store import ContactStore, StoreError, default_path

__all__ = [
    "AddressError",
    "AddressKey",
    "Contact",
    "ContactError",
    "ContactStore",
    "ContactsFileError",
    "Directory",
    "FileFormat",
    "Finding",
    "ImportRefused",
    "Problem",
    "ReadResult",
    "RecordError",
    "StoreError",
    "Suggestion",
    "default_path",
    "export_file",
    "export_text",
    "find_contacts",
    "import_file",
    "parse_address",
    "problems",
    "read_file",
    "same_party",
    "search",
]
