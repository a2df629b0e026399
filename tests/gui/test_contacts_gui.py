"""The address book as a user meets it: Phone ▸ Contacts… adds, edits, searches and deletes;
a file with bad records lists each one and imports nothing unless asked; export writes a
file that reads back; the dial field suggests contacts as one types; a call from a
contact rings with the contact's name, and the history names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import StartApp, click
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from webphone.contacts import Contact, FileFormat, read_file
from webphone.ui.contacts import ContactBook, ContactsDialog
from webphone.ui.history import COLUMNS

pytestmark = pytest.mark.timeout(120)
CALL_TIMEOUT_MS = 15_000


@pytest.fixture
def book(tmp_path: Path) -> ContactBook:
    return ContactBook(tmp_path / "contacts.sqlite3")


@pytest.fixture
def dialog(qtbot: QtBot, book: ContactBook) -> ContactsDialog:
    shown = ContactsDialog(book)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def rows(dialog: ContactsDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_add_edit_search_and_delete(qtbot: QtBot, dialog: ContactsDialog) -> None:
    assert dialog.status.text() == "No contacts yet: add one or import a file."
    assert not dialog.edit_button.isEnabled() and not dialog.export_button.isEnabled()

    click(qtbot, dialog.add_button)
    editor = dialog.editor
    assert editor is not None and editor.windowTitle() == "New contact"
    qtbot.keyClicks(editor.addresses, "call me maybe")
    click(qtbot, editor.save_button)
    # Each problem in words; the dialog stays open with what was typed.
    assert editor.isVisible()
    assert editor.hint.text() == "no name\nnot a phone number or SIP address: call me maybe"
    editor.addresses.setPlainText("+1 555 0100\nsip:ana@example.com")
    qtbot.keyClicks(editor.name, "Ana ")
    editor.name.insert("Núñez")  # QTest types ASCII only
    qtbot.keyClicks(editor.notes, "prefers mornings")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert rows(dialog) == ["Ana Núñez — +1 555 0100"]
    assert dialog.status.text() == "Saved Ana Núñez."

    dialog.book.save(Contact("Bob", ("bob@pbx",)))
    assert rows(dialog) == ["Ana Núñez — +1 555 0100", "Bob — bob@pbx"]
    qtbot.keyClicks(dialog.filter, "5550")  # digits find the number, separators ignored
    assert rows(dialog) == ["Ana Núñez — +1 555 0100"]
    assert dialog.status.text() == "Contacts shown: 1 of 2"
    dialog.filter.clear()

    dialog.list.setCurrentRow(0)
    click(qtbot, dialog.edit_button)
    editor = dialog.editor
    assert editor is not None and editor.name.text() == "Ana Núñez"
    assert editor.notes.toPlainText() == "prefers mornings"
    editor.name.setText("Ana N.")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: dialog.editor is None)
    assert rows(dialog) == ["Ana N. — +1 555 0100", "Bob — bob@pbx"]

    dialog.list.setCurrentRow(1)
    click(qtbot, dialog.delete_button)
    box = dialog.confirm_box
    assert box is not None and "Delete Bob" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert rows(dialog) == ["Ana N. — +1 555 0100", "Bob — bob@pbx"]
    dialog.list.setCurrentRow(1)
    click(qtbot, dialog.delete_button)
    assert dialog.confirm_box is not None
    dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: rows(dialog) == ["Ana N. — +1 555 0100"])
    assert [c.name for c in ContactBook(dialog.book.path).contacts] == ["Ana N."]  # stored


def test_a_bad_file_lists_each_problem_and_imports_nothing_unless_asked(
    qtbot: QtBot, dialog: ContactsDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.book.save(Contact("Already here", ("100",)))
    bad = tmp_path / "people.csv"
    bad.write_text(
        "Name,Phone\nGood,+1 555 0101\n,+1 555 0102\nBad,call me\nAlso good,sip:g@h\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, dialog.import_button)
    problems = dialog.problems_dialog
    assert problems is not None and problems.isVisible()
    listed = [problems.problems.item(i).text() for i in range(problems.problems.count())]
    assert listed == [
        "Record 2 (line 3): no name",
        "Record 3 (line 4): not a phone number or SIP address: call me",
    ]
    assert problems.import_good.text() == "Import the good records (2)"
    buttons = problems.findChild(QDialogButtonBox)
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))  # "Import nothing"
    qtbot.waitUntil(lambda: dialog.problems_dialog is None)
    assert rows(dialog) == ["Already here — 100"]
    assert dialog.status.text() == "Nothing imported from people.csv."

    dialog.import_from(bad)
    problems = dialog.problems_dialog
    assert problems is not None
    click(qtbot, problems.import_good)
    qtbot.waitUntil(lambda: dialog.problems_dialog is None)
    assert rows(dialog) == ["Already here — 100", "Also good — sip:g@h", "Good — +1 555 0101"]
    assert dialog.status.text() == "Contacts imported from people.csv: 2."
    dialog.import_from(bad)  # again: the good ones are there already
    problems = dialog.problems_dialog
    assert problems is not None
    click(qtbot, problems.import_good)
    qtbot.waitUntil(lambda: dialog.problems_dialog is None)
    assert dialog.book.contacts == ContactBook(dialog.book.path).contacts  # stored
    assert len(dialog.book.contacts) == 3
    assert dialog.status.text() == (
        "Contacts imported from people.csv: 0. Already in the address book, left out: 2."
    )


def test_export_writes_a_file_that_reads_back(
    qtbot: QtBot, dialog: ContactsDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.book.save(Contact("Ana", ("+1 555 0100", "sip:ana@x"), "hi, there"))
    target = tmp_path / "out"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)")
    )
    click(qtbot, dialog.export_button)
    written = tmp_path / "out.csv"
    assert dialog.status.text() == "Contacts exported to out.csv: 1."
    assert read_file(written).contacts == [
        Contact("Ana", ("+1 555 0100", "sip:ana@x"), "hi, there")
    ]
    dialog.export_to(tmp_path / "out.vcf", FileFormat.VCARD3)
    assert read_file(tmp_path / "out.vcf").contacts[0].name == "Ana"


def test_an_unusable_address_book_is_said_and_nothing_can_be_added(
    qtbot: QtBot, tmp_path: Path
) -> None:
    junk = tmp_path / "contacts.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    book = ContactBook(junk)
    shown = ContactsDialog(book)
    qtbot.addWidget(shown)
    assert shown.status.text().startswith("The address book cannot be opened: ")
    assert "not a usable address book" in shown.status.text()
    assert not shown.add_button.isEnabled() and not shown.import_button.isEnabled()
    assert book.name_for("+1 555 0100") is None  # callers still ring, unnamed


def test_the_dial_field_suggests_contacts_and_history(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    window.contact_book.save(Contact("Ana Núñez", ("+1 555 0100", "sip:ana@example.com")))
    # The address book is in the window's list too.
    assert window.contacts.findItems("Ana Núñez — +1 555 0100", Qt.MatchFlag.MatchExactly)
    window.settings.history = ["15550100", "echo"]
    window.destination.setFocus()
    qtbot.keyClicks(window.destination, "ana")
    popup = window.dial_search.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert window.dial_search.labels() == [
        "Ana Núñez — +1 555 0100",
        "Ana Núñez — sip:ana@example.com",
    ]
    window.destination.clear()
    qtbot.keyClicks(window.destination, "555")
    assert window.dial_search.labels() == ["Ana Núñez — +1 555 0100", "Ana Núñez — 15550100"]
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.destination.text() == "+1 555 0100")


def test_a_call_from_a_contact_rings_with_their_name_and_the_history_names_them(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    assert window.session is not None
    window.contact_book.save(Contact("Ringo Starr", (f"sip:ring@{window.session.domain}",)))
    announced: list[str] = []
    window.incomingCall.connect(lambda _uuid, who: announced.append(who))
    window.destination.setText("ring")  # the bot declines and calls back
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: len(window.incoming.rows) == 1, timeout=CALL_TIMEOUT_MS)
    row = next(iter(window.incoming.rows.values()))
    assert row.caller.startswith("ring@")
    assert row.label.text() == f"Ringo Starr <{row.caller}>"
    assert announced == [f"Ringo Starr <{row.caller}>"]  # the tray says it too
    click(qtbot, row.reject_button)
    qtbot.waitUntil(lambda: not window.incoming.rows, timeout=CALL_TIMEOUT_MS)

    window.history_action.trigger()
    history = app.history_dialog
    assert history is not None
    qtbot.waitUntil(lambda: history.table.rowCount() == 2, timeout=5000)
    who = {history.table.item(r, COLUMNS.index("who")).text() for r in range(2)}
    # The call out to the bot and its call back, as the sdk recorded their addresses.
    assert who == {"Ringo Starr <ring>", f"Ringo Starr <sip:{row.caller}>"}


def test_phone_menu_opens_the_contacts_dialog_and_call_dials(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    window.contact_book.save(Contact("Echo Bot", ("echo",)))
    window.contacts_action.trigger()
    dialog = window.contacts_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.list.setCurrentRow(0)
    click(qtbot, dialog.call_button)
    qtbot.waitUntil(lambda: window.call_panel.in_call, timeout=CALL_TIMEOUT_MS)
    assert window.destination.text() == "echo"
    click(qtbot, window.call_panel.hangup_button)
    qtbot.waitUntil(lambda: not window.call_panel.in_call, timeout=CALL_TIMEOUT_MS)
