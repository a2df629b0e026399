"""ICE server settings of an account: edited in the login dialog, kept in settings.json
without the TURN credential (keyring only), turned into the sdk's ``ice_servers``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from webphone.ui.account import AccountConfig, AccountKind, open_session
from webphone.ui.dialogs import LoginDialog
from webphone.ui.settings import Settings

TURN = "turn:turn.example.com:3478?transport=udp"


def _sip_dialog(qtbot: QtBot) -> LoginDialog:
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preset.setCurrentIndex(dialog.preset.findData(AccountKind.SIP.value))
    dialog.server.setText("wss://sip.example.com")
    dialog.user.setText("carol")
    dialog.secret.setText("pw")
    return dialog


def test_dialog_checks_ice_servers(qtbot: QtBot) -> None:
    dialog = _sip_dialog(qtbot)
    assert dialog.ice_servers.isVisible() and dialog.turn_credential.isVisible()
    dialog.ice_servers.setText("stun.example.com")
    dialog.ok_button.click()
    assert dialog.isVisible() and "ICE servers: " in dialog.error.text()
    assert "must start with stun:" in dialog.error.text()
    dialog.ice_servers.setText(f"stun:stun.example.com {TURN}")
    dialog.ok_button.click()
    assert dialog.isVisible() and "needs a user name" in dialog.error.text()
    dialog.ice_username.setText("carol-turn")
    dialog.turn_credential.setText("turn-Secret-1")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error.text()
    config = dialog.config()
    assert config.ice_servers == ["stun:stun.example.com", TURN]
    assert config.ice_username == "carol-turn"
    assert config.turn_keyring_user == "turn:carol-turn@turn.example.com"
    assert dialog.turn_credential_text() == "turn-Secret-1"
    dialog.preset.setCurrentIndex(dialog.preset.findData(AccountKind.DEMO.value))
    assert not dialog.ice_servers.isVisible(), "the demo service is on this computer"


def test_settings_keep_urls_not_the_credential(config_dir: Path) -> None:
    config = AccountConfig(
        kind=AccountKind.SIP, server="wss://sip.example.com", user="carol",
        ice_servers=["stun:stun.example.com", TURN], ice_username="carol-turn",
    )  # fmt: skip
    assert config.ice_server_list("turn-Secret-1") == [
        {"urls": ["stun:stun.example.com"]},
        {"urls": [TURN], "username": "carol-turn", "credential": "turn-Secret-1"},
    ]
    Settings(account=config).save()
    stored = Settings.path().read_text(encoding="utf-8")
    assert "turn-Secret-1" not in stored
    assert json.loads(stored)["account"]["ice_servers"] == ["stun:stun.example.com", TURN]
    loaded = Settings.load().account
    assert loaded is not None and loaded.ice_servers == config.ice_servers
    assert loaded.ice_username == "carol-turn"


def test_session_needs_the_stored_turn_credential(monkeypatch: pytest.MonkeyPatch) -> None:
    config = AccountConfig(
        kind=AccountKind.SIP, server="ws://127.0.0.1:9", user="carol",
        ice_servers=[TURN], ice_username="carol-turn",
    )  # fmt: skip
    asked: list[str] = []

    def load_secret(entry: str) -> None:
        asked.append(entry)

    monkeypatch.setattr("webphone.ui.settings.load_secret", load_secret)
    with pytest.raises(ValueError, match="no TURN credential stored for turn:carol-turn@"):
        asyncio.run(open_session(config, "pw", lambda *_: None))
    assert asked == ["turn:carol-turn@turn.example.com"]
