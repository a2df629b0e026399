"""The media timeout: an answered call whose far end sends nothing is ended, unless the
far end holds the call, the media is being set up afresh, or disableRtpTimeOut is set."""

from __future__ import annotations

import asyncio

import pytest

from webphone.sdk.core.media_timeout import (
    MediaLook,
    MediaTimeoutWatch,
    Verdict,
    decide,
    on_hold,
    reason,
)

AUDIO = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"


@pytest.mark.parametrize(
    ("look", "verdict"),
    [
        (MediaLook(29.9, expected=True, disabled=False), Verdict.KEEP),
        (MediaLook(30.0, expected=True, disabled=False), Verdict.TIMED_OUT),
        (MediaLook(300.0, expected=False, disabled=False), Verdict.NOT_EXPECTED),
        (MediaLook(300.0, expected=True, disabled=True), Verdict.DISABLED),
        (MediaLook(300.0, expected=False, disabled=True), Verdict.DISABLED),
    ],
)
def test_decide(look: MediaLook, verdict: Verdict) -> None:
    assert decide(look, 30.0) is verdict


def test_the_reason_says_what_happened() -> None:
    assert reason(30.0) == "Media timeout: nothing received for 30 s"


@pytest.mark.parametrize(
    ("sdp", "held"),
    [
        (None, False),
        (AUDIO, False),
        (AUDIO + "a=sendrecv\r\n", False),
        (AUDIO + "a=sendonly\r\n", True),
        (AUDIO + "a=recvonly\r\n", True),
        (AUDIO + "a=inactive\r\n", True),
        # The session-level attribute applies when the audio section has none.
        (AUDIO.replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n"), True),
        # ... and the audio section's own one wins.
        (AUDIO.replace("t=0 0\r\n", "t=0 0\r\na=inactive\r\n") + "a=sendrecv\r\n", False),
        # Another stream's direction is not the audio's.
        (AUDIO + "a=sendrecv\r\nm=video 9 RTP/AVP 96\r\na=inactive\r\n", False),
    ],
)
def test_on_hold(sdp: str | None, held: bool) -> None:
    assert on_hold(sdp) is held


class Media:
    def __init__(self) -> None:
        self.frames_received = 0


class Call:
    def __init__(self) -> None:
        self.current: Media | None = Media()
        self.expected = True
        self.disabled = False
        self.ended: list[str] = []

    def media(self) -> Media | None:
        return self.current

    def media_expected(self) -> bool:
        return self.expected

    def timeout_disabled(self) -> bool:
        return self.disabled

    def timed_out(self, why: str) -> None:
        self.ended.append(why)
        self.current = None


INTERVAL = 0.01
LIMIT = 0.1


def watch(call: Call) -> asyncio.Task[None]:
    return asyncio.get_running_loop().create_task(
        MediaTimeoutWatch(call, limit=lambda: LIMIT, interval=INTERVAL).run()
    )


async def test_a_silent_far_end_ends_the_call() -> None:
    call = Call()
    await asyncio.wait_for(watch(call), 2)
    assert call.ended == [reason(LIMIT)]


async def test_frames_arriving_keep_the_call() -> None:
    call = Call()
    task = watch(call)
    for _ in range(40):  # 4x the limit
        call.current.frames_received += 1  # type: ignore[union-attr]
        await asyncio.sleep(INTERVAL)
    assert call.ended == [] and not task.done()
    call.current = None  # the call ends: the watch stops
    await asyncio.wait_for(task, 1)
    assert call.ended == []


@pytest.mark.parametrize("why", ["held", "disabled"])
async def test_hold_and_the_option_keep_a_silent_call(why: str) -> None:
    call = Call()
    if why == "held":
        call.expected = False
    else:
        call.disabled = True
    task = watch(call)
    await asyncio.sleep(5 * LIMIT)
    assert call.ended == [] and not task.done()
    # Resumed / option off again: the silence is counted from now, not from the start.
    call.expected, call.disabled = True, False
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(task, 2)
    assert call.ended == [reason(LIMIT)]
    # (one look's interval of slack either side: the count runs in whole looks)
    assert asyncio.get_running_loop().time() - started >= LIMIT - 2 * INTERVAL


async def test_a_new_peer_connection_restarts_the_count() -> None:
    call = Call()
    task = watch(call)
    for _ in range(3):
        await asyncio.sleep(LIMIT * 0.7)
        call.current = Media()  # e.g. a recovery re-INVITE swapped the media
    assert call.ended == []
    await asyncio.wait_for(task, 2)
    assert call.ended == [reason(LIMIT)]
