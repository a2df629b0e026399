"""The app's persistent settings: a JSON file in the user's config directory (platformdirs).

Passwords, tokens and TURN credentials are never written here: :func:`store_secret` /
:func:`load_secret` keep them in the OS keyring (service ``webphone``, the same entries
``webphone-cli`` reads).
``$WEBPHONE_CONFIG_DIR`` moves the settings (tests and portable installs).
The file is replaced atomically and kept private (``0600`` in a ``0700`` directory) by
:mod:`webphone.userfiles`.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from ..sdk.core.availability import MAX_DELAY, AutoAnswer, Availability, DndCode
from ..sdk.core.options import validate_options
from ..userfiles import DIR_MODE, FILE_MODE, atomic_write, tighten
from .account import AccountConfig

log = logging.getLogger(__name__)

APP_NAME = "webphone"
KEYRING_SERVICE = "webphone"
HISTORY_LENGTH = 50
#: Options the app sets differently from the seed's defaults: the demo's ``multi`` bot
#: rings three calls at once, which a desktop phone should show rather than refuse.
APP_OPTION_DEFAULTS: dict[str, Any] = {"allowMultipleIncomingCalls": True}
#: Who the voice-path check calls on a real server (the demo service's bot is "echo").
ECHO_DESTINATION = "echo"
#: Settings → Appearance (the values of :class:`webphone.ui.appearance.Appearance`).
APPEARANCES = ("system", "light", "dark")
#: Settings → Ringtone (the values of :class:`webphone.ui.ringtone.RingtoneChoice`).
RINGTONES = ("builtin", "off", "file")
# Settings → Global hotkeys: action (ui/hotkeys.py's HotkeyAction) -> combination; ""
# turns the action off. Ctrl+Alt and a letter: free in the common desktops.
DEFAULT_HOTKEYS = {"answer": "Ctrl+Alt+A", "hang_up": "Ctrl+Alt+H", "mute": "Ctrl+Alt+M"}
#: A stored window size outside these (px) is a damaged file, not a window.
WINDOW_SIZE_LIMITS = (200, 20_000)


def config_dir() -> Path:
    override = os.environ.get("WEBPHONE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("WEBPHONE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def log_dir() -> Path:
    override = os.environ.get("WEBPHONE_CONFIG_DIR")
    return Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME))


@dataclass
class Settings:
    """Everything the app remembers between runs (secrets excepted)."""

    account: AccountConfig | None = None  # None: first start, use the demo service
    options: dict[str, Any] = field(default_factory=dict)  # seed options the user changed
    language: str = ""  # "" follows the system locale
    history: list[str] = field(default_factory=list)  # dialled destinations, newest first
    ask_feedback: bool = True  # call-quality feedback dialog after answered calls
    minimize_to_tray: bool = True
    confirm_call_links: bool = False  # ask before dialling a clicked tel:/sip: link
    echo_destination: str = ECHO_DESTINATION  # the voice-path check's echo service
    #: What the voicemail indicator dials; "": the server's Message-Account.
    voicemail_number: str = ""
    #: Microphone gain / speaker volume (dB) by sdk selector and device id.
    audio_gains: dict[str, dict[str, float]] = field(default_factory=dict)
    appearance: str = "system"  # one of APPEARANCES; "system" follows the desktop
    show_charts: bool = False  # the call-quality charts unfolded under the call
    show_dialpad: bool = True
    #: The main window's last place and size, [x, y, width, height]; None: never closed.
    window_geometry: list[int] | None = None
    window_maximized: bool = False
    #: Splitter name -> its panes' sizes (px), as the user left them.
    splitter_sizes: dict[str, list[int]] = field(default_factory=dict)
    #: Do-not-disturb and auto-answer (sdk/core/availability.py), applied to the account.
    dnd: bool = False
    dnd_code: int = int(DndCode.BUSY_HERE)
    auto_answer: str = AutoAnswer.OFF.value
    auto_answer_delay: int = 0  # seconds
    #: The incoming-call ringtone: "builtin", "off" or "file" (ui/ringtone.py), and the
    #: sound file for "file".
    ringtone: str = "builtin"
    ringtone_file: str = ""
    #: Global hotkeys: action -> combination as text ("" off), see DEFAULT_HOTKEYS.
    hotkeys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_HOTKEYS))

    @property
    def availability(self) -> Availability:
        """The sdk's availability for these settings."""
        return Availability(
            dnd=self.dnd,
            dnd_code=DndCode(self.dnd_code),
            auto_answer=AutoAnswer(self.auto_answer),
            auto_answer_delay=self.auto_answer_delay,
        )

    @property
    def effective_options(self) -> dict[str, Any]:
        """The seed's options with the app's defaults and the user's changes, validated."""
        return validate_options({**APP_OPTION_DEFAULTS, **self.options})

    def remember(self, destination: str) -> None:
        destination = destination.strip()
        if not destination:
            return
        self.history = [destination, *(h for h in self.history if h != destination)]
        del self.history[HISTORY_LENGTH:]

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The stored settings; a missing or unreadable file gives the defaults (logged)."""
        path = cls.path()
        try:
            # An older version (or the umask) may have left these readable by others.
            if path.parent.is_dir():
                tighten(path.parent, DIR_MODE)
            data = json.loads(path.read_text(encoding="utf-8"))
            tighten(path, FILE_MODE)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings %s: %s", path, exc)
            return cls()
        if not isinstance(data, dict):
            log.warning("ignoring settings %s: not a JSON object", path)
            return cls()
        settings = cls()
        if isinstance(data.get("account"), dict):
            settings.account = AccountConfig.from_dict(data["account"])
        if isinstance(data.get("options"), dict):
            settings.options = dict(data["options"])
        if isinstance(data.get("language"), str):
            settings.language = data["language"]
        if isinstance(data.get("history"), list):
            settings.history = [h for h in data["history"] if isinstance(h, str)]
        for name in (
            "ask_feedback",
            "minimize_to_tray",
            "confirm_call_links",
            "show_charts",
            "show_dialpad",
            "window_maximized",
            "dnd",
        ):
            if isinstance(data.get(name), bool):
                setattr(settings, name, data[name])
        if data.get("dnd_code") in {int(code) for code in DndCode}:
            settings.dnd_code = int(data["dnd_code"])
        if data.get("auto_answer") in {mode.value for mode in AutoAnswer}:
            settings.auto_answer = data["auto_answer"]
        delay = data.get("auto_answer_delay")
        if isinstance(delay, int) and not isinstance(delay, bool) and 0 <= delay <= MAX_DELAY:
            settings.auto_answer_delay = delay
        settings.audio_gains = _gains(data.get("audio_gains"))
        echo = data.get("echo_destination")
        if isinstance(echo, str) and echo.strip():
            settings.echo_destination = echo.strip()
        voicemail = data.get("voicemail_number")
        if isinstance(voicemail, str):
            settings.voicemail_number = voicemail.strip()
        if data.get("ringtone") in RINGTONES:
            settings.ringtone = data["ringtone"]
        if isinstance(data.get("ringtone_file"), str):
            settings.ringtone_file = data["ringtone_file"]
        if isinstance(data.get("hotkeys"), dict):
            # Known actions only; a text that is no combination is refused (in words)
            # when the keys are grabbed.
            for action, text in data["hotkeys"].items():
                if action in DEFAULT_HOTKEYS and isinstance(text, str):
                    settings.hotkeys[action] = text.strip()
        if data.get("appearance") in APPEARANCES:
            settings.appearance = data["appearance"]
        settings.window_geometry = _geometry(data.get("window_geometry"))
        settings.splitter_sizes = _splitters(data.get("splitter_sizes"))
        return settings

    def save(self) -> None:
        path = self.path()
        data = {
            "account": self.account.to_dict() if self.account else None,
            "options": self.options,
            "language": self.language,
            "history": self.history,
            "ask_feedback": self.ask_feedback,
            "confirm_call_links": self.confirm_call_links,
            "minimize_to_tray": self.minimize_to_tray,
            "echo_destination": self.echo_destination,
            "voicemail_number": self.voicemail_number,
            "audio_gains": self.audio_gains,
            "appearance": self.appearance,
            "show_charts": self.show_charts,
            "show_dialpad": self.show_dialpad,
            "window_geometry": self.window_geometry,
            "window_maximized": self.window_maximized,
            "splitter_sizes": self.splitter_sizes,
            "dnd": self.dnd,
            "dnd_code": self.dnd_code,
            "auto_answer": self.auto_answer,
            "auto_answer_delay": self.auto_answer_delay,
            "ringtone": self.ringtone,
            "ringtone_file": self.ringtone_file,
            "hotkeys": self.hotkeys,
        }
        # Durable and atomic: a crash or SIGKILL at any moment leaves the previous
        # settings or these, never a partial file; 0600 in a 0700 directory.
        atomic_write(path, json.dumps(data, indent=2) + "\n")


def _gains(data: object) -> dict[str, dict[str, float]]:
    """Stored gains, keeping only well-formed entries (a hand-edited file may have others)."""
    if not isinstance(data, dict):
        return {}
    return {
        selector: {
            device: float(db)
            for device, db in devices.items()
            if isinstance(device, str) and isinstance(db, int | float) and not isinstance(db, bool)
        }
        for selector, devices in data.items()
        if isinstance(selector, str) and isinstance(devices, dict)
    }


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _geometry(data: object) -> list[int] | None:
    """[x, y, width, height] as stored, or None for anything else (a hand-edited file)."""
    if not isinstance(data, list) or len(data) != 4 or not all(_is_int(v) for v in data):
        return None
    low, high = WINDOW_SIZE_LIMITS
    x, y, width, height = data
    if not (low <= width <= high and low <= height <= high and abs(x) < high and abs(y) < high):
        return None
    return [x, y, width, height]


def _splitters(data: object) -> dict[str, list[int]]:
    """Stored splitter sizes, keeping only lists of non-negative pixel counts."""
    if not isinstance(data, dict):
        return {}
    return {
        name: list(sizes)
        for name, sizes in data.items()
        if isinstance(name, str)
        and isinstance(sizes, list)
        and 1 < len(sizes) <= 4
        and all(_is_int(v) and 0 <= v <= WINDOW_SIZE_LIMITS[1] for v in sizes)
    }


class SecretStoreError(Exception):
    """The OS keyring is unavailable or refused the operation (message says why)."""


def store_secret(entry: str, secret: str) -> None:
    """Keep *secret* in the OS keyring under *entry*."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, entry, secret)
    except Exception as exc:  # every keyring backend has its own errors
        raise SecretStoreError(f"the OS keyring could not store the secret: {exc}") from exc


def load_secret(entry: str) -> str | None:
    """The secret stored under *entry*, or ``None`` (no entry, or no keyring: logged)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, entry)
    except Exception as exc:
        log.warning("OS keyring unavailable: %s", exc)
        return None
