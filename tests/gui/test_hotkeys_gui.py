"""Global hotkeys: the combinations as the user types them, and on a real X display
(Xvfb) the app answering, muting and hanging up a call from its keys while another
program's window has the keyboard; a combination another X client holds is reported in
words; where there is no X11 the Settings box says so."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from Xlib import XK, X
from Xlib.display import Display
from xserver import xvfb

from webphone.ui.hotkeys import (
    GlobalHotkeys,
    GrabFailure,
    Hotkey,
    HotkeyAction,
    HotkeyError,
    HotkeysBox,
    open_grabber,
    parse_hotkey,
)
from webphone.ui.settings import DEFAULT_HOTKEYS, Settings

pytestmark = pytest.mark.timeout(100)
HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TAKEN = "Ctrl+Alt+T"  # what the test's own X client grabs first


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ctrl+Alt+A", "Ctrl+Alt+A"),
        ("alt+ctrl+a", "Ctrl+Alt+A"),
        (" Super + Shift + f5 ", "Shift+Super+F5"),
        ("Control+Alt+space", "Ctrl+Alt+Space"),
        ("F9", "F9"),
        ("Pause", "Pause"),
        ("Meta+pgdown", "Super+PgDown"),
    ],
)
def test_combinations_are_read_as_the_user_writes_them(text: str, shown: str) -> None:
    hotkey = parse_hotkey(text)
    assert hotkey is not None
    assert str(hotkey) == shown


def test_an_empty_combination_turns_the_action_off() -> None:
    assert parse_hotkey("  ") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ctrl+", "is not a key combination: write it like Ctrl+Alt+A"),
        ("Hyper+A", "Hyper is not a modifier key"),
        ("Ctrl+Alt", "has no key after its modifiers"),
        ("Ctrl+Alt+Ä", "is not a key Webphone can use"),
        ("Ctrl+Alt+F99", "F99 is not a key Webphone can use"),
        ("A", "would take the key away from every program"),
        ("Shift+A", "add Ctrl, Alt or Super"),
    ],
)
def test_a_bad_combination_is_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(HotkeyError, match=re.escape(words)):
        parse_hotkey(text)


def test_the_settings_box_refuses_bad_and_doubled_combinations(qtbot: QtBot) -> None:
    box = HotkeysBox({"answer": "Ctrl+Alt+A", "hang_up": "Ctrl+Alt+H", "mute": ""})
    qtbot.addWidget(box)
    assert box.problem() == ""
    assert box.chosen() == {"answer": "Ctrl+Alt+A", "hang_up": "Ctrl+Alt+H", "mute": ""}
    box.edits[HotkeyAction.MUTE].setText("ctrl+alt+a")
    assert box.problem() == "Ctrl+Alt+A is set for both answer and mute or unmute."
    assert box.message.text() == box.problem()
    box.edits[HotkeyAction.MUTE].setText("Ctrl+Alt+Banana")
    assert box.problem().startswith("mute or unmute: Banana is not a key")
    box.edits[HotkeyAction.MUTE].setText("alt+ctrl+m")
    assert box.problem() == ""
    assert box.chosen()["mute"] == "Ctrl+Alt+M"


def test_without_x11_the_settings_say_hotkeys_are_not_available(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # These tests run on Qt's offscreen platform: no X11, as on Wayland.
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    grabber, unavailable = open_grabber(lambda _action: None)
    assert grabber is None
    assert "need an X11 desktop" in unavailable
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    grabber, unavailable = open_grabber(lambda _action: None)
    assert grabber is None
    assert "not available on Wayland" in unavailable
    box = HotkeysBox({}, unavailable)
    qtbot.addWidget(box)
    box.show()
    assert box.note.isVisible()
    assert "not available on Wayland" in box.note.text()


class _Refusing:
    """A grabber whose every grab is held by another program."""

    def grab(self, keys: dict[HotkeyAction, Hotkey]) -> dict[HotkeyAction, GrabFailure]:
        return dict.fromkeys(keys, GrabFailure.TAKEN)

    def close(self) -> None:
        pass


def test_a_taken_combination_is_a_problem_in_words(caplog: pytest.LogCaptureFixture) -> None:
    hotkeys = GlobalHotkeys(calls=None)  # type: ignore[arg-type]  # nothing is pressed
    hotkeys.open(_Refusing())
    hotkeys.bind({"answer": "Ctrl+Alt+A", "hang_up": "", "mute": "ctrl+alt+"})
    assert hotkeys.bound == {}
    assert hotkeys.problems[HotkeyAction.ANSWER] == (
        "Ctrl+Alt+A (answer) is already used by another program: choose another combination."
    )
    assert "is not a key combination" in hotkeys.problems[HotkeyAction.MUTE]
    assert HotkeyAction.HANG_UP not in hotkeys.problems
    assert "Ctrl+Alt+A (answer) is already used by another program" in caplog.text


@pytest.fixture
def x_display() -> Iterator[str]:
    with xvfb() as display:
        yield display


def test_hotkeys_answer_mute_and_hang_up_from_another_window(
    tmp_path: Path, tone: Path, x_display: str
) -> None:
    # Another program: a window of its own that has the keyboard, and a grab of its own.
    other = Display(x_display)
    screen = other.screen()
    window = screen.root.create_window(0, 0, 200, 100, 0, screen.root_depth)
    window.set_wm_name("Another program")
    window.map()
    keycode = other.keysym_to_keycode(XK.string_to_keysym("t"))
    screen.root.grab_key(
        keycode, X.ControlMask | X.Mod1Mask, False, X.GrabModeAsync, X.GrabModeAsync
    )
    other.sync()
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "WEBPHONE_CONFIG_DIR": str(tmp_path / "config"),
        "WEBPHONE_INSIGHTS_DB": str(tmp_path / "config" / "insights.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
    }
    for name in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "hotkeys_run.py"), str(tone), str(window.id), TAKEN],
            env=env,
            capture_output=True,
            text=True,
            timeout=80,
        )
    finally:
        other.close()
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["unavailable"] == ""
    assert report["problems_at_start"] == []
    # Every key went in while the other program's window had the keyboard.
    assert report["focus"] == [str(window.id)] * 4
    assert report["answered"] == "Connected"
    assert report["ringing_after_answer"] == 0
    assert report["muted"] == "Unmute"
    assert report["unmuted"] == "Mute"
    assert report["hung_up"].startswith("Call ended")
    # Settings: a text that is no combination is refused in words, the dialog stays.
    assert report["refused"].startswith("answer: Banana is not a key Webphone can use")
    assert report["open_after_refusal"] is True
    # A combination another program holds: stored, but the window, the log and the
    # Settings box say it is taken; the other keys stay in use.
    taken = "Ctrl+Alt+T (answer) is already used by another program: choose another combination."
    assert report["stored"] == {"answer": TAKEN, "hang_up": "Ctrl+Alt+H", "mute": "Ctrl+Alt+M"}
    assert report["status_bar"] == taken
    assert report["bound_after_change"] == ["hang_up", "mute"]
    assert any(taken in line for line in report["log"]), report["log"]
    assert report["note"] == taken


def test_the_default_combinations_name_every_action() -> None:
    assert set(DEFAULT_HOTKEYS) == {action.value for action in HotkeyAction}
    assert Settings().hotkeys == DEFAULT_HOTKEYS
    for text in DEFAULT_HOTKEYS.values():
        assert str(parse_hotkey(text)) == text


def test_the_combinations_are_remembered(config_dir: Path) -> None:
    settings = Settings()
    settings.hotkeys["mute"] = ""
    settings.save()
    assert Settings.load().hotkeys == {"answer": "Ctrl+Alt+A", "hang_up": "Ctrl+Alt+H", "mute": ""}
    # A hand-edited file: unknown actions and non-text values are dropped.
    Settings.path().write_text(
        json.dumps({"hotkeys": {"answer": " F9 ", "mute": 5, "fly": "Ctrl+Alt+F"}})
    )
    assert Settings.load().hotkeys == {
        "answer": "F9",
        "hang_up": "Ctrl+Alt+H",
        "mute": "Ctrl+Alt+M",
    }
