"""The network check: can this computer make good calls through the configured server?

One run goes through the steps a call depends on, each reported as a
:class:`StepResult` the moment it is done (name, :class:`Status`, figures, and for a
failure the likely cause in words a user can act on):

1. **DNS**: the server's host name resolves (an IP literal needs no lookup).
2. **TLS** (``wss://`` only): the TLS handshake, the certificate's subject, issuer,
   expiry and names, verified as calls verify it; an untrusted certificate is still
   shown, so the report says *whose* certificate it was.
3. **WebSocket**: the SIP-over-WebSocket upgrade (RFC 7118), timed.
4. **REGISTER**: a separate client logs in as the account; the round trip from the open
   connection to the registrar's 200 (with its digest challenge) is timed.
5. **ICE**: candidates gathered as a call gathers them (host, server-reflexive from
   STUN, relay from TURN); a configured server that gave none is probed once more for
   the reason (no answer = port blocked, 401 = credentials, a certificate error).
6. **Echo call**: a call of :attr:`CheckTarget.echo_seconds` to the echo destination
   (the demo service's ``echo`` bot, or the account's setting), with RTT, jitter, loss
   and MOS from the call's own per-second quality samples.

Steps that do not depend on each other run even when an earlier one failed (a failed
DNS lookup stops the connection steps, but ICE is still checked); a step that cannot run
says why it was skipped. :func:`verdict` turns the results into words
(its thresholds are documented there) and :func:`render_report` into a text report to
share. Neither ever holds a secret: the password, token and TURN credential are used by
the steps and appear in no result.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..core.ice_servers import parse_ice_servers
from ..core.log import DEBUG_LEVELS, ROOT_LOGGER, get_logger
from ..core.transport import FailureKind, TransportError, WebSocketTransport, make_ssl_context
from .network_report import (
    ECHO_SECONDS,
    Cause,
    CheckReport,
    CheckTarget,
    EchoFigures,
    Status,
    Step,
    StepResult,
    Verdict,
    cause_words,
    join_words,
    rate_echo,
    render_report,
    step_title,
    summarise,
    verdict,
)

if TYPE_CHECKING:
    from ..api.client import Client

log = get_logger(__name__)

STEP_TIMEOUT = 10.0
ICE_GATHER_TIMEOUT = 5.0
ANSWER_TIMEOUT = 20.0  # calling, until the echo destination answers
MEDIA_TIMEOUT = 15.0  # answered, until ICE has connected the call's media


#: Called on the event loop with each step's result as soon as it is known.
StepListener = Callable[[StepResult], None]


# -- the steps ----
class NetworkCheck:
    """One check: :meth:`run` once; :meth:`cancel` from the same loop at any time (the
    check's call is hung up and its client logged out; ``run`` raises CancelledError)."""

    def __init__(
        self,
        target: CheckTarget,
        *,
        on_step: StepListener | None = None,
        client_factory: Callable[..., Client] | None = None,
        step_timeout: float = STEP_TIMEOUT,
    ) -> None:
        parts = urlsplit(target.server)
        if parts.scheme not in ("ws", "wss") or not parts.hostname:
            raise ValueError(f"server {target.server!r} is not a ws:// or wss:// URL")
        self.target = target
        self.ice_servers = parse_ice_servers(target.ice_servers)
        self._on_step = on_step
        self._client_factory = client_factory
        self._timeout = step_timeout
        self._host = parts.hostname
        self._port = parts.port or (443 if parts.scheme == "wss" else 80)
        self._secure = parts.scheme == "wss"
        self._client: Client | None = None
        self._task: asyncio.Task[Any] | None = None
        self._cancelled = False
        self.report = CheckReport(target, time.time())

    def cancel(self) -> None:
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()

    async def run(self) -> CheckReport:
        self._task = asyncio.current_task()
        if self._cancelled:
            raise asyncio.CancelledError()
        try:
            connection_ok = await self._connection_steps()
            ice = await self._record(self._ice())
            if connection_ok:
                await self._record(self._echo(ice))
            else:
                self._add(_skipped(Step.ECHO, "not registered"))
        finally:
            client, self._client = self._client, None
            if client is not None:
                await client.close()
        log.info("network check of %s: %s", self.target.server, self.report.verdict.words)
        return self.report

    async def _connection_steps(self) -> bool:
        dns = await self._record(self._dns())
        if dns.status is Status.FAIL:
            for step in (Step.TLS, Step.WEBSOCKET, Step.REGISTER):
                self._add(_skipped(step, "the server's name did not resolve"))
            return False
        if self._secure:
            tls = await self._record(self._tls())
        else:
            self._add(_skipped(Step.TLS, "ws:// is not encrypted"))
        ws = await self._record(self._websocket())
        if ws.status is Status.FAIL:
            self._add(_skipped(Step.REGISTER, "no WebSocket connection"))
            return False
        if self._secure and tls.status is Status.FAIL:
            self._add(_skipped(Step.REGISTER, "the TLS connection failed"))
            return False
        register = await self._record(self._register())
        return register.status is not Status.FAIL

    async def _record(self, work: Awaitable[StepResult]) -> StepResult:
        result = await work
        self._add(result)
        return result

    def _add(self, result: StepResult) -> None:
        self.report.steps.append(result)
        if self._on_step is not None:
            try:
                self._on_step(result)
            except Exception:
                log.exception("network check step listener raised")

    # -- 1. DNS ----
    async def _dns(self) -> StepResult:
        host = self._host
        try:
            ipaddress.ip_address(host)
            return StepResult(Step.DNS, Status.OK, f"{host} is an IP address (no lookup)")
        except ValueError:
            pass
        loop = asyncio.get_running_loop()
        began = time.monotonic()
        try:
            async with asyncio.timeout(self._timeout):
                infos = await loop.getaddrinfo(host, self._port, type=socket.SOCK_STREAM)
        except (OSError, TimeoutError) as exc:
            return StepResult(
                Step.DNS,
                Status.FAIL,
                f"{host} could not be resolved",
                cause=Cause.DNS,
                detail=str(exc) or "timed out",
            )
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        return StepResult(
            Step.DNS,
            Status.OK,
            f"{host} resolves to {', '.join(addresses)}",
            figures=(("Lookup", _ms(time.monotonic() - began)),),
        )

    # -- 2. TLS ----
    def _ssl_context(self) -> ssl.SSLContext:
        return make_ssl_context(self.target.ca_file, insecure=self.target.insecure_tls)

    async def _tls(self) -> StepResult:
        try:
            context = self._ssl_context()
        except TransportError as exc:
            return StepResult(
                Step.TLS, Status.FAIL, "the CA file cannot be used", Cause.CERTIFICATE, str(exc)
            )
        began = time.monotonic()
        try:
            async with asyncio.timeout(self._timeout):
                reader, writer = await asyncio.open_connection(
                    self._host, self._port, ssl=context, server_hostname=self._host
                )
        except ssl.SSLCertVerificationError as exc:
            details = await self._certificate_unverified()
            return StepResult(
                Step.TLS,
                Status.FAIL,
                "the server's certificate is not trusted",
                Cause.CERTIFICATE,
                exc.verify_message or str(exc),
                details,
            )
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                raise
            return self._connect_failure(Step.TLS, exc)
        took = time.monotonic() - began
        try:
            ssl_object = writer.get_extra_info("ssl_object")
            figures = [("Handshake", _ms(took))]
            if ssl_object is not None:
                figures.append(("Protocol", f"{ssl_object.version()} {ssl_object.cipher()[0]}"))
                figures += _certificate_figures(ssl_object.getpeercert(binary_form=True))
        finally:
            writer.close()
            del reader
        status, summary = Status.OK, "handshake done, certificate verified"
        if self.target.insecure_tls:
            status, summary = Status.WARN, "handshake done, certificate NOT verified (insecure)"
        return StepResult(Step.TLS, status, summary, figures=tuple(figures))

    async def _certificate_unverified(self) -> tuple[tuple[str, str], ...]:
        """The certificate's details without verifying it (to say whose it is)."""
        context = make_ssl_context(insecure=True)
        try:
            async with asyncio.timeout(self._timeout):
                _reader, writer = await asyncio.open_connection(
                    self._host, self._port, ssl=context, server_hostname=self._host
                )
        except (OSError, TimeoutError, ssl.SSLError):
            return ()
        try:
            ssl_object = writer.get_extra_info("ssl_object")
            if ssl_object is None:
                return ()
            return tuple(_certificate_figures(ssl_object.getpeercert(binary_form=True)))
        finally:
            writer.close()

    def _connect_failure(self, step: Step, exc: BaseException) -> StepResult:
        where = f"{self._host}:{self._port}"
        if isinstance(exc, TimeoutError):
            return StepResult(
                step, Status.FAIL, f"no answer from {where}", Cause.PORT_BLOCKED, "timed out"
            )
        if isinstance(exc, ConnectionRefusedError):
            return StepResult(
                step, Status.FAIL, f"{where} refused the connection", Cause.REFUSED, str(exc)
            )
        if isinstance(exc, ssl.SSLError):
            return StepResult(step, Status.FAIL, "the TLS handshake failed", Cause.TLS, str(exc))
        return StepResult(
            step, Status.FAIL, f"cannot connect to {where}", Cause.REFUSED, str(exc) or repr(exc)
        )

    # -- 3. WebSocket ----
    async def _websocket(self) -> StepResult:
        try:
            context = self._ssl_context() if self._secure else None
        except TransportError as exc:
            return StepResult(
                Step.WEBSOCKET,
                Status.FAIL,
                "the CA file cannot be used",
                Cause.CERTIFICATE,
                str(exc),
            )
        transport = WebSocketTransport(
            self.target.server,
            on_message=lambda _data: None,
            on_close=lambda _code, _reason: None,
            ssl_context=context,
            open_timeout=self._timeout,
            ping_interval=None,
        )
        began = time.monotonic()
        try:
            await transport.connect()
        except TransportError as exc:
            return StepResult(
                Step.WEBSOCKET,
                Status.FAIL,
                "the WebSocket connection failed",
                cause=_transport_cause(exc.kind),
                detail=str(exc),
            )
        took = time.monotonic() - began
        await transport.close()
        return StepResult(
            Step.WEBSOCKET,
            Status.OK,
            "connected (subprotocol sip)",
            figures=(("Connect and upgrade", _ms(took)),),
        )

    # -- 4. REGISTER ----
    def _make_client(self) -> Client:
        if self._client_factory is not None:
            return self._client_factory()
        from ..api.client import Client

        t = self.target
        return Client(
            # The log level is process-wide: the check's client keeps the one in force.
            {"debug": _current_debug_level()},
            server=t.server,
            domain=t.domain,
            ca_file=t.ca_file,
            insecure_tls=t.insecure_tls,
            ice_servers=self.ice_servers or None,
            allowed_addresses=t.allowed_addresses,
            insights_path=":memory:",  # the check's call is not the user's history
            connect_timeout=self._timeout,
        )

    async def _register(self) -> StepResult:
        client = self._client = self._make_client()
        stamps: dict[str, float] = {}
        failures: list[str] = []
        client.on("onWebSocketConnected", lambda *_: stamps.setdefault("ws", time.monotonic()))
        client.on("onLogin", lambda *_: stamps.setdefault("login", time.monotonic()))
        client.on("onLoginFailed", lambda cause, *_: failures.append(str(cause)))
        try:
            async with asyncio.timeout(self._timeout * 3):
                if self.target.token:
                    ok = await client.login_with_access_token(self.target.secret)
                else:
                    ok = await client.login(self.target.user, self.target.secret)
        except TimeoutError:
            return StepResult(
                Step.REGISTER,
                Status.FAIL,
                "the server did not answer the REGISTER",
                Cause.SERVER,
                "timed out",
            )
        if not ok:
            cause_text = failures[-1] if failures else ""
            detail = client.last_error or cause_text
            cause = Cause.SERVER
            if cause_text in ("Authentication Error", "Rejected", "Not Found") or any(
                f"({code})" in detail for code in (401, 403, 404, 407)
            ):
                cause = Cause.CREDENTIALS
            summary = f"registration refused: {cause_text or 'no reason given'}"
            return StepResult(Step.REGISTER, Status.FAIL, summary, cause=cause, detail=detail)
        figures = []
        if "ws" in stamps and "login" in stamps:
            figures.append(("Round trip (with the challenge)", _ms(stamps["login"] - stamps["ws"])))
        contact = client.get_contact_uri()
        if contact:
            figures.append(("Contact", contact))
        return StepResult(
            Step.REGISTER, Status.OK, f"registered as {client.username}", figures=tuple(figures)
        )

    # -- 5. STUN/TURN ----
    async def _ice(self) -> StepResult:
        import aioice.ice

        from ...media.gathering import GatheringWindow, gathering_window
        from ...media.interfaces import host_addresses

        servers = [url for s in self.ice_servers for url in s.get("urls", [])]
        stun = next((_ice_url(u) for u in servers if u.lower().startswith("stun:")), None)
        turn_entry = next(
            (s for s in self.ice_servers if any(u.lower().startswith("turn") for u in s["urls"])),
            None,
        )
        turn = None
        if turn_entry is not None:
            turn = _ice_url(next(u for u in turn_entry["urls"] if u.lower().startswith("turn")))
        kwargs: dict[str, Any] = {}
        if stun is not None:
            kwargs["stun_server"] = (stun.host, stun.port)
        if turn is not None and turn_entry is not None:
            kwargs.update(
                turn_server=(turn.host, turn.port),
                turn_username=turn_entry["username"],
                turn_password=turn_entry["credential"],
                turn_ssl=turn.secure,
                turn_transport=turn.transport,
            )
        connection = aioice.ice.Connection(ice_controlling=True, components=1, **kwargs)
        began = time.monotonic()
        try:
            with (
                host_addresses(self.target.allowed_addresses),
                gathering_window(GatheringWindow(ICE_GATHER_TIMEOUT)),
            ):
                await connection.gather_candidates()
            candidates = list(connection.local_candidates)  # close() forgets them
        except (OSError, ValueError) as exc:
            return StepResult(Step.ICE, Status.FAIL, "no candidates", Cause.SERVER, str(exc))
        finally:
            took = time.monotonic() - began
            await connection.close()
        types = [c.type for c in candidates]
        counts = {kind: types.count(kind) for kind in ("host", "srflx", "relay") if kind in types}
        figures = [
            ("Candidates", ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "none"),
            ("Gathering", _ms(took)),
        ]
        relays = [c for c in candidates if c.type == "relay"]
        if relays:
            figures.append(("Relay address", f"{relays[0].host}:{relays[0].port}"))
        if "host" not in counts:
            return StepResult(
                Step.ICE,
                Status.FAIL,
                "no local address to send media from",
                Cause.SERVER,
                "check the media address setting",
                tuple(figures),
            )
        problems: list[str] = []
        cause: Cause | None = None
        detail = ""
        if stun is not None and "srflx" not in counts:
            problems.append(f"no answer from STUN server {stun.host}:{stun.port}")
            cause = Cause.PORT_BLOCKED
        if turn is not None and turn_entry is not None and "relay" not in counts:
            turn_cause, detail = await self._probe_turn(turn, turn_entry)
            problems.append(f"no relay from TURN server {turn.host}:{turn.port}")
            cause = turn_cause
        if problems:
            return StepResult(
                Step.ICE, Status.WARN, "; ".join(problems), cause, detail, tuple(figures)
            )
        if turn is not None:
            summary = "STUN/TURN reachable; relay allocated"
        elif stun is not None:
            summary = "STUN server reachable"
        else:
            summary = "no STUN/TURN server configured: host candidates only"
        return StepResult(Step.ICE, Status.OK, summary, figures=tuple(figures))

    async def _probe_turn(self, turn: _IceUrl, entry: Mapping[str, Any]) -> tuple[Cause, str]:
        """Why the TURN server gave no relay: one allocation, its error kept."""
        import aioice.stun
        import aioice.turn

        try:
            async with asyncio.timeout(ICE_GATHER_TIMEOUT):
                transport, _protocol = await aioice.turn.create_turn_endpoint(
                    asyncio.DatagramProtocol,
                    (turn.host, turn.port),
                    entry["username"],
                    entry["credential"],
                    ssl=turn.secure,
                    transport=turn.transport,
                )
        except TimeoutError:
            return Cause.PORT_BLOCKED, "the TURN server did not answer"
        except aioice.stun.TransactionTimeout:
            return Cause.PORT_BLOCKED, "the TURN server did not answer"
        except aioice.stun.TransactionFailed as exc:
            code = exc.response.attributes.get("ERROR-CODE", (0, ""))
            if code[0] in (401, 403, 431, 441):
                return Cause.TURN_CREDENTIALS, f"TURN error {code[0]} {code[1]}"
            return Cause.SERVER, f"TURN error {code[0]} {code[1]}"
        except ssl.SSLCertVerificationError as exc:
            return Cause.CERTIFICATE, exc.verify_message or str(exc)
        except ConnectionRefusedError as exc:
            return Cause.REFUSED, str(exc)
        except (OSError, ssl.SSLError) as exc:
            return Cause.REFUSED, str(exc)
        transport.close()
        return Cause.NO_RELAY, "the relay works now (it did not answer in time while gathering)"

    # -- 6. the echo call ----
    async def _echo(self, ice: StepResult) -> StepResult:
        destination = self.target.echo_destination
        client = self._client
        if not destination:
            return _skipped(Step.ECHO, "no echo destination set")
        assert client is not None
        from ...media.tracks import GeneratedAudioTrack

        samples: list[Mapping[str, Any]] = []
        events = {n: asyncio.Event() for n in ("answered", "media", "over")}
        failure: list[str] = []

        def failed(cause: Any, *_: Any) -> None:
            failure.append(str(cause))
            events["over"].set()

        client.audio_source_factory = lambda: GeneratedAudioTrack(440)
        client.on("onCallAnswered", lambda *_: events["answered"].set())
        client.on("onMediaConnected", lambda *_: events["media"].set())
        client.on("onCallFailed", failed)
        client.on("onCallTerminated", lambda *_: events["over"].set())
        client.quality.sample_listeners.append(lambda _uuid, values: samples.append(values))
        if not await client.call(destination):
            return StepResult(
                Step.ECHO,
                Status.FAIL,
                f"the call to {destination} could not start",
                cause=Cause.ECHO_TARGET,
            )
        began = time.monotonic()
        try:
            answered = await _first(events["answered"], events["over"], ANSWER_TIMEOUT)
            if answered is not events["answered"]:
                why = f"failed: {failure[-1]}" if failure else "did not answer"
                return StepResult(
                    Step.ECHO,
                    Status.FAIL,
                    f"the call to {destination} {why}",
                    cause=Cause.ECHO_TARGET,
                )
            media = await _first(events["media"], events["over"], MEDIA_TIMEOUT)
            if media is not events["media"]:
                return self._no_media(destination, ice)
            connected_after = time.monotonic() - began
            session = client.calls.current
            path = _media_path(session.media.pc if session and session.media else None)
            samples.clear()
            # The call's own 1 s quality samples, for the whole measuring time.
            try:
                async with asyncio.timeout(self.target.echo_seconds):
                    await events["over"].wait()
            except TimeoutError:
                pass
            if events["over"].is_set():
                return StepResult(
                    Step.ECHO,
                    Status.FAIL,
                    f"the call to {destination} ended early",
                    cause=Cause.ECHO_TARGET,
                )
        finally:
            if client.calls.current is not None:
                await client.hangup()
        figures = dataclasses.replace(summarise(samples, self.target.echo_seconds), path=path)
        self.report.echo = figures
        level, problems = rate_echo(figures)
        words = [
            ("Connected after", _ms(connected_after)),
            ("Round trip (RTT)", _fmt(figures.rtt_ms, "ms")),
            ("Jitter", _fmt(figures.jitter_ms, "ms")),
            ("Packet loss", _fmt(figures.loss_percent, "%", 1)),
            ("MOS", _fmt(figures.mos, "", 2)),
            ("Samples", str(figures.samples)),
            ("Media path", _PATH_WORDS.get(path or "", "not known")),
        ]
        if level is Status.OK:
            summary = f"{self.target.echo_seconds:.0f} s call to {destination}: good"
        else:
            summary = (
                f"{self.target.echo_seconds:.0f} s call to {destination}: {join_words(problems)}"
            )
        cause = None if level is Status.OK else Cause.POOR_NETWORK
        if level is Status.FAIL:
            level = Status.WARN  # measured: the verdict says how poor, not "will not work"
        return StepResult(Step.ECHO, level, summary, cause, figures=tuple(words))

    def _no_media(self, destination: str, ice: StepResult) -> StepResult:
        has_relay = any(label == "Relay address" for label, _ in ice.figures)
        if has_relay:
            cause, detail = Cause.PORT_BLOCKED, "even the relay's path carried no media"
        else:
            cause, detail = Cause.NO_RELAY, "no TURN relay candidate was gathered"
        return StepResult(
            Step.ECHO,
            Status.FAIL,
            f"the call to {destination} was answered, but its media never connected",
            cause=cause,
            detail=detail,
        )


# -- helpers ----
@dataclass(frozen=True)
class _IceUrl:
    host: str
    port: int
    transport: str
    secure: bool


def _ice_url(url: str) -> _IceUrl:
    scheme, _, rest = url.partition(":")
    rest, _, query = rest.partition("?")
    host, _, port = rest.partition(":")
    scheme = scheme.lower()
    transport = query.partition("=")[2].lower() if query else ""
    secure = scheme == "turns"
    if not transport:
        transport = "tcp" if secure else "udp"
    default = 5349 if secure else 3478
    return _IceUrl(host, int(port) if port else default, transport, secure)


_PATH_WORDS = {
    "host": "direct",
    "srflx": "through a NAT (found by STUN)",
    "prflx": "through a NAT",
    "relay": "through the TURN relay",
}


def _media_path(pc: Any) -> str | None:
    """The candidate type of our end of the nominated pair. aiortc and aioice show the
    pair nowhere public (the tests' selected_pair reads it the same way); when a version
    moves it, the report says "not known" rather than failing."""
    try:
        transport = pc.getTransceivers()[0].sender.transport.transport
        pair = transport._connection._nominated[1]  # component 1: RTP and RTCP muxed
        return str(pair.local_candidate.type)
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def _current_debug_level() -> str:
    level = logging.getLogger(ROOT_LOGGER).level
    names = [name for name, value in DEBUG_LEVELS.items() if value == level]
    return names[0] if names else "WARN"


def _transport_cause(kind: FailureKind) -> Cause:
    return {
        FailureKind.CERTIFICATE: Cause.CERTIFICATE,
        FailureKind.TLS: Cause.TLS,
        FailureKind.REFUSED: Cause.REFUSED,
        FailureKind.TIMEOUT: Cause.PORT_BLOCKED,
        FailureKind.HANDSHAKE: Cause.NOT_WEBSOCKET,
        FailureKind.BAD_URL: Cause.SERVER,
    }[kind]


def _certificate_figures(der: bytes | None) -> list[tuple[str, str]]:
    """Subject, issuer, expiry and names of a DER certificate (cryptography comes with
    aiortc)."""
    if not der:
        return []
    try:
        from cryptography import x509
        from cryptography.x509.oid import ExtensionOID
    except ImportError:
        return []
    cert = x509.load_der_x509_certificate(der)
    figures = [
        ("Certificate subject", cert.subject.rfc4514_string() or "(empty)"),
        ("Issued by", cert.issuer.rfc4514_string() or "(empty)"),
        ("Valid until", cert.not_valid_after_utc.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    try:
        names = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
        san = names.value
        assert isinstance(san, x509.SubjectAlternativeName)
        listed = [str(n) for n in san.get_values_for_type(x509.DNSName)]
        listed += [str(a) for a in san.get_values_for_type(x509.IPAddress)]
        figures.append(("Names", ", ".join(listed)))
    except x509.ExtensionNotFound:
        pass
    return figures


def _skipped(step: Step, why: str) -> StepResult:
    return StepResult(step, Status.SKIPPED, f"not run: {why}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _fmt(value: float | None, unit: str, digits: int = 0) -> str:
    if value is None:
        return "not measured"
    return f"{value:.{digits}f}{' ' + unit if unit else ''}"


async def _first(a: asyncio.Event, b: asyncio.Event, timeout: float) -> asyncio.Event | None:
    """Whichever of *a* and *b* is set first (None after *timeout* s)."""
    waits = {asyncio.ensure_future(a.wait()): a, asyncio.ensure_future(b.wait()): b}
    try:
        await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waits:
            task.cancel()
    if a.is_set():
        return a
    if b.is_set():
        return b
    return None


__all__ = [
    "ECHO_SECONDS",
    "Cause",
    "CheckReport",
    "CheckTarget",
    "EchoFigures",
    "NetworkCheck",
    "Status",
    "Step",
    "StepListener",
    "StepResult",
    "Verdict",
    "cause_words",
    "rate_echo",
    "render_report",
    "step_title",
    "summarise",
    "verdict",
]
