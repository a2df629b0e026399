"""Dialogs: account/login, settings (the seed's options, validated), call-quality feedback."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..quality.feedback import ISSUES
from ..sdk.core.availability import MAX_DELAY, AutoAnswer, Availability, DndCode
from ..sdk.core.log import DEBUG_LEVELS
from ..sdk.core.options import (
    CLIENT_REGIONS,
    QUALITY_TRACKING,
    VALIDATORS,
    InvalidOption,
)
from .account import PLIVO_SERVER, AccountConfig, AccountKind, LoginMethod
from .appearance import Appearance
from .hotkeys import HotkeysBox
from .i18n import LANGUAGES
from .ringtone import RingtonePicker
from .settings import ECHO_DESTINATION


def issue_labels() -> dict[str, str]:
    """The feedback issues (:data:`webphone.quality.feedback.ISSUES`) in words."""
    # Spelled out: lupdate only finds literal translate("context", "text") calls.
    labels = {
        "AUDIO_LAG": QCoreApplication.translate("FeedbackDialog", "Audio lag"),
        "BROKEN_AUDIO": QCoreApplication.translate("FeedbackDialog", "Broken audio"),
        "CALL_DROPPED": QCoreApplication.translate("FeedbackDialog", "Call dropped"),
        "CALLERID_ISSUES": QCoreApplication.translate("FeedbackDialog", "Caller ID issues"),
        "DIGITS_NOT_CAPTURED": QCoreApplication.translate("FeedbackDialog", "Digits not captured"),
        "ECHO": QCoreApplication.translate("FeedbackDialog", "Echo"),
        "HIGH_CONNECT_TIME": QCoreApplication.translate("FeedbackDialog", "Slow to connect"),
        "LOW_AUDIO_LEVEL": QCoreApplication.translate("FeedbackDialog", "Audio too quiet"),
        "ONE_WAY_AUDIO": QCoreApplication.translate("FeedbackDialog", "One-way audio"),
        "ROBOTIC_AUDIO": QCoreApplication.translate("FeedbackDialog", "Robotic audio"),
        "OTHERS": QCoreApplication.translate("FeedbackDialog", "Something else"),
    }
    # An issue the quality package adds later still gets a check box, under its name.
    return {issue: labels.get(issue, issue.replace("_", " ").capitalize()) for issue in ISSUES}


class LoginDialog(QDialog):
    """Choose the demo service, Plivo or any SIP-over-WebSocket server, and log in."""

    def __init__(self, config: AccountConfig | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Account"))
        config = config or AccountConfig()
        self.preset = QComboBox()
        self.preset.setObjectName("preset")
        self.preset.setAccessibleName(self.tr("Service"))
        self.preset.addItem(self.tr("Local demo service"), AccountKind.DEMO.value)
        self.preset.addItem(self.tr("Plivo"), AccountKind.PLIVO.value)
        self.preset.addItem(self.tr("SIP-over-WebSocket server"), AccountKind.SIP.value)
        self.server = QLineEdit(config.server)
        self.server.setObjectName("server")
        self.server.setPlaceholderText("wss://sip.example.com:8443")
        self.server.setAccessibleName(self.tr("Server URL"))
        self.domain = QLineEdit(config.domain)
        self.domain.setObjectName("domain")
        self.domain.setPlaceholderText(self.tr("default: the server's host"))
        self.domain.setAccessibleName(self.tr("SIP domain"))
        self.method = QComboBox()
        self.method.setObjectName("method")
        self.method.setAccessibleName(self.tr("Login method"))
        self.method.addItem(self.tr("User name and password"), LoginMethod.PASSWORD.value)
        self.method.addItem(self.tr("Access token (JWT)"), LoginMethod.TOKEN.value)
        self.user = QLineEdit(config.user)
        self.user.setObjectName("user")
        self.user.setAccessibleName(self.tr("User name"))
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Password or token"))
        self.secret.setPlaceholderText(self.tr("kept in the OS keyring"))
        self.ca_file = QLineEdit(config.ca_file)
        self.ca_file.setObjectName("caFile")
        self.ca_file.setAccessibleName(self.tr("CA certificate file"))
        self.insecure = QCheckBox(self.tr("Skip TLS verification (development only)"))
        self.insecure.setChecked(config.insecure_tls)
        # STUN/TURN servers for calls through NAT; the TURN credential goes to the keyring.
        self.ice_servers = QLineEdit(" ".join(config.ice_servers))
        self.ice_servers.setObjectName("iceServers")
        self.ice_servers.setPlaceholderText("stun:stun.example.com turn:turn.example.com:3478")
        self.ice_servers.setAccessibleName(self.tr("STUN and TURN servers"))
        self.ice_servers.setToolTip(
            self.tr(
                "For calls through NAT or a firewall: stun: and turn: URLs separated by "
                "spaces, e.g. turn:turn.example.com:3478?transport=udp"
            )
        )
        self.ice_username = QLineEdit(config.ice_username)
        self.ice_username.setObjectName("iceUsername")
        self.ice_username.setAccessibleName(self.tr("TURN user name"))
        self.turn_credential = QLineEdit()
        self.turn_credential.setObjectName("turnCredential")
        self.turn_credential.setEchoMode(QLineEdit.EchoMode.Password)
        self.turn_credential.setAccessibleName(self.tr("TURN credential"))
        self.turn_credential.setPlaceholderText(self.tr("kept in the OS keyring"))
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Service:"), self.preset)
        form.addRow(self.tr("Server:"), self.server)
        form.addRow(self.tr("Domain:"), self.domain)
        form.addRow(self.tr("Log in with:"), self.method)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Secret:"), self.secret)
        form.addRow(self.tr("CA file:"), self.ca_file)
        form.addRow("", self.insecure)
        form.addRow(self.tr("ICE servers:"), self.ice_servers)
        form.addRow(self.tr("TURN user:"), self.ice_username)
        form.addRow(self.tr("TURN credential:"), self.turn_credential)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.ok_button.setObjectName("loginButton")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._form = form
        self.preset.setCurrentIndex(self.preset.findData(config.kind.value))
        self.method.setCurrentIndex(self.method.findData(config.method.value))
        self.preset.currentIndexChanged.connect(self._update)
        self.method.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        kind = AccountKind(self.preset.currentData())
        demo = kind is AccountKind.DEMO
        sip = kind is AccountKind.SIP
        token = self.method.currentData() == LoginMethod.TOKEN.value
        notes = {
            AccountKind.DEMO: self.tr(
                "A local demo and test service on this computer, with bots to call "
                "(echo, busy, noanswer, ring, multi, voicemail). No account needed."
            ),
            AccountKind.PLIVO: self.tr("Plivo's servers (%1).").replace("%1", PLIVO_SERVER),
            AccountKind.SIP: self.tr(
                "Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH)."
            ),
        }
        self.note.setText(notes[kind])
        for row in (self.server, self.domain, self.ca_file, self.insecure):
            self._form.setRowVisible(row, sip)
        self._form.setRowVisible(self.method, not demo)
        self._form.setRowVisible(self.secret, not demo)
        for row in (self.ice_servers, self.ice_username, self.turn_credential):
            self._form.setRowVisible(row, not demo)  # the demo service is on this computer
        self._form.setRowVisible(self.user, demo or not token)
        self.secret.setAccessibleName(self.tr("Access token") if token else self.tr("Password"))

    def config(self) -> AccountConfig:
        kind = AccountKind(self.preset.currentData())
        return AccountConfig(
            kind=kind,
            server=self.server.text().strip() if kind is AccountKind.SIP else "",
            domain=self.domain.text().strip() if kind is AccountKind.SIP else "",
            user=self.user.text().strip(),
            method=LoginMethod(self.method.currentData())
            if kind is not AccountKind.DEMO
            else LoginMethod.PASSWORD,
            ca_file=self.ca_file.text().strip() if kind is AccountKind.SIP else "",
            insecure_tls=self.insecure.isChecked() and kind is AccountKind.SIP,
            ice_servers=self.ice_servers.text().split() if kind is not AccountKind.DEMO else [],
            ice_username=self.ice_username.text().strip() if kind is not AccountKind.DEMO else "",
        )

    def turn_credential_text(self) -> str:
        return self.turn_credential.text()

    def secret_text(self) -> str:
        return self.secret.text()

    def _accept(self) -> None:
        config = self.config()
        problem = config.validate()
        if problem is None and config.kind is not AccountKind.DEMO and not self.secret.text():
            problem = self.tr("Enter the password or token (it is kept in the OS keyring).")
        if problem is None and config.validate_ice() is not None:
            problem = self.tr("ICE servers: %1").replace("%1", config.validate_ice() or "")
        if problem:
            self.error.setText(problem)
            return
        self.accept()


class OptionsForm(QWidget):
    """One editor per seed option, validated by the sdk's rules. *defaults* are what the
    app uses when the user changes nothing (the seed's, with the app's own choices)."""

    def __init__(
        self, options: dict[str, Any], defaults: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.defaults = defaults
        self.editors: dict[str, tuple[QWidget, Callable[[], object]]] = {}
        form = QFormLayout(self)
        for key, default in defaults.items():
            value = options.get(key, default)
            editor, read = self._editor(key, default, value)
            editor.setObjectName(f"option_{key}")
            editor.setAccessibleName(key)
            editor.setToolTip(self.tr("Default: %1").replace("%1", json.dumps(default)))
            form.addRow(key, editor)
            self.editors[key] = (editor, read)

    def _editor(
        self, key: str, default: object, value: object
    ) -> tuple[QWidget, Callable[[], object]]:
        if isinstance(default, bool):
            box = QCheckBox()
            box.setChecked(bool(value))
            return box, box.isChecked
        choices: tuple[str, ...] | None = {
            "debug": tuple(DEBUG_LEVELS),
            "enableQualityTracking": QUALITY_TRACKING,
            "clientRegion": ("", *CLIENT_REGIONS),
        }.get(key)
        if choices is not None:
            combo = QComboBox()
            combo.addItems(list(choices))
            combo.setCurrentIndex(max(0, combo.findText(str(value or ""))))
            return combo, lambda: combo.currentText() or None
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.setValue(int(value) if isinstance(value, int) else default)
            return spin, spin.value
        line = QLineEdit(value if isinstance(value, str) else json.dumps(value))
        if isinstance(default, str):
            return line, line.text
        return line, lambda: json.loads(line.text() or "null")

    def values(self) -> tuple[dict[str, Any], list[str]]:
        """(options that differ from *defaults*, problems as 'key: reason')."""
        chosen: dict[str, Any] = {}
        problems: list[str] = []
        for key, (_editor, read) in self.editors.items():
            try:
                value = VALIDATORS[key](read())
            except (InvalidOption, ValueError) as exc:
                problems.append(f"{key}: {exc}")
                continue
            if value != self.defaults[key]:
                chosen[key] = value
        return chosen, problems


class SettingsDialog(QDialog):
    """App settings (language, feedback, tray) and every seed option."""

    def __init__(
        self,
        options: dict[str, Any],
        defaults: dict[str, Any],
        language: str,
        ask_feedback: bool,
        minimize_to_tray: bool,
        confirm_call_links: bool,
        start_at_login: bool = False,
        parent: QWidget | None = None,
        *,
        echo_destination: str = ECHO_DESTINATION,
        voicemail_number: str = "",
        appearance: str = "system",
        availability: Availability | None = None,
        ringtone: RingtonePicker | None = None,
        hotkeys: HotkeysBox | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.ringtone = ringtone
        self.hotkeys = hotkeys
        self.appearance = QComboBox()
        self.appearance.setObjectName("appearance")
        self.appearance.setAccessibleName(self.tr("Appearance"))
        self.appearance.addItem(self.tr("Same as the system"), Appearance.SYSTEM.value)
        self.appearance.addItem(self.tr("Light"), Appearance.LIGHT.value)
        self.appearance.addItem(self.tr("Dark"), Appearance.DARK.value)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(appearance)))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.ask_feedback = QCheckBox(self.tr("Ask for call-quality feedback after calls"))
        self.ask_feedback.setChecked(ask_feedback)
        self.minimize_to_tray = QCheckBox(self.tr("Closing the window keeps Webphone in the tray"))
        self.minimize_to_tray.setChecked(minimize_to_tray)
        self.confirm_call_links = QCheckBox(self.tr("Ask before calling a clicked tel:/sip: link"))
        self.confirm_call_links.setChecked(confirm_call_links)
        self.start_at_login = QCheckBox(self.tr("Start Webphone in the tray when I log in"))
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setChecked(start_at_login)
        self.echo_destination = QLineEdit(echo_destination)
        self.echo_destination.setObjectName("echoDestination")
        self.echo_destination.setAccessibleName(self.tr("Echo test destination"))
        self.echo_destination.setPlaceholderText(ECHO_DESTINATION)
        self.echo_destination.setToolTip(
            self.tr(
                "Who Audio devices → Check voice path calls on your server: a number or "
                "address that plays your audio back. The local demo service always uses "
                "its echo bot."
            )
        )
        app_box = QGroupBox(self.tr("Application"))
        app_form = QFormLayout(app_box)
        app_form.addRow(self.tr("Language:"), self.language)
        app_form.addRow(QLabel(self.tr("A new language applies after a restart.")))
        app_form.addRow(self.tr("Appearance:"), self.appearance)
        app_form.addRow(self.ask_feedback)
        app_form.addRow(self.minimize_to_tray)
        app_form.addRow(self.confirm_call_links)
        app_form.addRow(self.start_at_login)
        app_form.addRow(self.tr("Echo test destination:"), self.echo_destination)
        self.voicemail_number = QLineEdit(voicemail_number)
        self.voicemail_number.setObjectName("voicemailNumber")
        self.voicemail_number.setAccessibleName(self.tr("Voicemail number"))
        self.voicemail_number.setPlaceholderText(self.tr("From the server"))
        self.voicemail_number.setToolTip(
            self.tr(
                "What the voicemail indicator dials. Empty: the mailbox address "
                "the server sends with the message count."
            )
        )
        app_form.addRow(self.tr("Voicemail number:"), self.voicemail_number)
        availability_box = self._availability_box(availability or Availability())
        self.options = OptionsForm(options, defaults)
        scroll = QScrollArea()
        scroll.setWidget(self.options)
        scroll.setWidgetResizable(True)
        options_box = QGroupBox(self.tr("Phone options (Browser SDK names; apply at next login)"))
        QVBoxLayout(options_box).addWidget(scroll)
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(app_box)
        layout.addWidget(availability_box)
        if ringtone is not None:
            layout.addWidget(ringtone)
            # A preview does not outlive the dialog it was started from.
            self.finished.connect(lambda _code: ringtone.dialog_closed())
        if hotkeys is not None:
            layout.addWidget(hotkeys)
        layout.addWidget(options_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 640)
        self.chosen: dict[str, Any] = {}

    def _availability_box(self, current: Availability) -> QGroupBox:
        """Do-not-disturb (with its refusal code) and auto-answer (mode, delay)."""
        self.dnd = QCheckBox(self.tr("Do not disturb: refuse incoming calls"))
        self.dnd.setObjectName("dnd")
        self.dnd.setChecked(current.dnd)
        self.dnd_code = QComboBox()
        self.dnd_code.setObjectName("dndCode")
        self.dnd_code.setAccessibleName(self.tr("Refuse calls with"))
        self.dnd_code.addItem(self.tr("486 Busy Here (the server may forward to voicemail)"), 486)
        self.dnd_code.addItem(self.tr("480 Temporarily Unavailable"), 480)
        self.dnd_code.addItem(self.tr("603 Decline (no forwarding)"), 603)
        self.dnd_code.setCurrentIndex(max(0, self.dnd_code.findData(int(current.dnd_code))))
        self.auto_answer = QComboBox()
        self.auto_answer.setObjectName("autoAnswer")
        self.auto_answer.setAccessibleName(self.tr("Auto-answer"))
        self.auto_answer.addItem(self.tr("Off"), AutoAnswer.OFF.value)
        self.auto_answer.addItem(self.tr("Every call"), AutoAnswer.ALWAYS.value)
        self.auto_answer.addItem(
            self.tr("Only calls the server marks (intercom, paging)"), AutoAnswer.HEADER.value
        )
        self.auto_answer.setCurrentIndex(
            max(0, self.auto_answer.findData(current.auto_answer.value))
        )
        self.auto_answer_delay = QSpinBox()
        self.auto_answer_delay.setObjectName("autoAnswerDelay")
        self.auto_answer_delay.setAccessibleName(self.tr("Answer after"))
        self.auto_answer_delay.setRange(0, int(MAX_DELAY))
        self.auto_answer_delay.setSuffix(self.tr(" s"))
        self.auto_answer_delay.setValue(int(current.auto_answer_delay))
        self.auto_answer_delay.setToolTip(
            self.tr(
                "How long a call rings before it is answered by itself, with a beep. "
                "A server's own delay (Call-Info answer-after) wins for the calls it marks."
            )
        )
        box = QGroupBox(self.tr("Availability"))
        form = QFormLayout(box)
        form.addRow(self.dnd)
        form.addRow(self.tr("Refuse calls with:"), self.dnd_code)
        form.addRow(self.tr("Auto-answer:"), self.auto_answer)
        form.addRow(self.tr("Answer after:"), self.auto_answer_delay)
        return box

    def chosen_availability(self) -> Availability:
        """Do-not-disturb and auto-answer as the dialog's controls say."""
        return Availability(
            dnd=self.dnd.isChecked(),
            dnd_code=DndCode(int(self.dnd_code.currentData())),
            auto_answer=AutoAnswer(str(self.auto_answer.currentData())),
            auto_answer_delay=self.auto_answer_delay.value(),
        )

    def _accept(self) -> None:
        chosen, problems = self.options.values()
        if self.ringtone is not None and self.ringtone.problem():
            problems.insert(0, self.ringtone.problem())
        if self.hotkeys is not None and self.hotkeys.problem():
            problems.insert(0, self.hotkeys.problem())
        if problems:
            self.error.setText("\n".join(problems))
            return
        self.chosen = chosen
        self.accept()


class FeedbackDialog(QDialog):
    """Stars, the seed's issue list and a note for a call that just ended."""

    submitted = Signal(dict)  # {callUUID, starRating, issues, note, sendConsoleLogs}

    def __init__(self, call_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call_uuid = call_uuid
        self.setWindowTitle(self.tr("How was the call?"))
        self.rating = 0
        self.stars = QButtonGroup(self)
        star_row = QHBoxLayout()
        for value in range(1, 6):
            star = QToolButton()
            star.setObjectName(f"star{value}")
            star.setText("★")
            star.setCheckable(True)
            star.setAccessibleName(self.tr("%1 of 5 stars").replace("%1", str(value)))
            star.setStyleSheet(
                "QToolButton { font-size: 22px; } QToolButton:checked { color: #f9a825; }"
            )
            self.stars.addButton(star, value)
            star_row.addWidget(star)
        star_row.addStretch(1)
        self.stars.idClicked.connect(self._rate)
        self.stars.setExclusive(False)
        self.issues: dict[str, QCheckBox] = {}
        issues_box = QGroupBox(self.tr("What went wrong?"))
        grid = QGridLayout(issues_box)
        # The quality package's order, except that "Something else" comes last.
        labels = issue_labels()
        ordered = sorted(labels, key=lambda issue: issue == "OTHERS")
        for index, issue in enumerate(ordered):
            box = QCheckBox(labels[issue])
            box.setObjectName(f"issue_{issue}")
            box.toggled.connect(self._validate)
            grid.addWidget(box, index // 2, index % 2)
            self.issues[issue] = box
        self.note = QPlainTextEdit()
        self.note.setObjectName("feedbackNote")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Anything else we should know (optional)"))
        self.note.setMaximumHeight(70)
        self.send_logs = QCheckBox(self.tr("Include the call's log"))
        self.hint = QLabel()
        self.hint.setObjectName("feedbackHint")
        self.hint.setWordWrap(True)
        self.sending = False
        self.buttons = QDialogButtonBox()
        self.submit_button = self.buttons.addButton(
            self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_button.setObjectName("feedbackSend")
        skip = self.buttons.addButton(self.tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole)
        skip.setObjectName("feedbackSkip")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Rate the call:")))
        layout.addLayout(star_row)
        layout.addWidget(issues_box)
        layout.addWidget(self.note)
        layout.addWidget(self.send_logs)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._validate()

    def _rate(self, value: int) -> None:
        self.rating = value
        for star_value in range(1, 6):
            self.stars.button(star_value).setChecked(star_value <= value)
        self._validate()

    def chosen_issues(self) -> list[str]:
        return [issue for issue, box in self.issues.items() if box.isChecked()]

    def _validate(self) -> None:
        """The seed's rule: a rating, and for 1-4 stars at least one issue."""
        if self.rating == 0:
            hint = self.tr("Choose 1 to 5 stars.")
        elif self.rating < 5 and not self.chosen_issues():
            hint = self.tr("Tick at least one issue for a rating below 5 stars.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setStyleSheet("")
        self.submit_button.setEnabled(not hint and not self.sending)

    def _submit(self) -> None:
        if not self.submit_button.isEnabled():
            return
        self.sending = True
        self.submit_button.setEnabled(False)
        self.hint.setText(self.tr("Sending…"))
        self.submitted.emit(
            {
                "callUUID": self.call_uuid,
                "starRating": self.rating,
                "issues": self.chosen_issues(),
                "note": self.note.toPlainText().strip(),
                "sendConsoleLogs": self.send_logs.isChecked(),
            }
        )

    def sent(self) -> None:
        """The sdk took the feedback: close."""
        self.sending = False
        self.accept()

    def send_failed(self, reason: str) -> None:
        """The sdk refused the feedback: say why and let the user fix it and resend."""
        self.sending = False
        self._validate()
        self.hint.setText(self.tr("Not sent: %1").replace("%1", reason))
        self.hint.setStyleSheet("color: #c62828;")
