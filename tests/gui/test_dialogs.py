"""Dialogs as a user drives them: logging in to a SIP-over-WebSocket server with a password
or a token, a wrong password, the settings dialog's validation, and the charts' inputs."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import StartApp, click
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from webphone.demo import DemoService
from webphone.quality.feedback import ISSUES, validate_feedback
from webphone.sdk.core.token import make_demo_token
from webphone.ui.account import AccountKind, LoginMethod
from webphone.ui.bridge import CoreThread
from webphone.ui.charts import LevelChart, QualityChart
from webphone.ui.dialogs import FeedbackDialog, LoginDialog, SettingsDialog
from webphone.ui.icons import Status
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def sip_server() -> Iterator[DemoService]:
    """A SIP-over-WebSocket server of its own (the demo service's code, as any server)."""
    core = CoreThread()
    core.start()
    service = DemoService()
    core.submit(service.start()).result(10)
    try:
        yield service
    finally:
        core.submit(service.stop()).result(10)
        core.stop()


def when_dialog(qtbot: QtBot, kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Run *act* on the modal dialog of type *kind* as soon as it is open."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(50, look)
            return
        act(dialog)

    QTimer.singleShot(50, look)


def fill_login(
    server: DemoService, method: LoginMethod, user: str, secret: str
) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, LoginDialog)
        dialog.preset.setCurrentIndex(dialog.preset.findData(AccountKind.SIP.value))
        assert dialog.server.isVisible()
        dialog.server.setText(server.url)
        dialog.domain.setText(server.domain)
        dialog.method.setCurrentIndex(dialog.method.findData(method.value))
        assert dialog.user.isVisible() is (method is LoginMethod.PASSWORD)
        dialog.user.setText(user)
        dialog.secret.setText(secret)
        dialog.ok_button.click()

    return act


@pytest.mark.parametrize("method", [LoginMethod.PASSWORD, LoginMethod.TOKEN])
def test_login_to_a_sip_over_websocket_server(
    qtbot: QtBot,
    start_app: StartApp,
    sip_server: DemoService,
    config_dir: Path,
    method: LoginMethod,
) -> None:
    app = start_app()
    secret = (
        sip_server.accounts["bob"]
        if method is LoginMethod.PASSWORD
        else make_demo_token(sip_server.jwt_secret, sub="bob", iss="tests")
    )
    when_dialog(qtbot, LoginDialog, fill_login(sip_server, method, "bob", secret))
    click(qtbot, app.window.account_button)
    window = app.window
    qtbot.waitUntil(
        lambda: (
            window.status is Status.REGISTERED
            and "bob@demo.webphone.local" in window.status_label.text()
        ),
        timeout=20_000,
    )
    assert "local demo service" not in window.status_label.text()
    assert sip_server.register_count("bob") == 1
    stored = (config_dir / "settings.json").read_text(encoding="utf-8")
    assert json.loads(stored)["account"]["server"] == sip_server.url
    assert secret not in stored  # secrets only ever go to the OS keyring


def test_wrong_password_shows_the_reason(
    qtbot: QtBot, start_app: StartApp, sip_server: DemoService
) -> None:
    app = start_app()
    when_dialog(qtbot, LoginDialog, fill_login(sip_server, LoginMethod.PASSWORD, "bob", "nope"))
    click(qtbot, app.window.account_button)
    qtbot.waitUntil(lambda: app.window.status is Status.ERROR, timeout=20_000)
    assert app.window.status_label.text().startswith("Login failed: ")


def test_login_dialog_refuses_incomplete_input(qtbot: QtBot) -> None:
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setCurrentIndex(dialog.preset.findData(AccountKind.SIP.value))
    dialog.server.setText("http://not-websocket")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "ws://" in dialog.error.text()
    dialog.server.setText("wss://sip.example.com")
    dialog.user.setText("carol")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "password" in dialog.error.text()
    dialog.preset.setCurrentIndex(dialog.preset.findData(AccountKind.PLIVO.value))
    assert not dialog.server.isVisible()  # Plivo's servers are fixed
    assert "wss://client.plivo.com" in dialog.note.text()


def test_settings_dialog_validates_options_with_the_sdk_rules(
    qtbot: QtBot, start_app: StartApp, config_dir: Path
) -> None:
    app = start_app()
    seen: list[str] = []

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        editor, _ = dialog.options.editors["maxAverageBitrate"]
        editor.setValue(100)  # type: ignore[attr-defined]
        dialog.ok_button.click()
        seen.append(dialog.error.text())
        assert dialog.isVisible()
        editor.setValue(32000)  # type: ignore[attr-defined]
        close_box, _ = dialog.options.editors["closeProtection"]
        close_box.setChecked(True)  # type: ignore[attr-defined]
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.ok_button.click()

    when_dialog(qtbot, SettingsDialog, act)
    app.window.settingsDialogRequested.emit()
    assert seen and "maxAverageBitrate" in seen[0] and "8000" in seen[0]
    stored = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    assert stored["options"] == {"maxAverageBitrate": 32000, "closeProtection": True}
    assert stored["language"] == "de"
    assert Settings.load().effective_options["closeProtection"] is True
    # New options apply by logging in again.
    qtbot.waitUntil(lambda: app.window.status is Status.REGISTERED, timeout=20_000)


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, start_app: StartApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    entry = tmp_path / "xdg" / "autostart" / "webphone.desktop"
    app = start_app()

    def toggle(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.start_at_login.setChecked(not dialog.start_at_login.isChecked())
        dialog.ok_button.click()

    when_dialog(qtbot, SettingsDialog, toggle)
    app.window.settingsDialogRequested.emit()
    text = entry.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text and "Hidden=false" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith("--minimized")
    program = shlex.split(exec_line.removeprefix("Exec="))[0]
    assert Path(program).exists()  # a program that really starts this Webphone

    seen: list[bool] = []

    def untoggle(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        seen.append(dialog.start_at_login.isChecked())  # the dialog shows the real state
        dialog.start_at_login.setChecked(False)
        dialog.ok_button.click()

    when_dialog(qtbot, SettingsDialog, untoggle)
    app.window.settingsDialogRequested.emit()
    assert seen == [True]
    assert not entry.exists()


def test_level_chart_takes_volume_dicts_and_redraws_on_its_own_timer(qtbot: QtBot) -> None:
    chart = LevelChart()
    qtbot.addWidget(chart)
    chart.start()
    for n in range(500):  # a flood of events between two redraws costs nothing
        chart.push({"inputVolume": 0.25, "outputVolume": str(0.5 + n / 10_000)})
    chart.push({"inputVolume": None, "outputVolume": "not a number"})  # ignored
    qtbot.wait(300)
    assert chart.frames <= 12
    assert chart.peak("inputVolume", 0.2) == pytest.approx(0.25)
    assert chart.peak("outputVolume", 0.2) == pytest.approx(0.5499)
    chart.stop()


def test_quality_chart_marks_warnings_raised_and_cleared(qtbot: QtBot) -> None:
    chart = QualityChart()
    qtbot.addWidget(chart)
    chart.add_sample({"jitter": 12, "rtt": 80, "loss": 0.5, "mos": 4.2}, at=1)
    chart.add_sample({"jitter": 45, "mos": 3.1}, at=2)  # missing keys repeat the last value
    assert chart.values("rtt") == [80, 80]
    assert chart.values("jitter") == [12, 45]
    chart.warning({"type": "high_jitter", "active": True, "value": "45"}, at=2)
    chart.warning({"type": "no_microphone_access", "active": True})
    assert chart.status.text() == "Warning: High jitter, No microphone"
    chart.warning({"type": "high_jitter", "active": False}, at=5)
    chart.warning({"type": "no_microphone_access", "active": False})
    assert chart.status.text() == "No quality warnings"
    assert chart.markers == [
        ("high_jitter", True),
        ("no_microphone_access", True),
        ("high_jitter", False),
        ("no_microphone_access", False),
    ]
    chart.reset()
    assert chart.values("jitter") == [] and chart.markers == []


def test_feedback_dialog_offers_the_quality_packages_issues_and_its_rules(qtbot: QtBot) -> None:
    dialog = FeedbackDialog("call-1")
    qtbot.addWidget(dialog)
    assert set(dialog.issues) == set(ISSUES)
    assert dialog.issues["CALL_DROPPED"].text() == "Call dropped"
    assert list(dialog.issues)[-1] == "OTHERS"  # "Something else" comes last
    sent: list[dict[str, object]] = []
    dialog.submitted.connect(sent.append)
    dialog.show()
    click(qtbot, dialog.stars.button(2))
    assert not dialog.submit_button.isEnabled()
    click(qtbot, dialog.issues["CALL_DROPPED"])
    click(qtbot, dialog.submit_button)
    assert sent == [
        {
            "callUUID": "call-1",
            "starRating": 2,
            "issues": ["CALL_DROPPED"],
            "note": "",
            "sendConsoleLogs": False,
        }
    ]
    # What was sent passes the quality package's validation as it is.
    assert validate_feedback("call-1", 2, sent[0]["issues"])["issues"] == ["CALL_DROPPED"]
    assert dialog.hint.text() == "Sending…" and not dialog.submit_button.isEnabled()
    dialog.send_failed("score should be from 1-5 range")
    assert dialog.hint.text() == "Not sent: score should be from 1-5 range"
    assert dialog.isVisible() and dialog.submit_button.isEnabled()
