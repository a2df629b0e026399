"""Call quality on real calls: two Webphone clients through the demo service and Kamailio,
real aiortc media on loopback, through the project's impairment relay (tests/rig).

Warnings come from the reference's 5 s stats windows (the first one after answer is
skipped), raised at three breaching windows of the last five and cleared after three
good ones in a row: a warning is up about 20 s into an impaired call and down about
15-20 s after the impairment stops.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from quality_phones import Phone, assert_payloads, call, logged_in_pair, recorded, relayed
from scripted_server import wait_for
from servers import Target
from tests.rig.impairment import ImpairmentRelay

pytestmark = pytest.mark.timeout(150)


@pytest.fixture
async def phones(server: Target, tmp_path: Path) -> AsyncIterator[tuple[Phone, Phone]]:
    async with logged_in_pair(server, tmp_path) as pair:
        yield pair


async def test_packet_loss_raises_high_packetloss_and_low_mos_then_clears(
    phones: tuple[Phone, Phone], impairment_relay: ImpairmentRelay
) -> None:
    alice, bob = phones
    relayed(impairment_relay, alice, bob)
    uuid = await call(alice, bob)
    impairment_relay.impair(None, loss=0.2)
    await alice.raised("high_packetloss", "local")
    await alice.raised("high_packetloss", "remote")
    await alice.raised("low_mos")
    assert impairment_relay.lost("alice") > 100 and impairment_relay.lost("bob") > 100
    loss = next(m for m in alice.warnings("high_packetloss", "local") if m["active"])
    assert loss["group"] == "network" and loss["desc"] == "packetLossLocalMeasure"
    assert 0.12 < float(loss["value"]) < 0.3, "about the relay's 20 %"
    assert not alice.warnings("high_rtt"), "loss alone is not latency"

    impairment_relay.impair(None)
    await alice.cleared("high_packetloss", "local")
    await alice.cleared("high_packetloss", "remote")
    await alice.cleared("low_mos")
    assert_payloads(alice)
    assert_payloads(bob)
    assert any(m["type"] == "high_packetloss" for m in bob.metrics), "bob's call too"

    # The call's record: its samples, the warnings raised and cleared, then its rating.
    assert await alice.client.hangup()
    record = await recorded(alice, uuid)
    assert record["outcome"] == "ended" and record["direction"] == "OUTGOING"
    assert record["codec"] == "opus" and record["bitrate"] > 8000
    assert len(record["samples"]) >= 30, "one sample a second"
    assert record["mos_min"] < 3.0 < record["mos_avg"] + 1.5
    stored = [(w["type"], w["stream"], w["active"]) for w in record["warnings"]]
    assert ("high_packetloss", "local", True) in stored
    assert ("high_packetloss", "local", False) in stored
    assert [w for w in record["warnings"] if w["type"] == "low_mos"][-1]["active"] is False

    note = "choppy 'audio'; DROP TABLE calls; -- ünïcødé \"quoted\""
    outcome = await alice.client.submit_call_quality_feedback(
        uuid, 2, ["broken_audio", "CALL_DROPPPED"], note
    )
    assert outcome.ok and outcome.message == "Feedback is saved"
    refused = await alice.client.submit_call_quality_feedback(uuid, 4, [], "")
    assert not refused.ok
    assert refused.message == "At least one issue is mandatory for feedback"
    record = await recorded(alice, uuid)
    assert [(f["rating"], f["issues"], f["note"]) for f in record["feedback"]] == [
        (2, ["BROKEN_AUDIO", "CALL_DROPPED"], note)
    ]


async def test_latency_raises_high_rtt_then_clears(
    phones: tuple[Phone, Phone], impairment_relay: ImpairmentRelay
) -> None:
    alice, bob = phones
    relayed(impairment_relay, alice, bob)
    # Delayed from the start: aiortc only updates its smoothed RTT when a receiver
    # report answers its latest sender report, which a 500 ms round trip often misses,
    # so an estimate taken on the clean path would take minutes to climb.
    impairment_relay.impair(None, delay_ms=250)  # each way: 500 ms round trip
    await call(alice, bob)
    await alice.raised("high_rtt")
    rtt = next(m for m in alice.warnings("high_rtt") if m["active"])
    assert rtt["desc"] == "high latency" and rtt["stream"] == "None"
    assert 400 < float(rtt["value"]) < 700, "the relay adds 500 ms; RTT is smoothed"
    impairment_relay.impair(None)
    await alice.cleared("high_rtt")
    assert not alice.warnings("high_packetloss") and not alice.warnings("low_mos")
    assert_payloads(alice)


async def test_jitter_raises_high_jitter_then_clears(
    phones: tuple[Phone, Phone], impairment_relay: ImpairmentRelay
) -> None:
    alice, bob = phones
    relayed(impairment_relay, alice, bob)
    await call(alice, bob)
    # 0-600 ms extra per RTP packet. The receivers' RFC 3550 estimate counts only
    # packets that arrive in order, which this much reordering keeps near 55 ms (5 % of
    # the time under 40): well clear of the 30 ms threshold. At 250 ms it sat at 30-37
    # and the warning came and went.
    impairment_relay.impair(None, jitter_ms=600)
    await alice.raised("high_jitter", "local")
    await alice.raised("high_jitter", "remote")
    jitter = next(m for m in alice.warnings("high_jitter", "local") if m["active"])
    assert jitter["desc"] == "jitterLocalMeasures" and float(jitter["value"]) > 30
    impairment_relay.impair(None)
    await alice.cleared("high_jitter", "local")
    await alice.cleared("high_jitter", "remote")
    assert not alice.warnings("high_rtt")
    assert_payloads(alice)


@pytest.mark.parametrize("server", ["demo"], indirect=True)
@pytest.mark.timeout(150)
async def test_clean_call_raises_no_warning_in_a_minute(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    uuid = await call(alice, bob)
    await asyncio.sleep(60)
    assert alice.metrics == [] and bob.metrics == []
    assert alice.audio_status == [] and bob.audio_status == []
    mos = [s["mos"] for u, s in alice.samples if u == uuid and s["mos"] is not None]
    assert len(mos) > 50 and min(mos) > 4.0


async def test_silent_far_end_and_packets_stopping(
    phones: tuple[Phone, Phone], impairment_relay: ImpairmentRelay
) -> None:
    alice, bob = phones
    relayed(impairment_relay, alice, bob)
    uuid = await call(alice, bob)

    # Bob's packets stop reaching Alice for 4 s, then flow again.
    impairment_relay.impair("alice", loss=1.0)
    await wait_for(lambda: alice.audio_status == [False], timeout=5)
    await asyncio.sleep(3)
    impairment_relay.impair("alice")
    await wait_for(lambda: alice.audio_status == [False, True], timeout=5)
    assert bob.audio_status == [], "Bob kept receiving"

    # A server that watches the audio says so in an INFO (SPEC.md §9.7).
    dialog = bob.client.calls.current.dialog  # type: ignore[union-attr]
    assert dialog is not None
    for body in (b"no-remote-audio", b"remote-audio"):
        info = dialog.create_request(
            "INFO", bob.client.ua.via(), body=body, content_type="text/plain"
        )
        assert (await bob.client.ua.request(info, timeout=5)).status == 200
    await wait_for(lambda: alice.audio_status == [False, True, False, True], timeout=5)

    # Bob goes silent (muted: his packets carry silence): no audio from the far end.
    assert bob.client.mute()
    await alice.raised("no_audio_received", "remote")
    silent = next(m for m in alice.warnings("no_audio_received") if m["active"])
    assert silent["group"] == "audio" and silent["desc"] == "remote_audio"
    assert float(silent["value"]) <= -80
    assert alice.audio_status[-1] is True, "packets still flow"
    assert bob.client.unmute()
    await alice.cleared("no_audio_received", "remote")
    assert not bob.warnings("no_audio_received", "local"), "muted silence is expected"
    assert_payloads(alice)
    assert await bob.client.hangup()
    record = await recorded(alice, uuid)
    assert ("no_audio_received", "remote", True) in [
        (w["type"], w["stream"], w["active"]) for w in record["warnings"]
    ]


async def test_calls_that_never_connect_are_recorded(phones: tuple[Phone, Phone]) -> None:
    alice, bob = phones
    ringing: list[Any] = []
    failed: list[Any] = []
    bob.client.on("onIncomingCall", lambda *args: ringing.append(args))
    alice.client.on("onCallFailed", lambda cause, info: failed.append((cause, info)))
    assert await alice.client.call(bob.user)
    await wait_for(lambda: bool(ringing), timeout=15)
    uuid = ringing[0][2]["callUUID"]
    assert bob.client.reject()
    await wait_for(lambda: bool(failed), timeout=15)
    callee = await recorded(bob, uuid)
    assert (callee["outcome"], callee["cause"], callee["direction"]) == (
        "rejected",
        "Rejected",
        "INCOMING",
    )
    assert callee["samples"] == [] and callee["warnings"] == []
    caller = await recorded(alice, failed[0][1]["callUUID"])
    assert caller["outcome"] == failed[0][1]["state"] and caller["cause"] == failed[0][0]


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_lost_path_raises_ice_connection(
    server: Target, tmp_path: Path, impairment_relay: ImpairmentRelay
) -> None:
    # ICE consent and the 30 s media timeout give up at about the same moment; the
    # timeout's BYE would end the call before the other side's consent fails, so it is
    # turned off here (it has its own tests).
    keep = {"disableRtpTimeOut": True}
    async with logged_in_pair(server, tmp_path, keep, keep) as (alice, bob):
        relayed(impairment_relay, alice, bob)
        await call(alice, bob)
        impairment_relay.impair(None, blackout=True)  # ICE consent fails after ~30 s
        await wait_for(lambda: alice.audio_status == [False], timeout=5)
        # Each side's consent checks fail on their own; neither takes the lost path
        # for an address change and re-INVITEs the other's connection away first.
        await alice.raised("ice_connection", timeout=60)
        await bob.raised("ice_connection", timeout=10)
        drop = alice.warnings("ice_connection")[0]
        assert (drop["value"], drop["desc"], drop["group"]) == ("failed", "network drop", "network")
        assert_payloads(alice)
