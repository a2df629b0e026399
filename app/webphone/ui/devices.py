"""Sound device choice, filled from ``client.audio``: the pickers under the call panel
and the "Audio devices" dialog with a microphone test, a level meter and the voice-path
check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .voice_check import VoiceCheckPanel

INPUT, OUTPUT = "audioinput", "audiooutput"  # the seed's device kinds
# The sdk's selectors (``client.audio.<name>``) and the device kind each one takes.
SELECTORS = {
    "microphone_devices": INPUT,
    "speaker_devices": OUTPUT,
    "ringtone_devices": OUTPUT,
}
METER_STEPS = 100
#: The level sliders' range (dB), the sdk's ``set_gain`` range.
GAIN_LOW_DB, GAIN_HIGH_DB = -40, 20
COMBO_CHARACTERS = 10  # device names are long: the pickers show this much, the list all


def fill(combo: QComboBox, devices: Sequence[Mapping[str, Any]], kind: str, chosen: str) -> None:
    """*combo* lists "System default" (id ``""``) and the devices of *kind*; *chosen* (the
    sdk's current choice, ``""`` for the default) is selected."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("DevicePickers", "System default"), "")
    for device in devices:
        if device.get("kind") == kind and device.get("deviceId") not in ("", "default"):
            combo.addItem(str(device.get("label") or device["deviceId"]), str(device["deviceId"]))
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    return combo


class DevicePickers(QGroupBox):
    """Microphone and speaker under the call panel (hidden without sound devices)."""

    # (selector name, device id; ``""`` = follow the system default)
    deviceChosen = Signal(str, str)
    dialogRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One row: with three calls ringing the window has no height to spare.
        self.setAccessibleName(self.tr("Audio devices"))
        self.microphone = _combo("microphoneDevice", self.tr("Microphone"))
        self.speaker = _combo("speakerDevice", self.tr("Speaker"))
        self.more = QPushButton(self.tr("Test and more…"))
        self.more.setObjectName("audioDevicesButton")
        self.more.setAccessibleName(self.tr("Audio devices and microphone test"))
        self.more.clicked.connect(self.dialogRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        for caption, combo in ((self.tr("Microphone:"), self.microphone),
                               (self.tr("Speaker:"), self.speaker)):  # fmt: skip
            label = QLabel(caption)
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
            row.addWidget(label)
            row.addWidget(combo, 1)
        row.addWidget(self.more)
        for combo, selector in (
            (self.microphone, "microphone_devices"),
            (self.speaker, "speaker_devices"),
        ):
            combo.activated.connect(
                lambda _i, c=combo, s=selector: self.deviceChosen.emit(s, str(c.currentData()))
            )
        self.setVisible(False)

    def set_devices(self, devices: Sequence[Mapping[str, Any]], chosen: Mapping[str, str]) -> None:
        """Show *devices* (the sdk's dicts) with the sdk's current *chosen* ids."""
        fill(self.microphone, devices, INPUT, chosen.get("microphone_devices", ""))
        fill(self.speaker, devices, OUTPUT, chosen.get("speaker_devices", ""))
        self.setVisible(bool(devices))


class GainSlider(QWidget):
    """A level change in whole dB, with its value written beside it."""

    gainChosen = Signal(float)

    def __init__(self, name: str, accessible: str) -> None:
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(name)
        self.slider.setAccessibleName(accessible)
        self.slider.setRange(GAIN_LOW_DB, GAIN_HIGH_DB)
        self.slider.setPageStep(6)
        self.value = QLabel()
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("-40 dB "))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        self.slider.valueChanged.connect(self._changed)
        self._show(0)

    def set_db(self, db: float) -> None:
        """Show *db* (the sdk's current value) without reporting it as chosen."""
        self.slider.blockSignals(True)
        self.slider.setValue(round(db))
        self.slider.blockSignals(False)
        self._show(self.slider.value())

    def _changed(self, value: int) -> None:
        self._show(value)
        self.gainChosen.emit(float(value))

    def _show(self, value: int) -> None:
        self.value.setText(self.tr("%1 dB").replace("%1", f"{value:+d}" if value else "0"))


class AudioDevicesDialog(QDialog):
    """Microphone, speaker and ringtone device, the microphone's gain and the speaker's
    volume (each device keeps its own), a microphone test with its level meter, a test
    sound on the speaker and the voice-path check (:attr:`voice_check`)."""

    deviceChosen = Signal(str, str)  # as DevicePickers.deviceChosen
    gainChosen = Signal(str, float)  # (selector, dB) for the selector's current device
    testToggled = Signal(bool)
    speakerTestRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audio devices"))
        self.setObjectName("audioDevicesDialog")
        self.combos = {
            "microphone_devices": _combo("dialogMicrophone", self.tr("Microphone")),
            "speaker_devices": _combo("dialogSpeaker", self.tr("Speaker")),
            "ringtone_devices": _combo("dialogRingtone", self.tr("Ringtone device")),
        }
        for selector, combo in self.combos.items():
            combo.activated.connect(
                lambda _i, c=combo, s=selector: self.deviceChosen.emit(s, str(c.currentData()))
            )
        self.gains = {
            "microphone_devices": GainSlider("microphoneGain", self.tr("Microphone gain")),
            "speaker_devices": GainSlider("speakerVolume", self.tr("Speaker volume")),
        }
        for selector, gain in self.gains.items():
            gain.gainChosen.connect(lambda db, s=selector: self.gainChosen.emit(s, db))
        self.meter = QProgressBar()
        self.meter.setObjectName("micLevel")
        self.meter.setAccessibleName(self.tr("Microphone level"))
        self.meter.setRange(0, METER_STEPS)
        self.meter.setTextVisible(False)
        self.test_button = QPushButton(self.tr("Test microphone"))
        self.test_button.setObjectName("micTestButton")
        self.test_button.setCheckable(True)
        self.test_button.setAccessibleName(self.tr("Test the microphone"))
        self.test_button.toggled.connect(self._test_toggled)
        self.speaker_button = QPushButton(self.tr("Play a test sound"))
        self.speaker_button.setObjectName("speakerTestButton")
        self.speaker_button.setAccessibleName(self.tr("Play a test sound on the speaker"))
        self.speaker_button.clicked.connect(self.speakerTestRequested)
        self.hint = QLabel(self.tr("Speak: the bar follows your microphone."))
        self.hint.setObjectName("micTestHint")
        self.hint.setWordWrap(True)
        self.no_devices = QLabel(
            self.tr("No sound devices were found: calls send silence and play nothing.")
        )
        self.no_devices.setObjectName("noAudioDevices")
        self.no_devices.setWordWrap(True)
        self.no_devices.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Microphone:"), self.combos["microphone_devices"])
        form.addRow(self.tr("Microphone gain:"), self.gains["microphone_devices"])
        form.addRow(self.tr("Speaker:"), self.combos["speaker_devices"])
        form.addRow(self.tr("Speaker volume:"), self.gains["speaker_devices"])
        form.addRow(self.tr("Ringtone:"), self.combos["ringtone_devices"])
        form.addRow(self.tr("Level:"), self.meter)
        form.addRow("", self.test_button)
        form.addRow("", self.speaker_button)
        # A call to the echo service: it works without sound devices too.
        self.voice_check = VoiceCheckPanel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_devices)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.voice_check)
        layout.addWidget(buttons)
        # Never smaller than what it holds (the check reserves its verdict's lines).
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.resize(460, 420)

    def set_devices(self, devices: Sequence[Mapping[str, Any]], chosen: Mapping[str, str]) -> None:
        for selector, combo in self.combos.items():
            fill(combo, devices, SELECTORS[selector], chosen.get(selector, ""))
        self.no_devices.setVisible(not devices)
        self.hint.setVisible(bool(devices))
        self.test_button.setEnabled(bool(devices) or self.test_button.isChecked())
        self.speaker_button.setEnabled(bool(devices))

    def set_gains(self, gains: Mapping[str, float]) -> None:
        """Show each selector's gain (dB) on its current device."""
        for selector, db in gains.items():
            if selector in self.gains:
                self.gains[selector].set_db(db)

    def level(self, value: float) -> None:
        """A microphone level (0..1) from the test or the call's ``volume`` event."""
        self.meter.setValue(round(min(1.0, max(0.0, value)) * METER_STEPS))

    def test_stopped(self, reason: str = "") -> None:
        """The test ended (closed, or refused with *reason*)."""
        self.test_button.blockSignals(True)
        self.test_button.setChecked(False)
        self.test_button.blockSignals(False)
        self.test_button.setText(self.tr("Test microphone"))
        self.level(0.0)
        if reason:
            self.hint.setText(self.tr("Microphone test: %1").replace("%1", reason))

    def _test_toggled(self, on: bool) -> None:
        self.test_button.setText(self.tr("Stop test") if on else self.tr("Test microphone"))
        if on:
            self.hint.setText(self.tr("Speak: the bar follows your microphone."))
        self.testToggled.emit(on)

    def done(self, result: int) -> None:
        if self.test_button.isChecked():
            self.test_button.setChecked(False)  # closing stops the test
        super().done(result)
