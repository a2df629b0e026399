"""Microphone and speaker pickers, filled from ``client.audio.available_devices()``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

INPUT, OUTPUT = "audioinput", "audiooutput"  # the seed's device kinds


class DevicePickers(QGroupBox):
    """Two combo boxes; the first entry of each follows the system default (id ``""``)."""

    microphoneChosen = Signal(str)
    speakerChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Audio devices"))
        self.microphone = QComboBox()
        self.microphone.setObjectName("microphoneDevice")
        self.microphone.setAccessibleName(self.tr("Microphone"))
        self.speaker = QComboBox()
        self.speaker.setObjectName("speakerDevice")
        self.speaker.setAccessibleName(self.tr("Speaker"))
        form = QFormLayout(self)
        form.addRow(self.tr("Microphone:"), self.microphone)
        form.addRow(self.tr("Speaker:"), self.speaker)
        self.microphone.activated.connect(
            lambda _i: self.microphoneChosen.emit(str(self.microphone.currentData()))
        )
        self.speaker.activated.connect(
            lambda _i: self.speakerChosen.emit(str(self.speaker.currentData()))
        )
        self.setVisible(False)

    def set_devices(self, devices: Sequence[Mapping[str, Any]]) -> None:
        """Show *devices* (the sdk's dicts), keeping the current choices when still there."""
        for combo, kind in ((self.microphone, INPUT), (self.speaker, OUTPUT)):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(self.tr("System default"), "")
            for device in devices:
                if device.get("kind") == kind and device.get("deviceId") not in ("", "default"):
                    combo.addItem(
                        str(device.get("label") or device["deviceId"]), str(device["deviceId"])
                    )
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.setVisible(bool(devices))
