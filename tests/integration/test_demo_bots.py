"""The demo bots a newcomer can call: echo, busy, noanswer, ring and multi."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from scripted_server import wait_for

from webphone.demo import DemoService
from webphone.demo.bots import DemoBots
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(60)


class Caller:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in (
            "onCallAnswered",
            "onMediaConnected",
            "onCallFailed",
            "onIncomingCall",
            "onDtmfReceived",
            "onCallTerminated",
            "onCallRemoteRinging",
        ):
            client.on(name, lambda *a, _n=name: self.events.append((_n, a)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [a for n, a in self.events if n == name]


@pytest.fixture
async def demo_with_bots() -> AsyncIterator[tuple[DemoService, Caller]]:
    async with DemoService() as demo:
        bots = DemoBots(demo.url, demo.domain, demo.accounts)
        await bots.start()
        client = Client(
            {"allowMultipleIncomingCalls": True},
            server=demo.url,
            domain=demo.domain,
            allowed_addresses=["127.0.0.1"],
        )
        client.audio_source_factory = lambda: GeneratedAudioTrack(440)
        assert await client.login("alice", demo.accounts["alice"])
        try:
            yield demo, Caller(client)
        finally:
            await client.close()
            await bots.stop()


async def test_echo_returns_audio_and_dtmf(demo_with_bots: tuple[DemoService, Caller]) -> None:
    _, alice = demo_with_bots
    assert await alice.client.call("echo")
    await wait_for(lambda: alice.of("onMediaConnected"), timeout=15)
    media = alice.client.get_current_session().media  # type: ignore[union-attr]
    await wait_for(lambda: media.meter.frames > 25, timeout=10)
    assert media.meter.peak_rms > 0.05, "our own tone comes back"
    assert await alice.client.send_dtmf("9")
    await wait_for(lambda: alice.of("onDtmfReceived"), timeout=10)
    assert alice.of("onDtmfReceived")[0][0]["tone"] == "9"
    assert await alice.client.hangup()


async def test_busy_and_noanswer(demo_with_bots: tuple[DemoService, Caller]) -> None:
    _, alice = demo_with_bots
    assert await alice.client.call("busy")
    await wait_for(lambda: alice.of("onCallFailed"), timeout=10)
    assert alice.of("onCallFailed")[0][0] == "Busy"
    assert await alice.client.call("noanswer")
    await wait_for(lambda: alice.of("onCallRemoteRinging"), timeout=10)
    await asyncio.sleep(0.5)
    assert not alice.of("onCallAnswered")
    assert await alice.client.hangup()
    assert alice.of("onCallFailed")[-1][0] == "Canceled"


async def test_ring_calls_back(demo_with_bots: tuple[DemoService, Caller]) -> None:
    _, alice = demo_with_bots
    assert await alice.client.call("ring")
    await wait_for(lambda: alice.of("onIncomingCall"), timeout=10)
    caller_id, headers, info, _ = alice.of("onIncomingCall")[0]
    assert caller_id.startswith("ring@") and headers == {"X-PH-Bot": "ring"}
    assert await alice.client.answer(info["callUUID"])
    await wait_for(lambda: alice.of("onCallAnswered"), timeout=10)


@pytest.mark.parametrize("action", ["reject", "ignore", "letring"])
async def test_multi_rings_three_calls_and_answer_action_applies(
    demo_with_bots: tuple[DemoService, Caller], action: str
) -> None:
    _, alice = demo_with_bots
    assert await alice.client.call("multi")
    await wait_for(lambda: len(alice.of("onIncomingCall")) == 3, timeout=10)
    assert len(alice.client.get_incoming_calls()) == 3
    first = alice.of("onIncomingCall")[0][2]["callUUID"]
    assert await alice.client.answer(first, action)
    remaining = alice.client.get_incoming_calls()
    assert len(remaining) == (2 if action == "letring" else 0)
    await wait_for(lambda: alice.of("onCallAnswered"), timeout=10)
    assert alice.client.get_call_uuid() == first
