"""Light or dark: follow the desktop's colour scheme (Qt's ``QStyleHints.colorScheme()``)
or the user's choice in Settings → Appearance.

Dark is Fusion with a palette of our own: the platform styles (Windows' native one in
particular) do not all draw a dark palette, Fusion draws any. Light keeps the platform's
own style and palette when they are light, so the app still looks native there.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget


class Appearance(enum.Enum):
    """Settings → Appearance (stored by value)."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


#: Text colours that read on the palette's window colour: (light, dark).
WARNING_COLOURS = ("#c62828", "#ff7961")
GOOD_COLOURS = ("#2e7d32", "#81c784")

_DARK_ROLES = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#27292c",
    QPalette.ColorRole.ToolTipBase: "#3c3f42",
    QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#3a3d41",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.BrightText: "#ff7961",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#404348",
    QPalette.ColorRole.Mid: "#303236",
    QPalette.ColorRole.Dark: "#1a1b1d",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb4f5",
    QPalette.ColorRole.LinkVisited: "#b39ddb",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8085",
    QPalette.ColorRole.Text: "#7d8085",
    QPalette.ColorRole.ButtonText: "#7d8085",
    QPalette.ColorRole.Button: "#313336",
    QPalette.ColorRole.Highlight: "#4a4d52",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK_ROLES.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette (for a light choice on a dark desktop)."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    """The palette (default: the application's) has light text on a dark window."""
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def warning_colour(widget: QWidget | None = None) -> str:
    return WARNING_COLOURS[is_dark(widget.palette() if widget else None)]


def good_colour(widget: QWidget | None = None) -> str:
    return GOOD_COLOURS[is_dark(widget.palette() if widget else None)]


def system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() is Qt.ColorScheme.Dark


class AppearanceController(QObject):
    """Applies an :class:`Appearance` to the application and follows the desktop while
    the choice is ``SYSTEM`` (the desktop may switch at sunset)."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.choice = Appearance.SYSTEM
        self.dark = False
        # What the platform gave us, to go back to when light is wanted.
        self._native_style = app.style().name()
        self._native_palette = QPalette(app.palette())
        self._touched = False  # the style or palette is ours, not the platform's
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        self._following = True

    def apply(self, choice: Appearance) -> bool:
        """Switch to *choice*; returns whether the app is now dark."""
        self.choice = choice
        dark = choice is Appearance.DARK or (
            choice is Appearance.SYSTEM and system_is_dark(self.app)
        )
        if dark:
            self._set_style("Fusion")
            self.app.setPalette(dark_palette())
            self._touched = True
        elif is_dark(self._native_palette):
            # A dark desktop's own palette is no light choice: Fusion's light one is.
            self._set_style("Fusion")
            self.app.setPalette(light_palette())
            self._touched = True
        elif self._touched:  # back to what the platform gave
            self._set_style(self._native_style)
            self.app.setPalette(self._native_palette)
            self._touched = False
        self.dark = dark
        self.changed.emit(dark)
        return dark

    def _set_style(self, name: str) -> None:
        if self.app.style().name().lower() != name.lower():
            self.app.setStyle(name)

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice is Appearance.SYSTEM:
            self.apply(Appearance.SYSTEM)

    def close(self) -> None:
        """Stop following the desktop (the app is shutting down; twice is fine)."""
        if self._following:
            self._following = False
            self.app.styleHints().colorSchemeChanged.disconnect(self._scheme_changed)
