"""The address book's SQLite store: CRUD, private file, all-or-nothing batches."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from webphone.contacts import Contact, ContactError, ContactStore, Problem, StoreError


@pytest.fixture
def store(tmp_path: Path) -> ContactStore:
    return ContactStore(tmp_path / "book" / "contacts.sqlite3")


def test_create_read_update_delete(store: ContactStore, tmp_path: Path) -> None:
    ana = store.add(Contact(" Ana ", ("+1 555 0100", "", "sip:ana@x", "+1 555 0100"), " hi "))
    assert ana.id is not None
    assert ana == Contact("Ana", ("+1 555 0100", "sip:ana@x"), "hi")
    bob = store.add(Contact("bob", ("bob@pbx",)))
    assert [c.name for c in store.all()] == ["Ana", "bob"]  # by name, case-insensitive
    changed = store.update(Contact("Ana Núñez", ("sip:ana@x", "+1 555 0199"), "", ana.id))
    assert store.get(ana.id) == changed
    assert store.get(ana.id).addresses == ("sip:ana@x", "+1 555 0199")  # type: ignore[union-attr]
    assert store.delete(bob.id or 0) and not store.delete(bob.id or 0)
    assert store.count() == 1
    store.close()
    # Survives a restart, private on disk.
    again = ContactStore(tmp_path / "book" / "contacts.sqlite3")
    assert [c.name for c in again.all()] == ["Ana Núñez"]
    assert stat.S_IMODE((tmp_path / "book" / "contacts.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "book").stat().st_mode) == 0o700


def test_a_bad_contact_is_refused_with_each_problem(store: ContactStore) -> None:
    with pytest.raises(ContactError) as error:
        store.add(Contact("  ", ("two words", "+1 555")))
    assert [f.problem for f in error.value.findings] == [Problem.NO_NAME, Problem.BAD_ADDRESS]
    assert error.value.findings[1].detail == "two words"
    with pytest.raises(ContactError):
        store.add(Contact("No number"))
    assert store.count() == 0
    with pytest.raises(StoreError):
        store.update(Contact("Ghost", ("1234",), "", 999))


def test_a_batch_lands_whole_or_not_at_all(store: ContactStore) -> None:
    store.add(Contact("Kept", ("100",)))
    with pytest.raises(ContactError):
        store.add_many([Contact("Good", ("101",)), Contact("", ("102",))])
    assert [c.name for c in store.all()] == ["Kept"]
    added = store.add_many([Contact(f"C{i}", (f"{i}00",)) for i in range(3)])
    assert [c.id is not None for c in added] == [True] * 3
    assert store.count() == 4


def test_a_newer_or_foreign_file_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer than this"):
        ContactStore(newer)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable address book"):
        ContactStore(junk)
