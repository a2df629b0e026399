"""Call quality on real calls, without impairment: the tracking options, the audio
engine's hooks (microphone lost, speech on the muted microphone) and feedback upload."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
import soundfile
import trustme
from quality_phones import Phone, call, logged_in_pair, recorded
from scripted_server import wait_for
from servers import Target

from webphone.quality.vad import SAMPLE_RATE
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> npt.NDArray[np.int16]:
    """A spoken sentence from espeak-ng, 48 kHz int16 (what the audio engine captures)."""
    wav = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "Can you hear me now?"], check=True, timeout=30)
    data, rate = soundfile.read(wav, dtype="float64")
    t = np.arange(int(len(data) * SAMPLE_RATE / rate)) / SAMPLE_RATE
    return (np.interp(t, np.arange(len(data)) / rate, data) * 0.3 * 32767).astype(np.int16)


def capture(phone: Phone, pcm: npt.NDArray[np.int16]) -> None:
    """Hand *pcm* to the sdk as the audio engine does: 10 ms frames of the muted mic."""
    for start in range(0, len(pcm) - 480 + 1, 480):
        phone.client.quality.muted_capture(pcm[start : start + 480])


@pytest.fixture
async def tracked(server: Target, tmp_path: Path) -> AsyncIterator[tuple[Phone, Phone]]:
    """Alice tracks for the database only, Bob for mediaMetrics events only."""
    async with logged_in_pair(
        server,
        tmp_path,
        {"enableQualityTracking": "remoteonly"},
        {"enableQualityTracking": "localonly"},
    ) as pair:
        yield pair


async def test_tracking_options_microphone_lost_and_speaking_on_mute(
    tracked: tuple[Phone, Phone], speech: npt.NDArray[np.int16]
) -> None:
    alice, bob = tracked
    uuid = await call(alice, bob)

    alice.client.quality.microphone_lost()
    bob.client.quality.microphone_lost()
    await wait_for(lambda: bool(bob.warnings("no_microphone_access")), timeout=2)
    assert bob.warnings("no_microphone_access")[0]["active"] is True
    assert alice.metrics == [], "remoteonly: no mediaMetrics events"

    capture(bob, speech)
    assert bob.warnings("speaking_on_mute") == [], "not muted: nothing to warn about"
    assert bob.client.mute()
    capture(bob, np.zeros(SAMPLE_RATE, np.int16))
    assert bob.warnings("speaking_on_mute") == [], "silence on mute is fine"
    capture(bob, speech)
    capture(bob, speech)
    assert len(bob.warnings("speaking_on_mute")) == 1, "once per mute"
    warning = bob.warnings("speaking_on_mute")[0]
    assert (warning["desc"], warning["value"], warning["active"]) == (
        "User is trying to speak on mute",
        "0",
        True,
    )
    assert bob.client.unmute() and bob.client.mute()
    capture(bob, speech)
    assert len(bob.warnings("speaking_on_mute")) == 2, "muting again re-arms it"

    assert await alice.client.hangup()
    stored = await recorded(alice, uuid)
    assert ("no_microphone_access", True) in [(w["type"], w["active"]) for w in stored["warnings"]]
    assert len(stored["samples"]) >= 2
    local_only = await recorded(bob, uuid)
    assert local_only["outcome"] == "ended", "the call history is kept either way"
    assert local_only["samples"] == [] and local_only["warnings"] == []


class _Collector(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append(json.loads(body))
        self.send_response(500 if self.path == "/broken" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def feedback_endpoint(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(https URL of a local feedback collector, CA file that verifies it)."""
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Collector.received.clear()
    yield f"https://127.0.0.1:{server.server_address[1]}", str(ca_file)
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_feedback_is_posted_with_redacted_logs(
    server: Target, tmp_path: Path, feedback_endpoint: tuple[str, str]
) -> None:
    url, ca_file = feedback_endpoint
    client = Client(
        server=server.ws_url,
        domain=server.domain,
        insights_path=tmp_path / "insights.sqlite3",
        feedback_url=url + "/feedback",
        ca_file=ca_file,
    )
    try:
        early = await client.submit_call_quality_feedback("some-call", 5)
        assert (early.ok, early.message) == (False, "username not found")
        assert await client.login(server.user, server.password)

        sent = await client.submit_call_quality_feedback(
            "some-call", 3, ["echo", "AUDIO_LAG"], 'über "laggy"\'', send_console_logs=True
        )
        assert (sent.ok, sent.message) == (True, "Feedback is sent with console logs")
        posted = _Collector.received[-1]
        assert posted["callUUID"] == "some-call" and posted["starRating"] == 3
        assert posted["issues"] == ["ECHO", "AUDIO_LAG"] and posted["note"] == 'über "laggy"\''
        assert posted["username"] == server.user
        logs = "\n".join(posted["consoleLogs"])
        assert "registered sip:" in logs, "the recent log lines"
        assert server.password not in json.dumps(posted), "secrets never leave"

        plain = await client.submit_call_quality_feedback("some-call", 5, [], "")
        assert (plain.ok, plain.message) == (True, "Feedback is sent")
        assert "consoleLogs" not in _Collector.received[-1]

        bad = await client.submit_call_quality_feedback("some-call", 9, ["ECHO"])
        assert (bad.ok, bad.message) == (False, "score should be from 1-5 range")
        too_long = await client.submit_call_quality_feedback("some-call", 1, ["ECHO"], "x" * 281)
        assert too_long.message == "Maximum length for note is 280 characters"
        assert len(_Collector.received) == 2, "refused feedback is not sent"

        client.quality.feedback_url = url + "/broken"
        failed = await client.submit_call_quality_feedback("some-call", 4, ["OTHERS"])
        assert not failed.ok and "HTTP 500" in failed.message and "kept locally" in failed.message
    finally:
        await client.close()


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_slow_ice_gathering_raises_ice_timeout(server: Target, tmp_path: Path) -> None:
    # A STUN server that never answers keeps aioice gathering until its 5 s timeout.
    blackhole = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    blackhole.bind(("127.0.0.1", 0))
    stun = f"stun:127.0.0.1:{blackhole.getsockname()[1]}"
    try:
        async with logged_in_pair(server, tmp_path, ice_servers=[{"urls": [stun]}]) as pair:
            alice, bob = pair
            uuid = await call(alice, bob)
            timeouts = alice.warnings("ice_timeout")
            assert len(timeouts) == 1 and timeouts[0]["active"] is True
            assert timeouts[0]["desc"] == "Possible NAT/Firewall issue"
            assert timeouts[0]["value"] == "2000", "cut at 2 s, reported as the seed does"
            assert bob.warnings("ice_timeout") == []
            assert await alice.client.hangup()
            stored = await recorded(alice, uuid)
            assert [w["type"] for w in stored["warnings"]] == ["ice_timeout"], "while ringing"
    finally:
        blackhole.close()
