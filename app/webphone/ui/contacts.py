"""The address book in the window: the book the window reads, and its dialogs.

:class:`ContactBook` holds the contacts of :mod:`webphone.contacts` (a small SQLite file,
read whole on open and after each change: a thousand contacts take milliseconds) and
answers the window's questions: whose is this number, what matches what is typed.
:class:`ContactsDialog` lists, searches, adds, edits, deletes, imports and exports;
:class:`ContactEditor` edits one contact; :class:`ImportProblemsDialog` shows each bad
record of a file, and imports nothing unless the user asks for the good ones.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..contacts import (
    Contact,
    ContactError,
    ContactsFileError,
    ContactStore,
    Directory,
    FileFormat,
    Finding,
    ImportRefused,
    Problem,
    ReadResult,
    RecordError,
    StoreError,
    Suggestion,
    default_path,
    export_file,
    find_contacts,
    import_file,
    problems,
    search,
)

log = logging.getLogger(__name__)


def problem_text(finding: Finding) -> str:
    """One problem in words, with the value it is about."""
    # Spelled out: lupdate only finds literal translate("context", "text") calls.
    texts = {
        Problem.NO_NAME: QCoreApplication.translate("ContactBook", "no name"),
        Problem.NAME_TOO_LONG: QCoreApplication.translate(
            "ContactBook", "the name is too long: %1"
        ),
        Problem.NO_ADDRESS: QCoreApplication.translate("ContactBook", "no number or SIP address"),
        Problem.TOO_MANY_ADDRESSES: QCoreApplication.translate(
            "ContactBook", "too many numbers and addresses: %1"
        ),
        Problem.BAD_ADDRESS: QCoreApplication.translate(
            "ContactBook", "not a phone number or SIP address: %1"
        ),
        Problem.NOTES_TOO_LONG: QCoreApplication.translate(
            "ContactBook", "the notes are too long: %1 characters"
        ),
        Problem.UNREADABLE: QCoreApplication.translate("ContactBook", "cannot be read: %1"),
        Problem.UNSUPPORTED_VERSION: QCoreApplication.translate(
            "ContactBook", "vCard version %1 (3.0 and 4.0 are read)"
        ),
        Problem.TOO_MANY_FIELDS: QCoreApplication.translate(
            "ContactBook", "more fields than the header has: %1"
        ),
        Problem.NO_NAME_COLUMN: QCoreApplication.translate(
            "ContactBook", "the header row has no Name column: %1"
        ),
        Problem.NOT_TEXT: QCoreApplication.translate("ContactBook", "not UTF-8 text (%1)"),
    }
    return texts[finding.problem].replace("%1", finding.detail)


def record_text(error: RecordError) -> str:
    """Where a bad record is and what is wrong with it."""
    if error.record:
        where = (
            QCoreApplication.translate("ContactBook", "Record %1 (line %2)")
            .replace("%1", str(error.record))
            .replace("%2", str(error.line))
        )
    else:
        where = QCoreApplication.translate("ContactBook", "Line %1").replace("%1", str(error.line))
    return f"{where}: " + "; ".join(problem_text(f) for f in error.findings)


class ContactBook(QObject):
    """The address book the window reads; :attr:`changed` after every change."""

    changed = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or default_path()
        self.error = ""  # why the book cannot be used (then it is empty and read-only)
        self._store: ContactStore | None = None
        self.directory = Directory([])
        try:
            self._store = ContactStore(self.path)
        except StoreError as exc:
            log.error("%s", exc)
            self.error = str(exc)
        self._reload()

    @property
    def contacts(self) -> list[Contact]:
        return self.directory.contacts

    @property
    def usable(self) -> bool:
        return self._store is not None

    def _reload(self) -> None:
        self.directory = Directory(self._store.all() if self._store else [])
        self.changed.emit()

    def _need_store(self) -> ContactStore:
        if self._store is None:
            raise StoreError(self.error)
        return self._store

    def name_for(self, address: str) -> str | None:
        """The name of the contact *address* (a caller, a history entry) belongs to."""
        return self.directory.name_for(address)

    def search(self, text: str, history: Sequence[str] = ()) -> list[Suggestion]:
        return search(text, self.directory, history)

    def save(self, contact: Contact) -> Contact:
        """Add (no id) or update a contact; ContactError / StoreError say why not."""
        store = self._need_store()
        saved = store.add(contact) if contact.id is None else store.update(contact)
        self._reload()
        return saved

    def delete(self, contact_id: int) -> None:
        self._need_store().delete(contact_id)
        self._reload()

    def import_file(self, path: Path, *, skip_bad: bool = False) -> ReadResult:
        """See :func:`webphone.contacts.import_file` (ImportRefused: nothing changed)."""
        try:
            return import_file(self._need_store(), path, skip_bad=skip_bad)
        finally:
            self._reload()

    def export_file(self, path: Path, kind: FileFormat) -> int:
        export_file(self.contacts, path, kind)
        return len(self.contacts)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class ContactEditor(QDialog):
    """One contact: its name, numbers and SIP addresses (one a line), and notes."""

    def __init__(self, book: ContactBook, contact: Contact | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.book = book
        self.contact = contact
        self.saved: Contact | None = None
        self.setObjectName("contactEditor")
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.name = QLineEdit(contact.name if contact else "")
        self.name.setObjectName("contactName")
        self.name.setAccessibleName(self.tr("Name"))
        self.addresses = QPlainTextEdit("\n".join(contact.addresses) if contact else "")
        self.addresses.setObjectName("contactAddresses")
        self.addresses.setAccessibleName(self.tr("Numbers and SIP addresses, one a line"))
        self.addresses.setPlaceholderText(self.tr("+1 555 0100\nsip:ana@example.com"))
        self.addresses.setTabChangesFocus(True)
        self.notes = QPlainTextEdit(contact.notes if contact else "")
        self.notes.setObjectName("contactNotes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.hint = QLabel()
        self.hint.setObjectName("contactHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: #b00020;")
        self.hint.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("N&umbers and SIP addresses:"), self.addresses)
        form.addRow(self.tr("N&otes:"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("contactSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def edited(self) -> Contact:
        lines = self.addresses.toPlainText().splitlines()
        return Contact(
            self.name.text(),
            tuple(lines),
            self.notes.toPlainText(),
            self.contact.id if self.contact else None,
        )

    def save(self) -> None:
        """Store it and close; a problem is shown and the dialog stays open."""
        contact = self.edited()
        found = problems(contact)
        if found:
            self._show("\n".join(problem_text(f) for f in found))
            return
        try:
            self.saved = self.book.save(contact)
        except ContactError as exc:
            self._show("\n".join(problem_text(f) for f in exc.findings))
            return
        except StoreError as exc:
            self._show(self.tr("Cannot save: %1").replace("%1", str(exc)))
            return
        self.accept()

    def _show(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(True)


class ImportProblemsDialog(QDialog):
    """The bad records of a file; nothing was imported. The user may take the good ones."""

    def __init__(self, name: str, refused: ImportRefused, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importProblems")
        self.setWindowTitle(self.tr("Cannot import %1").replace("%1", name))
        good = len(refused.result.contacts)
        summary = QLabel(
            self.tr("Nothing was imported: records of %2 with problems: %1.")
            .replace("%1", str(len(refused.errors)))
            .replace("%2", name)
        )
        summary.setObjectName("importSummary")
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QListWidget()
        self.problems.setObjectName("importProblemList")
        self.problems.setAccessibleName(self.tr("Problems"))
        for error in refused.errors:
            self.problems.addItem(record_text(error))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Import nothing"))
        cancel.setDefault(True)  # the default changes nothing
        self.import_good = buttons.addButton(
            self.tr("Import the good records (%1)").replace("%1", str(good)),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_good.setObjectName("importGood")
        self.import_good.setAutoDefault(False)
        self.import_good.setEnabled(good > 0)
        self.import_good.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)


# The file dialog's filters, in the order offered; the chosen one decides the format.
def _export_filters() -> dict[str, FileFormat]:
    return {
        QCoreApplication.translate("ContactsDialog", "vCard 4.0 (*.vcf)"): FileFormat.VCARD4,
        QCoreApplication.translate("ContactsDialog", "vCard 3.0 (*.vcf)"): FileFormat.VCARD3,
        QCoreApplication.translate("ContactsDialog", "CSV (*.csv)"): FileFormat.CSV,
    }


class ContactsDialog(QDialog):
    """The address book: search, add, edit, delete, call, import, export."""

    callRequested = Signal(str)  # an address to dial

    def __init__(self, book: ContactBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.editor: ContactEditor | None = None
        self.problems_dialog: ImportProblemsDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.setObjectName("contactsDialog")
        self.setWindowTitle(self.tr("Contacts"))
        self.filter = QLineEdit()
        self.filter.setObjectName("contactsFilter")
        self.filter.setPlaceholderText(self.tr("Search names, numbers and addresses"))
        self.filter.setAccessibleName(self.tr("Search contacts"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _text: self.refresh())
        self.list = QListWidget()
        self.list.setObjectName("contactsList")
        self.list.setAccessibleName(self.tr("Contacts"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.status = QLabel()
        self.status.setObjectName("contactsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.add_button = self._button(buttons, self.tr("&Add…"), "contactAdd", self.add)
        self.edit_button = self._button(buttons, self.tr("&Edit…"), "contactEdit", self.edit)
        self.delete_button = self._button(buttons, self.tr("&Delete"), "contactDelete", self.delete)
        self.call_button = self._button(buttons, self.tr("&Call"), "contactCall", self.call)
        self.import_button = self._button(
            buttons, self.tr("&Import…"), "contactsImport", self.choose_import
        )
        self.export_button = self._button(
            buttons, self.tr("E&xport…"), "contactsExport", self.choose_export
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        book.changed.connect(self.refresh)
        self.resize(640, 480)
        self.refresh()

    @staticmethod
    def _button(box: QDialogButtonBox, text: str, name: str, slot: object) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    # -- the list ----
    def shown(self) -> list[Contact]:
        """The contacts the list shows (all, or those the search finds, best first)."""
        return find_contacts(self.filter.text(), self.book.directory)

    def refresh(self) -> None:
        current = self.current()
        self.list.clear()
        for contact in self.shown():
            first = contact.addresses[0] if contact.addresses else ""
            item = QListWidgetItem(f"{contact.name} — {first}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setToolTip("\n".join([*contact.addresses, contact.notes]).strip())
            if current is not None and contact.id == current.id:
                self.list.setCurrentItem(item)
        if self.book.error:
            self.status.setText(
                self.tr("The address book cannot be opened: %1").replace("%1", self.book.error)
            )
        elif not self.book.contacts:
            self.status.setText(self.tr("No contacts yet: add one or import a file."))
        elif self.list.count() == 0:
            self.status.setText(self.tr("No contact matches."))
        else:
            self.status.setText(
                self.tr("Contacts shown: %1 of %2")
                .replace("%1", str(self.list.count()))
                .replace("%2", str(len(self.book.contacts)))
            )
        self._update_buttons()

    def current(self) -> Contact | None:
        item = self.list.currentItem()
        if item is None:
            return None
        contact_id = item.data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.book.contacts if c.id == contact_id), None)

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        usable = self.book.usable
        self.add_button.setEnabled(usable)
        self.import_button.setEnabled(usable)
        self.edit_button.setEnabled(chosen and usable)
        self.delete_button.setEnabled(chosen and usable)
        self.call_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self.book.contacts))

    # -- actions ----
    def add(self) -> None:
        self._edit(None)

    def edit(self) -> None:
        if (contact := self.current()) is not None:
            self._edit(contact)

    def _edit(self, contact: Contact | None) -> None:
        editor = ContactEditor(self.book, contact, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _code: self._editor_closed(editor))
        self.editor = editor
        editor.open()

    def _editor_closed(self, editor: ContactEditor) -> None:
        if self.editor is editor:
            self.editor = None
        if editor.saved is not None:
            self._select(editor.saved.id)
            self.status.setText(self.tr("Saved %1.").replace("%1", editor.saved.name))

    def _select(self, contact_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == contact_id:
                self.list.setCurrentRow(row)
                return

    def delete(self) -> None:
        """Ask first; the answer comes back through the box (no nested event loop)."""
        contact = self.current()
        if contact is None or contact.id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete contact"),
            self.tr("Delete %1 from the address book?").replace("%1", contact.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        contact_id = contact.id

        def answered(code: int) -> None:
            self.confirm_box = None
            if code == QMessageBox.StandardButton.Yes:
                try:
                    self.book.delete(contact_id)
                except StoreError as exc:
                    self.status.setText(self.tr("Cannot delete: %1").replace("%1", str(exc)))

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def call(self) -> None:
        if (contact := self.current()) is not None and contact.addresses:
            self.callRequested.emit(contact.addresses[0])

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import contacts"),
            str(Path.home()),
            self.tr("Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import *path*; bad records are listed (nothing imported) for the user to
        decide whether to take the good ones."""
        try:
            result = self.book.import_file(path)
        except ImportRefused as refused:
            self._ask_about(path, refused)
            return
        except (ContactsFileError, StoreError, ContactError) as exc:
            self.status.setText(self.tr("Cannot import: %1").replace("%1", str(exc)))
            return
        self._imported(path, result)

    def _ask_about(self, path: Path, refused: ImportRefused) -> None:
        dialog = ImportProblemsDialog(path.name, refused, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.problems_dialog = dialog

        def decided(code: int) -> None:
            self.problems_dialog = None
            if code != QDialog.DialogCode.Accepted:
                self.status.setText(self.tr("Nothing imported from %1.").replace("%1", path.name))
                return
            try:
                result = self.book.import_file(path, skip_bad=True)
            except (ContactsFileError, StoreError, ContactError) as exc:
                self.status.setText(self.tr("Cannot import: %1").replace("%1", str(exc)))
                return
            self._imported(path, result)

        dialog.finished.connect(decided)
        dialog.open()

    def _imported(self, path: Path, result: ReadResult) -> None:
        text = (
            self.tr("Contacts imported from %2: %1.")
            .replace("%1", str(len(result.contacts)))
            .replace("%2", path.name)
        )
        if result.already_there:
            text += " " + self.tr("Already in the address book, left out: %1.").replace(
                "%1", str(result.already_there)
            )
        self.status.setText(text)

    def choose_export(self) -> None:
        filters = _export_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export contacts"),
            str(Path.home() / "contacts.vcf"),
            ";;".join(filters),
        )
        if path:
            kind = filters.get(chosen, FileFormat.VCARD4)
            suffix = ".csv" if kind is FileFormat.CSV else ".vcf"
            target = Path(path)
            self.export_to(target if target.suffix else target.with_suffix(suffix), kind)

    def export_to(self, path: Path, kind: FileFormat) -> None:
        try:
            count = self.book.export_file(path, kind)
        except ContactsFileError as exc:
            self.status.setText(self.tr("Cannot export: %1").replace("%1", str(exc)))
            return
        self.status.setText(
            self.tr("Contacts exported to %2: %1.")
            .replace("%1", str(count))
            .replace("%2", path.name)
        )
