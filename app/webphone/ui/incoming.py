"""The incoming-call list: one row per ringing call with answer / reject / ignore."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .icons import coloured_icon, themed_icon

# The seed's ``actionOnOtherIncomingCalls`` values, in the order the combo box offers them.
OTHER_CALL_ACTIONS = ("reject", "ignore", "letring")


class IncomingRow(QFrame):
    """One ringing call."""

    def __init__(
        self,
        uuid: str,
        caller: str,
        name: str,
        headers: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.uuid = uuid
        self.caller = caller
        self.setObjectName("incomingRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        who = f"{name} <{caller}>" if name else caller
        self.setAccessibleName(self.tr("Incoming call from %1").replace("%1", who))
        self.label = QLabel(who)
        self.label.setObjectName("incomingCaller")
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.headers = QLabel(", ".join(f"{k}: {v}" for k, v in headers.items()))
        self.headers.setObjectName("incomingHeaders")
        self.headers.setAccessibleName(self.tr("Call headers"))
        self.headers.setVisible(bool(headers))
        self.answer_button = QPushButton(self.tr("Answer"))
        self.answer_button.setObjectName("answerButton")
        self.answer_button.setAccessibleName(self.tr("Answer call from %1").replace("%1", who))
        self.answer_button.setStyleSheet("QPushButton { background: #2e7d32; color: white; }")
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setAccessibleName(self.tr("Reject call from %1").replace("%1", who))
        self.ignore_button = QPushButton(self.tr("Ignore"))
        self.ignore_button.setObjectName("ignoreButton")
        self.ignore_button.setAccessibleName(self.tr("Ignore call from %1").replace("%1", who))
        for button in (self.answer_button, self.reject_button, self.ignore_button):
            button.setIconSize(QSize(18, 18))
        self._apply_look()
        text = QVBoxLayout()
        text.addWidget(self.label)
        text.addWidget(self.headers)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.answer_button)
        layout.addWidget(self.reject_button)
        layout.addWidget(self.ignore_button)

    def _apply_look(self) -> None:
        self.answer_button.setIcon(coloured_icon(self, "call"))
        self.reject_button.setIcon(themed_icon(self, "hangup"))
        self.ignore_button.setIcon(themed_icon(self, "ignore"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_look()


class IncomingList(QGroupBox):
    """Rows of ringing calls plus what answering one does to the others."""

    answerRequested = Signal(str, str)  # uuid, action on the other calls
    rejectRequested = Signal(str)
    ignoreRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Incoming calls"))
        self.setAccessibleName(self.tr("Incoming calls"))
        self.rows: dict[str, IncomingRow] = {}
        self.others = QComboBox()
        self.others.setObjectName("otherCallsAction")
        self.others.setAccessibleName(self.tr("When answering, the other calls"))
        labels = {
            "reject": self.tr("Reject the others"),
            "ignore": self.tr("Ignore the others"),
            "letring": self.tr("Let the others ring"),
        }
        for action in OTHER_CALL_ACTIONS:
            self.others.addItem(labels[action], action)
        header = QHBoxLayout()
        caption = QLabel(self.tr("When I answer one:"))
        caption.setBuddy(self.others)
        header.addWidget(caption)
        header.addWidget(self.others, 1)
        self._rows_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self._rows_layout)
        self.setVisible(False)

    @property
    def other_action(self) -> str:
        return str(self.others.currentData())

    def set_other_action(self, action: str) -> None:
        self.others.setCurrentIndex(OTHER_CALL_ACTIONS.index(action))

    def add(self, uuid: str, caller: str, name: str, headers: Mapping[str, Any]) -> IncomingRow:
        self.remove(uuid)
        row = IncomingRow(uuid, caller, name, headers, self)
        row.answer_button.clicked.connect(
            lambda: self.answerRequested.emit(uuid, self.other_action)
        )
        row.reject_button.clicked.connect(lambda: self.rejectRequested.emit(uuid))
        row.ignore_button.clicked.connect(lambda: self.ignoreRequested.emit(uuid))
        self.rows[uuid] = row
        self._rows_layout.addWidget(row)
        # A layout shows a widget added to a visible parent only on the next event-loop
        # pass; show it now so a call is on screen the moment it is listed.
        row.show()
        self.setVisible(True)
        # The window grows to fit the new row only when its own layout request comes
        # round; until then the rows share the old height and their buttons are
        # squeezed to nothing, so a click lands on no button. Grow it now.
        top_layout = self.window().layout()
        if top_layout is not None:
            top_layout.activate()
        return row

    def remove(self, uuid: str) -> None:
        row = self.rows.pop(uuid, None)
        if row is not None:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def newest(self) -> str | None:
        return next(reversed(self.rows), None)
