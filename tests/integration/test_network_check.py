"""The network check (issue 19 item 5) against real servers: the demo service and
Kamailio (over wss, the certificate verified), the same servers with a certificate from
the wrong CA, a wrong password, coturn as the only path for media (nftables drops the
direct one), the same network with no relay, and servers that are not there."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from servers import Target
from tests.rig.coturn import TURN_PASSWORD, Coturn

from webphone.media.tracks import EchoTrack
from webphone.sdk import Client
from webphone.sdk.checks.network_check import (
    Cause,
    CheckReport,
    CheckTarget,
    NetworkCheck,
    Status,
    Step,
    StepResult,
    render_report,
)
from webphone.sdk.core.log import set_level

pytestmark = pytest.mark.timeout(120)
ECHO_SECONDS = 3.0


@pytest.fixture
async def echo_phone() -> AsyncIterator[Callable[..., Any]]:
    """start(server, user, address, secure=False) -> an echo service: a client that
    answers every call and sends back what it hears (as the demo service's echo bot
    does). The demo fixture's ws and wss services are two registrars: a check over wss
    needs its echo service there too."""
    clients: list[Client] = []

    async def start(
        server: Target, user: str, address: str = "127.0.0.1", secure: bool = False
    ) -> Client:
        client = Client(
            {"debug": "WARN"},
            server=server.wss_url if secure else server.ws_url,
            ca_file=server.ca_file,
            domain=server.domain,
            allowed_addresses=[address],
            insights_path=":memory:",
        )
        clients.append(client)
        client.audio_source_factory = EchoTrack
        client.on("onIncomingCall", lambda *_: _spawn(client.answer()))
        assert await client.login(user, server.users[user])
        return client

    tasks: set[Any] = set()

    def _spawn(coro: Any) -> None:
        import asyncio

        task = asyncio.get_running_loop().create_task(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    yield start
    for client in clients:
        await client.close()


def target_for(server: Target, /, **kwargs: Any) -> CheckTarget:
    users = sorted(server.users)
    values: dict[str, Any] = {
        "server": server.wss_url,
        "user": users[0],
        "secret": server.users[users[0]],
        "domain": server.domain,
        "ca_file": server.ca_file,
        "allowed_addresses": ["127.0.0.1"],
        "echo_destination": users[1],
        "echo_seconds": ECHO_SECONDS,
    }
    values.update(kwargs)
    return CheckTarget(**values)


async def run_check(target: CheckTarget) -> tuple[CheckReport, list[StepResult]]:
    seen: list[StepResult] = []
    report = await NetworkCheck(target, on_step=seen.append, step_timeout=5.0).run()
    return report, seen


def statuses(report: CheckReport) -> dict[Step, Status]:
    return {result.step: result.status for result in report.steps}


def figure(result: StepResult | None, label: str) -> str:
    assert result is not None
    return dict(result.figures)[label]


async def test_a_good_server_gets_a_good_verdict(
    server: Target, echo_phone: Callable[..., Any]
) -> None:
    await echo_phone(server, sorted(server.users)[1], secure=True)
    report, seen = await run_check(target_for(server))
    text = render_report(report)
    assert seen == report.steps, "each step reported as it finished"
    assert statuses(report) == {
        Step.DNS: Status.OK,
        Step.TLS: Status.OK,
        Step.WEBSOCKET: Status.OK,
        Step.REGISTER: Status.OK,
        Step.ICE: Status.OK,
        Step.ECHO: Status.OK,
    }, text
    tls = report.result(Step.TLS)
    assert "127.0.0.1" in figure(tls, "Names") and figure(tls, "Valid until"), text
    assert figure(tls, "Protocol").startswith("TLS"), text
    assert "ms" in figure(report.result(Step.REGISTER), "Round trip (with the challenge)")
    assert figure(report.result(Step.ICE), "Candidates") == "1 host"
    echo = report.echo
    assert echo is not None and echo.samples >= 2, text
    assert echo.rtt_ms is not None and echo.rtt_ms < 100, text
    assert echo.loss_percent is not None and echo.loss_percent < 1, text
    assert echo.mos is not None and echo.mos > 4.0, text
    assert echo.path == "host"
    assert report.verdict.level is Status.OK
    assert report.verdict.words == "Calls should sound good.", text
    assert server.password not in text


async def test_a_certificate_from_the_wrong_ca_is_named(server: Target) -> None:
    report, _ = await run_check(target_for(server, ca_file=server.wrong_ca_file))
    text = render_report(report)
    assert statuses(report) == {
        Step.DNS: Status.OK,
        Step.TLS: Status.FAIL,
        Step.WEBSOCKET: Status.FAIL,
        Step.REGISTER: Status.SKIPPED,
        Step.ICE: Status.OK,  # checked all the same: it does not need the server
        Step.ECHO: Status.SKIPPED,
    }, text
    tls = report.result(Step.TLS)
    assert tls is not None and tls.cause is Cause.CERTIFICATE
    assert "certificate verify failed" in tls.detail or "unable to get" in tls.detail, text
    # Whose certificate it was, although it is not trusted.
    assert "127.0.0.1" in figure(tls, "Names") and figure(tls, "Issued by"), text
    assert report.verdict.level is Status.FAIL
    assert report.verdict.words == ("Calls will not work: the server's certificate is not trusted")
    assert "Likely cause: the server's certificate is not trusted" in text


async def test_a_wrong_password_is_named(server: Target) -> None:
    root = logging.getLogger("webphone")
    before = root.level
    set_level("INFO")  # the user's choice: the check's own client must not change it
    try:
        report, _ = await run_check(target_for(server, secret="not-the-Password-1"))
        assert root.level == logging.INFO
    finally:
        root.setLevel(before)
    text = render_report(report)
    register = report.result(Step.REGISTER)
    assert register is not None and register.status is Status.FAIL, text
    assert register.cause is Cause.CREDENTIALS, text
    assert statuses(report)[Step.ECHO] is Status.SKIPPED
    assert report.verdict.level is Status.FAIL
    assert "Likely cause: the user name or password (or token) is wrong" in text
    assert "not-the-Password-1" not in text


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_media_only_through_the_turn_relay(
    server: Target,
    coturn: Coturn,
    isolated_hosts: tuple[str, str],
    echo_phone: Callable[..., Any],
) -> None:
    """Our host and the echo service's cannot reach each other (nftables drops UDP between
    them); only the relay on 127.0.0.1 can."""
    ours, theirs = isolated_hosts
    await echo_phone(server, sorted(server.users)[1], theirs)
    target = target_for(
        server,
        server=server.ws_url,
        ca_file=None,
        allowed_addresses=[ours],
        ice_servers=[coturn.ice_server("udp")],
    )
    report, _ = await run_check(target)
    text = render_report(report)
    assert statuses(report)[Step.ICE] is Status.OK, text
    ice = report.result(Step.ICE)
    assert figure(ice, "Candidates") == "1 host, 1 relay", text
    assert figure(ice, "Relay address").startswith("127.0.0.1:"), text
    assert report.echo is not None and report.echo.path == "relay", text
    assert figure(report.result(Step.ECHO), "Media path") == "through the TURN relay"
    assert report.verdict.words == "Calls should sound good, through the TURN relay only.", text
    assert TURN_PASSWORD not in text and TURN_PASSWORD not in repr(target)


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_blocked_media_without_a_relay_is_named(
    server: Target, isolated_hosts: tuple[str, str], echo_phone: Callable[..., Any]
) -> None:
    ours, theirs = isolated_hosts
    await echo_phone(server, sorted(server.users)[1], theirs)
    target = target_for(server, server=server.ws_url, ca_file=None, allowed_addresses=[ours])
    report, _ = await run_check(target)
    text = render_report(report)
    echo = report.result(Step.ECHO)
    assert echo is not None and echo.status is Status.FAIL, text
    assert echo.cause is Cause.NO_RELAY, text
    assert report.verdict.level is Status.FAIL
    assert "Likely cause: direct media is blocked and no TURN relay works" in text


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_a_turn_server_with_the_wrong_credential_is_named(
    server: Target, coturn: Coturn
) -> None:
    ice_server = {**coturn.ice_server("udp"), "credential": "wrong-Credential-5"}
    target = target_for(server, server=server.ws_url, ca_file=None, ice_servers=[ice_server])
    report, _ = await run_check(target)
    ice = report.result(Step.ICE)
    assert ice is not None and ice.status is Status.WARN, render_report(report)
    assert ice.cause is Cause.TURN_CREDENTIALS, render_report(report)
    text = render_report(report)
    assert "Likely cause: the TURN server's user name or credential is wrong" in text
    assert "wrong-Credential-5" not in text


async def test_a_name_that_does_not_resolve() -> None:
    target = CheckTarget(
        server="wss://no-such-host.invalid/ws", user="alice", secret="x-Secret-1",
        allowed_addresses=["127.0.0.1"],
    )  # fmt: skip
    report, _ = await run_check(target)
    assert statuses(report) == {
        Step.DNS: Status.FAIL,
        Step.TLS: Status.SKIPPED,
        Step.WEBSOCKET: Status.SKIPPED,
        Step.REGISTER: Status.SKIPPED,
        Step.ICE: Status.OK,
        Step.ECHO: Status.SKIPPED,
    }
    dns = report.result(Step.DNS)
    assert dns is not None and dns.cause is Cause.DNS
    assert report.verdict.words == "Calls will not work: no-such-host.invalid could not be resolved"


async def test_a_port_nobody_listens_on() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = CheckTarget(
        server=f"ws://127.0.0.1:{port}", user="alice", secret="x-Secret-1",
        allowed_addresses=["127.0.0.1"],
    )  # fmt: skip
    report, _ = await run_check(target)
    websocket = report.result(Step.WEBSOCKET)
    assert websocket is not None and websocket.status is Status.FAIL
    assert websocket.cause is Cause.REFUSED
    assert "Likely cause: nothing accepts connections there" in render_report(report)
