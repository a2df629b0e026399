"""The current call: state, remote party, timer, mute and hang up."""

from __future__ import annotations

import enum
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PanelState(enum.Enum):
    """What the panel shows; legal moves in :data:`TRANSITIONS`."""

    IDLE = "idle"
    CALLING = "calling"  # INVITE sent, nothing heard back yet
    RINGING = "ringing"  # the far end rings
    ANSWERED = "answered"
    ENDED = "ended"  # shown until the next call starts


TRANSITIONS: dict[PanelState, set[PanelState]] = {
    PanelState.IDLE: {PanelState.CALLING, PanelState.ANSWERED},
    PanelState.CALLING: {PanelState.RINGING, PanelState.ANSWERED, PanelState.ENDED},
    PanelState.RINGING: {PanelState.ANSWERED, PanelState.ENDED},
    PanelState.ANSWERED: {PanelState.ENDED},
    PanelState.ENDED: {PanelState.CALLING, PanelState.ANSWERED, PanelState.IDLE},
}


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return (f"{hours}:" if hours else "") + f"{rest // 60:02d}:{rest % 60:02d}"


class CallPanel(QGroupBox):
    """Shows one call; emits :attr:`muteToggled` and :attr:`hangupClicked`."""

    muteToggled = Signal(bool)
    hangupClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Call"))
        self.setAccessibleName(self.tr("Current call"))
        self.state = PanelState.IDLE
        self.call_uuid: str | None = None
        self._answered_at: float | None = None
        self._reason = ""
        self.party = QLabel()
        self.party.setObjectName("callParty")
        self.party.setAccessibleName(self.tr("Remote party"))
        font = self.party.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.party.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("callStatus")
        self.status.setAccessibleName(self.tr("Call state"))
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        self.timer_label.setAccessibleName(self.tr("Call duration"))
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.dtmf = QLabel()
        self.dtmf.setObjectName("callDtmf")
        self.dtmf.setAccessibleName(self.tr("Key presses"))
        self._sent = ""
        self._received = ""
        self.mute_button = QPushButton(self.tr("Mute"))
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setAccessibleName(self.tr("Mute microphone"))
        self.mute_button.toggled.connect(self._mute_toggled)
        self.hangup_button = QPushButton(self.tr("Hang up"))
        self.hangup_button.setObjectName("hangupButton")
        self.hangup_button.setAccessibleName(self.tr("Hang up"))
        self.hangup_button.setStyleSheet(
            "QPushButton:enabled { background: #c62828; color: white; }"
        )
        self.hangup_button.clicked.connect(self.hangupClicked)

        top = QHBoxLayout()
        top.addWidget(self.party, 1)
        top.addWidget(self.timer_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mute_button)
        buttons.addWidget(self.hangup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.dtmf)
        layout.addLayout(buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._update_timer)
        self._render()

    # -- state ----
    def set_state(
        self,
        state: PanelState,
        *,
        party: str | None = None,
        uuid: str | None = None,
        reason: str = "",
    ) -> None:
        """Change state (illegal moves are refused: a late event must not revive a call)."""
        if state is not self.state and state not in TRANSITIONS[self.state]:
            return
        new_call = state is PanelState.CALLING or (
            state is PanelState.ANSWERED and self.state in (PanelState.IDLE, PanelState.ENDED)
        )
        self.state = state
        if new_call or state is PanelState.IDLE:
            self.call_uuid = None
            self._answered_at = None
            self.timer_label.setText("00:00")
            self.mute_button.setChecked(False)
            self._sent = self._received = ""
        if party is not None:
            self.party.setText(party)
        if uuid is not None:
            self.call_uuid = uuid
        if state is PanelState.ANSWERED and self._answered_at is None:
            self._answered_at = time.monotonic()
            self._tick.start()
        if state is PanelState.ENDED:
            self._tick.stop()
            self._update_timer()
        self._reason = reason
        self._render()

    @property
    def in_call(self) -> bool:
        return self.state in (PanelState.CALLING, PanelState.RINGING, PanelState.ANSWERED)

    def _render(self) -> None:
        texts = {
            PanelState.IDLE: self.tr("No call"),
            PanelState.CALLING: self.tr("Calling…"),
            PanelState.RINGING: self.tr("Ringing…"),
            PanelState.ANSWERED: self.tr("Connected"),
            PanelState.ENDED: self.tr("Call ended"),
        }
        text = texts[self.state]
        if self.state is PanelState.ENDED and self._reason:
            text = self.tr("Call ended: %1").replace("%1", self._reason)
        self.status.setText(text)
        if self.state is PanelState.IDLE:
            self.party.setText(self.tr("Ready"))
        parts = []
        if self._sent:
            parts.append(self.tr("Keys sent: %1").replace("%1", self._sent))
        if self._received:
            parts.append(self.tr("received: %1").replace("%1", self._received))
        self.dtmf.setText(", ".join(parts))
        self.dtmf.setVisible(bool(parts))
        self.mute_button.setEnabled(self.state is PanelState.ANSWERED)
        self.hangup_button.setEnabled(self.in_call)

    def digit_sent(self, digit: str) -> None:
        self._sent += digit
        self._render()

    def digit_received(self, digit: str) -> None:
        self._received += digit
        self._render()

    def _update_timer(self) -> None:
        if self._answered_at is not None:
            self.timer_label.setText(format_duration(time.monotonic() - self._answered_at))

    def _mute_toggled(self, muted: bool) -> None:
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        self.muteToggled.emit(muted)
