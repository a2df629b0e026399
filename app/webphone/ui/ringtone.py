"""Settings → Ringtone: the incoming-call ringtone (the built-in tone, none, or a sound
file) with a Preview button that plays it once on the ringtone device.

The picker knows nothing of the core: it previews through a :class:`Previewer`, which the
app makes over the bridge (:class:`BridgePreviewer`, the sdk's
``Client.preview_ring_tone``). What the sdk's ``set_ring_tone`` gets for a choice is
:func:`ring_tone_value`.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .bridge import Bridge
from .gui_loop import error_text

log = logging.getLogger(__name__)

# What the file chooser offers first: what the sdk decodes (libsndfile, else FFmpeg).
SOUND_FILE_PATTERNS = "*.wav *.ogg *.oga *.flac *.mp3 *.opus *.m4a"


class RingtoneChoice(enum.StrEnum):
    """The stored choice (``Settings.ringtone``)."""

    BUILT_IN = "builtin"
    OFF = "off"
    FILE = "file"


def ring_tone_value(choice: str, path: str) -> bool | str:
    """What ``Client.set_ring_tone`` takes for *choice*: True (the built-in tone), False
    (no ringtone) or the sound file's path. A file choice without a file is the built-in
    tone, so a damaged settings file never leaves calls ringing silently."""
    if choice == RingtoneChoice.OFF:
        return False
    if choice == RingtoneChoice.FILE and path.strip():
        return path.strip()
    return True


class Previewer(Protocol):
    """Plays a ringtone once to try it (the sdk's preview, over the bridge)."""

    async def preview(self, value: bool | str) -> None:
        """Play *value* once; return when it has ended. Raises when it cannot be played
        (the message says why)."""

    async def stop(self) -> None:
        """End the preview that plays, if one does."""


class _Playing(Protocol):
    """The sdk's preview as far as the picker cares (``RingTonePreview``)."""

    def stop(self) -> None: ...
    async def wait(self) -> None: ...


class BridgePreviewer:
    """:class:`Previewer` through the bridge: ``Client.preview_ring_tone`` on the core."""

    def __init__(self, bridge: Bridge) -> None:
        self._bridge = bridge
        self._current: _Playing | None = None  # stopped on the core only
        self._stop_asked = False

    async def preview(self, value: bool | str) -> None:
        self._stop_asked = False
        preview: _Playing = await self._bridge.run(lambda client: client.preview_ring_tone(value))
        self._current = preview
        if self._stop_asked:  # Stop (or closing the dialog) while a file was decoded
            await self._bridge.run(lambda _client: preview.stop())
        await self._bridge.run(lambda _client: preview.wait())

    async def stop(self) -> None:
        self._stop_asked = True
        preview = self._current
        if preview is not None:
            await self._bridge.run(lambda _client: preview.stop())


class PreviewState(enum.Enum):
    IDLE = "idle"
    PLAYING = "playing"  # asked for, or sounding: the button stops it


class RingtonePicker(QGroupBox):
    """The Ringtone box: choice, file, Preview/Stop, and what went wrong in words."""

    def __init__(
        self,
        choice: str,
        path: str,
        previewer: Previewer | None,
        spawn: Callable[[Coroutine[Any, Any, Any]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ringtone"))
        self._previewer = previewer
        self._spawn = spawn
        self.state = PreviewState.IDLE
        self._closed = False  # the dialog closed: its widgets go, a preview ends unseen
        self.choice = QComboBox()
        self.choice.setObjectName("ringtoneChoice")
        self.choice.setAccessibleName(self.tr("Ringtone"))
        self.choice.addItem(self.tr("Built-in tone"), RingtoneChoice.BUILT_IN.value)
        self.choice.addItem(self.tr("Off (no ringtone)"), RingtoneChoice.OFF.value)
        self.choice.addItem(self.tr("Sound file"), RingtoneChoice.FILE.value)
        self.choice.setCurrentIndex(max(0, self.choice.findData(choice)))
        self.file = QLineEdit(path)
        self.file.setObjectName("ringtoneFile")
        self.file.setAccessibleName(self.tr("Ringtone file"))
        self.file.setPlaceholderText(self.tr("A WAV, OGG, FLAC or MP3 file"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.setObjectName("ringtoneBrowse")
        self.browse.clicked.connect(self.choose_file)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("ringtonePreview")
        self.preview_button.setToolTip(self.tr("Play the ringtone once on the ringtone device"))
        self.preview_button.clicked.connect(self.toggle_preview)
        self.message = QLabel()
        self.message.setObjectName("ringtoneMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.choice, 1)
        choice_row.addWidget(self.preview_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Incoming calls:"), choice_row)
        form.addRow(self.tr("Sound file:"), file_row)
        form.addRow(self.message)
        self.choice.currentIndexChanged.connect(self._changed)
        self.file.textChanged.connect(self._changed)
        self._changed()

    # -- what was chosen ----
    def chosen(self) -> tuple[str, str]:
        """(the :class:`RingtoneChoice` value, the file's path as typed)."""
        return str(self.choice.currentData()), self.file.text().strip()

    def value(self) -> bool | str:
        return ring_tone_value(*self.chosen())

    def problem(self) -> str:
        """Why the choice cannot be kept (a missing file), or ``""``."""
        choice, path = self.chosen()
        if choice != RingtoneChoice.FILE:
            return ""
        if not path:
            return self.tr("Choose a sound file for the ringtone.")
        if not Path(path).expanduser().is_file():
            return self.tr("The ringtone file %1 does not exist.").replace("%1", path)
        return ""

    def choose_file(self) -> None:
        current = self.file.text().strip()
        dialog = QFileDialog(self, self.tr("Choose a ringtone"))
        dialog.setObjectName("ringtoneFileDialog")
        # Qt's own dialog: the same everywhere, and one a test can drive.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                self.tr("Sound files (%1)").replace("%1", SOUND_FILE_PATTERNS),
                self.tr("All files (*)"),
            ]
        )
        if current:
            dialog.selectFile(current)
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return
        self.file.setText(dialog.selectedFiles()[0])
        self.choice.setCurrentIndex(self.choice.findData(RingtoneChoice.FILE.value))

    def _changed(self) -> None:
        choice, _path = self.chosen()
        is_file = choice == RingtoneChoice.FILE
        self.file.setEnabled(is_file)
        self.browse.setEnabled(is_file)
        self._show_problem("")
        self._update_button()

    def _update_button(self) -> None:
        playing = self.state is PreviewState.PLAYING
        self.preview_button.setText(self.tr("Stop") if playing else self.tr("Preview"))
        off = self.chosen()[0] == RingtoneChoice.OFF
        self.preview_button.setEnabled(self._previewer is not None and (playing or not off))

    def _show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- preview ----
    def toggle_preview(self) -> None:
        if self.state is PreviewState.PLAYING:
            self.stop_preview()
            return
        problem = self.problem()
        if problem:
            self._show_problem(problem)
            return
        if self._previewer is None:
            return
        self._show_problem("")
        self.state = PreviewState.PLAYING
        self._update_button()
        self._spawn(self._play(self._previewer, self.value()))

    async def _play(self, previewer: Previewer, value: bool | str) -> None:
        failure: Exception | None = None
        try:
            await previewer.preview(value)
        except Exception as exc:  # the sdk's reason (cannot decode, no sound device ...)
            log.warning("ringtone preview failed: %s", exc)
            failure = exc
        finally:
            self.state = PreviewState.IDLE
            # A preview outlives the dialog by the moment its stop takes: by then Qt has
            # deleted the dialog's widgets, and touching them would raise.
            if not self._closed:
                self._update_button()
        if failure is not None and not self._closed:
            self._show_problem(
                self.tr("This ringtone cannot be played: %1").replace("%1", error_text(failure))
            )

    def stop_preview(self) -> None:
        """Stop the preview (the button says Preview again once it has ended)."""
        if self.state is PreviewState.PLAYING and self._previewer is not None:
            self._spawn(self._previewer.stop())

    def dialog_closed(self) -> None:
        """The dialog it is in has closed: the preview stops, and its end shows nowhere."""
        self._closed = True
        self.stop_preview()
