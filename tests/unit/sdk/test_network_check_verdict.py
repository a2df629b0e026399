"""The network check's verdict (figures → words) and its shareable report."""

from __future__ import annotations

import time

import pytest

from webphone.sdk.checks.network_check import (
    Cause,
    CheckReport,
    CheckTarget,
    EchoFigures,
    NetworkCheck,
    Status,
    Step,
    StepResult,
    render_report,
    summarise,
    verdict,
)

PASSWORD = "s3cret-Pass-word"
TURN_SECRET = "turn-Cred-4711"


def ok(step: Step, summary: str = "fine") -> StepResult:
    return StepResult(step, Status.OK, summary)


CONNECTED = [ok(Step.DNS), ok(Step.WEBSOCKET), ok(Step.REGISTER), ok(Step.ICE)]


def echo(
    mos: float | None = 4.4,
    rtt: float | None = 40.0,
    loss: float | None = 0.0,
    jitter: float | None = 5.0,
) -> EchoFigures:
    return EchoFigures(10.0, 9, rtt, jitter, loss, mos)


def test_good_figures_sound_good() -> None:
    result = verdict([*CONNECTED, ok(Step.ECHO)], echo())
    assert result.level is Status.OK
    assert result.words == "Calls should sound good."


@pytest.mark.parametrize(
    ("figures", "level", "named"),
    [
        (echo(mos=3.8), Status.WARN, "low call quality score"),
        (echo(rtt=500.0), Status.WARN, "long delay"),
        (echo(loss=3.0), Status.WARN, "packet loss"),
        (echo(jitter=45.0), Status.WARN, "uneven packet timing"),
        (echo(mos=3.0), Status.FAIL, "low call quality score"),
        (echo(rtt=900.0), Status.FAIL, "long delay"),
        (echo(loss=8.0), Status.FAIL, "packet loss"),
        (echo(jitter=80.0), Status.FAIL, "uneven packet timing"),
    ],
)
def test_each_threshold_names_what_hurts(figures: EchoFigures, level: Status, named: str) -> None:
    result = verdict([*CONNECTED, ok(Step.ECHO)], figures)
    assert result.level is level
    assert named in result.words
    start = "Calls will work, but may suffer" if level is Status.WARN else "Calls will sound poor"
    assert result.words.startswith(start)


def test_several_problems_are_all_named() -> None:
    result = verdict(CONNECTED, echo(rtt=500.0, loss=3.0))
    assert result.words == "Calls will work, but may suffer from long delay and packet loss."


def test_unmeasured_figures_do_not_count_against_the_call() -> None:
    assert verdict(CONNECTED, echo(mos=None, rtt=None)).level is Status.OK


def test_a_failed_step_means_calls_will_not_work_whatever_the_figures() -> None:
    failed = StepResult(
        Step.TLS, Status.FAIL, "the server's certificate is not trusted", Cause.CERTIFICATE
    )
    result = verdict([ok(Step.DNS), failed], echo())
    assert result.level is Status.FAIL
    assert result.words == "Calls will not work: the server's certificate is not trusted"


def test_without_an_echo_call_quality_is_not_measured() -> None:
    skipped = StepResult(Step.ECHO, Status.SKIPPED, "not run: no echo destination set")
    result = verdict([*CONNECTED, skipped], None)
    assert result.level is Status.WARN
    assert "call quality was not measured" in result.words


def test_media_through_the_relay_only_is_said() -> None:
    relayed = EchoFigures(10.0, 9, 40.0, 5.0, 0.0, 4.4, path="relay")
    assert verdict(CONNECTED, relayed).words == (
        "Calls should sound good, through the TURN relay only."
    )
    direct = EchoFigures(10.0, 9, 40.0, 5.0, 0.0, 4.4, path="host")
    assert verdict(CONNECTED, direct).words == "Calls should sound good."


def test_summarise_takes_medians_and_the_worse_direction() -> None:
    samples = [
        {"rtt_ms": 10.0, "jitter_local_ms": 2.0, "jitter_remote_ms": 6.0, "loss_local": 0.0,
         "loss_remote": 0.02, "mos": 4.4},
        {"rtt_ms": 30.0, "jitter_local_ms": 4.0, "jitter_remote_ms": None, "loss_local": 0.0,
         "loss_remote": None, "mos": 4.2},
        {"rtt_ms": None, "jitter_local_ms": None, "loss_local": None, "mos": None},
    ]  # fmt: skip
    figures = summarise(samples, 10.0)
    assert figures.samples == 3
    assert figures.rtt_ms == 20.0
    assert figures.jitter_ms == 5.0  # median of 6 (worse of 2 and 6) and 4
    assert figures.loss_percent == pytest.approx(1.0)  # mean of 2 % and 0 %
    assert figures.mos == pytest.approx(4.3)
    assert summarise([], 10.0).rtt_ms is None


def _target(**kwargs: object) -> CheckTarget:
    values: dict[str, object] = {
        "server": "wss://sip.example.com/ws",
        "user": "alice",
        "secret": PASSWORD,
        "ice_servers": [
            {
                "urls": ["turn:turn.example.com:3478"],
                "username": "alice",
                "credential": TURN_SECRET,
            },
        ],
        "echo_destination": "echo-test",
    }
    values.update(kwargs)
    return CheckTarget(**values)  # type: ignore[arg-type]


def test_report_lists_steps_causes_and_verdict_without_secrets() -> None:
    target = _target()
    report = CheckReport(target, time.time())
    report.steps = [
        ok(Step.DNS, "sip.example.com resolves to 192.0.2.1"),
        StepResult(
            Step.TLS,
            Status.FAIL,
            "the server's certificate is not trusted",
            Cause.CERTIFICATE,
            "self-signed certificate",
            (("Issued by", "CN=Someone"),),
        ),
        # A step's detail carrying a secret (a server echoing it back) is scrubbed too.
        StepResult(Step.REGISTER, Status.FAIL, "refused", Cause.CREDENTIALS, f"bad {PASSWORD}"),
        StepResult(Step.ICE, Status.WARN, "no relay", Cause.CREDENTIALS, f"x {TURN_SECRET}"),
    ]
    text = render_report(report, "1.2.3")
    assert text.startswith("Webphone network check 1.2.3\n")
    assert "Server: wss://sip.example.com/ws" in text
    assert "Account: alice@sip.example.com" in text
    assert "ICE servers: turn:turn.example.com:3478" in text
    assert "[FAIL] TLS: the server's certificate is not trusted" in text
    assert "Issued by: CN=Someone" in text
    assert "Likely cause: the server's certificate is not trusted" in text
    assert "Likely cause: the user name or password (or token) is wrong" in text
    assert text.rstrip().endswith(
        "Verdict: Calls will not work: the server's certificate is not trusted"
    )
    assert PASSWORD not in text and TURN_SECRET not in text
    assert PASSWORD not in repr(target) and TURN_SECRET not in repr(target)


def test_a_server_that_is_not_a_websocket_url_is_refused() -> None:
    with pytest.raises(ValueError, match="not a ws:// or wss:// URL"):
        NetworkCheck(_target(server="https://sip.example.com"))
    with pytest.raises(ValueError, match="TURN server needs a 'credential'"):
        NetworkCheck(_target(ice_servers=[{"urls": "turn:h", "username": "u"}]))
