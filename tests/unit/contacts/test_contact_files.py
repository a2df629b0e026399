"""vCard 3/4 and CSV files: round trips, each bad record reported, nothing half-imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from webphone.contacts import (
    Contact,
    ContactsFileError,
    ContactStore,
    FileFormat,
    ImportRefused,
    Problem,
    export_file,
    import_file,
    parse_address,
    read_file,
)

PEOPLE = [
    Contact("Ana Núñez", ("+1 555 0100", "sip:ana@example.com"), "likes, commas; and\nlines"),
    Contact('Bob "the builder"', ("sip:bob@pbx", "echo", "*97#")),
    Contact("Carla, C.", ("+44 20 7946 0000",), "=cmd|' /C calc'!A0"),
]


def keys(contact: Contact) -> list[object]:
    return [parse_address(a) for a in contact.addresses]


@pytest.mark.parametrize(
    "kind, name",
    [(FileFormat.VCARD3, "a.vcf"), (FileFormat.VCARD4, "a.vcf"), (FileFormat.CSV, "a.csv")],
)
def test_round_trip(tmp_path: Path, kind: FileFormat, name: str) -> None:
    path = tmp_path / name
    export_file(PEOPLE, path, kind)
    back = read_file(path)
    assert back.errors == []
    assert [c.name for c in back.contacts] == [c.name for c in PEOPLE]
    assert [c.notes for c in back.contacts] == [c.notes for c in PEOPLE]
    if kind is FileFormat.VCARD3:  # 3.0 keeps only which address comes first
        assert [sorted(map(str, keys(c))) for c in back.contacts] == [
            sorted(map(str, keys(c))) for c in PEOPLE
        ]
        assert [c.addresses[0] for c in back.contacts] == [c.addresses[0] for c in PEOPLE]
    else:  # 4.0 writes numbers as tel: URIs ("-" for spaces): the same numbers
        assert [keys(c) for c in back.contacts] == [keys(c) for c in PEOPLE]
    if kind is FileFormat.CSV:
        assert back.contacts == PEOPLE


def test_vcards_from_other_programs(tmp_path: Path) -> None:
    path = tmp_path / "other.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;;;\nTEL;TYPE=CELL:+49 151 1234567\n"
        "TEL;TYPE=WORK,PREF:+49 30 7654321\nX-SIP:jane@pbx\nEMAIL:j@x\nNOTE:bare, comma\n"
        "END:VCARD\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Long\r\n  Name\r\nIMPP:xmpp:long@chat\r\n"
        'IMPP;PREF=1:sip:long@pbx\r\nTEL;VALUE=uri;TYPE="voice,home":tel:+1-555-0142\r\n'
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    result = read_file(path)
    assert result.errors == []
    assert result.contacts == [
        Contact("Jane Doe", ("+49 30 7654321", "+49 151 1234567", "jane@pbx"), "bare, comma"),
        Contact("Long Name", ("sip:long@pbx", "+1-555-0142")),
    ]


def test_malformed_csv_gives_an_error_per_row_and_imports_nothing(tmp_path: Path) -> None:
    store = ContactStore(tmp_path / "contacts.sqlite3")
    store.add(Contact("Already here", ("100",)))
    path = tmp_path / "bad.csv"
    path.write_text(
        "Name,Phone,Notes\n"
        "Good One,+1 555 0101,\n"
        ",+1 555 0102,no name\n"
        "Bad Number,call me maybe,\n"
        "Too,many,fields,here\n"
        '"Multi\nline",+1 555 0103,"fine"\n'
        "No Number,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    errors = refused.value.errors
    assert [(e.record, e.line, [f.problem for f in e.findings]) for e in errors] == [
        (2, 3, [Problem.NO_NAME]),
        (3, 4, [Problem.BAD_ADDRESS]),
        (4, 5, [Problem.TOO_MANY_FIELDS]),
        (6, 8, [Problem.NO_ADDRESS]),
    ]
    assert str(errors[1]) == "record 3 (line 4): not a phone number or SIP address: call me maybe"
    assert [c.name for c in store.all()] == ["Already here"]  # nothing changed
    # The user may choose to take the good ones.
    result = import_file(store, path, skip_bad=True)
    assert [c.name for c in result.contacts] == ["Good One", "Multi\nline"]
    assert store.count() == 3


def test_malformed_vcards_each_reported_nothing_imported(tmp_path: Path) -> None:
    store = ContactStore(tmp_path / "contacts.sqlite3")
    path = tmp_path / "bad.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Fine\nTEL:+1 555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Old\nTEL:123\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line has no colon\nEND:VCARD\n"
        "stray text\n"
        "BEGIN:VCARD\nVERSION:3.0\nTEL:12345\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Open\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path)
    problems = [(e.record, e.line, e.findings[0].problem) for e in refused.value.errors]
    assert problems == [
        (2, 6, Problem.UNSUPPORTED_VERSION),
        (3, 11, Problem.UNREADABLE),
        (4, 16, Problem.UNREADABLE),
        (5, 17, Problem.NO_NAME),
        (6, 21, Problem.UNREADABLE),
    ]
    assert store.count() == 0


def test_files_that_cannot_be_read_at_all(tmp_path: Path) -> None:
    with pytest.raises(ContactsFileError, match=r"not a \.vcf or \.csv"):
        read_file(tmp_path / "contacts.txt")
    with pytest.raises(ContactsFileError, match="cannot read"):
        read_file(tmp_path / "missing.csv")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("Name,Phone\nJosé,123\n".encode("latin-1"))
    result = read_file(latin)
    assert [(e.record, e.line, e.findings[0].problem) for e in result.errors] == [
        (0, 2, Problem.NOT_TEXT)
    ]
    headless = tmp_path / "headless.csv"
    headless.write_text("Phone,Notes\n123,x\n", encoding="utf-8")
    assert read_file(headless).errors[0].findings[0].problem is Problem.NO_NAME_COLUMN


def test_importing_the_same_file_again_adds_nothing_twice(tmp_path: Path) -> None:
    store = ContactStore(tmp_path / "contacts.sqlite3")
    path = tmp_path / "book.vcf"
    export_file([*PEOPLE, PEOPLE[0]], path, FileFormat.VCARD4)  # Ana listed twice
    first = import_file(store, path)
    assert (len(first.contacts), first.already_there) == (3, 1)
    again = import_file(store, path)
    assert (len(again.contacts), again.already_there) == (0, 4)
    assert store.count() == 3
