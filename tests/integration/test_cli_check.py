"""``webphone-cli check`` as a user runs it: a real subprocess printing the network
check's report, with the exit status a script can test."""

from __future__ import annotations

import pytest
from servers import Target
from test_cli import run_cli

pytestmark = pytest.mark.timeout(90)


async def test_check_against_the_demo_service_and_its_echo_bot() -> None:
    code, out, err = await run_cli("check", "--echo-seconds", "3")
    assert code == 0, out + err
    for line in (
        "[  ok] DNS: 127.0.0.1 is an IP address (no lookup)",
        "[  ok] WebSocket: connected (subprotocol sip)",
        "[  ok] REGISTER: registered as alice",
        "[  ok] Echo call: 3 s call to echo: good",
        "Echo destination: echo",
        "Verdict: Calls should sound good.",
    ):
        assert line in out, out
    assert "Round trip (RTT): " in out and "MOS: 4." in out, out
    # Steps are shown as they finish, before the report.
    assert "... REGISTER: ok" in err and "... Echo call: ok" in err, err


@pytest.mark.parametrize("server", ["demo"], indirect=True)
async def test_check_with_an_untrusted_certificate_fails_with_the_cause(server: Target) -> None:
    code, out, err = await run_cli(
        "check",
        "--server",
        server.wss_url,
        "--domain",
        server.domain,
        "--user",
        server.user,
        "--ca-file",
        server.wrong_ca_file,
        "--media-address",
        "127.0.0.1",
        env={"WEBPHONE_PASSWORD": server.password},
    )
    assert code == 1, out + err
    assert "[FAIL] TLS: the server's certificate is not trusted" in out, out
    assert "Likely cause: the server's certificate is not trusted" in out, out
    assert "Echo destination: none" in out
    assert out.rstrip().endswith(
        "Verdict: Calls will not work: the server's certificate is not trusted"
    ), out
    assert server.password not in out + err


async def test_check_with_bad_options_is_a_clear_error() -> None:
    code, _out, err = await run_cli("check", "--server", "wss://example.com", "--echo-seconds", "0")
    assert code == 2
    assert "--echo-seconds" in err
