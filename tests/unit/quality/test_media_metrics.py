"""mediaMetrics warnings from recorded sample series: raise, clear, window edges, codecs."""

from __future__ import annotations

from typing import Any

import pytest

from webphone.quality.metrics import MediaMetrics
from webphone.quality.sample import QualitySample

KEYS = {"group", "level", "type", "value", "active", "desc", "stream"}
INTERVAL = 5.0


def clean(t: float, **changes: Any) -> QualitySample:
    """A healthy 5 s interval of an Opus call, with *changes* applied."""
    fields: dict[str, Any] = {
        "jitter_local_ms": 4.0,
        "jitter_remote_ms": 5.0,
        "rtt_ms": 40.0,
        "loss_local": 0.0,
        "loss_remote": 0.0,
        "packets_sent": 250,
        "packets_received": 250,
        "bytes_sent": 20000,
        "audio_level_local_db": -38.0,
        "audio_level_remote_db": -35.0,
        "mos": 4.3,
        "codec": "opus",
    }
    fields.update(changes)
    return QualitySample(t=t, **fields)


def series(*changes: dict[str, Any]) -> list[QualitySample]:
    """One sample per 5 s interval; each dict overrides the healthy values."""
    return [clean(INTERVAL * (i + 1), **c) for i, c in enumerate(changes)]


def run(samples: list[QualitySample], codec: str = "opus") -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append, codec)
    for sample in samples:
        metrics.feed(sample)
    return events


def kinds(events: list[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    return [(e["type"], e["stream"], e["active"]) for e in events]


OK: dict[str, Any] = {}


def test_a_clean_call_raises_nothing() -> None:
    assert run(series(*[OK] * 24)) == []


def test_high_jitter_local_raises_on_three_of_five_and_clears_after_three_good() -> None:
    bad = {"jitter_local_ms": 45.0}
    events = run(series(bad, OK, bad, OK, bad, bad, bad, OK, OK, OK))
    assert events == [
        {
            "group": "network",
            "level": "warning",
            "type": "high_jitter",
            "value": "45.00",
            "active": True,
            "desc": "jitterLocalMeasures",
            "stream": "local",
        },
        {
            "group": "network",
            "level": "warning",
            "type": "high_jitter",
            "value": "4.00",
            "active": False,
            "desc": "jitterLocalMeasures",
            "stream": "local",
        },
    ]


def test_window_edges() -> None:
    bad = {"jitter_remote_ms": 31.0}
    # Two of five is not enough, however long it goes on.
    assert run(series(bad, OK, OK, bad, OK, OK, bad, OK, OK, bad, OK, OK)) == []
    # The third breach must fall within the last five samples.
    assert run(series(bad, bad, OK, OK, OK, bad, OK, OK)) == []
    events = run(series(bad, bad, OK, OK, bad))  # 3 of the last 5: raised at sample 5
    assert kinds(events) == [("high_jitter", "remote", True)]
    assert events[0]["desc"] == "jitterRemoteMeasures"
    # Exactly at the threshold is not a breach (the contract says "higher than 30 ms").
    assert run(series(*[{"jitter_remote_ms": 30.0}] * 6)) == []


def test_alternating_condition_stays_raised_without_flapping() -> None:
    bad = {"rtt_ms": 600.0}
    events = run(series(bad, OK, bad, OK, bad, OK, bad, OK, bad, OK, bad))
    assert kinds(events) == [("high_rtt", "None", True)]


def test_never_re_emits_active_while_active() -> None:
    events = run(series(*[{"rtt_ms": 800.0}] * 12))
    assert kinds(events) == [("high_rtt", "None", True)]


def test_high_rtt_value_is_the_mean_of_the_breaching_samples() -> None:
    events = run(series({"rtt_ms": 450.0}, {"rtt_ms": 100.0}, {"rtt_ms": 500.0},
                        {"rtt_ms": 550.0}))  # fmt: skip
    assert events == [
        {
            "group": "network",
            "level": "warning",
            "type": "high_rtt",
            "value": "500.00",
            "active": True,
            "desc": "high latency",
            "stream": "None",
        }
    ]


def test_raise_and_clear_again() -> None:
    bad = {"rtt_ms": 900.0}
    events = run(series(bad, bad, bad, OK, OK, OK, bad, bad, bad, OK, OK, OK))
    assert kinds(events) == [
        ("high_rtt", "None", True),
        ("high_rtt", "None", False),
        ("high_rtt", "None", True),
        ("high_rtt", "None", False),
    ]


@pytest.mark.parametrize(
    ("codec", "loss", "raised"),
    [
        ("opus", 0.10, False),  # > 10 % for Opus
        ("opus", 0.12, True),
        ("pcmu", 0.12, False),  # > 20 % for PCMU
        ("pcmu", 0.20, False),
        ("PCMU", 0.25, True),
        ("pcma", 0.15, False),
    ],
)
def test_packet_loss_threshold_depends_on_the_codec(codec: str, loss: float, raised: bool) -> None:
    events = run(series(*[{"loss_remote": loss, "codec": codec}] * 5), codec)
    assert kinds(events) == ([("high_packetloss", "remote", True)] if raised else [])


def test_packet_loss_local_payload_and_clear() -> None:
    events = run(series({"loss_local": 0.15}, {"loss_local": 0.25}, {"loss_local": 0.2},
                        OK, OK, OK))  # fmt: skip
    assert [e["value"] for e in events] == ["0.200", "0.000"]
    assert {(e["desc"], e["stream"], e["group"]) for e in events} == {
        ("packetLossLocalMeasure", "local", "network")
    }
    assert kinds(events) == [
        ("high_packetloss", "local", True),
        ("high_packetloss", "local", False),
    ]


def test_codec_of_the_sample_wins_over_the_constructor() -> None:
    # Constructed for Opus, but the call renegotiated to PCMU: 15 % is acceptable there.
    assert run(series(*[{"loss_local": 0.15, "codec": "pcmu"}] * 5), "opus") == []


def test_low_mos() -> None:
    events = run(series({"mos": 2.9}, {"mos": 3.4}, {"mos": 2.5}, {"mos": 2.1}, OK, OK, OK))
    assert events[0] == {
        "group": "network",
        "level": "warning",
        "type": "low_mos",
        "value": "2.10",
        "active": True,
        "desc": "mosRemoteMeasure",
        "stream": "None",
    }
    assert kinds(events) == [("low_mos", "None", True), ("low_mos", "None", False)]
    assert run(series(*[{"mos": 3.0}] * 5)) == []  # "< 3"


def test_no_audio_received_remote_and_local() -> None:
    silent = {"audio_level_remote_db": -127.0}
    events = run(series(silent, silent, silent, OK, OK, OK))
    assert events[0] == {
        "group": "audio",
        "level": "warning",
        "type": "no_audio_received",
        "value": "-127.00",
        "active": True,
        "desc": "remote_audio",
        "stream": "remote",
    }
    assert kinds(events) == [
        ("no_audio_received", "remote", True),
        ("no_audio_received", "remote", False),
    ]
    local = run(series(*[{"audio_level_local_db": -90.0}] * 3))
    assert [(e["desc"], e["stream"]) for e in local] == [("local_audio", "local")]
    # A quiet room is not silence.
    assert run(series(*[{"audio_level_local_db": -65.0}] * 6)) == []


def test_local_silence_is_expected_while_muted() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    silent = {"audio_level_local_db": -127.0}
    for sample in series(silent, silent, silent):
        metrics.feed(sample)
    assert kinds(events) == [("no_audio_received", "local", True)]
    metrics.muted()  # mute explains the silence: the warning clears
    assert kinds(events)[1:] == [("no_audio_received", "local", False)]
    for i in range(6):
        metrics.feed(clean(20.0 + 5 * i, **silent))
    assert len(events) == 2
    metrics.unmuted()
    for i in range(3):
        metrics.feed(clean(60.0 + 5 * i, **silent))
    assert kinds(events)[2:] == [("no_audio_received", "local", True)]


def test_unknown_values_change_nothing() -> None:
    bad = {"jitter_local_ms": 50.0}
    unknown = {"jitter_local_ms": None}
    events = run(series(bad, unknown, unknown, bad, unknown, unknown, unknown, bad))
    assert kinds(events) == [("high_jitter", "local", True)]
    assert run(series(*[{"rtt_ms": None, "mos": None, "loss_local": None}] * 8)) == []


def test_one_way_audio_raises_no_microphone_access() -> None:
    # 5 s intervals: 120 bytes in 5 s is 72 bytes per 3 s, under the contract's 80.
    events = run(series(OK, {"bytes_sent": 120}, {"bytes_sent": 0}, OK))
    assert events == [
        {
            "group": "audio",
            "level": "warning",
            "type": "no_microphone_access",
            "value": "72",
            "active": True,
            "desc": "lost access to microphone",
            "stream": "None",
        },
        {
            "group": "audio",
            "level": "warning",
            "type": "no_microphone_access",
            "value": "12000",
            "active": False,
            "desc": "lost access to microphone",
            "stream": "None",
        },
    ]
    # 140 bytes in 5 s is 84 per 3 s: enough.
    assert run(series({"bytes_sent": 140}, {"bytes_sent": 140})) == []


def test_one_way_audio_with_one_second_samples_needs_three_seconds() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    for t, sent in [(1, 500), (2, 0), (3, 0)]:
        metrics.feed(QualitySample(t=float(t), bytes_sent=sent))
    assert events == []  # the first second's 500 bytes are within the last three
    metrics.feed(QualitySample(t=4.0, bytes_sent=20))
    assert kinds(events) == [("no_microphone_access", "None", True)]
    assert events[0]["value"] == "20"  # seconds 1..4: 0 + 0 + 20


def test_microphone_lost_stays_raised_until_restored_and_audio_flows() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    metrics.microphone_lost()
    metrics.microphone_lost()
    assert kinds(events) == [("no_microphone_access", "None", True)]
    assert events[0]["group"] == "audio"
    metrics.feed(clean(5.0))  # bytes flow (silence frames), but no microphone
    assert len(events) == 1
    metrics.microphone_restored()
    metrics.feed(clean(10.0))
    assert kinds(events)[1:] == [("no_microphone_access", "None", False)]


def test_ice_connection() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    for state in ["checking", "connected", "disconnected", "failed", "connected", "connected"]:
        metrics.ice_connection(state)
    assert events == [
        {
            "group": "network",
            "level": "warning",
            "type": "ice_connection",
            "value": "disconnected",
            "active": True,
            "desc": "network drop",
            "stream": "None",
        },
        {
            "group": "network",
            "level": "warning",
            "type": "ice_connection",
            "value": "connected",
            "active": False,
            "desc": "network drop",
            "stream": "None",
        },
    ]
    assert metrics.active == []


def test_ice_completed_counts_as_connected() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    for state in ["completed", "failed", "checking", "completed"]:
        metrics.ice_connection(state)
    assert [(e["value"], e["active"]) for e in events] == [("failed", True), ("connected", False)]


def test_ice_timeout_once_never_cleared() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    metrics.ice_timeout(1999)
    assert events == []
    metrics.ice_timeout(2000)
    metrics.ice_timeout(3500)
    assert events == [
        {
            "group": "network",
            "level": "warning",
            "type": "ice_timeout",
            "value": "2000",
            "active": True,
            "desc": "Possible NAT/Firewall issue",
            "stream": "None",
        }
    ]


def test_speaking_on_mute_once_per_mute_period() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append)
    metrics.muted()
    metrics.speaking_on_mute()
    metrics.speaking_on_mute()
    assert events == [
        {
            "group": "audio",
            "level": "warning",
            "type": "speaking_on_mute",
            "value": "0",
            "active": True,
            "desc": "User is trying to speak on mute",
            "stream": "None",
        }
    ]
    metrics.unmuted()
    metrics.muted()
    metrics.speaking_on_mute()
    assert len(events) == 2


def test_every_payload_has_exactly_the_contract_keys() -> None:
    events: list[dict[str, Any]] = []
    metrics = MediaMetrics(events.append, "pcmu")
    awful = {
        "jitter_local_ms": 90.0,
        "jitter_remote_ms": 90.0,
        "rtt_ms": 900.0,
        "loss_local": 0.5,
        "loss_remote": 0.5,
        "mos": 1.2,
        "audio_level_local_db": -127.0,
        "audio_level_remote_db": -127.0,
        "bytes_sent": 0,
        "codec": "pcmu",
    }
    for sample in series(*[awful] * 3, *[OK] * 3):
        metrics.feed(sample)
    metrics.ice_connection("failed")
    metrics.ice_connection("connected")
    metrics.ice_timeout(2500)
    metrics.muted()
    metrics.speaking_on_mute()
    metrics.microphone_lost()
    raised = {(e["type"], e["stream"]) for e in events if e["active"]}
    assert raised == {
        ("high_jitter", "local"),
        ("high_jitter", "remote"),
        ("high_rtt", "None"),
        ("high_packetloss", "local"),
        ("high_packetloss", "remote"),
        ("low_mos", "None"),
        ("no_audio_received", "local"),
        ("no_audio_received", "remote"),
        ("no_microphone_access", "None"),
        ("ice_connection", "None"),
        ("ice_timeout", "None"),
        ("speaking_on_mute", "None"),
    }
    cleared = {(e["type"], e["stream"]) for e in events if not e["active"]}
    assert cleared == raised - {("ice_timeout", "None"), ("speaking_on_mute", "None")}
    for event in events:
        assert set(event) == KEYS
        assert event["level"] == "warning"
        assert isinstance(event["value"], str)
