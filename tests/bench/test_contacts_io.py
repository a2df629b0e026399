"""Bench: a 1,000-contact address book exported and imported again, per file format.

Each run exports the book (vCard 4.0, vCard 3.0, CSV), reads the file back and imports it
into an empty SQLite book in one transaction; the round trip must give the same contacts
(names, notes and the same parties). Times are reported as JSON and a table, never
asserted (machines are noisy); the target is what keeps an import of a phone's whole
address book below a second, the time a person waits without wondering.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from report import table, write_report

from webphone.contacts import (
    Contact,
    ContactStore,
    FileFormat,
    export_file,
    import_file,
    parse_address,
)

CONTACTS = 1000
RUNS = 3
TARGET_ROUND_TRIP_S = 1.0

pytestmark = pytest.mark.timeout(120)


def book() -> list[Contact]:
    """Contacts like a real book's: one to three numbers and SIP addresses, some notes
    with commas, semicolons and line breaks, names outside ASCII."""
    people = []
    for i in range(CONTACTS):
        addresses = [f"+1 555 {i:04}"]
        if i % 2:
            addresses.append(f"sip:user{i}@pbx.example.com")
        if i % 5 == 0:
            addresses.append(f"0{30_000_000 + i}")
        notes = f"met at event {i}, table {i % 7}; call\nafter 10" if i % 3 == 0 else ""
        people.append(Contact(f"Name{i} Ñandú-{i % 13}", tuple(addresses), notes))
    return people


def same(a: list[Contact], b: list[Contact]) -> bool:
    def key(c: Contact) -> tuple[object, ...]:
        return (c.name, c.notes, tuple(sorted(map(str, map(parse_address, c.addresses)))))

    return sorted(map(key, a)) == sorted(map(key, b))


@pytest.mark.parametrize("kind", list(FileFormat), ids=lambda k: k.value)
def test_contacts_round_trip(tmp_path: Path, kind: FileFormat) -> None:
    people = book()
    suffix = ".csv" if kind is FileFormat.CSV else ".vcf"
    runs: list[dict[str, float]] = []
    for run in range(RUNS):
        path = tmp_path / f"book{run}{suffix}"
        store = ContactStore(tmp_path / f"contacts{run}.sqlite3")
        started = time.perf_counter()
        export_file(people, path, kind)
        exported = time.perf_counter()
        result = import_file(store, path)
        imported = time.perf_counter()
        assert result.errors == []
        assert same(store.all(), people), "the round trip changed the contacts"
        store.close()
        runs.append(
            {
                "export_s": exported - started,
                "import_s": imported - exported,
                "round_trip_s": imported - started,
                "file_bytes": path.stat().st_size,
            }
        )
    export_s = statistics.median(r["export_s"] for r in runs)
    import_s = statistics.median(r["import_s"] for r in runs)
    total = statistics.median(r["round_trip_s"] for r in runs)
    write_report(
        f"contacts_io_{kind.value}",
        {
            "contacts": CONTACTS,
            "runs": runs,
            "export_median_s": export_s,
            "import_median_s": import_s,
            "round_trip_median_s": total,
            "target_round_trip_s": TARGET_ROUND_TRIP_S,
            "ratio": total / TARGET_ROUND_TRIP_S,
        },
    )
    print()
    print(
        table(
            [
                (f"{CONTACTS} contacts, {kind.value}", "median", "target", "ratio"),
                ("export", f"{export_s * 1000:.0f} ms", "-", "-"),
                ("read + import", f"{import_s * 1000:.0f} ms", "-", "-"),
                (
                    "round trip",
                    f"{total * 1000:.0f} ms",
                    f"{TARGET_ROUND_TRIP_S * 1000:.0f} ms",
                    f"{total / TARGET_ROUND_TRIP_S:.2f}",
                ),
            ]
        )
    )
