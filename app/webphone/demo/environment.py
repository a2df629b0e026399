"""The demo service with its bots, as the CLI and the desktop app start it when no account
is configured: one code path, so both show a newcomer the same accounts and bots."""

from __future__ import annotations

from typing import Any

from .bots import BOT_NAMES, DemoBots
from .service import DemoService

DEMO_USER = "alice"
#: Media stays on loopback: the demo service and its bots only listen there.
DEMO_MEDIA_ADDRESSES = ("127.0.0.1",)


class DemoEnvironment:
    """A started :class:`DemoService` plus :class:`DemoBots`; ``stop()`` ends both."""

    def __init__(self, service: DemoService, bots: DemoBots) -> None:
        self.service = service
        self.bots = bots

    @property
    def url(self) -> str:
        return self.service.url

    @property
    def domain(self) -> str:
        return self.service.domain

    @property
    def humans(self) -> list[str]:
        """Demo accounts meant for people (the bots are listed in :data:`BOT_NAMES`)."""
        return sorted(user for user in self.service.accounts if user not in self.bots.clients)

    @property
    def bot_names(self) -> tuple[str, ...]:
        return BOT_NAMES

    def password(self, user: str) -> str:
        """The demo password of *user* (``KeyError`` for an unknown account)."""
        return self.service.accounts[user]

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :class:`~webphone.sdk.Client` to use this service."""
        return {
            "server": self.url,
            "domain": self.domain,
            "allowed_addresses": list(DEMO_MEDIA_ADDRESSES),
        }

    def describe(self) -> list[str]:
        """What to tell the user: what this is, where, and who can be called."""
        return [
            f"Local demo service (not a real SIP server) at {self.url}, domain {self.domain}",
            "Demo accounts: " + ", ".join(self.humans),
            "Demo bots you can call: " + ", ".join(BOT_NAMES),
        ]

    async def stop(self) -> None:
        await self.bots.stop()
        await self.service.stop()


async def start_demo(host: str = "127.0.0.1", port: int = 0) -> DemoEnvironment:
    """Start the local demo service and log every bot in; stops what it started on failure."""
    service = DemoService(host, port)
    await service.start()
    bots = DemoBots(
        service.url, service.domain, service.accounts, DEMO_MEDIA_ADDRESSES, voicemail=service
    )
    try:
        await bots.start()
    except BaseException:
        await bots.stop()
        await service.stop()
        raise
    return DemoEnvironment(service, bots)
