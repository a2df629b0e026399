"""The 12-key dial pad: digits into the destination when idle, DTMF during a call."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
LETTERS = {
    "2": "ABC",
    "3": "DEF",
    "4": "GHI",
    "5": "JKL",
    "6": "MNO",
    "7": "PQRS",
    "8": "TUV",
    "9": "WXYZ",
}


class DialPad(QWidget):
    """Emits :attr:`pressed` with the key's character."""

    pressed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Dial pad"))
        layout = QGridLayout(self)
        layout.setSpacing(4)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(KEYS):
            letters = LETTERS.get(key, "")
            button = QPushButton(f"{key}\n{letters}" if letters else key)
            button.setObjectName(f"dialpad_{key}")
            button.setAccessibleName(self.tr("Key %1").replace("%1", key))
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _checked=False, k=key: self.pressed.emit(k))
            layout.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button
