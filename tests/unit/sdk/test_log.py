"""Redaction: secrets never reach a log handler, whatever the level."""

from __future__ import annotations

import logging

import pytest

from webphone.sdk.core.log import SECRETS, get_logger, redact, set_level

REGISTER = (
    "REGISTER sip:example.com SIP/2.0\r\n"
    'Authorization: Digest username="alice", realm="example.com", nonce="abc", '
    'uri="sip:example.com", response="0123456789abcdef0123456789abcdef", '
    'cnonce="c0ffee", nc=00000001\r\n'
    "X-Plivo-Jwt: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl\r\n\r\n"
)


def test_digest_response_cnonce_and_jwt_header_are_masked() -> None:
    text = redact(REGISTER)
    assert "0123456789abcdef" not in text
    assert "c0ffee" not in text
    assert "eyJ" not in text
    assert "Authorization: Digest ***" in text


def test_bearer_tokens_are_masked() -> None:
    assert redact("Authorization: Bearer abc.def.ghi") == "Authorization: Bearer ***"
    assert "s3cr3t-token" not in redact("sending bearer s3cr3t-token now")


def test_registered_secret_is_masked_anywhere(caplog: pytest.LogCaptureFixture) -> None:
    SECRETS.add("hunter2-password")
    try:
        set_level("ALL")
        with caplog.at_level(1, logger="webphone"):
            get_logger("webphone.test").debug("password is %s", "hunter2-password")
            get_logger("webphone.test").trace("dump hunter2-password")
        assert "hunter2-password" not in caplog.text
        assert caplog.text.count("***") == 2
    finally:
        SECRETS.discard("hunter2-password")
        set_level("INFO")


def test_off_level_prints_nothing(caplog: pytest.LogCaptureFixture) -> None:
    set_level("OFF")
    try:
        with caplog.at_level(logging.NOTSET):
            get_logger("webphone.test").error("should not show")
        assert "should not show" not in caplog.text
    finally:
        set_level("INFO")
