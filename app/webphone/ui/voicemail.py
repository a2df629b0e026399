"""The voicemail indicator next to the account state: new messages, one click to listen.

It shows once the server has said anything about the mailbox (an ``onVoicemail`` event,
sdk/core/voicemail.py) and stays hidden on servers without voicemail. A click dials the
voicemail number from Settings, else the mailbox the server named (``Message-Account``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

# Bold while something new waits: the eye finds it in the status row.
WAITING_STYLE = "QToolButton { font-weight: bold; }"


class VoicemailButton(QToolButton):
    """Shows the count of new voicemail messages; clicked, asks to dial the mailbox."""

    dialRequested = Signal(str)  # what to dial
    countChanged = Signal(int)  # new messages (the tray shows them too)

    def __init__(self, number: Callable[[], str], parent: QWidget | None = None) -> None:
        """*number*: the voicemail number setting ("" when unset), read at each click."""
        super().__init__(parent)
        self.setObjectName("voicemailButton")
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Voicemail"))
        self._number = number
        self.account: str | None = None
        self.new = 0
        self.old = 0
        self.clicked.connect(self._dial)
        self.setVisible(False)

    def target(self) -> str:
        """Who a click dials: the setting, else the server's mailbox address."""
        return self._number().strip() or (self.account or "")

    def show_summary(self, summary: dict[str, Any]) -> None:
        """An ``onVoicemail`` payload arrived."""
        self.new = _count(summary.get("newMessages"))
        self.old = _count(summary.get("oldMessages"))
        account = summary.get("account")
        self.account = account if isinstance(account, str) and account else self.account
        waiting = bool(summary.get("messagesWaiting")) or self.new > 0
        if self.new:
            text = self.tr("Voicemail: %1 new").replace("%1", str(self.new))
        elif waiting:
            text = self.tr("Voicemail waiting")
        else:
            text = self.tr("No new voicemail")
        self.setText(text)
        self.setStyleSheet(WAITING_STYLE if waiting else "")
        tip = self.tr("%1 new, %2 old messages.").replace("%1", str(self.new))
        tip = tip.replace("%2", str(self.old))
        if self.target():
            tip += " " + self.tr("Click to call your voicemail (%1).").replace("%1", self.target())
        else:
            tip += " " + self.tr("Set the voicemail number in Settings to call it from here.")
        self.setToolTip(tip)
        self.setVisible(True)
        self.countChanged.emit(self.new)

    def clear(self) -> None:
        """Logged out: nothing is known about the mailbox any more."""
        self.new = self.old = 0
        self.account = None
        self.setVisible(False)
        self.countChanged.emit(0)

    def _dial(self) -> None:
        target = self.target()
        if target:
            self.dialRequested.emit(target)


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
