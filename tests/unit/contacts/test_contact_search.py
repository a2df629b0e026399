"""Search-as-you-type over the address book and the dialled history."""

from __future__ import annotations

from webphone.contacts import Contact, Directory, find_contacts, search

BOOK = Directory(
    [
        Contact("Ana Núñez", ("+1 555 0100", "sip:ana@example.com")),
        Contact("Bob Banana", ("bob@pbx",)),
        Contact("Carla", ("+44 20 7946 0000",)),
    ]
)


def labels(query: str, history: tuple[str, ...] = ()) -> list[str]:
    return [s.label for s in search(query, BOOK, history)]


def test_by_name_start_then_word_then_anywhere() -> None:
    assert labels("b") == ["Bob Banana — bob@pbx"]
    assert labels("nú") == ["Ana Núñez — +1 555 0100", "Ana Núñez — sip:ana@example.com"]
    assert labels("ANA")[:2] == ["Ana Núñez — +1 555 0100", "Ana Núñez — sip:ana@example.com"]
    assert labels("ana")[-1] == "Bob Banana — bob@pbx"  # "ana" inside "Banana"


def test_digits_ignore_separators() -> None:
    assert labels("5550") == ["Ana Núñez — +1 555 0100"]
    assert labels("7946-0") == ["Carla — +44 20 7946 0000"]


def test_history_follows_and_is_named_when_it_is_a_contacts() -> None:
    history = ("15550100", "+1 555 0100", "echo", "5551234")
    assert labels("555", history) == [
        "Ana Núñez — +1 555 0100",
        "Ana Núñez — 15550100",  # dialled as typed, named by the book
        "5551234",
    ]
    assert labels("ech", history) == ["echo"]


def test_nothing_for_an_empty_query_and_a_limit() -> None:
    assert labels("  ") == []
    many = Directory([Contact(f"Name {i}", (f"+1 555 {i:04}",)) for i in range(50)])
    assert len(search("name", many, limit=7)) == 7


def test_contacts_found_best_first_and_all_for_nothing_typed() -> None:
    assert [c.name for c in find_contacts("ana", BOOK)] == ["Ana Núñez", "Bob Banana"]
    assert [c.name for c in find_contacts("0000", BOOK)] == ["Carla"]
    assert [c.name for c in find_contacts("", BOOK)] == ["Ana Núñez", "Bob Banana", "Carla"]
    assert find_contacts("zzz", BOOK) == []
