"""Network-fault scenarios against the real Kamailio, shared by the CI tests
(tests/integration/test_network_faults.py) and their long bench forms
(tests/bench/test_link_down_long.py).

alice's signalling link (Kamailio's ws port) goes silent through nftables
(:class:`tests.rig.impairment.LinkFault`): no FIN, no RST, packets just vanish, as when
Wi-Fi goes away; bob stays on wss, on another port, so only alice's link is cut. Media is
peer to peer on loopback and never touched. Each scenario returns what a user would have
seen, with the recovery times measured from the moment the link came back.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

#: Keepalive and reconnect timers that make a 10 s outage what a 30 s one is with the
#: defaults (keepalive every 20 s, 5 s to answer, 10 s connect timeout, backoff up to
#: 20 s): long enough for the client to declare the link dead and try to reconnect
#: while it is still down.
FAST_TIMERS: dict[str, float] = {
    "keepalive_interval": 2.0,
    "keepalive_timeout": 2.0,
    "connect_timeout": 3.0,
    "reconnect_max_delay": 4.0,
}
EVENTS = (
    "onLogin",
    "onLoginFailed",
    "onIncomingCall",
    "onCallAnswered",
    "onMediaConnected",
    "onCallTerminated",
    "onCallFailed",
    "onIncomingCallCanceled",
    "onConnectionChange",
)


async def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> float:
    """Wait until *predicate* holds; return how long that took."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while not predicate():
        if loop.time() - start > timeout:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        await asyncio.sleep(0.02)
    return loop.time() - start


@dataclass
class Phone:
    client: Client
    user: str
    password: str
    events: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def count(self, name: str) -> int:
        return sum(1 for n, _ in self.events if n == name)

    def states(self) -> list[str]:
        return [args[0]["state"] for n, args in self.events if n == "onConnectionChange"]

    def media(self) -> Any:
        session = self.client.get_current_session()
        return session.media if session is not None else None


def make_phone(kamailio: Any, user: str, *, secure: bool, tone: float, **timers: float) -> Phone:
    client = Client(
        server=kamailio.wss_url if secure else kamailio.ws_url,
        domain=kamailio.domain,
        ca_file=kamailio.ca_file if secure else None,
        allowed_addresses=["127.0.0.1"],
        **timers,  # type: ignore[arg-type]
    )
    client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
    phone = Phone(client, user, kamailio.users[user])
    for name in EVENTS:
        client.on(name, lambda *a, _n=name: phone.events.append((_n, a)))
    return phone


async def media_flows(phone: Phone, timeout: float = 15, *, loud: bool = True) -> float:
    """Wait until 25 more frames of the far end's audio have arrived (counted afresh when
    a recovered call swaps in a new peer connection); *loud*: and it is the far end's
    tone, not silence."""
    baseline: dict[int, int] = {}

    def flowing() -> bool:
        media = phone.media()
        if media is None:
            return False
        start = baseline.setdefault(id(media), media.meter.frames)
        return bool(media.meter.frames > start + 25 and (not loud or media.meter.last_rms > 0.05))

    return await wait_for(flowing, timeout, f"{phone.user} hears audio")


@dataclass
class Outcome:
    alice: Phone
    bob: Phone
    #: link up -> alice registered (client side) again
    registered_after: float = 0.0
    #: link up -> a new incoming call rings at alice (idle) / audio both ways (in a call)
    usable_after: float = 0.0


async def idle_link_down(
    kamailio: Any, link_fault: Any, down_for: float, timers: dict[str, float]
) -> Outcome:
    """alice, logged in and idle, loses her link for *down_for* seconds. Afterwards she
    must be registered again and reachable: bob's call rings at her."""
    alice = make_phone(kamailio, "alice", secure=False, tone=440, **timers)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        fault = link_fault(kamailio.ws_port)
        fault.down()
        await asyncio.sleep(down_for)  # the outage itself
        fault.up()
        outcome = Outcome(alice, bob)
        up = time.monotonic()
        await wait_for(alice.client.is_registered, 60, "alice registered again")
        outcome.registered_after = time.monotonic() - up
        assert await bob.client.call(alice.user)
        await wait_for(lambda: alice.count("onIncomingCall") == 1, 30, "bob's call rings")
        outcome.usable_after = time.monotonic() - up
        assert alice.client.reject()
        await wait_for(lambda: bob.count("onCallFailed") == 1, 10, "bob hears the rejection")
        return outcome
    finally:
        await alice.client.close()
        await bob.client.close()


async def call_link_down(
    kamailio: Any, link_fault: Any, down_for: float, timers: dict[str, float]
) -> Outcome:
    """alice, in an answered call with bob, loses her link for *down_for* seconds. The
    call must still be up on both sides with audio both ways, alice registered again, and
    her hangup must reach bob (an in-dialog BYE)."""
    alice = make_phone(kamailio, "alice", secure=False, tone=440, **timers)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        assert await alice.client.call(bob.user)
        await wait_for(lambda: bob.count("onIncomingCall") == 1, 10, "bob rings")
        assert await bob.client.answer()
        await wait_for(lambda: alice.count("onMediaConnected") == 1, 15, "media up")
        await media_flows(alice)
        await media_flows(bob)

        fault = link_fault(kamailio.ws_port)
        fault.down()
        await asyncio.sleep(down_for)  # the outage itself
        fault.up()
        outcome = Outcome(alice, bob)
        up = time.monotonic()
        await wait_for(alice.client.is_registered, 60, "alice registered again")
        outcome.registered_after = time.monotonic() - up
        await media_flows(alice)
        await media_flows(bob)
        outcome.usable_after = time.monotonic() - up
        for phone in (alice, bob):
            assert phone.count("onCallTerminated") == phone.count("onCallFailed") == 0, (
                f"{phone.user}'s call ended: {phone.events}"
            )
        assert await alice.client.hangup()
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 15, "alice's BYE reaches bob")
        return outcome
    finally:
        await alice.client.close()
        await bob.client.close()


def check_reported_once(phone: Phone) -> None:
    """A silent link is either never noticed (short) or reported once and recovered:
    never an event storm, never a second login."""
    states = phone.states()
    assert states in (["connected"], ["connected", "disconnected", "connected"]), states
    assert phone.count("onLogin") == 1 and phone.count("onLoginFailed") == 0, phone.events


# -- suspend/resume: a real webphone-cli child, stopped and continued ----

CLI = [sys.executable, "-m", "webphone.cli.main"]


class CliChild:
    """``webphone-cli`` logged in as alice to Kamailio, as a child process; every event
    line it prints is kept (``<time> <event> <json>``)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls, kamailio: Any, user: str = "alice") -> CliChild:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("WEBPHONE_")}
        environment["PYTHONPATH"] = os.pathsep.join(["app", environment.get("PYTHONPATH", "")])
        environment["WEBPHONE_PASSWORD"] = kamailio.users[user]
        environment["WEBPHONE_INSIGHTS_DB"] = os.environ["WEBPHONE_INSIGHTS_DB"]
        process = await asyncio.create_subprocess_exec(
            *CLI,
            *("--server", kamailio.ws_url, "--domain", kamailio.domain, "--user", user),
            *("--media-address", "127.0.0.1"),
            env=environment,
            stdin=asyncio.subprocess.PIPE,  # kept open: the CLI waits for commands
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            self.lines.append(line.decode().rstrip())

    def count(self, event: str) -> int:
        return sum(1 for line in self.lines if line.split()[1:2] == [event])

    async def wait_event(self, event: str, count: int = 1, timeout: float = 30) -> float:
        return await wait_for(
            lambda: self.count(event) >= count,
            timeout,
            f"the CLI prints {event} x{count}; it printed:\n" + "\n".join(self.lines),
        )

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{command}\n".encode())

    async def close(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        self._reader.cancel()


def registers_from(kamailio: Any, user: str, offset: int) -> int:
    """REGISTER requests from *user* that Kamailio logged after byte *offset* of its log
    (the config logs each request it receives; a digest login is two)."""
    with open(kamailio.log_path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", errors="replace")
    return sum(
        1 for line in text.splitlines() if "req REGISTER" in line and f"from sip:{user}@" in line
    )


@dataclass
class Resume:
    #: SIGCONT -> Kamailio received alice's REGISTER
    registered_after: float
    cli: CliChild
    #: REGISTER seen -> alice's audio reaching bob again (in a call)
    media_after: float = 0.0
    #: where Kamailio's log stood at SIGCONT
    offset: int = 0


async def stop_and_continue(kamailio: Any, cli: CliChild, stopped_for: float) -> Resume:
    """SIGSTOP *cli* for *stopped_for* seconds, SIGCONT, and wait for its REGISTER."""
    cli.process.send_signal(signal.SIGSTOP)
    try:
        await asyncio.sleep(stopped_for)  # the "lid closed" time itself
        offset = kamailio.log_path.stat().st_size
    finally:
        cli.process.send_signal(signal.SIGCONT)
    took = await wait_for(
        lambda: registers_from(kamailio, "alice", offset) >= 1,
        20,
        "alice's REGISTER reaches Kamailio after SIGCONT",
    )
    return Resume(took, cli, offset=offset)


async def suspended_idle(kamailio: Any, stopped_for: float) -> Resume:
    """alice's CLI, idle, stopped and continued: it re-REGISTERs at once and bob's call
    then rings at it once, with no repeated login or connection events."""
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    cli = await CliChild.start(kamailio)
    try:
        await cli.wait_event("onLogin")
        assert await bob.client.login(bob.user, bob.password)
        resume = await stop_and_continue(kamailio, cli, stopped_for)
        assert await bob.client.call("alice")
        await cli.wait_event("onIncomingCall", timeout=15)
        cli.send("reject")
        await wait_for(lambda: bob.count("onCallFailed") == 1, 10, "bob hears the rejection")
        assert cli.count("onIncomingCall") == 1
        assert cli.count("onLogin") == 1 and cli.count("onConnectionChange") == 1, cli.lines
        return resume
    finally:
        await cli.close()
        await bob.client.close()


async def suspended_in_call(kamailio: Any, stopped_for: float) -> Resume:
    """alice's CLI, in an answered call with bob, stopped and continued: it
    re-REGISTERs at once, the call is not stuck (audio reaches bob again, alice's hangup
    ends it on both sides) and no event is repeated."""
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    # A far end with a media timeout (30 s) hangs up on a laptop asleep longer than
    # that, as it should: this is about the sleeper's own recovery, so bob waits.
    bob.client.options["disableRtpTimeOut"] = True
    bob.client.on("onIncomingCall", lambda *_: asyncio.ensure_future(bob.client.answer()))
    cli = await CliChild.start(kamailio)
    try:
        await cli.wait_event("onLogin")
        assert await bob.client.login(bob.user, bob.password)
        cli.send("call bob")
        await cli.wait_event("onMediaConnected")
        await wait_for(lambda: bob.media() is not None, 10, "bob's call media")
        resume = await stop_and_continue(kamailio, cli, stopped_for)
        # The CLI sends silence (no --play): frames count, loudness can't.
        resume.media_after = await media_flows(bob, 20, loud=False)
        cli.send("hangup")
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 15, "alice's BYE reaches bob")
        await cli.wait_event("onCallTerminated", timeout=10)
        for event in ("onLogin", "onConnectionChange", "onCallAnswered", "onMediaConnected"):
            assert cli.count(event) == 1, f"{event} repeated:\n" + "\n".join(cli.lines)
        assert cli.count("onCallTerminated") == 1 and cli.count("onCallFailed") == 0
        return resume
    finally:
        await cli.close()
        await bob.client.close()
