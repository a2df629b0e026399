"""Passwords, digest responses and tokens never reach log output, at any debug level."""

from __future__ import annotations

import logging
import re

import pytest
from scripted_server import ScriptedServer, default_answer

from webphone.sdk import Client
from webphone.sdk.core.token import make_demo_token
from webphone.sip.message import SipRequest, SipResponse, make_response

PASSWORD = "Pa55-word-that-must-not-leak"


def challenging(request: SipRequest) -> SipResponse:
    """A registrar that wants digest auth, and accepts whatever answers the challenge."""
    if request.method == "REGISTER" and "Authorization" not in request.headers:
        response = make_response(request, 401, to_tag="srv")
        response.headers.add(
            "WWW-Authenticate",
            'Digest realm="example.com", nonce="n0nce", qop="auth", algorithm=MD5',
        )
        return response
    return default_answer(request)


@pytest.mark.parametrize("level", ["ALL", "DEBUG", "INFO", "WARN", "ERROR", "OFF"])
async def test_password_and_digest_response_never_logged(
    level: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with ScriptedServer(answer=challenging) as server:
        client = Client({"debug": level}, server=server.url, domain="example.com")
        with caplog.at_level(1):
            assert await client.login("alice", PASSWORD)
            await client.logout()
            assert not await client.login("alice", "")  # failure paths log too
        authorizations = [
            m.headers.get("Authorization") or ""
            for m in server.requests("REGISTER")
            if "Authorization" in m.headers
        ]
        assert authorizations, "the client did answer the challenge"
        responses = {re.search(r'response="([0-9a-f]+)"', a).group(1) for a in authorizations}  # type: ignore[union-attr]
        cnonces = {re.search(r'cnonce="([^"]+)"', a).group(1) for a in authorizations}  # type: ignore[union-attr]
        text = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
        assert PASSWORD not in text
        for secret in responses | cnonces:
            assert secret not in text
        if level == "ALL":
            assert "REGISTER sip:example.com" in text, "ALL dumps SIP traffic, redacted"
    logging.getLogger("webphone").setLevel(logging.INFO)


async def test_token_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    token = make_demo_token("secret", sub="alice", iss="issuer")
    async with ScriptedServer() as server:
        client = Client({"debug": "ALL"}, server=server.url, domain="example.com")
        with caplog.at_level(1):
            assert await client.login_with_access_token(token)
            await client.logout()
            assert not await client.login_with_access_token(token[:-5] + "!!!!!")
        sent = server.requests("REGISTER")[0].headers.get("Authorization") or ""
        assert sent == f"Bearer {token}", "the token does travel, as RFC 8898 Bearer"
        text = caplog.text
        for part in token.split("."):
            assert part not in text
    logging.getLogger("webphone").setLevel(logging.INFO)
