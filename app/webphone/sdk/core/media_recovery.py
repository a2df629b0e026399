"""A call's media after the network under it changed: the re-INVITE with a new peer
connection after a reconnect, a sleep or an address change (aiortc has no ICE restart),
and the two watches of an answered call (the host's addresses, and the far end's
silence: :mod:`.address_change`, :mod:`.media_timeout`)."""

from __future__ import annotations

import asyncio
import math
import time

from ...media.config import MediaError
from .address_change import AddressWatch, WatchedMedia
from .call import CallSession, CallState
from .call_core import CallCore
from .log import get_logger
from .media_timeout import CountedMedia, MediaTimeoutWatch, on_hold
from .session_refresh import SessionRefresher
from .session_timer import SessionTimerError, from_response, request_headers
from .useragent import RequestTimeout

log = get_logger("webphone.sdk.core.calls")


class MediaRecovery:
    """Moves the current call's media to a new peer connection when the network under
    it changed, and watches the answered call's addresses and incoming media."""

    def __init__(self, core: CallCore, refresher: SessionRefresher) -> None:
        self._core = core
        self._refresher = refresher
        # The re-INVITE moving the current call's media, if one is out (one at a time).
        self._restart: asyncio.Task[bool] | None = None
        # Polls the host's addresses while a call is answered (never while idle).
        self._address_watch: asyncio.Task[None] | None = None
        # Ends an answered call whose far end has sent nothing for a while (never idle).
        self._media_watch: asyncio.Task[None] | None = None
        # When (monotonic s) the signalling was lost, until the recovery after it runs,
        # and when a call's media was last moved to a new peer connection: that
        # recovery skips a call whose media was already moved over the new connection.
        self._lost_at: float | None = None
        self._moved_at = -math.inf
        core.finish_hooks.append(self._finished)

    @property
    def current(self) -> CallSession | None:
        return self._core.registry.current

    def signalling_up(self) -> bool:
        return self._core.ua.transport is not None

    def timeout_disabled(self) -> bool:
        """The application turned the media timeout off (``disableRtpTimeOut``)."""
        return bool(self._core.host.options["disableRtpTimeOut"])

    def connection_lost(self) -> None:
        """The signalling went: the recovery after the reconnect needs to know when."""
        self._lost_at = time.monotonic()

    def watch(self, session: CallSession) -> None:
        """*session* is answered: watch its addresses and its incoming media."""
        self._watch_addresses(session)
        self._watch_media(session)

    def _finished(self, session: CallSession) -> None:
        if self._core.registry.current is not None:
            return
        # Dropped, not only cancelled: a cancelled task keeps its traceback, and with it
        # the watcher's frame and the ended call's media, until the next call.
        for watch in (self._address_watch, self._media_watch):
            if watch is not None:
                watch.cancel()
        self._address_watch = self._media_watch = None

    async def recover(self) -> None:
        """Re-INVITE the answered call in its dialog with a fresh peer connection, after a
        reconnect or a sleep: the network under the media may be another one now.

        When a restart of the media is already out (the host's address changed, see
        :meth:`restart_media`), this waits for it rather than sending a second re-INVITE,
        and sends its own only if that one failed (its transaction dies with the old
        connection); one that already moved the media over the new connection (the
        address watch can be quicker than the re-REGISTER) leaves nothing to do.
        """
        lost, self._lost_at = self._lost_at, None
        session = self._core.registry.current
        if session is None or session.state is not CallState.ANSWERED or session.dialog is None:
            return
        if lost is not None and self._moved_at > lost:
            log.info("call %s: media already moved since the reconnect", session.call_uuid)
            return
        await self.restart_media(session, "recovering the call", again=True)

    async def restart_media(self, session: CallSession, why: str, *, again: bool = False) -> bool:
        """Move the call's media to a new peer connection with a re-INVITE; whether it
        was moved. One at a time per client: a request while one is out takes that
        one's outcome, or with *again* sends its own once that one failed."""
        running = self._restart
        if (
            running is not None
            and not running.done()
            and (await asyncio.shield(running) or not again)
        ):
            return running.result()
        if session.is_over or session.state is not CallState.ANSWERED:
            return False
        task = self._core.tasks.spawn(self._reinvite_new_media(session, why), "sip-media-restart")
        self._restart = task
        return await asyncio.shield(task)

    async def _reinvite_new_media(self, session: CallSession, why: str) -> bool:
        """aiortc has no ICE restart, so the new offer comes from a new RTCPeerConnection
        (gathered on the addresses the host has now, with new ICE credentials); the old
        one is closed once the answer is in."""
        if session.dialog is None or session.reinvite_pending:
            return False
        log.info("call %s: re-INVITE with new media (%s)", session.call_uuid, why)
        media = self._core.media(session)
        registration = self._core.host.registration
        session.reinvite_pending = True
        try:
            offer = await media.create_offer()
            extra = [("Contact", registration.dialog_contact)] if registration else []
            negotiated = session.timer.negotiated if session.timer is not None else None
            if negotiated is not None:
                # This re-INVITE refreshes the session too (RFC 4028 §7.4): keep its roles.
                extra += [
                    *request_headers(negotiated.interval, refresher=negotiated.we_refresh),
                    ("Supported", "timer"),
                ]
            invite = session.dialog.create_request(
                "INVITE",
                self._core.ua.via(),
                body=offer.encode(),
                content_type="application/sdp",
                extra_headers=extra,
            )
            response = await self._core.ua.request(invite, timeout=32)
        except (MediaError, RequestTimeout) as exc:
            log.warning("call recovery failed: %s", exc)
            await media.close()
            return False
        finally:
            session.reinvite_pending = False
        if not 200 <= response.status < 300 or session.is_over:
            log.warning("call recovery refused: %s %s", response.status, response.reason)
            await media.close()
            return False
        self._core.ua.send(
            session.dialog.create_request("ACK", self._core.ua.via(), cseq=invite.cseq.number)
        )
        try:
            await media.accept_answer(response.text_body)
        except MediaError as exc:
            log.warning("call recovery answer unusable: %s", exc)
            await media.close()
            return False
        self._core.swap_media(session, media)
        self._moved_at = time.monotonic()
        try:
            self._refresher.start(session, from_response(response))
        except SessionTimerError as exc:
            log.warning("recovery 2xx: %s", exc)
        log.info("call %s recovered on a new connection", session.call_uuid)
        return True

    def _watch_addresses(self, session: CallSession) -> None:
        """Poll the host's addresses while *session* is answered (see
        :mod:`.address_change`); a call's media moves when its address goes."""
        if self._address_watch is not None and not self._address_watch.done():
            self._address_watch.cancel()
        watch = AddressWatch(
            _WatchedSession(self, session),
            self._gatherable_addresses,
            label=session.call_uuid,
        )
        self._address_watch = self._core.tasks.spawn(watch.run(), "call-address-watch")

    def _watch_media(self, session: CallSession) -> None:
        """End *session* when its far end sends nothing for a while (see
        :mod:`.media_timeout`)."""
        if self._media_watch is not None and not self._media_watch.done():
            self._media_watch.cancel()
        watch = MediaTimeoutWatch(_TimedSession(self, session), label=session.call_uuid)
        self._media_watch = self._core.tasks.spawn(watch.run(), "call-media-timeout")

    def media_expected(self, session: CallSession) -> bool:
        """Whether *session*'s far end should be sending now: the signalling is up (a
        reconnect's recovery may bring new media), no re-INVITE is setting the media up
        afresh, and the far end's SDP does not hold the call."""
        if self._core.ua.transport is None or session.reinvite_pending:
            return False
        if self._restart is not None and not self._restart.done():
            return False
        media = session.media
        remote = media.pc.remoteDescription if media is not None else None
        return not on_hold(remote.sdp if remote is not None else None)

    def end_for_media_timeout(self, session: CallSession, reason: str) -> None:
        """The far end of *session* sent nothing for too long: BYE, onCallTerminated."""
        if session.is_over or session.dialog is None or session.state is not CallState.ANSWERED:
            return
        self._core.end_timed_out(session, reason)

    def _gatherable_addresses(self) -> frozenset[str]:
        from ...media.interfaces import gatherable_addresses  # loaded with the call's media

        return gatherable_addresses(self._core.host.allowed_addresses())


class _WatchedSession:
    """One answered call as :class:`.address_change.AddressWatch` sees it."""

    def __init__(self, recovery: MediaRecovery, session: CallSession) -> None:
        self._recovery = recovery
        self._session = session

    def media(self) -> WatchedMedia | None:
        session = self._session
        if session.is_over or self._recovery.current is not session:
            return None
        return session.media

    def signalling_up(self) -> bool:
        return self._recovery.signalling_up()

    async def restart(self, reason: str) -> bool:
        return await self._recovery.restart_media(self._session, reason)


class _TimedSession:
    """One answered call as :class:`.media_timeout.MediaTimeoutWatch` sees it."""

    def __init__(self, recovery: MediaRecovery, session: CallSession) -> None:
        self._recovery = recovery
        self._session = session

    def media(self) -> CountedMedia | None:
        session = self._session
        if session.is_over or self._recovery.current is not session:
            return None
        return session.media

    def media_expected(self) -> bool:
        return self._recovery.media_expected(self._session)

    def timeout_disabled(self) -> bool:
        return self._recovery.timeout_disabled()

    def timed_out(self, reason: str) -> None:
        self._recovery.end_for_media_timeout(self._session, reason)
