"""The address book in SQLite, in the user's data directory beside the call insights.

Opened like :class:`webphone.quality.insights.InsightsStore`: ``0600`` in a ``0700``
directory (contacts are personal data), WAL journal, schema versioned by
``PRAGMA user_version`` with forward-only migrations, parameterised queries only.
Every change is one transaction: an import of a thousand contacts lands whole or not
at all, and a process killed in the middle leaves the book as it was.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from ..userfiles import NewerSchema, apply_migrations, connect_private_database, use_wal
from .model import Contact, ContactError, problems

APP_NAME = "webphone"
FILE_NAME = "contacts.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: contacts and their addresses in the order the user gave them.
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        updated_at REAL NOT NULL
    );
    CREATE TABLE addresses (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        address TEXT NOT NULL,
        PRIMARY KEY (contact_id, position)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The address book cannot be used; says why."""


def default_path() -> Path:
    """``$WEBPHONE_CONTACTS_DB``, else the user's data directory (``$WEBPHONE_CONFIG_DIR``
    replaces it, as for the app's other files)."""
    override = os.environ.get("WEBPHONE_CONTACTS_DB")
    if override:
        return Path(override)
    base = os.environ.get("WEBPHONE_CONFIG_DIR") or platformdirs.user_data_dir(APP_NAME)
    return Path(base) / FILE_NAME


class ContactStore:
    """The address book at *path* (created, or migrated, on open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._db = connect_private_database(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the address book {self.path}: {exc}") from exc
        try:
            use_wal(self._db)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path} is not a usable address book: {exc}") from exc
        except StoreError:
            self._db.close()
            raise

    def _migrate(self) -> None:
        try:
            apply_migrations(self._db, MIGRATIONS)
        except NewerSchema as exc:
            raise StoreError(
                f"the address book has schema version {exc.version}, newer than this "
                f"Webphone's {SCHEMA_VERSION}; upgrade Webphone to use it"
            ) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- reads ----
    def all(self) -> list[Contact]:
        """Every contact, by name (case-insensitive)."""
        with self._lock:
            rows = self._db.execute("SELECT id, name, notes FROM contacts").fetchall()
            addresses: dict[int, list[str]] = {}
            for contact_id, address in self._db.execute(
                "SELECT contact_id, address FROM addresses ORDER BY contact_id, position"
            ):
                addresses.setdefault(contact_id, []).append(address)
        contacts = [
            Contact(name, tuple(addresses.get(cid, ())), notes, cid) for cid, name, notes in rows
        ]
        contacts.sort(key=lambda c: (c.name.casefold(), c.id or 0))
        return contacts

    def get(self, contact_id: int) -> Contact | None:
        with self._lock:
            row = self._db.execute(
                "SELECT name, notes FROM contacts WHERE id = ?", (contact_id,)
            ).fetchone()
            if row is None:
                return None
            addresses = [
                a
                for (a,) in self._db.execute(
                    "SELECT address FROM addresses WHERE contact_id = ? ORDER BY position",
                    (contact_id,),
                )
            ]
        return Contact(row[0], tuple(addresses), row[1], contact_id)

    def count(self) -> int:
        with self._lock:
            (n,) = self._db.execute("SELECT COUNT(*) FROM contacts").fetchone()
        return int(n)

    # -- changes ----
    @staticmethod
    def _checked(contact: Contact) -> Contact:
        found = problems(contact)
        if found:
            raise ContactError(found)
        return contact.cleaned()

    @staticmethod
    def _insert(db: sqlite3.Connection, contact: Contact, now: float) -> int:
        cursor = db.execute(
            "INSERT INTO contacts (name, notes, updated_at) VALUES (?, ?, ?)",
            (contact.name, contact.notes, now),
        )
        contact_id = int(cursor.lastrowid or 0)
        db.executemany(
            "INSERT INTO addresses (contact_id, position, address) VALUES (?, ?, ?)",
            [(contact_id, i, a) for i, a in enumerate(contact.addresses)],
        )
        return contact_id

    def add(self, contact: Contact) -> Contact:
        """Store a new contact; it comes back with its id. :class:`ContactError` if it
        has problems (nothing stored)."""
        clean = self._checked(contact)
        with self._transaction() as db:
            contact_id = self._insert(db, clean, time.time())
        return Contact(clean.name, clean.addresses, clean.notes, contact_id)

    def update(self, contact: Contact) -> Contact:
        """Replace the stored contact with *contact*'s id; StoreError if there is none."""
        if contact.id is None:
            raise StoreError("the contact has no id: add it first")
        clean = self._checked(contact)
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE contacts SET name = ?, notes = ?, updated_at = ? WHERE id = ?",
                (clean.name, clean.notes, time.time(), contact.id),
            ).rowcount
            if not changed:
                raise StoreError(f"no contact {contact.id} (deleted meanwhile?)")
            db.execute("DELETE FROM addresses WHERE contact_id = ?", (contact.id,))
            db.executemany(
                "INSERT INTO addresses (contact_id, position, address) VALUES (?, ?, ?)",
                [(contact.id, i, a) for i, a in enumerate(clean.addresses)],
            )
        return clean

    def delete(self, contact_id: int) -> bool:
        """Remove a contact; False if it was not there."""
        with self._transaction() as db:
            return db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount == 1

    def add_many(self, contacts: Sequence[Contact]) -> list[Contact]:
        """Store every one of *contacts* in one transaction, or none: a
        :class:`ContactError` for the first with problems (callers of an import check
        them all first and report each, see :mod:`.io`)."""
        clean = [self._checked(c) for c in contacts]
        now = time.time()
        with self._transaction() as db:
            ids = [self._insert(db, c, now) for c in clean]
        return [Contact(c.name, c.addresses, c.notes, i) for c, i in zip(clean, ids, strict=True)]

    def close(self) -> None:
        with self._lock:
            self._db.close()
