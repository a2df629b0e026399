"""The "Check voice path" part of the audio devices dialog: the button, progress while the
check's call runs, and its figures (or why there are none) in words a user can act on.

The check itself is the sdk's (:mod:`webphone.sdk.checks.voice_check`), run on the core loop
through the bridge; this widget only asks for it and shows what comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..sdk.checks.voice_check import Outcome, Stage, VoiceCheckResult

PROGRESS_STEPS = 100
STATUS_LINES = 4
# At least this share of the phrase intact reads as "came back intact".
GOOD_PERCENT = 90.0
# Below this much, most of the voice is damaged.
POOR_PERCENT = 70.0
# A round trip past this makes people talk over each other (ITU-T G.114's 400 ms mouth
# to ear, here for the way there and back without the sound card).
LONG_ROUND_TRIP_MS = 400.0


class VoiceCheckPanel(QGroupBox):
    """Button, progress bar, status line and the result's figures."""

    checkRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Voice path"), parent)
        self.setObjectName("voiceCheckPanel")
        self.running = False
        about = QLabel(
            self.tr(
                "Calls the echo service with a short recorded phrase, sent through the same "
                "processing as your voice, and measures what comes back."
            )
        )
        about.setWordWrap(True)
        self.button = QPushButton(self.tr("Check voice path"))
        self.button.setObjectName("voiceCheckButton")
        self.button.setAccessibleName(self.tr("Check the voice path with an echo call"))
        self.button.clicked.connect(self._clicked)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("voiceCheckProgress")
        self.progress_bar.setAccessibleName(self.tr("Voice path check progress"))
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_bar.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("voiceCheckStatus")
        self.status.setWordWrap(True)
        # Room for the longest verdict from the start: a window does not grow with a
        # wrapped label (top-level widgets ignore height-for-width), so nothing may need to.
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * STATUS_LINES)
        self.round_trip = _figure("voiceCheckRoundTrip")
        self.intact = _figure("voiceCheckIntact")
        self.mos = _figure("voiceCheckMos")
        self.figures = QWidget()
        form = QFormLayout(self.figures)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Round trip:"), self.round_trip)
        form.addRow(self.tr("Speech returned intact:"), self.intact)
        form.addRow(self.tr("Call quality (MOS):"), self.mos)
        self._clear_figures()
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.progress_bar, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(row)
        layout.addWidget(self.figures)
        layout.addWidget(self.status)

    def _clicked(self) -> None:
        if self.running:
            self.button.setEnabled(False)  # until the check has hung up and says so
            self.cancelRequested.emit()
        else:
            self.checkRequested.emit()

    # -- what the window tells it ----
    def started(self, destination: str) -> None:
        self.running = True
        self.button.setText(self.tr("Cancel check"))
        self._clear_figures()
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        self.status.setText(self.tr("Calling %1…").replace("%1", destination))

    def progress(self, stage: str, fraction: float) -> None:
        """The sdk's progress: a :class:`~webphone.sdk.checks.voice_check.Stage` value, 0..1."""
        if not self.running:
            return
        self.progress_bar.setValue(round(min(1.0, max(0.0, fraction)) * PROGRESS_STEPS))
        text = {
            Stage.CONNECTING.value: self.tr("Connected; waiting for audio…"),
            Stage.SENDING.value: self.tr("Saying the test phrase…"),
            Stage.LISTENING.value: self.tr("Listening for its echo…"),
            Stage.MEASURING.value: self.tr("Measuring…"),
        }.get(stage)
        if text is not None:
            self.status.setText(text)

    def finished(self, result: VoiceCheckResult) -> None:
        """Show *result*: the figures, or why there are none."""
        self._stopped()
        figures = result.figures
        if result.outcome is not Outcome.MEASURED or figures is None:
            self._clear_figures()
            self.status.setText(self._failure(result))
            return
        locale = QLocale()
        self.round_trip.setText(
            self.tr("%1 ms").replace("%1", locale.toString(figures.round_trip_ms, "f", 0))
        )
        self.intact.setText(
            self.tr("%1 %").replace("%1", locale.toString(figures.intact_percent, "f", 0))
        )
        self.mos.setText(
            locale.toString(result.mos, "f", 1) if result.mos is not None else self.tr("not given")
        )
        self.measured = True
        self.status.setText(self._verdict(result))

    def failed(self, reason: str) -> None:
        """The check could not run at all (*reason* from the sdk, as it gave it)."""
        self._stopped()
        self._clear_figures()
        self.status.setText(self.tr("The check could not run: %1").replace("%1", reason))

    def _clear_figures(self) -> None:
        self.measured = False
        for label in (self.round_trip, self.intact, self.mos):
            label.setText("—")

    def _stopped(self) -> None:
        self.running = False
        self.button.setText(self.tr("Check voice path"))
        self.button.setEnabled(True)
        self.progress_bar.setVisible(False)

    # -- words ----
    def _failure(self, result: VoiceCheckResult) -> str:
        where = result.destination
        outcome = result.outcome
        if outcome is Outcome.CALL_FAILED:
            if result.detail:
                text = self.tr("The call to %1 failed: %2.").replace("%2", result.detail)
            else:
                text = self.tr("The call to %1 could not be started.")
            return text.replace("%1", where)
        return {
            Outcome.NOT_LOGGED_IN: self.tr("Log in first: the check calls the echo service."),
            Outcome.CALL_IN_PROGRESS: self.tr("Hang up first: the check needs a call of its own."),
            Outcome.NOT_ANSWERED: self.tr("%1 did not answer.").replace("%1", where),
            Outcome.CALL_ENDED: self.tr("The call to %1 ended before the check was done.").replace(
                "%1", where
            ),
            Outcome.NO_AUDIO: self.tr("No audio came back from %1.").replace("%1", where),
            Outcome.NOT_ECHOED: self.tr(
                "Audio came back from %1, but not the test phrase: is it an echo service?"
            ).replace("%1", where),
            Outcome.CANCELLED: self.tr("Check cancelled."),
        }.get(outcome, str(outcome.value))

    def _verdict(self, result: VoiceCheckResult) -> str:
        figures = result.figures
        assert figures is not None
        locale = QLocale()
        if figures.intact_percent >= GOOD_PERCENT:
            text = self.tr("Your voice came back intact.")
        else:
            text = (
                self.tr("Parts of your voice came back cut or faded (%1 %) or too loud (%2 %).")
                .replace("%1", locale.toString(figures.weakened_percent, "f", 0))
                .replace("%2", locale.toString(figures.boosted_percent, "f", 0))
            )
            if figures.intact_percent < POOR_PERCENT:
                text += " " + self.tr(
                    "Echo cancellation or noise suppression may be cutting your voice: try a "
                    "headset, or switch them off in Settings (audioConstraints)."
                )
        if figures.round_trip_ms > LONG_ROUND_TRIP_MS:
            text += " " + self.tr("The delay is long enough to make people talk over each other.")
        return text


def _figure(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    return label
