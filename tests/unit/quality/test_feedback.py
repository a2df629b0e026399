"""Feedback validation (every error path, exact messages) and the HTTPS upload."""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import trustme

from webphone.quality.feedback import FeedbackError, post_feedback, validate_feedback

LIST = (
    "AUDIO_LAG,BROKEN_AUDIO,CALL_DROPPED,CALLERID_ISSUES,DIGITS_NOT_CAPTURED,ECHO,"
    "HIGH_CONNECT_TIME,LOW_AUDIO_LEVEL,ONE_WAY_AUDIO,OTHERS,ROBOTIC_AUDIO"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", 5), "callUUID is mandatory"),
        (("   ", 5), "callUUID is mandatory"),
        ((None, 5), "callUUID is mandatory"),
        ((42, 5), "callUUID is mandatory"),
        (("uuid", None), "Star rating is mandatory"),
        (("uuid", 0), "Star rating is mandatory"),
        (("uuid", ""), "Star rating is mandatory"),
        (("uuid", 6), "score should be from 1-5 range"),
        (("uuid", -1), "score should be from 1-5 range"),
        (("uuid", "0"), "score should be from 1-5 range"),
        (("uuid", 4.5), "score should be from 1-5 range"),
        (("uuid", float("nan")), "score should be from 1-5 range"),
        (("uuid", "five"), "score should be from 1-5 range"),
        (("uuid", True), "score should be from 1-5 range"),
        (("uuid", 5, None, "x" * 281), "Maximum length for note is 280 characters"),
        (("uuid", 5, None, 12), "Attribute note should be a string"),
        (("uuid", 3, "ECHO"), "Attribute issues should be an array"),
        (("uuid", 3, {"ECHO": 1}), "Attribute issues should be an array"),
        (("uuid", 3, 7), "Attribute issues should be an array"),
        (("uuid", 3, []), "At least one issue is mandatory for feedback"),
        (("uuid", 1, None), "At least one issue is mandatory for feedback"),
        (("uuid", 4, ["NOISE"]), f"Issues must be from the predefined list of issues - {LIST}"),
        (
            ("uuid", 4, ["ECHO", "bad"]),
            f"Issues must be from the predefined list of issues - {LIST}",
        ),
        (("uuid", 5, ["bad"]), f"Issues must be from the predefined list of issues - {LIST}"),
        (("uuid", 2, [3]), f"Issues must be from the predefined list of issues - {LIST}"),
        (("uuid", 5, None, None, "yes"), "Attribute sendConsoleLogs should be a boolean"),
    ],
)
def test_every_bad_input_has_its_message(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(FeedbackError) as info:
        validate_feedback(*args)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_checks_come_in_the_reference_order() -> None:
    with pytest.raises(FeedbackError, match="callUUID is mandatory"):
        validate_feedback("", 9, "x", 5, "y")
    with pytest.raises(FeedbackError, match="score should be"):
        validate_feedback("u", 9, "x", "n" * 300)
    with pytest.raises(FeedbackError, match="Maximum length"):
        validate_feedback("u", 3, "x", "n" * 300)


def test_valid_feedback_is_normalised() -> None:
    result = validate_feedback(
        " 5f1c-uuid ", "4", [" echo", "CALL_DROPPPED", "call_dropped", "Robotic_Audio"],
        "ça coupe ; DROP TABLE calls; -- \"quoted\" 'x'", True,
    )  # fmt: skip
    assert result == {
        "call_uuid": "5f1c-uuid",
        "star_rating": 4,
        "issues": ["ECHO", "CALL_DROPPED", "ROBOTIC_AUDIO"],
        "note": "ça coupe ; DROP TABLE calls; -- \"quoted\" 'x'",
        "send_console_logs": True,
    }


def test_five_stars_need_no_issue_and_limits_are_inclusive() -> None:
    assert validate_feedback("u", 5) == {
        "call_uuid": "u",
        "star_rating": 5,
        "issues": [],
        "note": "",
        "send_console_logs": False,
    }
    assert validate_feedback("u", 1, ("OTHERS",), "é" * 280)["note"] == "é" * 280
    assert validate_feedback("u", 5.0)["star_rating"] == 5


# -- upload ---------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    received: list[tuple[str, str, bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Content-Type"], body))
        if self.path == "/slow":
            time.sleep(2)
        status = {"/ok": 201, "/fail": 500, "/redirect": 302}.get(self.path, 404)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "http://127.0.0.1:1/insecure")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def https_url(ca: trustme.CA) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def client_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


def test_posts_json_over_https(https_url: str, client_context: ssl.SSLContext) -> None:
    payload = validate_feedback("uuid-1", 2, ["ECHO"], "écho 'fort'", False)
    _Handler.received.clear()
    assert post_feedback(f"{https_url}/ok", payload, 5, client_context) == 201
    [(path, content_type, body)] = _Handler.received
    assert path == "/ok"
    assert content_type == "application/json; charset=utf-8"
    assert json.loads(body.decode("utf-8")) == payload


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/feedback", "ftp://example.com/x", "https:///nohost", "not a url"],
)
def test_only_https_urls(url: str) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback(url, {"a": 1})
    assert str(info.value) == f"Feedback URL must be an https:// URL, got {url!r}"


def test_server_error_is_reported(https_url: str, client_context: ssl.SSLContext) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback(f"{https_url}/fail", {"a": 1}, 5, client_context)
    assert str(info.value) == (
        "Feedback was not accepted by 127.0.0.1: HTTP 500 Internal Server Error"
    )


def test_redirects_are_not_followed(https_url: str, client_context: ssl.SSLContext) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback(f"{https_url}/redirect", {"a": 1}, 5, client_context)
    assert str(info.value) == "Feedback was not accepted by 127.0.0.1: HTTP 302 Found"


def test_untrusted_certificate_fails(https_url: str) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback(f"{https_url}/ok", {"a": 1}, 5)
    assert str(info.value).startswith("Feedback could not be sent to 127.0.0.1: ")
    assert "CERTIFICATE_VERIFY_FAILED" in str(info.value)


def test_timeout_fails(https_url: str, client_context: ssl.SSLContext) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback(f"{https_url}/slow", {"a": 1}, 0.5, client_context)
    assert str(info.value).startswith("Feedback could not be sent to 127.0.0.1: ")
    assert "timed out" in str(info.value)


def test_refused_connection_fails(client_context: ssl.SSLContext) -> None:
    with pytest.raises(FeedbackError) as info:
        post_feedback("https://127.0.0.1:1/x", {"a": 1}, 5, client_context)
    assert str(info.value).startswith("Feedback could not be sent to 127.0.0.1: ")
    assert "refused" in str(info.value)
