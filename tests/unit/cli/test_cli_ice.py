"""``--ice-server`` / ``--ice-username``: URLs checked, the TURN credential never from argv."""

from __future__ import annotations

from typing import Any

import pytest

from webphone.cli.ice import CREDENTIAL_ENV, ice_servers_from_args
from webphone.cli.main import build_parser, main


def _lookup(calls: list[tuple[Any, ...]]) -> Any:
    def lookup(account: str, *, env_var: str, kind: str) -> str:
        calls.append((account, env_var, kind))
        return "from-keyring"

    return lookup


def test_stun_and_turn_from_flags() -> None:
    args = build_parser().parse_args(
        [
            "--ice-server",
            "stun:stun.example.com",
            "--ice-server",
            "turn:alice@turn.example.com:3478?transport=udp",
            "--ice-server",
            "turn:turn.example.com:3478?transport=tcp",
        ]
    )
    calls: list[tuple[Any, ...]] = []
    servers = ice_servers_from_args(args.ice_server, args.ice_username, _lookup(calls))
    assert servers == [
        {"urls": ["stun:stun.example.com"]},
        {
            "urls": [
                "turn:turn.example.com:3478?transport=udp",
                "turn:turn.example.com:3478?transport=tcp",
            ],
            "username": "alice",
            "credential": "from-keyring",
        },
    ]
    assert calls == [("turn:alice@turn.example.com", CREDENTIAL_ENV, "TURN credential")]


def test_stun_only_asks_for_nothing() -> None:
    calls: list[tuple[Any, ...]] = []
    assert ice_servers_from_args(["stun:s.example"], None, _lookup(calls)) == [
        {"urls": ["stun:s.example"]}
    ]
    assert ice_servers_from_args(None, None, _lookup(calls)) == []
    assert calls == []


def test_credential_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CREDENTIAL_ENV, "env-credential")
    servers = ice_servers_from_args(["turn:t.example"], "bob")
    assert servers[0]["credential"] == "env-credential"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--ice-server", "turn:t.example"], "needs a user name"),
        (["--ice-server", "stun.example.com"], "must start with stun:"),
        (["--ice-server", "turn:t.example?transport=sctp", "--ice-username", "a"], "udp or tcp"),
        (["--ice-server", "turn:a@t.example", "--ice-username", "b"], "differs"),
    ],
)
def test_bad_flags_end_with_an_error_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Checked before the demo service starts or anything is prompted for.
    assert main([*argv, "--exit-after-login"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_no_credential_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(CREDENTIAL_ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    monkeypatch.setattr("keyring.get_password", lambda *_: None, raising=False)
    assert main(["--ice-server", "turn:u@t.example", "--exit-after-login"]) == 2
    assert "no TURN credential for turn:u@t.example" in capsys.readouterr().err
