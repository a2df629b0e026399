"""ICE server settings: valid STUN/TURN lists pass, bad ones get a clear ValueError."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from webphone.sdk import Client
from webphone.sdk.core.ice_servers import credential_entry, parse_ice_servers, split_user
from webphone.sdk.core.log import get_logger

TURN = {"username": "alice", "credential": "turn-Secret-42"}


def test_valid_servers_are_normalised() -> None:
    servers = parse_ice_servers(
        [
            {"urls": "stun:stun.example.com"},
            {
                "urls": ["turn:10.0.0.1:3478?transport=udp", "turn:turn.example.com?transport=tcp"],
                **TURN,
            },
            {"urls": "turns:turn.example.com:5349", **TURN},
        ]
    )
    assert servers[0] == {"urls": ["stun:stun.example.com"]}
    assert servers[1]["urls"][1] == "turn:turn.example.com?transport=tcp"
    assert servers[1]["username"] == "alice" and servers[2]["credential"] == "turn-Secret-42"
    assert parse_ice_servers(None) == [] and parse_ice_servers([]) == []


@pytest.mark.parametrize(
    ("servers", "message"),
    [
        ("stun:x", "must be a list"),
        ([None], "must be an object"),
        ([{}], "needs 'urls'"),
        ([{"urls": []}], "needs 'urls'"),
        ([{"urls": 3478}], "needs 'urls'"),
        ([{"urls": [""]}], "non-empty string"),
        ([{"urls": "http://stun.example.com"}], "must start with stun:, turn: or turns:"),
        ([{"urls": "stun.example.com:3478"}], "must start with stun:"),
        ([{"urls": "stuns:stun.example.com"}], "stuns: is not supported"),
        ([{"urls": "stun:"}], "malformed"),
        ([{"urls": "stun:host:port"}], "malformed"),
        ([{"urls": "stun:host:99999"}], "out of range"),
        ([{"urls": "stun:host?transport=udp"}], "take no ?transport="),
        ([{"urls": "turn:[::1]:3478", **TURN}], "IPv6 literals"),
        ([{"urls": "turn:host?transport=sctp", **TURN}], "udp or tcp"),
        ([{"urls": "turns:host?transport=udp", **TURN}], "TCP only"),
        ([{"urls": "turn:host"}], "needs a 'username'"),
        ([{"urls": "turn:host", "username": "alice"}], "needs a 'credential'"),
    ],
)
def test_bad_servers_raise_a_clear_error(servers: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        parse_ice_servers(servers)


def test_client_refuses_bad_servers_at_construction() -> None:
    with pytest.raises(ValueError, match="must start with stun:"):
        Client(server="ws://127.0.0.1:1", ice_servers=[{"urls": "stun.example.com"}])


def test_plivo_stun_follows_the_users_servers() -> None:
    client = Client(
        server="wss://client.plivo.com/signalling", ice_servers=[{"urls": "turn:t.example", **TURN}]
    )
    urls = [u for s in client._media_config().ice_servers for u in s["urls"]]  # type: ignore[attr-defined]
    assert urls == ["turn:t.example", "stun:stun.plivo.com:3478"]


def test_extra_servers_are_accepted_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="webphone"):
        parse_ice_servers([{"urls": ["stun:a.example", "stun:b.example"]}])
    assert "stun:b.example is not used" in caplog.text


def test_turn_credential_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    secret = "Turn-credential-that-must-not-leak"
    servers = parse_ice_servers([{"urls": "turn:t.example", "username": "u", "credential": secret}])
    with caplog.at_level(logging.DEBUG, logger="webphone"):
        get_logger("webphone.test").debug("media config: %s", servers)
    assert "turn:t.example" in caplog.text
    assert secret not in caplog.text + "".join(r.getMessage() for r in caplog.records)


def test_user_in_url_and_keyring_entry() -> None:
    assert split_user("turn:alice@t.example:3478?transport=tcp") == (
        "turn:t.example:3478?transport=tcp",
        "alice",
    )
    assert split_user("stun:s.example") == ("stun:s.example", None)
    assert credential_entry("turn:t.example:3478?transport=udp", "bob") == "turn:bob@t.example"
    assert credential_entry("turns:alice@t.example", "alice") == "turn:alice@t.example"
