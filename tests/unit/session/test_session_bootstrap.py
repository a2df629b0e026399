"""The one session bootstrap of the CLI and the app (webphone.session), without a network:
what it starts for each kind of service, and what it refuses before starting anything."""

from __future__ import annotations

import pytest

from webphone.sdk.api.client import PLIVO_SERVERS
from webphone.session import DEMO_USER, Service, Session, SessionConfig


async def test_a_plivo_session_gets_the_sdks_servers_with_the_fallback() -> None:
    session = await Session.start(SessionConfig(service=Service.PLIVO, user="carol"))
    try:
        assert session.client.servers == list(PLIVO_SERVERS)
        assert len(session.client.servers) > 1  # the fallback server is kept
        assert session.info.server == PLIVO_SERVERS[0]
        assert session.demo is None and not session.info.demo
    finally:
        await session.close()


async def test_a_demo_session_starts_the_demo_service_and_lists_its_contacts() -> None:
    events: list[str] = []
    session = await Session.start(SessionConfig(), lambda name, *_: events.append(name))
    try:
        assert session.demo is not None
        assert session.info.user == DEMO_USER
        assert "echo" in session.info.contacts and DEMO_USER not in session.info.contacts
        assert await session.login()  # the demo's own account: no secret asked
        assert "onLogin" in events
    finally:
        await session.close()


async def test_another_demo_user_without_a_secret_source_logs_in_as_the_demo_user() -> None:
    session = await Session.start(SessionConfig(user="nobody-here"))
    try:
        assert await session.login()
        assert session.info.user == DEMO_USER
    finally:
        await session.close()


async def test_a_bad_wav_file_or_event_name_is_refused_before_anything_starts(tmp_path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav file")
    with pytest.raises(ValueError, match=r"(?i)wav"):
        await Session.start(SessionConfig(play=str(bad)))
    with pytest.raises(ValueError, match="onLogn"):
        await Session.start(SessionConfig(), lambda *_: None, {"onLogn"})
    with pytest.raises(ValueError, match="no server"):
        await Session.start(SessionConfig(service=Service.SERVER))
