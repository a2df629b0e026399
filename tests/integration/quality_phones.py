"""Two Webphone clients on a call, watched for call quality: what the quality tests share."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scripted_server import wait_for
from servers import Target
from tests.rig.impairment import ImpairmentRelay

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

PAYLOAD_KEYS = {"group", "level", "type", "value", "active", "desc", "stream"}
RAISE_TIMEOUT = 45  # five windows of 5 s after the skipped first one, plus setup
CLEAR_TIMEOUT = 40


class Phone:
    """One registered client that records its quality events, samples and calls in
    its own insights database under *data_dir*."""

    def __init__(
        self,
        server: Target,
        user: str,
        tone: float,
        data_dir: Path,
        options: dict[str, Any] | None = None,
        **client_keywords: Any,
    ) -> None:
        self.user = user
        self.password = server.users[user]
        self.client = Client(
            options,
            server=server.ws_url,
            domain=server.domain,
            allowed_addresses=["127.0.0.1"],
            insights_path=data_dir / f"{user}.sqlite3",
            **client_keywords,
        )
        self.client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
        self.metrics: list[dict[str, Any]] = []
        self.audio_status: list[bool] = []
        self.samples: list[tuple[str, dict[str, Any]]] = []
        self.answered = 0
        self.client.on("mediaMetrics", self.metrics.append)
        self.client.on("remoteAudioStatus", self.audio_status.append)
        self.client.on("onCallAnswered", lambda _info: setattr(self, "answered", 1))
        self.client.quality.sample_listeners.append(lambda u, s: self.samples.append((u, s)))

    def warnings(self, kind: str, stream: str | None = None) -> list[dict[str, Any]]:
        return [
            m
            for m in self.metrics
            if m["type"] == kind and (stream is None or m["stream"] == stream)
        ]

    async def raised(
        self, kind: str, stream: str | None = None, timeout: float = RAISE_TIMEOUT
    ) -> None:
        await wait_for(lambda: any(m["active"] for m in self.warnings(kind, stream)), timeout)

    async def cleared(
        self, kind: str, stream: str | None = None, timeout: float = CLEAR_TIMEOUT
    ) -> None:
        def done() -> bool:
            found = self.warnings(kind, stream)
            return bool(found) and found[-1]["active"] is False

        await wait_for(done, timeout)


async def call(alice: Phone, bob: Phone) -> str:
    """Alice calls Bob, Bob answers; returns the call UUID once audio flows both ways."""
    ringing: list[Any] = []
    bob.client.on("onIncomingCall", lambda *args: ringing.append(args))
    assert await alice.client.call(bob.user)
    await wait_for(lambda: bool(ringing), timeout=15)
    assert await bob.client.answer()
    await wait_for(lambda: alice.answered and bob.answered, timeout=15)
    await wait_for(lambda: len(alice.samples) >= 2 and len(bob.samples) >= 2, timeout=15)
    uuid = alice.client.get_call_uuid()
    assert uuid is not None
    return uuid


async def recorded(phone: Phone, uuid: str) -> dict[str, Any]:
    """The call's record in *phone*'s insights database, once the call has ended there."""
    store = phone.client.quality.store
    assert store is not None

    def ended() -> bool:
        record = store.insights(uuid)
        return record is not None and record["ended_at"] is not None

    await wait_for(ended, timeout=10)
    record = store.insights(uuid)
    assert record is not None
    return record


def relayed(relay: ImpairmentRelay, alice: Phone, bob: Phone) -> None:
    relay.install(alice.client, "alice")
    relay.install(bob.client, "bob")


def assert_payloads(phone: Phone) -> None:
    for payload in phone.metrics:
        assert set(payload) == PAYLOAD_KEYS, payload
        assert payload["level"] == "warning" and isinstance(payload["value"], str)


@contextlib.asynccontextmanager
async def logged_in_pair(
    server: Target,
    data_dir: Path,
    alice_options: dict[str, Any] | None = None,
    bob_options: dict[str, Any] | None = None,
    **alice_keywords: Any,
) -> AsyncIterator[tuple[Phone, Phone]]:
    """Alice (440 Hz) and Bob (880 Hz), both registered; closed on the way out."""
    users = sorted(server.users)
    alice = Phone(server, users[0], 440, data_dir, alice_options, **alice_keywords)
    bob = Phone(server, users[1], 880, data_dir, bob_options)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        yield alice, bob
    finally:
        await alice.client.close()
        await bob.client.close()
