"""The current call: state, remote party, timer, mute, noise reduction and hang up, with
the far end's audio status and the call's quality warnings in words."""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .appearance import good_colour, warning_colour
from .icons import coloured_icon, themed_icon
from .quality_words import warning_sentence

BUTTON_ICON = QSize(20, 20)
# The hang-up button's own colours, the same on light and dark (white on red).
HANGUP_STYLE = "QPushButton:enabled { background: #c62828; color: white; }"


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
    """Shows one call; emits :attr:`muteToggled`, :attr:`noiseReductionToggled` and
    :attr:`hangupClicked`."""

    muteToggled = Signal(bool)
    noiseReductionToggled = Signal(bool)
    hangupClicked = Signal()
    stateChanged = Signal(object)  # the new PanelState

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
        self.remote_audio = QLabel()
        self.remote_audio.setObjectName("remoteAudio")
        self.remote_audio.setAccessibleName(self.tr("Audio from the other side"))
        self.remote_audio.setVisible(False)
        self.warnings = QLabel()
        self.warnings.setObjectName("callWarnings")
        self.warnings.setAccessibleName(self.tr("Call quality warnings"))
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(False)
        self._remote_flowing = True
        self._active: dict[str, Mapping[str, Any]] = {}  # warning type -> payload
        self.noise_button = QPushButton(self.tr("Noise reduction"))
        self.noise_button.setObjectName("noiseReductionButton")
        self.noise_button.setCheckable(True)
        self.noise_button.setAccessibleName(self.tr("Noise reduction"))
        self.noise_button.setToolTip(self.tr("Noise reduction is not available yet"))
        self.noise_button.setEnabled(False)
        self.noise_button.toggled.connect(self.noiseReductionToggled)
        self.mute_button = QPushButton(self.tr("Mute"))
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.mute_button.setAccessibleName(self.tr("Mute microphone"))
        self.mute_button.toggled.connect(self._mute_toggled)
        self.hangup_button = QPushButton(self.tr("Hang up"))
        self.hangup_button.setObjectName("hangupButton")
        self.hangup_button.setAccessibleName(self.tr("Hang up"))
        self.hangup_button.setStyleSheet(HANGUP_STYLE)
        self.hangup_button.clicked.connect(self.hangupClicked)
        for button in (self.mute_button, self.noise_button, self.hangup_button):
            button.setIconSize(BUTTON_ICON)
            button.setMinimumHeight(34)

        top = QHBoxLayout()
        top.addWidget(self.party, 1)
        top.addWidget(self.timer_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mute_button)
        buttons.addWidget(self.noise_button)
        buttons.addWidget(self.hangup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.remote_audio)
        layout.addWidget(self.warnings)
        layout.addWidget(self.dtmf)
        layout.addLayout(buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._update_timer)
        self._render()
        self._apply_look()

    def _apply_look(self) -> None:
        """Icons and message colours after the palette (light or dark)."""
        muted = self.mute_button.isChecked()
        self.mute_button.setIcon(themed_icon(self, "mic_off" if muted else "mic"))
        self.noise_button.setIcon(themed_icon(self, "noise"))
        self.hangup_button.setIcon(coloured_icon(self, "hangup"))
        self.warnings.setStyleSheet(f"color: {warning_colour(self)};")
        self._style_remote_audio()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_look()

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
            self._active.clear()
            self.remote_audio.setVisible(False)
            self._render_warnings()
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
        self.stateChanged.emit(state)

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

    # -- noise reduction ----
    def set_noise_reduction_available(self, available: bool) -> None:
        """Noise reduction can be switched (the sdk said ``onNoiseReductionReady``, or
        ``enableNoiseReduction`` is on); it applies to the call and the next ones."""
        self.noise_button.setEnabled(available)
        self.noise_button.setToolTip(
            self.tr("Filter background noise out of your microphone")
            if available
            else self.tr("Noise reduction is not available yet")
        )

    def show_noise_reduction(self, on: bool) -> None:
        """What the sdk says is in effect (without asking it again)."""
        self.noise_button.blockSignals(True)
        self.noise_button.setChecked(on)
        self.noise_button.blockSignals(False)

    # -- what the sdk tells about the media ----
    def set_remote_audio(self, flowing: bool) -> None:
        """``remoteAudioStatus``: the server hears (or no longer hears) the other side."""
        self._remote_flowing = flowing
        if flowing:
            self.remote_audio.setText(self.tr("Audio from the other side: OK"))
        else:
            self.remote_audio.setText(self.tr("No audio from the other side"))
        self._style_remote_audio()
        self.remote_audio.setVisible(True)

    def _style_remote_audio(self) -> None:
        if self._remote_flowing:
            self.remote_audio.setStyleSheet(f"color: {good_colour(self)};")
        else:
            self.remote_audio.setStyleSheet(f"color: {warning_colour(self)}; font-weight: bold;")

    def media_warning(self, payload: Mapping[str, Any]) -> None:
        """A ``mediaMetrics`` warning raised (listed) or cleared (removed)."""
        kind = str(payload.get("type", ""))
        if not kind:
            return
        if payload.get("active") is False:
            self._active.pop(kind, None)
        else:
            self._active[kind] = payload
        self._render_warnings()

    def _render_warnings(self) -> None:
        self.warnings.setText("\n".join(warning_sentence(p) for p in self._active.values()))
        self.warnings.setVisible(bool(self._active))

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
        self.mute_button.setIcon(themed_icon(self, "mic_off" if muted else "mic"))
        self.muteToggled.emit(muted)
