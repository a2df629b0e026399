"""The network check's results, its verdict and its report, apart from the steps
(:mod:`.network_check`) so they stay pure: figures in, words out, no network.

:func:`verdict` turns the steps' results and the echo call's figures into one sentence
(its thresholds are documented there and below); :func:`render_report` writes the text
report a user shares with their administrator. Neither ever holds a secret: a
:class:`CheckTarget`'s password, token and TURN credential stay out of its ``repr`` and
are scrubbed from the report even if a server echoed them into an error message.
"""

from __future__ import annotations

import enum
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..core.ice_servers import describe

ECHO_SECONDS = 10.0

# -- verdict thresholds (see :func:`verdict`) ----
#: ITU-T G.107 E-model bands: from 4.0 users are satisfied; below 3.6 many are not.
MOS_GOOD = 4.0
MOS_FAIR = 3.6
#: ITU-T G.114: up to 150 ms one way is transparent, past 400 ms conversation breaks
#: down. The echo call's RTT is both ways of the network path (no sound card).
RTT_GOOD_MS = 300.0
RTT_FAIR_MS = 800.0
#: Packet loss (%): Opus hides ~1 % well; past 5 % words go missing.
LOSS_GOOD_PERCENT = 1.0
LOSS_FAIR_PERCENT = 5.0
#: Jitter (ms) the playout buffer absorbs without adding noticeable delay.
JITTER_GOOD_MS = 30.0
JITTER_FAIR_MS = 60.0


class Status(enum.Enum):
    OK = "ok"
    WARN = "warn"  # works, but something will hurt calls (or could not be measured)
    FAIL = "fail"
    SKIPPED = "skipped"  # not run: an earlier step failed or nothing to check


class Step(enum.Enum):
    DNS = "dns"
    TLS = "tls"
    WEBSOCKET = "websocket"
    REGISTER = "register"
    ICE = "ice"
    ECHO = "echo"


class Cause(enum.Enum):
    """What most likely went wrong, for a failed (or warned) step."""

    DNS = "dns"  # the name does not resolve
    PORT_BLOCKED = "port-blocked"  # no answer at all: a firewall drops the traffic
    REFUSED = "refused"  # nothing listens there (or a firewall rejects)
    CERTIFICATE = "certificate"
    TLS = "tls"
    NOT_WEBSOCKET = "not-websocket"  # an HTTP server, but no SIP WebSocket service
    CREDENTIALS = "credentials"
    TURN_CREDENTIALS = "turn-credentials"
    SERVER = "server"  # the server answered, but refused or failed
    NO_RELAY = "no-relay"  # media needs a relay and there is none that works
    ECHO_TARGET = "echo-target"  # the echo destination refused or did not answer
    POOR_NETWORK = "poor-network"


@dataclass(frozen=True)
class StepResult:
    """One step's outcome. ``figures`` are (label, value-in-words) pairs for the report;
    ``detail`` is what the step saw (an error message, never a secret)."""

    step: Step
    status: Status
    summary: str
    cause: Cause | None = None
    detail: str = ""
    figures: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EchoFigures:
    """What the echo call measured: medians over its samples (loss: the mean)."""

    seconds: float
    samples: int
    rtt_ms: float | None
    jitter_ms: float | None
    loss_percent: float | None
    mos: float | None
    #: the candidate type our end of the call's media used: "host" (direct), "srflx"
    #: (through a NAT, found by STUN) or "relay" (TURN); None when not known
    path: str | None = None


@dataclass(frozen=True)
class CheckTarget:
    """What to check: the account as calls use it. ``secret`` (password or token) and
    the TURN credential inside ``ice_servers`` are used, never reported."""

    server: str
    user: str
    secret: str = field(repr=False)
    domain: str | None = None
    token: bool = False
    ca_file: str | None = None
    insecure_tls: bool = False
    ice_servers: Sequence[Mapping[str, Any]] = field(default=(), repr=False)
    allowed_addresses: Sequence[str] | None = None
    echo_destination: str | None = None
    echo_seconds: float = ECHO_SECONDS


@dataclass(frozen=True)
class Verdict:
    """The check's outcome in one word and one sentence."""

    level: Status  # OK: good, WARN: usable with problems, FAIL: calls will not work
    words: str


@dataclass
class CheckReport:
    """Everything one check found (what :func:`render_report` prints)."""

    target: CheckTarget
    started: float  # wall time
    steps: list[StepResult] = field(default_factory=list)
    echo: EchoFigures | None = None

    def result(self, step: Step) -> StepResult | None:
        return next((r for r in self.steps if r.step is step), None)

    @property
    def verdict(self) -> Verdict:
        return verdict(self.steps, self.echo)


#: Called on the event loop with each step's result as soon as it is known.


# -- the pure parts: verdict and report ----
def rate_echo(figures: EchoFigures) -> tuple[Status, list[str]]:
    """How the echo call's figures rate, and what hurts (in words)."""
    problems: list[str] = []
    level = Status.OK

    def grade(value: float | None, good: float, fair: float, what: str, higher_bad: bool) -> None:
        nonlocal level
        if value is None:
            return
        bad = value > fair if higher_bad else value < fair
        ok = value <= good if higher_bad else value >= good
        if bad:
            level = Status.FAIL
            problems.append(what)
        elif not ok:
            if level is Status.OK:
                level = Status.WARN
            problems.append(what)

    grade(figures.mos, MOS_GOOD, MOS_FAIR, "low call quality score", higher_bad=False)
    grade(figures.rtt_ms, RTT_GOOD_MS, RTT_FAIR_MS, "long delay", higher_bad=True)
    grade(figures.loss_percent, LOSS_GOOD_PERCENT, LOSS_FAIR_PERCENT, "packet loss", True)
    grade(figures.jitter_ms, JITTER_GOOD_MS, JITTER_FAIR_MS, "uneven packet timing", True)
    return level, problems


def verdict(steps: Sequence[StepResult], echo: EchoFigures | None) -> Verdict:
    """The check's verdict from its steps and the echo call's figures.

    - Any failed step: calls will not work (or not through this path), for the first
      failure's likely cause.
    - Echo figures: good when every figure is within its "good" threshold (MOS ≥
      :data:`MOS_GOOD`, RTT ≤ :data:`RTT_GOOD_MS`, loss ≤ :data:`LOSS_GOOD_PERCENT`,
      jitter ≤ :data:`JITTER_GOOD_MS`); poor when any is past its "fair" one (MOS <
      :data:`MOS_FAIR`, RTT > :data:`RTT_FAIR_MS`, loss > :data:`LOSS_FAIR_PERCENT`,
      jitter > :data:`JITTER_FAIR_MS`); fair in between.
    - A good call whose media took the TURN relay says so: ICE chooses the relay only
      when no direct path works, so without the relay calls would have no audio.
    - No echo call: the connection works, call quality was not measured (a warning).
    """
    failed = [s for s in steps if s.status is Status.FAIL]
    if failed:
        first = failed[0]
        return Verdict(Status.FAIL, f"Calls will not work: {first.summary}")
    if echo is None:
        warned = [s for s in steps if s.status is Status.WARN]
        reason = warned[0].summary if warned else "no echo call was made"
        return Verdict(
            Status.WARN, f"The connection works, but call quality was not measured: {reason}"
        )
    level, problems = rate_echo(echo)
    if level is Status.OK:
        if echo.path == "relay":
            # ICE tries the relay last: chosen, it was the only path that worked.
            return Verdict(Status.OK, "Calls should sound good, through the TURN relay only.")
        return Verdict(Status.OK, "Calls should sound good.")
    if level is Status.WARN:
        return Verdict(
            Status.WARN, "Calls will work, but may suffer from " + join_words(problems) + "."
        )
    return Verdict(Status.FAIL, f"Calls will sound poor: {join_words(problems)}.")


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_MARK = {Status.OK: "ok", Status.WARN: "warn", Status.FAIL: "FAIL", Status.SKIPPED: "skip"}
_TITLE = {
    Step.DNS: "DNS",
    Step.TLS: "TLS",
    Step.WEBSOCKET: "WebSocket",
    Step.REGISTER: "REGISTER",
    Step.ICE: "STUN/TURN",
    Step.ECHO: "Echo call",
}


def step_title(step: Step) -> str:
    return _TITLE[step]


def render_report(report: CheckReport, version: str = "") -> str:
    """The shareable text report: the target (no secrets), each step and the verdict."""
    target = report.target
    lines = [
        f"Webphone network check{' ' + version if version else ''}",
        "Time: " + time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(report.started)),
        f"Server: {target.server}",
        f"Account: {target.user}@{target.domain or urlsplit(target.server).hostname or ''}",
        "ICE servers: " + (", ".join(describe(target.ice_servers)) or "none"),
        "Echo destination: " + (target.echo_destination or "none"),
        "",
    ]
    for result in report.steps:
        lines.append(f"[{_MARK[result.status]:>4}] {step_title(result.step)}: {result.summary}")
        for label, value in result.figures:
            lines.append(f"       {label}: {value}")
        if result.cause is not None and result.status in (Status.FAIL, Status.WARN):
            lines.append(f"       Likely cause: {cause_words(result.cause)}")
        if result.detail:
            lines.append(f"       Detail: {result.detail}")
    lines += ["", f"Verdict: {report.verdict.words}"]
    text = "\n".join(lines) + "\n"
    return _scrub(text, target)


def cause_words(cause: Cause) -> str:
    return {
        Cause.DNS: "the server's name does not resolve (a typo, or no DNS)",
        Cause.PORT_BLOCKED: "a firewall blocks the port (nothing answered)",
        Cause.REFUSED: "nothing accepts connections there (server down, wrong port, "
        "or a firewall rejects them)",
        Cause.CERTIFICATE: "the server's certificate is not trusted (self-signed, wrong "
        "CA, expired or for another name)",
        Cause.TLS: "the TLS handshake failed (no TLS on that port, or no common version)",
        Cause.NOT_WEBSOCKET: "the server does not offer SIP over WebSocket at that URL",
        Cause.CREDENTIALS: "the user name or password (or token) is wrong",
        Cause.TURN_CREDENTIALS: "the TURN server's user name or credential is wrong",
        Cause.SERVER: "the server refused or failed the request",
        Cause.NO_RELAY: "direct media is blocked and no TURN relay works",
        Cause.ECHO_TARGET: "the echo destination is wrong or not answering",
        Cause.POOR_NETWORK: "the network loses or delays packets",
    }[cause]


def _scrub(text: str, target: CheckTarget) -> str:
    """Belt and braces: no secret of *target* survives in *text*."""
    secrets = [target.secret] + [
        str(s.get("credential")) for s in target.ice_servers if s.get("credential")
    ]
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def summarise(samples: Sequence[Mapping[str, Any]], seconds: float) -> EchoFigures:
    """Medians of the per-second samples' RTT, jitter (the worse direction) and MOS; the
    mean loss of both directions (as a percentage)."""

    def values(*keys: str) -> list[float]:
        found = []
        for sample in samples:
            present = [float(sample[k]) for k in keys if sample.get(k) is not None]
            if present:
                found.append(max(present))
        return found

    def median(items: list[float]) -> float | None:
        return statistics.median(items) if items else None

    loss = values("loss_local", "loss_remote")
    return EchoFigures(
        seconds=seconds,
        samples=len(samples),
        rtt_ms=median(values("rtt_ms")),
        jitter_ms=median(values("jitter_local_ms", "jitter_remote_ms")),
        loss_percent=statistics.fmean(loss) * 100 if loss else None,
        mos=median(values("mos")),
    )
