"""Demo bots: ordinary :class:`~webphone.sdk.Client` instances registered on the demo
service, so a newcomer has someone to call.

- ``echo`` answers and returns your audio and your DTMF;
- ``busy`` refuses with 486; ``noanswer`` lets it ring;
- ``ring`` declines your call and calls you back a second later;
- ``multi`` declines and rings you from three callers at once;
- ``voicemail`` answers with a beep and hangs up after a few seconds: if you had no new
  messages, it has "left" you one (your voicemail indicator counts it), else it has
  "played" them to you (they become old). Its address is the boxes' Message-Account.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..sdk import Client
from ..sdk.core.log import get_logger
from ..sdk.core.tasks import TaskOwner

if TYPE_CHECKING:
    from ..media.tracks import EchoTrack, GeneratedAudioTrack

log = get_logger(__name__)

BOT_NAMES = ("echo", "busy", "noanswer", "ring", "multi", "voicemail")
#: How long the voicemail bot's call lasts (s): long enough to hear the beep.
VOICEMAIL_SECONDS = 2.0
#: How long stopping waits for the bots' own tasks (an answer, a call-back) to unwind (s).
STOP_TIMEOUT = 2.0


class VoicemailDesk(Protocol):
    """What the voicemail bot needs of the demo service's mailboxes."""

    def new_voicemail(self, user: str) -> int: ...
    async def leave_voicemail(self, user: str) -> None: ...
    async def hear_voicemail(self, user: str) -> None: ...


MULTI_CALLERS = ("multi-1", "multi-2", "multi-3")


# The tracks are imported when a bot's call needs one: webphone.media.tracks pulls in
# aiortc and PyAV (~45 MB), which idle bots (and the desktop app hosting them) leave out.
def _echo_track() -> EchoTrack:
    from ..media.tracks import EchoTrack

    return EchoTrack()


def _tone_track() -> GeneratedAudioTrack:
    from ..media.tracks import GeneratedAudioTrack

    return GeneratedAudioTrack(523.25)


class DemoBots:
    """Starts every bot against a demo service and stops them again."""

    def __init__(
        self,
        url: str,
        domain: str,
        accounts: dict[str, str],
        allowed_addresses: Sequence[str] | None = ("127.0.0.1",),
        voicemail: VoicemailDesk | None = None,
    ) -> None:
        self.url = url
        self.voicemail = voicemail
        self.domain = domain
        self.accounts = accounts  # the service's live account table: bots add themselves
        self.allowed_addresses = list(allowed_addresses) if allowed_addresses else None
        self.clients: dict[str, Client] = {}
        self._tasks = TaskOwner()

    async def start(self) -> None:
        for name in (*BOT_NAMES, *MULTI_CALLERS):
            password = secrets.token_urlsafe(12)
            self.accounts[name] = password
            client = Client(
                {"debug": "WARN"},
                server=self.url,
                domain=self.domain,
                allowed_addresses=self.allowed_addresses,
                # The bots' side of a call is not the user's call history (same call UUID:
                # in the user's database the bot's record would take the user's place).
                insights_path=":memory:",
            )
            self.clients[name] = client
            self._wire(name, client)
            if not await client.login(name, password):
                raise RuntimeError(f"demo bot {name} could not log in: {client.last_error}")

    async def stop(self) -> None:
        await self._tasks.cancel_all(STOP_TIMEOUT)
        for client in self.clients.values():
            await client.close()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coro)

    def _wire(self, name: str, client: Client) -> None:
        if name == "echo":
            client.audio_source_factory = _echo_track
            client.on("onIncomingCall", lambda *_: self._spawn(client.answer()))
            client.on("onDtmfReceived", lambda dtmf: self._spawn(client.send_dtmf(dtmf["tone"])))
        elif name == "busy":
            client.on("onIncomingCall", lambda _c, _h, info, _n: client.reject(info["callUUID"]))
        elif name in ("ring", "multi"):
            client.on(
                "onIncomingCall", lambda caller, _h, info, _n: self._call_back(name, caller, info)
            )
        elif name in MULTI_CALLERS:
            client.audio_source_factory = _tone_track
        elif name == "voicemail":
            client.audio_source_factory = _tone_track
            client.on(
                "onIncomingCall",
                lambda caller, _h, _info, _n: self._spawn(self._take_message(client, caller)),
            )
        # noanswer: no listener at all, the call rings until the caller gives up.

    async def _take_message(self, client: Client, caller: str) -> None:
        user = caller.removeprefix("sip:").split("@", 1)[0]
        if not await client.answer():
            return
        await asyncio.sleep(VOICEMAIL_SECONDS)  # the beep plays meanwhile
        await client.hangup()
        if self.voicemail is None:
            log.info("voicemail bot: no mailboxes on this service; nothing left for %s", user)
        elif self.voicemail.new_voicemail(user):
            await self.voicemail.hear_voicemail(user)
        else:
            await self.voicemail.leave_voicemail(user)

    def _call_back(self, name: str, caller: str, info: dict[str, Any]) -> None:
        self.clients[name].reject(info["callUUID"])
        user = caller.split("@", 1)[0]
        callers = MULTI_CALLERS if name == "multi" else ("ring",)

        async def later() -> None:
            await asyncio.sleep(1.0)
            for bot in callers:
                await self.clients[bot].call(user, {"X-PH-Bot": name})

        self._spawn(later())
