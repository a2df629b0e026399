"""Global hotkeys: answer, hang up and mute from whatever program has the keyboard.

A key combination such as ``Ctrl+Alt+A`` is grabbed system-wide by a :class:`Grabber`.
On X11 that is :mod:`.hotkeys_x11` (XGrabKey on the root window, read from Qt's event
loop); Wayland lets no program grab keys, so there (and on a display that is not X11)
the Settings dialog says the hotkeys are not available. The main window is reached only
through :class:`HotkeyCalls`: the media keys' path to it (answer the first ringing call,
hang up the call in progress) plus its mute button, so a hotkey does exactly what the
window's buttons do.

Settings keep the combinations as text (``Settings.hotkeys``: action -> text, "" turns
the action off); :func:`parse_hotkey` says in words why a text is not a combination.
"""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from .links import fill
from .media_keys import WindowCalls

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class HotkeyAction(enum.StrEnum):
    """What a hotkey does (the keys of ``Settings.hotkeys``)."""

    ANSWER = "answer"
    HANG_UP = "hang_up"
    MUTE = "mute"


# Modifier names as written (lower case) -> as shown; in the order they are shown.
MODIFIERS: dict[str, str] = {
    "ctrl": "Ctrl",
    "control": "Ctrl",
    "strg": "Ctrl",  # as German keyboards label it
    "alt": "Alt",
    "shift": "Shift",
    "super": "Super",
    "meta": "Super",
    "win": "Super",
}
MODIFIER_ORDER = ("Ctrl", "Alt", "Shift", "Super")

# Named keys (lower case) -> (as shown, X keysym name).
NAMED_KEYS: dict[str, tuple[str, str]] = {
    "space": ("Space", "space"),
    "insert": ("Insert", "Insert"),
    "ins": ("Insert", "Insert"),
    "delete": ("Delete", "Delete"),
    "del": ("Delete", "Delete"),
    "home": ("Home", "Home"),
    "end": ("End", "End"),
    "pgup": ("PgUp", "Prior"),
    "pageup": ("PgUp", "Prior"),
    "pgdown": ("PgDown", "Next"),
    "pagedown": ("PgDown", "Next"),
    "left": ("Left", "Left"),
    "right": ("Right", "Right"),
    "up": ("Up", "Up"),
    "down": ("Down", "Down"),
    "pause": ("Pause", "Pause"),
    "print": ("Print", "Print"),
    "scrolllock": ("ScrollLock", "Scroll_Lock"),
}
# Keys no program types with: they may be hotkeys without Ctrl, Alt or Super.
LONE_KEYS = frozenset({"Pause", "Print", "ScrollLock"})
MAX_FUNCTION_KEY = 24


@dataclass(frozen=True)
class Hotkey:
    """A key combination: modifiers (of :data:`MODIFIER_ORDER`) and one key."""

    modifiers: frozenset[str]
    key: str  # as shown: "A", "F5", "Space"
    keysym: str  # the X keysym's name: "a", "F5", "space"

    def __str__(self) -> str:
        return "+".join([*(m for m in MODIFIER_ORDER if m in self.modifiers), self.key])


class HotkeyError(ValueError):
    """The text is not a key combination; the message says why, in the user's words."""


def _key(name: str) -> tuple[str, str] | None:
    """(as shown, keysym) for a key's name, or None for a name we do not know."""
    lower = name.lower()
    if len(name) == 1 and (name.isascii() and name.isalnum()):
        return name.upper(), lower
    if lower.startswith("f") and lower[1:].isdigit() and 1 <= int(lower[1:]) <= MAX_FUNCTION_KEY:
        return f"F{int(lower[1:])}", f"F{int(lower[1:])}"
    return NAMED_KEYS.get(lower)


def parse_hotkey(text: str) -> Hotkey | None:
    """The combination *text* names (``ctrl+alt+a`` as well as ``Ctrl+Alt+A``), or None
    for an empty text (the action is off). Raises :class:`HotkeyError` saying what is
    wrong."""
    text = text.strip()
    if not text:
        return None
    parts = [part.strip() for part in text.split("+")]
    if any(not part for part in parts):
        raise HotkeyError(
            QCoreApplication.translate(
                "Hotkeys", "%1 is not a key combination: write it like Ctrl+Alt+A."
            ).replace("%1", text)
        )
    *modifier_names, key_name = parts
    modifiers: set[str] = set()
    for name in modifier_names:
        modifier = MODIFIERS.get(name.lower())
        if modifier is None:
            raise HotkeyError(
                QCoreApplication.translate(
                    "Hotkeys", "%1 is not a modifier key: use Ctrl, Alt, Shift or Super."
                ).replace("%1", name)
            )
        modifiers.add(modifier)
    if key_name.lower() in MODIFIERS:
        raise HotkeyError(
            QCoreApplication.translate("Hotkeys", "%1 has no key after its modifiers.").replace(
                "%1", text
            )
        )
    key = _key(key_name)
    if key is None:
        raise HotkeyError(
            QCoreApplication.translate(
                "Hotkeys",
                "%1 is not a key Webphone can use: use a letter, a digit, F1 to F24 or a "
                "key such as Space, Home or Pause.",
            ).replace("%1", key_name)
        )
    shown, keysym = key
    is_function_key = shown.startswith("F") and shown[1:].isdigit()
    if not modifiers & {"Ctrl", "Alt", "Super"} and not is_function_key and shown not in LONE_KEYS:
        # A letter alone (or with Shift) would be taken from every program's typing.
        raise HotkeyError(
            QCoreApplication.translate(
                "Hotkeys", "%1 would take the key away from every program: add Ctrl, Alt or Super."
            ).replace("%1", text)
        )
    return Hotkey(frozenset(modifiers), shown, keysym)


def action_name(action: HotkeyAction) -> str:
    """The action in words, as the Settings dialog labels it."""
    names = {
        HotkeyAction.ANSWER: QCoreApplication.translate("Hotkeys", "answer"),
        HotkeyAction.HANG_UP: QCoreApplication.translate("Hotkeys", "hang up"),
        HotkeyAction.MUTE: QCoreApplication.translate("Hotkeys", "mute or unmute"),
    }
    return names[action]


class GrabFailure(enum.Enum):
    """Why a combination could not be grabbed."""

    TAKEN = "taken"  # another program holds it (X11: BadAccess)
    NO_KEY = "no key"  # the keyboard layout has no key for it
    NO_DISPLAY = "no display"  # the connection to the display was lost


def failure_text(action: HotkeyAction, hotkey: Hotkey, failure: GrabFailure) -> str:
    """A grab that failed, in words."""
    if failure is GrabFailure.TAKEN:
        text = QCoreApplication.translate(
            "Hotkeys", "%1 (%2) is already used by another program: choose another combination."
        )
    elif failure is GrabFailure.NO_KEY:
        text = QCoreApplication.translate(
            "Hotkeys", "%1 (%2) cannot be used: the keyboard has no such key."
        )
    else:
        text = QCoreApplication.translate(
            "Hotkeys", "%1 (%2) cannot be used: the connection to the display was lost."
        )
    return fill(text, str(hotkey), action_name(action))


class Grabber(Protocol):
    """Takes key combinations from the whole desktop and calls back when one is pressed
    (the callback is given when the grabber is made)."""

    def grab(self, keys: Mapping[HotkeyAction, Hotkey]) -> dict[HotkeyAction, GrabFailure]:
        """Let go of the keys grabbed before and grab *keys*; the ones that failed."""

    def close(self) -> None:
        """Let go of every key and of the display."""


class HotkeyCalls(Protocol):
    """What the hotkeys need of the main window."""

    @property
    def ringing_call(self) -> str | None:
        """The call UUID the answer key answers (the one that rang first), or None."""

    @property
    def in_call(self) -> bool: ...

    def answer_ringing(self, uuid: str) -> None: ...

    def hang_up(self) -> None: ...

    def toggle_mute(self) -> None:
        """What clicking the mute button does (nothing when there is no answered call)."""


class WindowHotkeyCalls(WindowCalls):
    """:class:`HotkeyCalls` over the main window: the media keys' way in, plus the call
    panel's mute button."""

    def __init__(self, window: MainWindow, show: Callable[[], None]) -> None:
        super().__init__(window, show)
        self._mute_button = window.call_panel.mute_button

    def toggle_mute(self) -> None:
        if self._mute_button.isEnabled():
            self._mute_button.click()


class GlobalHotkeys(QObject):
    """The hotkeys in use: what is bound, what could not be, and why none can be."""

    def __init__(self, calls: HotkeyCalls) -> None:
        super().__init__()
        self.calls = calls
        self.grabber: Grabber | None = None
        # Why there are no global hotkeys here, in words; "" when there are.
        self.unavailable = ""
        self.bound: dict[HotkeyAction, Hotkey] = {}
        # Actions whose combination could not be used, and why in words.
        self.problems: dict[HotkeyAction, str] = {}

    def open(self, grabber: Grabber | None, unavailable: str = "") -> None:
        """Use *grabber*, or say *unavailable* (why there is none)."""
        self.grabber = grabber
        self.unavailable = "" if grabber is not None else unavailable
        if self.unavailable:
            log.info("global hotkeys: %s", self.unavailable)

    def bind(self, texts: Mapping[str, str]) -> None:
        """Grab the combinations *texts* names (action -> text as stored); a text that is
        not one, or one another program holds, is a problem, logged and kept in
        :attr:`problems` (the Settings dialog shows them)."""
        keys: dict[HotkeyAction, Hotkey] = {}
        problems: dict[HotkeyAction, str] = {}
        for action in HotkeyAction:
            try:
                hotkey = parse_hotkey(texts.get(action.value, ""))
            except HotkeyError as exc:  # a hand-edited settings file
                problems[action] = str(exc)
                continue
            if hotkey is None:
                continue
            if hotkey in keys.values():
                problems[action] = self.tr("%1 is used for two actions.").replace("%1", str(hotkey))
                continue
            keys[action] = hotkey
        if self.grabber is not None:
            failures = self.grabber.grab(keys)
            for action, failure in failures.items():
                problems[action] = failure_text(action, keys.pop(action), failure)
        else:
            keys = {}
        self.bound = keys
        self.problems = problems
        for text in problems.values():
            log.warning("global hotkey not in use: %s", text)
        if keys:
            log.info(
                "global hotkeys: %s",
                ", ".join(f"{hotkey} {action.value}" for action, hotkey in keys.items()),
            )

    def press(self, action: HotkeyAction) -> None:
        """A bound combination was pressed: do what the window's button would."""
        log.info("global hotkey: %s", action.value)
        if action is HotkeyAction.ANSWER:
            ringing = self.calls.ringing_call
            if ringing is not None:
                self.calls.answer_ringing(ringing)
        elif action is HotkeyAction.HANG_UP:
            if self.calls.in_call:
                self.calls.hang_up()
        else:
            self.calls.toggle_mute()

    def close(self) -> None:
        if self.grabber is not None:
            self.grabber.close()
            self.grabber = None
        self.bound = {}


def open_grabber(on_press: Callable[[HotkeyAction], None]) -> tuple[Grabber | None, str]:
    """The desktop's grabber, or None and why there is none (in words)."""
    platform = QGuiApplication.platformName()
    if platform == "wayland" or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        # Even through XWayland: X11 grabs there only see keys typed into X11 windows.
        return None, QCoreApplication.translate(
            "Hotkeys",
            "Global hotkeys are not available on Wayland: it lets no program take keys "
            "from the others. The headset and media keys still answer and hang up.",
        )
    if platform != "xcb":
        return None, QCoreApplication.translate(
            "Hotkeys", "Global hotkeys need an X11 desktop; this one (%1) is not."
        ).replace("%1", platform)
    from .hotkeys_x11 import X11Grabber, X11Unavailable

    try:
        return X11Grabber(on_press), ""
    except X11Unavailable as exc:
        return None, QCoreApplication.translate(
            "Hotkeys", "Global hotkeys are not available: %1"
        ).replace("%1", str(exc))


def global_hotkeys_for(
    window: MainWindow, show: Callable[[], None], texts: Mapping[str, str]
) -> GlobalHotkeys:
    """The app's global hotkeys for *window*, bound to *texts* (``Settings.hotkeys``)."""
    hotkeys = GlobalHotkeys(WindowHotkeyCalls(window, show))
    grabber, unavailable = open_grabber(hotkeys.press)
    hotkeys.open(grabber, unavailable)
    hotkeys.bind(texts)
    return hotkeys


class HotkeysBox(QGroupBox):
    """Settings → Global hotkeys: one combination per action, and in words why the keys
    are not available here or which could not be used."""

    def __init__(
        self,
        texts: Mapping[str, str],
        unavailable: str = "",
        problems: Mapping[HotkeyAction, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Global hotkeys"))
        labels = {
            HotkeyAction.ANSWER: self.tr("Answer:"),
            HotkeyAction.HANG_UP: self.tr("Hang up:"),
            HotkeyAction.MUTE: self.tr("Mute / unmute:"),
        }
        self.message = QLabel()
        self.message.setObjectName("hotkeysMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        form = QFormLayout(self)
        self.edits: dict[HotkeyAction, QLineEdit] = {}
        for action in HotkeyAction:
            edit = QLineEdit(texts.get(action.value, ""))
            edit.setObjectName(f"hotkey_{action.value}")
            edit.setAccessibleName(labels[action].rstrip(":"))
            edit.setPlaceholderText(self.tr("Off"))
            edit.setToolTip(
                self.tr(
                    "Works while another program is in front, e.g. Ctrl+Alt+A. Empty: no hotkey."
                )
            )
            edit.textChanged.connect(lambda _text: self.message.hide())
            self.edits[action] = edit
            form.addRow(labels[action], edit)
        self.note = QLabel()
        self.note.setObjectName("hotkeysNote")
        self.note.setWordWrap(True)
        lines = [unavailable] if unavailable else list((problems or {}).values())
        self.note.setText("\n".join(lines))
        self.note.setVisible(bool(lines))
        form.addRow(self.note)
        form.addRow(self.message)

    def chosen(self) -> dict[str, str]:
        """Action -> combination as typed, written the usual way ("" for off); what
        cannot be parsed is kept as typed (:meth:`problem` refuses it first)."""
        chosen: dict[str, str] = {}
        for action, edit in self.edits.items():
            try:
                hotkey = parse_hotkey(edit.text())
            except HotkeyError:
                chosen[action.value] = edit.text().strip()
            else:
                chosen[action.value] = "" if hotkey is None else str(hotkey)
        return chosen

    def problem(self) -> str:
        """Why the combinations cannot be kept, in words, or ``""``; shown in the box."""
        seen: dict[Hotkey, HotkeyAction] = {}
        text = ""
        for action, edit in self.edits.items():
            try:
                hotkey = parse_hotkey(edit.text())
            except HotkeyError as exc:
                text = f"{action_name(action)}: {exc}"
                break
            if hotkey is None:
                continue
            if hotkey in seen:
                text = fill(
                    self.tr("%1 is set for both %2 and %3."),
                    str(hotkey),
                    action_name(seen[hotkey]),
                    action_name(action),
                )
                break
            seen[hotkey] = action
        self.message.setText(text)
        self.message.setVisible(bool(text))
        return text
