"""Hostile SDP: the text helpers of :mod:`webphone.media.sdp` never raise, and
:meth:`MediaSession.accept_offer` raises nothing but :class:`MediaError`, on arbitrary text
and on mutations (lines dropped, doubled, values garbled) of real-world offers.

Each accept_offer example builds and closes a peer connection, so its count stays small."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from webphone.media import sdp as sdp_text
from webphone.media.config import MediaConfig, MediaError
from webphone.media.session import MediaSession

FIXTURES = Path(__file__).parent / "sdp_fixtures"
SEEDS = [path.read_text().replace("\n", "\r\n") for path in sorted(FIXTURES.glob("*.sdp"))]
ENDINGS = ["\r\n", "\n", "\r", "\r\r\n", ""]
# Values that have tripped SDP parsers: out-of-range and non-ASCII digits, huge numbers.
NASTY = [
    "",
    "-1",
    "128",
    "65536",
    "99999999999",
    "1" * 5000,
    "²",
    "\u0661\u0662\u0663",
    "x",
    "::1",
    "[2001:db8::1]",
    "\x00",
    "/",
    ":",
    " ",
    "a=",
    "0-",
    "opus/",
    "/48000/2",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).split("\r\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "duplicate", "garble", "insert", "truncate"]))
        if not lines:
            lines.append("")
        elif action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, draw(st.text(max_size=40)))
        elif action == "truncate":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            # Replace one space- / colon- / slash-separated value of the line.
            parts = lines[at].replace(":", " : ").replace("/", " / ").split(" ")
            index = draw(st.integers(0, len(parts) - 1))
            parts[index] = draw(st.sampled_from(NASTY) | st.text(max_size=12))
            lines[at] = " ".join(parts).replace(" : ", ":").replace(" / ", "/")
    return draw(st.sampled_from(ENDINGS)).join(lines)


hostile = st.one_of(st.text(max_size=300), mutated())


def check_helpers(text: str) -> None:
    listed = sdp_text.only_listed_formats(text)
    for sdp in (text, listed):
        sdp_text.telephone_events(sdp)
        sdp_text.clock_rates(sdp)
        sdp_text.event_payload_types(sdp, sdp_text.OFFERED_EVENTS)
        sdp_text.event_payload_types(sdp, sdp_text.telephone_events(sdp))
        sdp_text.opus_max_average_bitrate(sdp)
        sdp_text.transport_identity(sdp)
        sdp_text.payload_types(sdp, "opus")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_text_helpers_never_raise(text: str) -> None:
    check_helpers(text)


async def answer_or_media_error(text: str) -> None:
    session = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        await asyncio.wait_for(session.accept_offer(text), 10)
    except MediaError as exc:
        assert str(exc)
    finally:
        await session.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_accept_offer_raises_only_media_error(text: str) -> None:
    asyncio.run(answer_or_media_error(text))


# Regressions: the minimal SDPs the fuzzing found.


def test_huge_numbers_in_rtpmap_lines_are_ignored() -> None:
    # int() refuses over 4300 digits: clock_rates and telephone_events raised ValueError.
    huge = "1" * 5000
    sdp = (
        f"m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/{huge}\r\na=rtpmap:{huge} telephone-event/8000\r\n"
    )
    assert sdp_text.clock_rates(sdp) == {}
    assert sdp_text.telephone_events(sdp) == {}
    check_helpers(sdp)


def test_non_ascii_digits_are_not_numbers() -> None:
    # "²".isdigit() is True but int("²") raises ValueError.
    sdp = "m=audio 9 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 maxaveragebitrate=²\r\n"
    assert sdp_text.opus_max_average_bitrate(sdp) is None
    assert sdp_text.clock_rates("a=rtpmap:\u0661 PCMU/8000\r\n") == {}
    check_helpers(sdp)


async def test_a_malformed_connection_line_is_a_media_error() -> None:
    # aiortc's parser asserts on "c=" values that are not "IN IP4|IP6 <address>".
    chrome = SEEDS[[p.stem for p in sorted(FIXTURES.glob("*.sdp"))].index("chrome")]
    session = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        # aiortc asserts without a message: the reason still says what it was.
        with pytest.raises(MediaError, match="malformed SDP"):
            await session.accept_offer(chrome.replace("c=IN IP4 127.0.0.1", "c=IN IP5 x"))
    finally:
        await session.close()


async def test_a_huge_clock_rate_in_an_offer_is_answered_or_a_media_error() -> None:
    # accept_offer read the telephone-event lines outside its MediaError guard.
    chrome = SEEDS[[p.stem for p in sorted(FIXTURES.glob("*.sdp"))].index("chrome")]
    await answer_or_media_error(
        chrome.replace("telephone-event/8000", "telephone-event/" + "9" * 5000)
    )


async def test_an_offer_without_a_fingerprint_is_a_media_error() -> None:
    # aiortc accepted it and its connect task then died on an assert in the background.
    chrome = SEEDS[[p.stem for p in sorted(FIXTURES.glob("*.sdp"))].index("chrome")]
    session = MediaSession(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        with pytest.raises(MediaError, match="fingerprint"):
            await session.accept_offer(chrome.replace("a=fingerprint:", "a=fingerprint-x:"))
    finally:
        await session.close()
