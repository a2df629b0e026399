"""Start at login: the operating system's own per-user autostart entry, minimised to the tray.

- Linux and other freedesktop systems: ``$XDG_CONFIG_HOME/autostart/webphone.desktop``
  (the XDG Autostart specification), ``Hidden=false``.
- Windows: the value ``Webphone`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: a LaunchAgent ``~/Library/LaunchAgents/org.webphone.Webphone.plist`` with
  ``RunAtLoad``.

The entry starts the same program that is running now (the frozen executable, the
installed ``webphone`` script, or ``python -m webphone``) with ``--minimized``. Only the
Linux entry is exercised by the tests here; the Windows and macOS ones follow those
systems' documented formats.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import shutil
import sys
from pathlib import Path

ENTRY_NAME = "webphone.desktop"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_VALUE = "Webphone"
MACOS_LABEL = "org.webphone.Webphone"


class AutostartError(Exception):
    """The autostart entry could not be written or removed (the message says why)."""


def launch_command() -> list[str]:
    """The command line that starts this Webphone minimised to the tray."""
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    elif (script := shutil.which("webphone")) is not None:
        program = [script]
    else:
        program = [sys.executable, "-m", "webphone"]
    return [*program, "--minimized"]


def _xdg_entry() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / ENTRY_NAME


def _mac_agent() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{MACOS_LABEL}.plist"


def _desktop_exec(command: list[str]) -> str:
    # The Desktop Entry spec's quoting is close to the shell's for the characters a path
    # has; '%' must be doubled because it introduces field codes.
    return " ".join(shlex.quote(part) for part in command).replace("%", "%%")


def is_enabled() -> bool:
    """True when this user's session starts Webphone at login."""
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
                winreg.QueryValueEx(key, WINDOWS_VALUE)
        except OSError:
            return False
        return True
    if sys.platform == "darwin":
        return _mac_agent().exists()
    return _xdg_entry().exists()


def set_enabled(enabled: bool) -> None:
    """Create or remove the autostart entry; raises :class:`AutostartError` on failure."""
    try:
        if sys.platform == "win32":
            _set_windows(enabled)
        elif sys.platform == "darwin":
            _set_file(_mac_agent(), _mac_plist() if enabled else None)
        else:
            _set_file(_xdg_entry(), _xdg_text() if enabled else None)
    except OSError as exc:
        raise AutostartError(f"cannot change the start-at-login entry: {exc}") from exc


def _xdg_text() -> bytes:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Webphone",
        "Comment=Webphone softphone, started in the tray at login",
        f"Exec={_desktop_exec(launch_command())}",
        "Icon=webphone",
        "Terminal=false",
        "Hidden=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _mac_plist() -> bytes:
    agent = {"Label": MACOS_LABEL, "ProgramArguments": launch_command(), "RunAtLoad": True}
    return plistlib.dumps(agent)


def _set_file(path: Path, content: bytes | None) -> None:
    if content is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)


def _set_windows(enabled: bool) -> None:
    # Under the platform check so type checkers on other systems skip winreg's names.
    if sys.platform == "win32":
        import subprocess
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
            if enabled:
                command = subprocess.list2cmdline(launch_command())
                winreg.SetValueEx(key, WINDOWS_VALUE, 0, winreg.REG_SZ, command)
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, WINDOWS_VALUE)
