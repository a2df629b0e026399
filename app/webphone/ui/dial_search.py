"""Search-as-you-type in the dial field: contacts and dialled destinations as one types.

The list is computed by :func:`webphone.contacts.search` on every edit (names, numbers
without their separators, SIP addresses) rather than by QCompleter's own prefix filter,
so ``ana`` finds "Ana Núñez — +1 555 0100" and ``5550`` finds the same line. Choosing a
line puts its address (not the label) into the field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from ..contacts import Suggestion

#: The role holding what a line dials (the completer inserts it).
ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1

Search = Callable[[str], Sequence[Suggestion]]


class DialSearch(QObject):
    """Attaches a completer to *field* that shows what *find* returns for its text."""

    def __init__(self, field: QLineEdit, find: Search, parent: QObject | None = None) -> None:
        super().__init__(parent or field)
        self.field = field
        self.find = find
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(ADDRESS_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        popup = self.completer.popup()
        if popup is not None:
            popup.setObjectName("dialSuggestions")
        field.setCompleter(self.completer)
        # textEdited comes before the field asks its completer to complete: the model is
        # up to date by then (and programmatic setText does not pop the list up).
        field.textEdited.connect(self.update)

    def update(self, text: str) -> None:
        self.model.clear()
        for suggestion in self.find(text):
            item = QStandardItem(suggestion.label)
            item.setData(suggestion.address, ADDRESS_ROLE)
            item.setToolTip(suggestion.address)
            item.setEditable(False)
            self.model.appendRow(item)

    def labels(self) -> list[str]:
        """What the list offers now, as shown."""
        return [self.model.item(row).text() for row in range(self.model.rowCount())]
