"""One call's media: an aiortc RTCPeerConnection with full (non-trickle) SDP.

ICE servers come only from the caller's list (aiortc would otherwise add a public STUN
server), host candidates can be limited to chosen addresses, candidate gathering is cut
after ``MediaConfig.gathering_timeout`` (:mod:`.gathering`), Opus is preferred then PCMU,
and the Opus ``maxaveragebitrate`` goes into the SDP.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import aioice
from aiortc import (
    RTCConfiguration,
    RTCIceServer,
    RTCPeerConnection,
    RTCRtpSender,
    RTCSessionDescription,
)

from . import audio_level as _audio_level  # noqa: F401 - installs the fast level meter
from .config import MediaConfig, MediaError
from .dscp import mark_expedited_forwarding
from .dtmf import Rfc4733Receiver, attach
from .dtmf_send import Rfc4733Packetiser, attach_sender
from .gathering import GatheringWindow, gathering_window
from .inband_dtmf import GAP_MS, ToneMixingTrack
from .inline_codec import decode_inline, encode_inline
from .interfaces import host_addresses
from .jitter import use_pass_through_buffer
from .opus import FecPolicy, OpusSettings, opus_settings
from .sdp import (
    OFFERED_EVENTS,
    add_telephone_events,
    clock_rates,
    codec_names,
    event_payload_types,
    only_listed_formats,
    set_opus_parameters,
    telephone_events,
    transport_identity,
)
from .tracks import AudioMeter, EchoTrack, GeneratedAudioTrack, MutableSourceTrack
from .wavfile import WavFileTrack

AudioSource = GeneratedAudioTrack | EchoTrack | WavFileTrack | MutableSourceTrack
#: How often (s) the far end's loss reports are looked at for FEC.
LOSS_WATCH_INTERVAL = 1.0


# What aiortc raises on SDP it can't use (a payload type without rtpmap even surfaces as
# StopIteration turned RuntimeError, and its parser asserts on a c= line that is not
# "IN IP4|IP6 <address>"): all mean "this SDP can't be negotiated".
_SDP_ERRORS = (ValueError, AttributeError, KeyError, IndexError, RuntimeError, AssertionError)


def _require_fingerprint(sdp: str, kind: str) -> None:
    """aiortc takes an SDP without a DTLS fingerprint, then its connect task fails on an
    assert in the background ("Task exception was never retrieved") and the call waits
    for media that never comes: refuse it here, as the SDK can then answer 488."""
    if not any(name == "fingerprint" for name, _ in transport_identity(sdp)):
        raise MediaError(f"the {kind} has no DTLS fingerprint (a=fingerprint)")


def _reason(exc: BaseException) -> str:
    """What went wrong, for the log and the call's failure: aiortc's parser asserts with
    no message on malformed lines, which would leave an empty reason."""
    return str(exc) or f"malformed SDP ({type(exc).__name__})"


class MediaSession:
    """Offer/answer and the audio of one call."""

    def __init__(self, config: MediaConfig, source: AudioSource | None = None) -> None:
        self.config = config
        servers = [
            RTCIceServer(
                urls=s["urls"],  # type: ignore[arg-type]
                username=s.get("username"),  # type: ignore[arg-type]
                credential=s.get("credential"),  # type: ignore[arg-type]
            )
            for s in config.ice_servers
        ]
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=servers))
        self.source: AudioSource = source or GeneratedAudioTrack()
        # What the far end gets: the source, with in-band DTMF tones mixed in on demand.
        self._outgoing = ToneMixingTrack(self.source)
        self._packetiser: Rfc4733Packetiser | None = None
        self._events: dict[int, int] = {}  # the negotiated telephone-event types
        self._gathered: frozenset[str] = frozenset()  # see gathered_addresses
        self.meter = AudioMeter()
        self.on_connected: Callable[[], None] | None = None
        # (tone, duration ms) for each RFC 4733 key press the far end sends
        self.on_dtmf: Callable[[str, int], None] | None = None
        self.on_ice_state: Callable[[str], None] | None = None
        self.connected = False  # ICE has connected at least once
        # The gathering time limit; its ``cut`` turns True when the limit was hit and the
        # SDP went out without every server's candidates (the SDK reports ``ice_timeout``).
        self.gathering = (
            GatheringWindow(config.gathering_timeout)
            if config.gathering_timeout is not None
            else None
        )
        self.opus = OpusSettings(bitrate=config.max_average_bitrate)
        self._fec = FecPolicy()
        self._loss_watch: asyncio.Task[None] | None = None
        self.pc.on("track", self._on_track)
        self.pc.on("iceconnectionstatechange", self._on_ice_change)

    def _on_track(self, track: object) -> None:
        if isinstance(self.source, EchoTrack):
            self.meter.listeners.append(self.source.feed)
        self.meter.consume(track)  # type: ignore[arg-type]

    def _on_ice_change(self) -> None:
        state = self.pc.iceConnectionState
        if self.on_ice_state is not None:
            self.on_ice_state(state)
        if state in ("completed", "connected") and not self.connected:
            self.connected = True
            if self.config.dscp:
                mark_expedited_forwarding(self.pc)
            self._loss_watch = asyncio.get_running_loop().create_task(
                self._watch_loss(), name="opus-fec"
            )
            if self.on_connected is not None:
                self.on_connected()

    async def _watch_loss(self) -> None:
        """In-band FEC on while the far end reports loss (its RTCP receiver reports)."""
        while self.pc.connectionState != "closed":
            await asyncio.sleep(LOSS_WATCH_INTERVAL)
            stats = await self.pc.getStats()
            reports = [s for s in stats.values() if s.type == "remote-inbound-rtp"]
            if reports:
                lost = sum(r.packetsLost for r in reports)
                received = sum(r.packetsReceived for r in reports)
                self.opus.expected_loss = self._fec.update(lost, received)

    def _add_audio(self) -> None:
        transceiver = self.pc.addTransceiver(self._outgoing, direction="sendrecv")
        wanted = codec_names(self.config.codecs)
        available = RTCRtpSender.getCapabilities("audio").codecs
        ordered = [c for name in wanted for c in available if c.mimeType.lower() == name.lower()]
        if ordered:
            transceiver.setCodecPreferences(ordered)
        self._tune_transceivers()

    def _tune_transceivers(self) -> None:
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "audio":
                encode_inline(transceiver.sender)
                decode_inline(transceiver.receiver)
                if self.config.pass_through_receive:
                    use_pass_through_buffer(transceiver.receiver)

    def _local_sdp(self, events: dict[int, int]) -> str:
        description = self.pc.localDescription
        assert description is not None
        sdp = set_opus_parameters(
            description.sdp, max_average_bitrate=self.config.max_average_bitrate
        )
        return add_telephone_events(sdp, events)

    def _use_events(self, events: dict[int, int], remote_sdp: str) -> None:
        """Divert the negotiated telephone-event packets to us, away from aiortc, and
        get ready to send events on the same clock as the audio."""
        self._events = events
        transceivers = self.pc.getTransceivers()
        if not events or not transceivers:
            self._packetiser = None
            return
        attach(transceivers[0].receiver.transport, Rfc4733Receiver(events, self._tone))
        self._packetiser = Rfc4733Packetiser(
            event_payload_types(remote_sdp, events), clock_rates(remote_sdp)
        )
        attach_sender(transceivers[0].sender.transport, self._packetiser)

    @property
    def telephone_events(self) -> bool:
        """True when DTMF can go as RFC 4733 events: the far end negotiated them on the
        clock of the codec we send. A peer that offers only telephone-event/8000 while we
        send Opus (48 kHz) gets none: events share their stream's clock (RFC 4733 §2.1),
        so they could only ride on PCMU packets, which are never sent; the digit then goes
        as an in-band tone."""
        if self._packetiser is None:
            return False
        transceivers = self.pc.getTransceivers()
        # aiortc sends the first negotiated codec; it keeps the list only privately.
        codecs = getattr(transceivers[0], "_codecs", None) if transceivers else None
        sending = codecs[0].payloadType if codecs else None
        return self._packetiser.can_send(sending)

    async def send_dtmf(self, tone: str, duration_ms: int = 100) -> bool:
        """Sends *tone* in the media: as an RFC 4733 event when negotiated, else as a
        dual tone mixed into the audio. Returns when it has been sent (False if the
        media is not flowing)."""
        loop = asyncio.get_running_loop()
        if self._packetiser is not None and self.telephone_events:
            sent: asyncio.Future[None] = loop.create_future()

            def done() -> None:
                if not sent.done():
                    sent.set_result(None)

            self._packetiser.queue(tone, duration_ms, done)
            # Events ride on outgoing packets: without media flowing nothing is sent.
            try:
                await asyncio.wait_for(sent, timeout=2.0 + duration_ms / 1000)
            except TimeoutError:
                return False
            return True
        self._outgoing.queue(tone, duration_ms)
        deadline = loop.time() + 2.0 + duration_ms / 1000
        while self._outgoing.busy and loop.time() < deadline:
            await asyncio.sleep((duration_ms + GAP_MS) / 4000)
        return not self._outgoing.busy

    def _tone(self, tone: str, duration_ms: int) -> None:
        if self.on_dtmf is not None:
            self.on_dtmf(tone, duration_ms)

    def _context(self) -> contextlib.ExitStack:
        """ICE address choice and Opus bitrate for work aiortc starts in this call."""
        stack = contextlib.ExitStack()
        stack.enter_context(host_addresses(self.config.allowed_addresses))
        stack.enter_context(gathering_window(self.gathering))
        stack.enter_context(opus_settings(self.opus))
        return stack

    async def create_offer(self) -> str:
        self._add_audio()
        with self._context():
            await self.pc.setLocalDescription(await self.pc.createOffer())
        return self._local_sdp(OFFERED_EVENTS)

    async def accept_offer(self, sdp: str) -> str:
        """Answer a remote offer; raises :class:`MediaError` if it can't be negotiated."""
        sdp = only_listed_formats(sdp)
        _require_fingerprint(sdp, "offer")
        try:
            with self._context():
                await self.pc.setRemoteDescription(RTCSessionDescription(sdp, "offer"))
            transceivers = self.pc.getTransceivers()
            if transceivers:
                transceivers[0].sender.replaceTrack(self._outgoing)
                transceivers[0].direction = "sendrecv"
                self._tune_transceivers()
            else:
                self._add_audio()
            with self._context():
                await self.pc.setLocalDescription(await self.pc.createAnswer())
        except _SDP_ERRORS as exc:
            raise MediaError(f"cannot answer the offer: {_reason(exc)}") from exc
        events = telephone_events(sdp)
        self._use_events(events, sdp)
        return self._local_sdp(events)

    def keeps_transport(self, offer: str) -> bool:
        """Whether a re-offer keeps the peer's ICE credentials and DTLS fingerprint, so it
        can be answered on this connection (:meth:`accept_reoffer`); a peer that restarts
        ICE or DTLS needs a new one, as aiortc has no ICE restart."""
        remote = self.pc.remoteDescription
        if remote is None:
            return False
        return transport_identity(only_listed_formats(offer)) == transport_identity(remote.sdp)

    async def accept_reoffer(self, sdp: str) -> str:
        """Answer an offer made within the call (hold, resume, a gateway's refresh) on this
        peer connection: the same ICE credentials and DTLS fingerprint go back, so a
        gateway keeps its media path, and the offer's direction is honoured (``sendonly``
        is answered ``recvonly`` and we stop sending; ``inactive`` stops both ways).
        Raises :class:`MediaError` if it can't be negotiated."""
        sdp = only_listed_formats(sdp)
        try:
            with self._context():
                await self.pc.setRemoteDescription(RTCSessionDescription(sdp, "offer"))
                await self.pc.setLocalDescription(await self.pc.createAnswer())
        except _SDP_ERRORS as exc:
            raise MediaError(f"cannot answer the re-offer: {_reason(exc)}") from exc
        events = telephone_events(sdp)
        self._use_events(events, sdp)
        return self._local_sdp(events)

    async def create_reoffer(self) -> str:
        """An offer on this connection (same ICE credentials and fingerprint), for a peer
        that re-INVITEs without SDP (RFC 3261 §14.2: the offer goes in our 2xx and the
        answer comes in its ACK, :meth:`accept_answer`)."""
        try:
            with self._context():
                await self.pc.setLocalDescription(await self.pc.createOffer())
        except _SDP_ERRORS as exc:
            raise MediaError(f"cannot make an offer: {_reason(exc)}") from exc
        return self._local_sdp(self._events)

    async def accept_answer(self, sdp: str) -> None:
        sdp = only_listed_formats(sdp)
        _require_fingerprint(sdp, "answer")
        try:
            with self._context():
                await self.pc.setRemoteDescription(RTCSessionDescription(sdp, "answer"))
        except _SDP_ERRORS as exc:
            raise MediaError(f"cannot use the answer: {_reason(exc)}") from exc
        answered = telephone_events(sdp)
        self._use_events({pt: r for pt, r in answered.items() if pt in OFFERED_EVENTS}, sdp)

    def _ice_connection(self) -> aioice.Connection | None:
        # aiortc keeps its aioice connection private; it is the only place that knows
        # which addresses were gathered and which pair ICE chose.
        transceivers = self.pc.getTransceivers()
        if not transceivers:
            return None
        dtls = transceivers[0].sender.transport
        ice = getattr(dtls, "transport", None)
        gatherer = getattr(ice, "iceGatherer", None)
        connection = getattr(gatherer, "_connection", None)
        return connection if isinstance(connection, aioice.Connection) else None

    @property
    def local_address(self) -> str | None:
        """The local address this call's media goes out from: the host candidate of the
        pair ICE selected. None before ICE chose a pair, after it closed, and on a
        relayed path (its socket's address is the TURN client's, not a candidate's)."""
        connection = self._ice_connection()
        pair = connection._nominated.get(1) if connection is not None else None
        if pair is None or pair.local_candidate.type != "host":
            return None
        return str(pair.local_candidate.host)

    @property
    def gathered_addresses(self) -> frozenset[str]:
        """The local addresses this connection gathered host candidates on, also after
        ICE has failed or closed (aioice then forgets its candidates, and a watch that
        took that for "gathered on nothing" would see every address as new)."""
        connection = self._ice_connection()
        if connection is not None:
            hosts = frozenset(c.host for c in connection.local_candidates if c.type == "host")
            if hosts:
                self._gathered = hosts
        return self._gathered

    @property
    def frames_received(self) -> int:
        """Audio frames decoded from the far end so far."""
        return self.meter.frames

    def set_muted(self, muted: bool) -> None:
        self.source.muted = muted

    async def close(self) -> None:
        self.meter.stop()
        if self._loss_watch is not None:
            self._loss_watch.cancel()
        await self.pc.close()
