"""RFC 4733 sending: outgoing audio packets become telephone-events while a key is down."""

from __future__ import annotations

import pytest
from aiortc.rtcrtpparameters import RTCRtpHeaderExtensionParameters, RTCRtpParameters
from aiortc.rtp import HeaderExtensionsMap, RtpPacket

from webphone.media.dtmf import parse_event
from webphone.media.dtmf_send import END_PACKETS, EventState, Rfc4733Packetiser
from webphone.media.sdp import event_payload_types

OPUS, EVENT, PCMU, EVENT_8K = 111, 101, 0, 126
_EXTENSIONS = HeaderExtensionsMap()
_EXTENSIONS.configure(
    RTCRtpParameters(
        headerExtensions=[
            RTCRtpHeaderExtensionParameters(id=1, uri="urn:ietf:params:rtp-hdrext:sdes:mid")
        ]
    )
)


def _audio(sequence: int, timestamp: int, payload_type: int = OPUS) -> bytes:
    packet = RtpPacket(payload_type=payload_type, sequence_number=sequence, timestamp=timestamp)
    packet.ssrc = 0x1234
    packet.payload = b"\x55" * 40
    packet.marker = 1
    packet.extensions.mid = "0"  # a header extension, as aiortc always writes one
    return packet.serialize(_EXTENSIONS)


def _run(packetiser: Rfc4733Packetiser, count: int, step: int = 960, pt: int = OPUS) -> list:
    return [
        RtpPacket.parse(packetiser.rewrite(_audio(1000 + i, 50_000 + i * step, pt)), _EXTENSIONS)
        for i in range(count)
    ]


def test_event_payload_types_pair_audio_with_events_on_the_same_clock() -> None:
    sdp = (
        "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0 101 126\r\n"
        "a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
        "a=rtpmap:101 telephone-event/48000\r\na=rtpmap:126 telephone-event/8000\r\n"
    )
    assert event_payload_types(sdp, {101: 48000, 126: 8000}) == {OPUS: EVENT, PCMU: EVENT_8K}
    # No 48 kHz event type: Opus sends the 8 kHz one, as WebRTC does (phones and gateways
    # often offer only telephone-event/8000 beside Opus, and expect events with it).
    assert event_payload_types(sdp, {126: 8000}) == {OPUS: EVENT_8K, PCMU: EVENT_8K}


def test_idle_packets_pass_untouched() -> None:
    packetiser = Rfc4733Packetiser({OPUS: EVENT}, {OPUS: 48000})
    packet = _audio(7, 960)
    assert packetiser.rewrite(packet) == packet
    assert packetiser.state is EventState.IDLE


def test_a_digit_becomes_a_growing_event_then_three_end_packets_then_audio() -> None:
    packetiser = Rfc4733Packetiser({OPUS: EVENT}, {OPUS: 48000})
    finished: list[str] = []
    packetiser.queue("5", 100, lambda: finished.append("5"))
    # 100 ms at 20 ms a packet: five packets, the last of them the end packet, which
    # goes out END_PACKETS times in all.
    count = 5 + END_PACKETS - 1
    packets = _run(packetiser, count + 1)
    events = packets[:count]
    assert [p.payload_type for p in events] == [EVENT] * count
    assert [p.sequence_number for p in packets] == list(range(1000, 1000 + count + 1))
    assert {p.timestamp for p in events} == {50_000}, "one event, one timestamp"
    assert [p.marker for p in events] == [1] + [0] * (count - 1)
    decoded = [parse_event(p.payload) for p in events]
    assert all(e is not None and e.tone == "5" and e.volume == 10 for e in decoded)
    assert [e.duration for e in decoded if e] == [960, 1920, 2880, 3840, 4800, 4800, 4800]
    assert [e.end for e in decoded if e] == [False] * 4 + [True] * 3
    assert finished == ["5"]
    assert packets[-1].payload_type == OPUS and packets[-1].payload == b"\x55" * 40
    assert all(p.extensions.mid == "0" for p in packets), "header extensions kept"


def test_queued_digits_follow_each_other_after_a_gap() -> None:
    packetiser = Rfc4733Packetiser({OPUS: EVENT}, {OPUS: 48000})
    packetiser.queue("1", 40)
    packetiser.queue("#", 40)
    packets = _run(packetiser, 20)
    kinds = ["E" if p.payload_type == EVENT else "a" for p in packets]
    # 40 ms = 2 packets (the second the end packet), two repeats, 60 ms of audio, then "#".
    assert "".join(kinds).startswith("EEEE" + "aaa" + "EEEE" + "a"), "".join(kinds)
    tones = [parse_event(p.payload).tone for p in packets if p.payload_type == EVENT]  # type: ignore[union-attr]
    assert tones == ["1"] * 4 + ["#"] * 4
    starts = sorted({p.timestamp for p in packets if p.payload_type == EVENT})
    assert len(starts) == 2 and starts[1] - starts[0] == 7 * 960


def test_pcmu_events_use_the_8khz_clock() -> None:
    packetiser = Rfc4733Packetiser({PCMU: EVENT_8K}, {PCMU: 8000})
    packetiser.queue("9", 100)
    packets = _run(packetiser, 7, step=160, pt=PCMU)
    durations = [parse_event(p.payload).duration for p in packets]  # type: ignore[union-attr]
    assert {p.payload_type for p in packets} == {EVENT_8K}
    assert durations == [160, 320, 480, 640, 800, 800, 800]


def test_garbage_digits_are_refused_and_odd_packets_survive() -> None:
    packetiser = Rfc4733Packetiser({OPUS: EVENT}, {OPUS: 48000})
    for bad in ("", "55", "A", "x"):
        with pytest.raises(ValueError, match="not a DTMF digit"):
            packetiser.queue(bad, 100)
    assert packetiser.rewrite(b"\x80") == b"\x80"
    rtcp = bytes([0x80, 200]) + bytes(26)
    packetiser.queue("1", 100)
    assert packetiser.rewrite(rtcp) == rtcp, "RTCP passes even while a digit waits"


def test_opus_with_8khz_events_counts_durations_on_the_events_clock() -> None:
    """The packets keep the Opus stream's 48 kHz timestamps (one SSRC, one timeline); the
    event's duration is in its own 8 kHz units, so 100 ms reads 800 at the far end."""
    packetiser = Rfc4733Packetiser({OPUS: EVENT_8K}, {OPUS: 48000, EVENT_8K: 8000})
    packetiser.queue("3", 100)
    packets = _run(packetiser, 7)
    assert {p.payload_type for p in packets} == {EVENT_8K}
    assert {p.timestamp for p in packets} == {50_000}
    durations = [parse_event(p.payload).duration for p in packets]  # type: ignore[union-attr]
    assert durations == [160, 320, 480, 640, 800, 800, 800]
