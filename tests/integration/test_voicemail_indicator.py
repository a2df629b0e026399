"""The voicemail indicator against the demo service: subscribe after login, the count
updated by the ``voicemail`` bot, refreshes, re-subscribing after a reconnect, and
unsolicited NOTIFYs for a user with no subscription; and through Kamailio, a scripted
notifier's NOTIFY to the registered user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from mwi_notifier import send_mwi
from scripted_server import wait_for
from tests.rig.kamailio import KamailioServer

from webphone.demo import DemoService
from webphone.demo.bots import DemoBots
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.message_summary import MessageSummary
from webphone.sip.subscription import SubscriberState

pytestmark = pytest.mark.timeout(60)


def _client(demo: DemoService) -> tuple[Client, list[dict[str, Any]]]:
    client = Client(server=demo.url, domain=demo.domain, allowed_addresses=["127.0.0.1"])
    client.audio_source_factory = lambda: GeneratedAudioTrack(440)
    seen: list[dict[str, Any]] = []
    client.on("onVoicemail", seen.append)
    return client, seen


@pytest.fixture
async def demo() -> AsyncIterator[DemoService]:
    async with DemoService() as service:
        yield service


async def test_the_voicemail_bot_updates_the_count(demo: DemoService) -> None:
    bots = DemoBots(demo.url, demo.domain, demo.accounts, voicemail=demo)
    await bots.start()
    alice, seen = _client(demo)
    try:
        assert await alice.login("alice", demo.accounts["alice"])
        # The subscription's first NOTIFY: an empty box, and where to call it.
        await wait_for(lambda: alice.voicemail is not None)
        assert alice.voicemail == {
            "messagesWaiting": False,
            "newMessages": 0,
            "oldMessages": 0,
            "urgentNewMessages": 0,
            "urgentOldMessages": 0,
            "account": f"sip:voicemail@{demo.domain}",
        }
        assert alice.mwi.state is SubscriberState.ACTIVE

        assert await alice.call("voicemail")  # "leaves" a message
        await wait_for(lambda: bool(seen) and seen[-1]["newMessages"] == 1, timeout=15)
        assert alice.voicemail is not None and alice.voicemail["messagesWaiting"] is True

        await wait_for(lambda: alice.get_current_session() is None, timeout=10)
        assert await alice.call(seen[-1]["account"].removeprefix("sip:"))  # "plays" it
        await wait_for(lambda: seen[-1]["newMessages"] == 0, timeout=15)
        assert seen[-1]["oldMessages"] == 1 and seen[-1]["messagesWaiting"] is False
    finally:
        await alice.close()
        await bots.stop()


async def test_refreshed_before_expiry_and_again_after_a_reconnect(demo: DemoService) -> None:
    alice, seen = _client(demo)
    alice.mwi.machine.expires = 3  # refreshed every 2 s
    try:
        assert await alice.login("alice", demo.accounts["alice"])
        await wait_for(lambda: alice.mwi.state is SubscriberState.ACTIVE)
        sent = alice.mwi.subscribe_count
        await wait_for(lambda: alice.mwi.subscribe_count >= sent + 2, timeout=8)
        assert alice.mwi.dialog is not None  # refreshes go in the dialog
        assert alice.mwi.state in (SubscriberState.ACTIVE, SubscriberState.REFRESHING)

        seen.clear()
        demo.drop_connections()
        await wait_for(lambda: alice.is_registered() and bool(seen), timeout=20)
        await demo.leave_voicemail("alice")
        await wait_for(lambda: seen[-1]["newMessages"] == 1)
    finally:
        await alice.close()


async def test_unsolicited_notify_without_a_subscription(demo: DemoService) -> None:
    bob, seen = _client(demo)
    try:
        assert await bob.login("bob", demo.accounts["bob"])
        await wait_for(lambda: bob.mwi.state is SubscriberState.ACTIVE)
        await bob.mwi.stop()  # unsubscribed: the box must reach bob without a dialog
        await wait_for(lambda: not demo.mailboxes._live("bob"))
        await demo.leave_voicemail("bob")
        await demo.leave_voicemail("bob")
        await wait_for(lambda: bool(seen) and seen[-1]["newMessages"] == 2)
        assert bob.voicemail is not None and bob.voicemail["messagesWaiting"] is True
    finally:
        await bob.close()


async def test_logout_unsubscribes(demo: DemoService) -> None:
    carol, _ = _client(demo)
    assert await carol.login("carol", demo.accounts["carol"])
    await wait_for(lambda: bool(demo.mailboxes._live("carol")))
    await carol.logout()
    assert not demo.mailboxes._live("carol")
    assert carol.voicemail is None
    await carol.close()


@pytest.mark.kamailio
async def test_kamailio_routes_a_scripted_notifiers_notify(kamailio: KamailioServer) -> None:
    alice = Client(server=kamailio.ws_url, domain=kamailio.domain)
    seen: list[dict[str, Any]] = []
    alice.on("onVoicemail", seen.append)
    try:
        assert await alice.login("alice", kamailio.users["alice"])
        # Kamailio has no presence modules here: it relays our SUBSCRIBE to our own
        # device, which refuses it (501). One refusal, then quiet: no retry storm.
        await wait_for(lambda: alice.mwi.state is SubscriberState.GAVE_UP, timeout=10)
        sent = alice.mwi.subscribe_count
        assert sent <= 2  # the SUBSCRIBE and its answer to the proxy's challenge

        account = f"sip:voicemail@{kamailio.domain}"
        for new, old in ((2, 1), (0, 3)):
            summary = MessageSummary(new > 0, account, new, old)
            status = await send_mwi(
                "127.0.0.1", kamailio.udp_port, "alice", kamailio.domain, summary
            )
            assert status == 200
            await wait_for(lambda new=new: bool(seen) and seen[-1]["newMessages"] == new)
        assert alice.voicemail is not None and alice.voicemail["oldMessages"] == 3
        assert alice.mwi.subscribe_count == sent
    finally:
        await alice.close()
