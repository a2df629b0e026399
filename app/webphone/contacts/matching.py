"""Finding contacts: the caller's name for an incoming address, and search-as-you-type.

Pure functions over a list of contacts (the store keeps them; the ui keeps a copy), so
the same rules serve the window, the history and the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .addresses import MIN_SUFFIX_DIGITS, AddressKey, key_or_none, same_party
from .model import Contact

SEARCH_LIMIT = 20


def _tail(digits: str) -> str | None:
    """The digits a lenient number match needs to share (None: too short to match)."""
    significant = digits.lstrip("0")
    return significant[-MIN_SUFFIX_DIGITS:] if len(significant) >= MIN_SUFFIX_DIGITS else None


class Directory:
    """Contacts with their addresses parsed and indexed once, for many look-ups (every
    row of the call history asks)."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.contacts = list(contacts)
        self._by_digits: dict[str, Contact] = {}
        self._by_user_host: dict[tuple[str, str | None], Contact] = {}
        # Lenient matches: numbers by their last digits, names by the user part.
        self._by_tail: dict[str, list[tuple[AddressKey, Contact]]] = {}
        self._by_user: dict[str, list[tuple[AddressKey, Contact]]] = {}
        for contact in self.contacts:
            for address in contact.addresses:
                key = key_or_none(address)
                if key is None:
                    continue
                if key.digits is not None:
                    self._by_digits.setdefault(key.digits, contact)
                    tail = _tail(key.digits)
                    if tail is not None:
                        self._by_tail.setdefault(tail, []).append((key, contact))
                else:
                    self._by_user_host.setdefault((key.user, key.host), contact)
                    self._by_user.setdefault(key.user, []).append((key, contact))

    def lookup(self, address: str) -> Contact | None:
        """The contact *address* belongs to: an exact match first (same number, same
        ``user@host``), else a lenient one (see :mod:`.addresses`); None if nobody's."""
        key = key_or_none(address)
        if key is None:
            return None
        if key.digits is not None:
            exact = self._by_digits.get(key.digits)
            tail = _tail(key.digits)
            candidates = self._by_tail.get(tail, []) if tail is not None else []
        else:
            exact = self._by_user_host.get((key.user, key.host))
            candidates = self._by_user.get(key.user, [])
        if exact is not None:
            return exact
        return next((c for known, c in candidates if same_party(known, key)), None)

    def name_for(self, address: str) -> str | None:
        contact = self.lookup(address)
        return contact.name if contact is not None else None


@dataclass(frozen=True)
class Suggestion:
    """One line of the dial field's list: what to dial, and whose it is."""

    address: str
    name: str | None = None  # the contact's, when the address is in the address book
    from_history: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} — {self.address}" if self.name else self.address


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _rank(query: str, digits: str, name: str, address: str) -> int | None:
    """Lower is better; None: no match."""
    name = name.casefold()
    if name.startswith(query):
        return 0
    if any(word.startswith(query) for word in name.split()):
        return 1
    if query in name:
        return 2
    if query in address.casefold() or (digits and digits in _digits(address)):
        return 3
    return None


def search(
    query: str,
    directory: Directory,
    history: Sequence[str] = (),
    limit: int = SEARCH_LIMIT,
) -> list[Suggestion]:
    """Contacts' addresses and dialled destinations matching *query*, best first.

    A contact matches by the start of its name or of a word of it, then anywhere in the
    name, then by an address containing the query (digits compared without separators:
    ``5550`` finds ``+1 555 0100``). History entries follow, named when they are a
    contact's and left out when a contact's entry already lists them.
    """
    wanted = query.strip().casefold()
    if not wanted:
        return []
    digits = _digits(wanted) if not any(c.isalpha() for c in wanted) else ""
    ranked: list[tuple[int, str, Suggestion]] = []
    listed: set[str] = set()
    for contact in directory.contacts:
        for address in contact.addresses:
            rank = _rank(wanted, digits, contact.name, address)
            if rank is not None:
                ranked.append((rank, contact.name.casefold(), Suggestion(address, contact.name)))
                listed.add(address)
    for entry in dict.fromkeys(history):
        if entry in listed:
            continue
        if wanted in entry.casefold() or (digits and digits in _digits(entry)):
            owner = directory.name_for(entry)
            ranked.append((4, entry.casefold(), Suggestion(entry, owner, from_history=True)))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [suggestion for _, _, suggestion in ranked[:limit]]


def find_contacts(query: str, directory: Directory) -> list[Contact]:
    """The contacts matching *query* (by the rules of :func:`search`), best first; all of
    them, by name, for an empty query."""
    wanted = query.strip().casefold()
    if not wanted:
        return list(directory.contacts)
    digits = _digits(wanted) if not any(c.isalpha() for c in wanted) else ""
    ranked: list[tuple[int, int, Contact]] = []
    for order, contact in enumerate(directory.contacts):
        ranks = [_rank(wanted, digits, contact.name, a) for a in contact.addresses or ("",)]
        best = min((r for r in ranks if r is not None), default=None)
        if best is not None:
            ranked.append((best, order, contact))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [contact for _, _, contact in ranked]
