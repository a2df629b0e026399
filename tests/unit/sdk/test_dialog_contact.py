"""The Contact of our dialogs: the registrar's public GRUU when it gave one (RFC 5627),
else the registered Contact, so in-dialog requests reach us after our connection
changed (issue 16 item 3)."""

from __future__ import annotations

from typing import Any

from webphone.sdk.core.registration import PasswordCredentials, Registration
from webphone.sdk.core.useragent import UserAgent
from webphone.sip.message import SipRequest, SipResponse, make_response

GRUU = "sip:alice@webphone.test;gr=urn:uuid:"


class Registrar(UserAgent):
    """Answers every REGISTER with a 200 listing our Contact, with a GRUU or not."""

    def __init__(self) -> None:
        super().__init__()
        self.gruu = True

    async def request(self, request: SipRequest, **_: Any) -> SipResponse:
        contact = request.headers.get("Contact") or ""
        instance = contact.split('+sip.instance="<')[1].split(">")[0]
        ok = make_response(request, 200)
        gruu = f';pub-gruu="{GRUU}{instance[9:]}"' if self.gruu else ""
        ok.headers.add("Contact", f"{contact.split(';expires')[0]};expires=60{gruu}")
        return ok


def registration(ua: Registrar) -> Registration:
    return Registration(
        ua,
        domain="webphone.test",
        credentials=PasswordCredentials("alice", "secret"),
        expires=60,
        on_refresh_failed=lambda _result: None,
    )


async def test_the_dialog_contact_is_the_gruu_the_registrar_gave() -> None:
    ua = Registrar()
    reg = registration(ua)
    assert (await reg.register()).ok
    reg.cancel_refresh()
    assert reg.dialog_contact == f"<{GRUU}{reg.instance_id[9:]}>"


async def test_without_a_gruu_the_dialog_contact_is_the_registered_contact() -> None:
    ua = Registrar()
    ua.gruu = False
    reg = registration(ua)
    assert (await reg.register()).ok
    reg.cancel_refresh()
    assert reg.dialog_contact == f"<{reg.contact_uri}>"


async def test_a_registrar_that_stops_giving_gruus_is_no_longer_named() -> None:
    ua = Registrar()
    reg = registration(ua)
    assert (await reg.register()).ok
    ua.gruu = False
    assert (await reg.register()).ok
    reg.cancel_refresh()
    assert reg.dialog_contact == f"<{reg.contact_uri}>"
