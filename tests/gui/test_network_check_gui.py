"""Phone → Check my connection…, on the embedded demo service: each step appears as it
finishes, the test call reaches the demo's echo bot, the verdict is in words and "Copy
report" puts the text report (without the password) on the clipboard."""

from __future__ import annotations

import socket
import time

import pytest
from gui_helpers import StartApp, click
from PySide6.QtGui import QAction, QGuiApplication
from pytestqt.qtbot import QtBot

from webphone.sdk.checks.network_check import (
    Cause,
    CheckReport,
    CheckTarget,
    EchoFigures,
    Status,
    Step,
    StepResult,
)
from webphone.ui.account import AccountConfig, AccountKind
from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.icons import Status as WindowStatus
from webphone.ui.network_check import NetworkCheckDialog, show_network_check
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)
CHECK_TIMEOUT_MS = 45_000


def test_check_my_connection_on_the_demo_service(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    action = window.findChild(QAction, "networkCheckAction")
    assert action is not None and action.text() == "Check my &connection…"
    action.trigger()
    dialog = window.findChild(NetworkCheckDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.verdict.text() == "Checking…"
    assert not dialog.start_button.isEnabled() and not dialog.copy_button.isEnabled()
    # Steps show up one by one while the test call is still running.
    qtbot.waitUntil(lambda: dialog.row(Step.ICE) is not None, timeout=20_000)
    assert dialog.running and dialog.row(Step.ECHO) is None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=CHECK_TIMEOUT_MS)

    titles = [dialog.steps.topLevelItem(i).text(0) for i in range(dialog.steps.topLevelItemCount())]  # type: ignore[union-attr]
    assert titles == [
        "Name lookup (DNS)",
        "Encryption (TLS)",
        "Connection (WebSocket)",
        "Sign-in (REGISTER)",
        "STUN/TURN",
        "Test call",
    ]
    echo = dialog.row(Step.ECHO)
    assert echo is not None and echo.text(1) == "OK"
    figures = {echo.child(i).text(0): echo.child(i).text(1) for i in range(echo.childCount())}
    assert figures["Found"] == "10 s call to echo: good"
    assert figures["Round trip (RTT)"].endswith(" ms")
    assert float(figures["Call quality (MOS)"]) > 4.0
    assert dialog.verdict.text() == "Calls should sound good."
    # The check's call is its own client's: the window's call panel never saw it.
    assert window.call_panel.state is PanelState.IDLE

    click(qtbot, dialog.copy_button)
    report = QGuiApplication.clipboard().text()
    assert report.startswith("Webphone network check")
    assert "[  ok] Echo call: 10 s call to echo: good" in report
    assert report.rstrip().endswith("Verdict: Calls should sound good.")
    assert app.bridge.session is not None
    password = app.bridge.session.demo.password("alice")  # type: ignore[union-attr]
    assert password not in report
    assert dialog.start_button.isEnabled() and dialog.start_button.text() == "Check again"


def test_a_failed_step_is_expanded_with_its_likely_cause(qtbot: QtBot) -> None:
    dialog = NetworkCheckDialog(None, None, None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    failed = StepResult(
        Step.TLS,
        Status.FAIL,
        "the server's certificate is not trusted",
        Cause.CERTIFICATE,
        "self-signed certificate",
        (("Issued by", "CN=Someone"),),
    )
    dialog.step_done(failed)
    row = dialog.row(Step.TLS)
    assert row is not None and row.isExpanded() and row.text(1) == "Failed"
    children = {row.child(i).text(0): row.child(i).text(1) for i in range(row.childCount())}
    assert children["Issued by"] == "CN=Someone"
    assert children["Likely cause"].startswith("the server's certificate is not trusted")
    report = CheckReport(CheckTarget("wss://h", "alice", "pw-Secret-1"), time.time(), [failed])
    dialog.finished_with(report)
    assert dialog.verdict.text().startswith("Calls will not work: the server's certificate")
    relayed = CheckReport(CheckTarget("ws://h", "a", "pw-Secret-1"), time.time())
    relayed.echo = EchoFigures(10, 9, 40.0, 5.0, 0.0, 4.4, path="relay")
    dialog.finished_with(relayed)
    assert dialog.verdict.text() == "Calls should sound good, through the TURN relay only."
    relayed.echo = EchoFigures(10, 9, 500.0, 5.0, 3.0, 4.1)
    dialog.finished_with(relayed)
    assert dialog.verdict.text() == "Calls will work, but may suffer from: long delay, packet loss."


def test_a_server_that_is_not_there_is_named(
    qtbot: QtBot, config_dir: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SIP account whose server port is closed: the login failed, and the check says
    why; the password from the keyring reaches neither the dialog nor the report."""
    secret = "kEyring-Password-3"
    for where in ("webphone.ui.app.load_secret", "webphone.ui.settings.load_secret"):
        monkeypatch.setattr(where, lambda _entry: secret)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    account = AccountConfig(
        kind=AccountKind.SIP, server=f"ws://127.0.0.1:{port}", domain="example.com", user="bob"
    )
    app = WebphoneApp(Settings(account=account), use_tray=False)
    qtbot.addWidget(app.window)
    try:
        app.start()
        qtbot.waitUntil(lambda: app.window.status is WindowStatus.ERROR, timeout=20_000)
        dialog = show_network_check(app.window)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=CHECK_TIMEOUT_MS)
        row = dialog.row(Step.WEBSOCKET)
        assert row is not None and row.text(1) == "Failed" and row.isExpanded()
        assert dialog.verdict.text().startswith(
            "Calls will not work: nothing accepts connections there"
        ), dialog.verdict.text()
        assert dialog.row(Step.REGISTER).text(1) == "Not run"  # type: ignore[union-attr]
        tls = dialog.row(Step.TLS)
        assert tls is not None and tls.child(0).text(1) == "not run: ws:// is not encrypted"
        click(qtbot, dialog.copy_button)
        report = QGuiApplication.clipboard().text()
        assert f"Server: ws://127.0.0.1:{port}" in report
        assert "Account: bob@example.com" in report
        assert "[FAIL] WebSocket: the WebSocket connection failed" in report
        assert secret not in report
    finally:
        app.shutdown()
