"""Calls between two Webphone clients through Kamailio and the demo service, with real
aiortc media on loopback: setup, audio both ways, DTMF, mute, cancel, reject, hangup."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from scripted_server import wait_for
from servers import Target

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)

CALL_EVENTS = (
    "onCalling",
    "onCallRemoteRinging",
    "onCallAnswered",
    "onMediaConnected",
    "onCallTerminated",
    "onCallFailed",
    "onIncomingCall",
    "onIncomingCallCanceled",
    "onIncomingCallIgnored",
    "onDtmfReceived",
)


class Phone:
    def __init__(
        self, server: Target, user: str, tone: float, options: dict[str, Any] | None = None
    ) -> None:
        self.user = user
        self.password = server.users[user]
        self.client = Client(
            options, server=server.ws_url, domain=server.domain, allowed_addresses=["127.0.0.1"]
        )
        self.client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in CALL_EVENTS:
            self.client.on(name, lambda *a, _n=name: self.events.append((_n, a)))

    def names(self) -> list[str]:
        return [n for n, _ in self.events]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [a for n, a in self.events if n == name]

    async def seen(self, name: str, count: int = 1, timeout: float = 15) -> None:
        await wait_for(lambda: len(self.of(name)) >= count, timeout=timeout)


@pytest.fixture
async def phones(server: Target) -> AsyncIterator[tuple[Phone, Phone]]:
    users = sorted(server.users)
    alice, bob = Phone(server, users[0], 440), Phone(server, users[1], 880)
    assert await alice.client.login(alice.user, alice.password)
    assert await bob.client.login(bob.user, bob.password)
    yield alice, bob
    await alice.client.close()
    await bob.client.close()


async def test_call_answer_audio_dtmf_mute_hangup(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user, {"X-PH-Ticket": "42"}) is True
    await bob.seen("onIncomingCall")
    caller_id, headers, info, _name = bob.of("onIncomingCall")[0]
    assert caller_id.startswith(alice.user + "@")
    assert headers == {"X-PH-Ticket": "42"}
    assert info["direction"] == "INCOMING" and info["state"] == "ringing"
    await alice.seen("onCallRemoteRinging")
    assert await bob.client.answer() is True
    await alice.seen("onCallAnswered")
    await bob.seen("onCallAnswered")
    await alice.seen("onMediaConnected")
    await bob.seen("onMediaConnected")
    assert alice.names()[:2] == ["onCalling", "onCallRemoteRinging"]
    a_media = alice.client.get_current_session().media  # type: ignore[union-attr]
    b_media = bob.client.get_current_session().media  # type: ignore[union-attr]
    await wait_for(lambda: a_media.meter.frames > 25 and b_media.meter.frames > 25, timeout=10)
    assert a_media.meter.peak_rms > 0.05 and b_media.meter.peak_rms > 0.05, "audio both ways"
    assert alice.client.get_call_uuid() == bob.client.get_call_uuid()

    assert await alice.client.send_dtmf("7") is True
    await bob.seen("onDtmfReceived")
    assert bob.of("onDtmfReceived")[0] == ({"tone": "7", "duration": 100},)
    assert await alice.client.send_dtmf("x") is False

    assert alice.client.mute() is True
    frames = b_media.meter.frames
    await asyncio.sleep(0.8)
    assert b_media.meter.frames > frames + 10 and b_media.meter.last_rms < 0.01
    assert alice.client.unmute() is True

    failures: list[str] = []
    alice.client.on("onLoginFailed", failures.append)
    assert await alice.client.login(alice.user, alice.password) is False
    assert failures == ["Cannot login when there is an ongoing call"]
    assert alice.client.is_registered(), "the call and the registration go on"

    uuid = alice.client.get_call_uuid()
    assert await alice.client.hangup() is True
    await bob.seen("onCallTerminated")
    hangup_info, call_info = bob.of("onCallTerminated")[0]
    assert hangup_info == {"originator": "remote", "reason": "Terminated"}
    assert call_info["state"] == "ended"
    assert alice.of("onCallTerminated")[0][0] == {"originator": "local", "reason": "Terminated"}
    assert alice.client.get_call_uuid() is None
    assert alice.client.get_last_call_uuid() == uuid


async def test_inband_dtmf_travels_as_rfc4733_events_in_the_media(server: Target) -> None:
    users = sorted(server.users)
    alice = Phone(server, users[0], 440, {"dtmfOptions": {"sendDtmfType": ["inband"]}})
    bob = Phone(server, users[1], 880)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        assert await alice.client.call(bob.user)
        await bob.seen("onIncomingCall")
        assert await bob.client.answer()
        await alice.seen("onMediaConnected")
        for digit in "1#":
            assert await alice.client.send_dtmf(digit) is True
        await bob.seen("onDtmfReceived", 2)
        await asyncio.sleep(0.3)
        # Exactly one report per key: nothing went as SIP INFO besides the RTP events.
        assert bob.of("onDtmfReceived") == [
            ({"tone": "1", "duration": 100},),
            ({"tone": "#", "duration": 100},),
        ]
        b_media = bob.client.get_current_session().media  # type: ignore[union-attr]
        frames = b_media.meter.frames
        await asyncio.sleep(0.5)
        assert b_media.meter.frames > frames + 15, "bob still hears alice"
    finally:
        await alice.client.close()
        await bob.client.close()


async def test_cancel_while_ringing(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    await alice.seen("onCallRemoteRinging")
    assert await alice.client.hangup() is True
    assert alice.of("onCallFailed")[0][0] == "Canceled"
    await bob.seen("onIncomingCallCanceled")
    assert bob.of("onIncomingCallCanceled")[0][0]["state"] == "canceled"
    assert bob.client.get_incoming_calls() == []


async def test_reject_is_busy_for_the_caller(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert bob.client.reject() is True
    cause, info = bob.of("onCallFailed")[0]
    assert cause == "Rejected" and info["code"] == 3020 and info["originator"] == "local"
    await alice.seen("onCallFailed")
    cause, info = alice.of("onCallFailed")[0]
    assert cause == "Busy" and info["state"] == "failed" and info["originator"] == "remote"


async def test_not_found_and_unavailable(phones: tuple[Phone, Phone], server: Target) -> None:
    alice, _ = phones
    assert await alice.client.call("nobody-by-that-name")
    await alice.seen("onCallFailed")
    assert alice.of("onCallFailed")[0][0] == "Not Found"
    offline = sorted(server.users)[2]
    assert await alice.client.call(offline)
    await alice.seen("onCallFailed", 2)
    assert alice.of("onCallFailed")[1][0] == "Unavailable"


async def test_bad_input_is_refused_cleanly(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    assert await alice.client.call("") is False
    assert await alice.client.call("bob@bad host!") is False
    assert await bob.client.answer() is False, "nothing is ringing"
    assert bob.client.reject("no-such-uuid") is False
    assert bob.client.ignore() is False
    assert await alice.client.hangup() is False
    assert await alice.client.send_dtmf("1") is False, "no call"
    assert alice.names() == []


@pytest.fixture
async def carol(server: Target) -> AsyncIterator[Phone]:
    third = Phone(server, sorted(server.users)[2], 660)
    assert await third.client.login(third.user, third.password)
    yield third
    await third.client.close()


async def test_busy_while_in_a_call_is_silent_486(
    phones: tuple[Phone, Phone], carol: Phone
) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert await bob.client.answer()
    await alice.seen("onCallAnswered")
    assert await carol.client.call(bob.user)
    await carol.seen("onCallFailed")
    assert carol.of("onCallFailed")[0][0] == "Busy"
    assert len(bob.of("onIncomingCall")) == 1, "the refused call raised no event"


async def test_answer_while_in_a_call_ends_the_current_call(
    phones: tuple[Phone, Phone], carol: Phone
) -> None:
    alice, bob = phones
    bob.client.options["allowMultipleIncomingCalls"] = True
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert await bob.client.answer()
    await alice.seen("onCallAnswered")
    assert await carol.client.call(bob.user)
    await bob.seen("onIncomingCall", 2)
    second = bob.of("onIncomingCall")[1][2]["callUUID"]
    assert await bob.client.answer(second)
    await alice.seen("onCallTerminated")
    assert alice.of("onCallTerminated")[0][0]["originator"] == "remote"
    await carol.seen("onCallAnswered")
    assert bob.client.get_call_uuid() == second


async def test_ignore_stops_ringing_locally_only(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert bob.client.ignore() is True
    assert bob.of("onIncomingCallIgnored")[0][0]["state"] == "ignored"
    assert bob.client.get_incoming_calls() == []
    await asyncio.sleep(0.5)
    assert not alice.of("onCallFailed"), "the caller still hears ringing"
    assert await alice.client.hangup()
    await asyncio.sleep(0.5)
    assert not bob.of("onIncomingCallCanceled"), "no event after ignore()"


async def test_redirect_a_ringing_call_to_another_contact(
    phones: tuple[Phone, Phone], carol: Phone
) -> None:
    """Bob sends the ringing call to Carol's device (her GRUU); Alice's client follows."""
    alice, bob = phones
    target = carol.client.get_contact_uri()
    assert target is not None and ";gr=" in target
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert bob.client.redirect(target) is True
    assert bob.client.get_incoming_calls() == []
    assert bob.client.redirect(target) is False, "nothing left to redirect"
    await carol.seen("onIncomingCall")
    assert await carol.client.answer()
    await alice.seen("onCallAnswered")
    await alice.seen("onMediaConnected")
    assert not alice.of("onCallFailed")


async def test_redirect_an_answered_call_transfers_it_with_refer(
    phones: tuple[Phone, Phone], carol: Phone
) -> None:
    """Bob, in a call with Alice, transfers her to Carol: Alice now talks to Carol."""
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert await bob.client.answer()
    await alice.seen("onMediaConnected")
    assert bob.client.redirect(carol.user) is True
    await carol.seen("onIncomingCall")
    caller_id = carol.of("onIncomingCall")[0][0]
    assert caller_id.startswith(alice.user + "@"), "Alice places the new call"
    assert alice.of("onCallTerminated")[0][0] == {"originator": "remote", "reason": "Transferred"}
    assert await carol.client.answer()
    await alice.seen("onCallAnswered", 2)
    await bob.seen("onCallTerminated")
    assert bob.of("onCallTerminated")[0][0] == {"originator": "local", "reason": "Transferred"}
    assert bob.client.get_call_uuid() is None
    a_media = alice.client.get_current_session().media  # type: ignore[union-attr]
    c_media = carol.client.get_current_session().media  # type: ignore[union-attr]
    await wait_for(lambda: a_media.meter.frames > 20 and c_media.meter.frames > 20, timeout=10)
    assert a_media.meter.peak_rms > 0.05 and c_media.meter.peak_rms > 0.05, "they hear each other"
    assert alice.client.get_call_uuid() == carol.client.get_call_uuid()


async def test_a_transfer_the_target_refuses_ends_both_old_legs(
    phones: tuple[Phone, Phone], carol: Phone
) -> None:
    alice, bob = phones
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert await bob.client.answer()
    await alice.seen("onMediaConnected")
    assert bob.client.redirect(carol.user) is True
    await carol.seen("onIncomingCall")
    assert carol.client.reject() is True
    await alice.seen("onCallFailed")
    # Alice's old leg was released for the transfer: she ends Bob's, nobody hangs on.
    await bob.seen("onCallTerminated")
    assert bob.of("onCallTerminated")[0][0] == {"originator": "remote", "reason": "Terminated"}
    assert bob.client.get_current_session() is None
    assert alice.client.get_current_session() is None


@pytest.mark.parametrize("action", ["reject", "ignored", "letring"])
async def test_two_calls_ring_at_once_and_the_answer_action_applies(
    phones: tuple[Phone, Phone], carol: Phone, action: str
) -> None:
    alice, bob = phones
    bob.client.options["allowMultipleIncomingCalls"] = True
    assert await alice.client.call(bob.user)
    await bob.seen("onIncomingCall")
    assert await carol.client.call(bob.user)
    await bob.seen("onIncomingCall", 2)
    assert len(bob.client.get_incoming_calls()) == 2
    first = bob.of("onIncomingCall")[0][2]["callUUID"]
    assert await bob.client.answer(first, action)
    await alice.seen("onCallAnswered")
    if action == "reject":
        await carol.seen("onCallFailed")
        assert carol.of("onCallFailed")[0][0] == "Busy"
        assert bob.client.get_incoming_calls() == []
    elif action == "ignored":
        assert bob.of("onIncomingCallIgnored")
        assert bob.client.get_incoming_calls() == []
        await asyncio.sleep(0.3)
        assert not carol.of("onCallFailed"), "carol still hears ringing"
    else:
        assert [c["state"] for c in bob.client.get_incoming_calls()] == ["ringing"]
        second = bob.client.get_incoming_calls()[0]["callUUID"]
        assert await bob.client.answer(second)
        await carol.seen("onCallAnswered")
        await alice.seen("onCallTerminated")
