"""Click to call in the app: links from the command line or from a second launch are
checked, confirmed when the user asked for that, and dialled once the account is
registered."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..sdk.api.click_to_call import InvalidLink, destination_from_link, is_call_link, printable
from .icons import Status
from .main_window import MainWindow
from .settings import Settings

MESSAGE_MS = 20_000
_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: str) -> str:
    """Qt-style ``%1``, ``%2`` substitution in one pass: a link that itself contains
    "%2" is shown as it is, not with the next value put into it."""
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1)) - 1], template)


class LinkDialler(QObject):
    """Dials ``tel:``/``sip:``/``sips:``/``callto:`` links for the main window."""

    def __init__(self, window: MainWindow, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.pending: str | None = None  # waiting for the registration
        window.statusChanged.connect(self._status_changed)

    def handle_arguments(self, arguments: list[str]) -> None:
        """A launch's arguments: the last call link among them is dialled."""
        links = [a for a in arguments if is_call_link(a)]
        if links:
            self.dial(links[-1])
        elif arguments and not arguments[-1].startswith("-"):
            # A web page chose this text: shown without control or invisible characters.
            self._tell(
                fill(
                    self.tr("Cannot call %1: not a tel:, sip: or callto: link"),
                    printable(arguments[-1], 80),
                )
            )

    def dial(self, link: str) -> bool:
        """Calls *link* now or after login; False (and a message) when it can't be."""
        domain = self.window.session.domain if self.window.session else "invalid.invalid"
        try:
            destination = destination_from_link(link, domain)
        except InvalidLink as exc:
            self._tell(fill(self.tr("Cannot call %1: %2"), printable(link, 80), str(exc)))
            return False
        if self.settings.confirm_call_links and not self._confirmed(destination):
            return False
        if self.window.status is not Status.REGISTERED:
            self.pending = destination
            self._tell(fill(self.tr("Will call %1 once logged in"), destination))
            return True
        return self._place(destination)

    def _confirmed(self, destination: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Call link"),
            fill(self.tr("Call %1?"), destination),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _place(self, destination: str) -> bool:
        if self.window.busy:
            self._tell(fill(self.tr("Finish the current call to call %1"), destination))
            return False
        self.window.destination.setText(destination)
        self.window.place_call()
        return True

    def _status_changed(self, status: Status, _text: str) -> None:
        if status is Status.REGISTERED and self.pending is not None:
            destination, self.pending = self.pending, None
            self._place(destination)

    def _tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)
