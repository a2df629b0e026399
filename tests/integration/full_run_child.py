"""One full Webphone run at the most verbose debug level, run as its own process by
test_secrets_full_run.py with HOME and the XDG directories in a scratch directory.

What the desktop app does, with every secret kind in use: the GUI's log file
(``setup_logging``) and the feedback log ring, crash capture into the log and the insights
database, settings saved with a SIP account and a TURN server, a password login
(digest, challenged by the demo registrar), an echo call relayed through a real TURN
server, a crash while logged in, call-quality feedback POSTed with the console logs to an
HTTPS server (which stores what it receives, in the scratch directory too), logout, a
token login and logout.

Arguments: the scratch directory (everything in it is grepped), a directory for the
secrets the test looks for (not grepped), and the TURN server as JSON. Secrets are
written there as JSON once the run is over: the password, the TURN credential, the
token, and every digest ``response``/``cnonce`` the client sent.
"""

from __future__ import annotations

import asyncio
import json
import re
import ssl
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme

from webphone.demo.bots import DemoBots
from webphone.demo.environment import DEMO_MEDIA_ADDRESSES
from webphone.demo.registrar import Registrar
from webphone.demo.service import DemoService
from webphone.sdk import Client
from webphone.sdk.core.diagnostics import install_log_ring
from webphone.sdk.core.token import make_demo_token
from webphone.sip.message import SipRequest
from webphone.ui.account import AccountConfig, AccountKind
from webphone.ui.app import setup_logging
from webphone.ui.settings import Settings

PASSWORD = "Str0ng-Passw0rd-4-full-run"
JWT_SECRET = "jwt-signing-secret-full-run"

# Every credential the demo registrar is shown (REGISTER and the INVITE's proxy auth).
SEEN_AUTHORIZATIONS: list[str] = []
_authenticate = Registrar.authenticate


def _spy(self: Registrar, request: SipRequest, *, proxy: bool = False) -> Any:
    for name in ("Authorization", "Proxy-Authorization"):
        value = request.headers.get(name)
        if value:
            SEEN_AUTHORIZATIONS.append(value)
    return _authenticate(self, request, proxy=proxy)


Registrar.authenticate = _spy  # type: ignore[method-assign]


def feedback_server(received: Path, ca: trustme.CA) -> ThreadingHTTPServer:
    """An HTTPS endpoint that stores each POST body in *received* (grepped too)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.mkdir(parents=True, exist_ok=True)
            (received / f"post-{len(list(received.iterdir()))}.json").write_bytes(body)
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def until(predicate: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        await asyncio.sleep(0.02)


async def run(scratch: Path, out: Path, turn: dict[str, Any]) -> None:
    log_file = setup_logging()  # the GUI's own log file, under $XDG_STATE_HOME
    install_log_ring()  # what feedback with send_console_logs attaches
    ca = trustme.CA()
    ca_file = out / "feedback-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    https = feedback_server(scratch / "feedback-received", ca)

    service = DemoService(accounts={"alice": PASSWORD}, jwt_secret=JWT_SECRET)
    await service.start()
    bots = DemoBots(service.url, service.domain, service.accounts, DEMO_MEDIA_ADDRESSES)
    await bots.start()

    settings = Settings.load()
    settings.account = AccountConfig(
        kind=AccountKind.SIP,
        server=service.url,
        domain=service.domain,
        user="alice",
        ice_servers=list(turn["urls"]),
        ice_username=str(turn["username"]),
    )
    settings.options = {"debug": "ALL"}
    settings.save()

    events: list[tuple[str, tuple[Any, ...]]] = []
    client = Client(
        {"debug": "ALL"},
        server=service.url,
        domain=service.domain,
        allowed_addresses=list(DEMO_MEDIA_ADDRESSES),
        ice_servers=settings.account.ice_server_list(str(turn["credential"])),
        ca_file=str(ca_file),
        feedback_url=f"https://127.0.0.1:{https.server_address[1]}/feedback",
    )
    for name in ("onLogin", "onCallAnswered", "onCallTerminated", "onCallFailed"):
        client.on(name, lambda *args, _name=name: events.append((_name, args)))
    crashes = client.capture_crashes(asyncio.get_running_loop())
    try:
        assert await client.login("alice", PASSWORD), client.last_error
        assert await client.call("echo")
        await until(lambda: any(e == "onCallAnswered" for e, _ in events), "echo answers")
        uuid = client.get_call_uuid()
        assert uuid
        await until(
            lambda: bool((client.quality.store.insights(uuid) or {}).get("samples")),
            "a quality sample is recorded",
        )
        settings.remember("echo")
        settings.save()
        # A crash while logged in: an error whose message carries the password and a
        # digest answer, as a careless exception in the auth code would.
        thread = threading.Thread(
            target=lambda: (_ for _ in ()).throw(
                RuntimeError(f"auth blew up: {PASSWORD} {SEEN_AUTHORIZATIONS[-1]}")
            ),
            name="crashing",
        )
        thread.start()
        thread.join()
        assert client.quality.store.crashes(), "the crash is recorded"
        assert await client.hangup()
        await until(lambda: any(e == "onCallTerminated" for e, _ in events), "call ends")
        outcome = await client.submit_call_quality_feedback(
            uuid, 2, ["ECHO"], "heard myself", send_console_logs=True
        )
        assert outcome.ok, outcome.message
        assert await client.logout()
        token = make_demo_token(JWT_SECRET, sub="alice", iss="full-run")
        assert await client.login_with_access_token(token), client.last_error
        assert await client.logout()
    finally:
        crashes.uninstall()
        await client.close()
        await bots.stop()
        await service.stop()
        https.shutdown()
    digests = [
        value
        for header in SEEN_AUTHORIZATIONS
        for value in re.findall(r'(?:response|cnonce)="?([^",\s]+)', header)
    ]
    assert digests, "the client did answer digest challenges"
    secrets = {
        "password": [PASSWORD],
        "digest": digests,
        "token": [token, *token.split(".")[1:]],
        "turn": [str(turn["credential"])],
    }
    (out / "secrets.json").write_text(json.dumps(secrets))
    print(f"run complete, log {log_file}", flush=True)


if __name__ == "__main__":
    asyncio.run(run(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])))
