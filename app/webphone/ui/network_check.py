"""Phone → Check my connection…: the sdk's network check (:mod:`webphone.sdk.checks.network_check`)
for the account the window uses, each step shown as it finishes, the verdict in words and
a "Copy report" button for the text report a user sends their administrator.

The check runs on the core loop (through :meth:`Bridge.run`) with a client of its own,
so the user's session, its calls and history are untouched. The report itself stays in
English, the language support desks read; everything the dialog shows is translated.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..sdk.checks.network_check import (
    Cause,
    CheckReport,
    CheckTarget,
    NetworkCheck,
    Status,
    Step,
    StepResult,
    rate_echo,
    render_report,
)

if TYPE_CHECKING:
    from ..session import Session
    from .bridge import Bridge
    from .gui_loop import Tasks
    from .settings import Settings

log = logging.getLogger(__name__)

STEPS = (Step.DNS, Step.TLS, Step.WEBSOCKET, Step.REGISTER, Step.ICE, Step.ECHO)


def check_target(session: Session, secret: str | None, echo_destination: str) -> CheckTarget:
    """The check's target for the open *session* (on the core thread): its server,
    account and ICE servers; the demo service's own password and echo bot."""
    client, info, config = session.client, session.info, session.config
    demo = session.demo
    if demo is not None:
        return CheckTarget(
            server=demo.url,
            user=info.user,
            secret=demo.password(info.user),
            domain=demo.domain,
            allowed_addresses=demo.client_kwargs()["allowed_addresses"],
            echo_destination="echo",
        )
    if not secret:
        raise ValueError("no password or token stored for this account")
    return CheckTarget(
        server=client.servers[0],
        user=info.user,
        secret=secret,
        domain=client.domain,
        token=config.token,
        ca_file=config.ca_file,
        insecure_tls=config.insecure_tls,
        ice_servers=config.ice_servers,
        allowed_addresses=config.allowed_addresses,
        echo_destination=echo_destination or None,
    )


class _StepRelay(QObject):
    """Carries step results from the core thread to the dialog (queued)."""

    stepDone = Signal(object)


class NetworkCheckDialog(QDialog):
    """Start button, one row per step (its figures below it), the verdict, Copy report."""

    def __init__(
        self, bridge: Bridge, settings: Settings, tasks: Tasks, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("networkCheckDialog")
        self.setWindowTitle(self.tr("Check my connection"))
        self.bridge = bridge
        self.settings = settings
        self.tasks = tasks
        self.report: CheckReport | None = None
        self.running = False
        self._check: NetworkCheck | None = None  # touched on the core thread only
        self._relay = _StepRelay(self)
        self._relay.stepDone.connect(self.step_done)
        about = QLabel(
            self.tr(
                "Checks the way to your server: name lookup, encryption, sign-in, STUN/TURN "
                "and a short test call to the echo service."
            )
        )
        about.setWordWrap(True)
        self.steps = QTreeWidget()
        self.steps.setObjectName("networkCheckSteps")
        self.steps.setAccessibleName(self.tr("Steps of the connection check"))
        self.steps.setColumnCount(2)
        self.steps.setHeaderLabels([self.tr("Step"), self.tr("Result")])
        self.steps.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setRootIsDecorated(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("networkCheckVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.start_button = QPushButton(self.tr("Start check"))
        self.start_button.setObjectName("networkCheckStart")
        self.start_button.clicked.connect(self.start)
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setObjectName("networkCheckCopy")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)
        self.resize(640, 480)

    # -- running ----
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.report = None
        self.steps.clear()
        self.copy_button.setEnabled(False)
        self.start_button.setEnabled(False)
        self.verdict.setText(self.tr("Checking…"))
        self.tasks.spawn(self._run())

    async def _run(self) -> None:
        secret = self._secret()
        echo = self.settings.echo_destination
        relay = self._relay

        async def on_core(_client: object) -> CheckReport:
            session = self.bridge.session
            assert session is not None  # Bridge.run checked it
            check = NetworkCheck(check_target(session, secret, echo), on_step=relay.stepDone.emit)
            self._check = check
            try:
                return await check.run()
            finally:
                self._check = None

        try:
            report = await self.bridge.run(on_core)
        except asyncio.CancelledError:
            self._stopped()
            raise
        except Exception as exc:
            log.error("network check failed: %r", exc)
            self._stopped()
            self.verdict.setText(self.tr("The check could not run: %1").replace("%1", str(exc)))
            return
        self._stopped()
        self.finished_with(report)

    def _secret(self) -> str | None:
        account = self.settings.account
        if account is None or account.kind.value == "demo":
            return None
        from .settings import load_secret

        return load_secret(account.keyring_user)

    def _stopped(self) -> None:
        self.running = False
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("Check again"))

    def cancel(self) -> None:
        """Stop a running check (its call hung up, its client logged out)."""
        core = self.bridge.core
        if core.running and not core.loop.is_closed():
            core.loop.call_soon_threadsafe(self._cancel_on_core)

    def _cancel_on_core(self) -> None:
        if self._check is not None:
            self._check.cancel()

    def done(self, result: int) -> None:
        if self.running:
            self.cancel()
        super().done(result)

    # -- what the check reports ----
    def step_done(self, result: StepResult) -> None:
        item = QTreeWidgetItem([self.step_title(result.step), self.status_text(result.status)])
        item.setData(0, Qt.ItemDataRole.UserRole, result.step.value)
        icon = _ICON.get(result.status)
        if icon is not None:
            item.setIcon(1, self.style().standardIcon(icon))
        item.setToolTip(1, result.summary)
        rows = [(self.tr("Found"), result.summary)]
        rows += [
            (self.figure_label(label), self.figure_value(label, value))
            for label, value in result.figures
        ]
        if result.cause is not None and result.status in (Status.FAIL, Status.WARN):
            rows.append((self.tr("Likely cause"), self.cause_text(result.cause)))
        if result.detail:
            rows.append((self.tr("Detail"), result.detail))
        for label, value in rows:
            child = QTreeWidgetItem([label, value])
            child.setToolTip(1, value)
            item.addChild(child)
        self.steps.addTopLevelItem(item)
        item.setExpanded(result.status in (Status.FAIL, Status.WARN))

    def finished_with(self, report: CheckReport) -> None:
        self.report = report
        self.copy_button.setEnabled(True)
        self.verdict.setText(self.verdict_text(report))

    def copy_report(self) -> None:
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(render_report(self.report, __version__))
        self.copy_button.setText(self.tr("Copied"))

    def row(self, step: Step) -> QTreeWidgetItem | None:
        for index in range(self.steps.topLevelItemCount()):
            item = self.steps.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == step.value:
                return item
        return None

    # -- words ----
    def step_title(self, step: Step) -> str:
        return {
            Step.DNS: self.tr("Name lookup (DNS)"),
            Step.TLS: self.tr("Encryption (TLS)"),
            Step.WEBSOCKET: self.tr("Connection (WebSocket)"),
            Step.REGISTER: self.tr("Sign-in (REGISTER)"),
            Step.ICE: self.tr("STUN/TURN"),
            Step.ECHO: self.tr("Test call"),
        }[step]

    def status_text(self, status: Status) -> str:
        return {
            Status.OK: self.tr("OK"),
            Status.WARN: self.tr("Warning"),
            Status.FAIL: self.tr("Failed"),
            Status.SKIPPED: self.tr("Not run"),
        }[status]

    def cause_text(self, cause: Cause) -> str:
        return {
            Cause.DNS: self.tr("the server's name does not resolve (a typo, or no DNS)"),
            Cause.PORT_BLOCKED: self.tr("a firewall blocks the port (nothing answered)"),
            Cause.REFUSED: self.tr(
                "nothing accepts connections there (server down, wrong port, or a firewall "
                "rejects them)"
            ),
            Cause.CERTIFICATE: self.tr(
                "the server's certificate is not trusted (self-signed, wrong CA, expired or "
                "for another name)"
            ),
            Cause.TLS: self.tr("the TLS handshake failed"),
            Cause.NOT_WEBSOCKET: self.tr(
                "the server does not offer SIP over WebSocket at that address"
            ),
            Cause.CREDENTIALS: self.tr("the user name or password (or token) is wrong"),
            Cause.TURN_CREDENTIALS: self.tr("the TURN server's user name or credential is wrong"),
            Cause.SERVER: self.tr("the server refused or failed the request"),
            Cause.NO_RELAY: self.tr("direct media is blocked and no TURN relay works"),
            Cause.ECHO_TARGET: self.tr("the echo destination is wrong or not answering"),
            Cause.POOR_NETWORK: self.tr("the network loses or delays packets"),
        }[cause]

    def figure_label(self, label: str) -> str:
        return {
            "Lookup": self.tr("Lookup"),
            "Handshake": self.tr("Handshake"),
            "Protocol": self.tr("Protocol"),
            "Certificate subject": self.tr("Certificate subject"),
            "Issued by": self.tr("Issued by"),
            "Valid until": self.tr("Valid until"),
            "Names": self.tr("Names"),
            "Connect and upgrade": self.tr("Connect and upgrade"),
            "Round trip (with the challenge)": self.tr("Round trip (with the challenge)"),
            "Contact": self.tr("Contact"),
            "Candidates": self.tr("Candidates"),
            "Gathering": self.tr("Gathering"),
            "Relay address": self.tr("Relay address"),
            "Connected after": self.tr("Connected after"),
            "Round trip (RTT)": self.tr("Round trip (RTT)"),
            "Jitter": self.tr("Jitter"),
            "Packet loss": self.tr("Packet loss"),
            "MOS": self.tr("Call quality (MOS)"),
            "Samples": self.tr("Samples"),
            "Media path": self.tr("Media path"),
        }.get(label, label)

    def figure_value(self, label: str, value: str) -> str:
        """Figures are data (addresses, times), except the media path's words."""
        if label != "Media path":
            return value
        return {
            "direct": self.tr("direct"),
            "through a NAT (found by STUN)": self.tr("through a NAT (found by STUN)"),
            "through a NAT": self.tr("through a NAT"),
            "through the TURN relay": self.tr("through the TURN relay"),
            "not known": self.tr("not known"),
        }.get(value, value)

    def verdict_text(self, report: CheckReport) -> str:
        """The sdk's verdict (:func:`~webphone.sdk.checks.network_check.verdict`), in words."""
        failed = [s for s in report.steps if s.status is Status.FAIL]
        if failed:
            cause = failed[0].cause
            why = self.cause_text(cause) if cause is not None else failed[0].summary
            return self.tr("Calls will not work: %1.").replace("%1", why)
        echo = report.echo
        if echo is None:
            return self.tr("The connection works, but call quality was not measured.")
        level, problems = rate_echo(echo)
        if level is Status.OK:
            if echo.path == "relay":
                return self.tr("Calls should sound good, through the TURN relay only.")
            return self.tr("Calls should sound good.")
        words = ", ".join(self.problem_text(p) for p in problems)
        if level is Status.WARN:
            return self.tr("Calls will work, but may suffer from: %1.").replace("%1", words)
        return self.tr("Calls will sound poor: %1.").replace("%1", words)

    def problem_text(self, problem: str) -> str:
        return {
            "low call quality score": self.tr("low call quality score"),
            "long delay": self.tr("long delay"),
            "packet loss": self.tr("packet loss"),
            "uneven packet timing": self.tr("uneven packet timing"),
        }.get(problem, problem)


#: The style's own icons (they follow the desktop's theme, light or dark).
_ICON: Mapping[Status, QStyle.StandardPixmap] = {
    Status.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
    Status.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Status.FAIL: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def show_network_check(window: Any) -> NetworkCheckDialog:
    """Open (or raise) the window's check dialog and start a check when none ran yet."""
    dialog = getattr(window, "network_check_dialog", None)
    if dialog is None:
        dialog = NetworkCheckDialog(window.bridge, window.settings, window.tasks, window)
        window.network_check_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    if not dialog.running and dialog.report is None:
        dialog.start()
    return dialog
