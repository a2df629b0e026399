"""Dialogs: route sets, remote target, CSeq and tags (RFC 3261 §12)."""

from __future__ import annotations

import pytest

from webphone.sip.dialog import Dialog, DialogError, DialogState
from webphone.sip.headers import Via
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message

INVITE = (
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1\r\n"
    "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
    "From: Alice <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: c1\r\n"
    "CSeq: 7 INVITE\r\n"
    "Contact: <sip:alice@a.invalid;transport=ws;alias=127.0.0.1~5000~5>\r\n\r\n"
)


def invite() -> SipRequest:
    message = parse_message(INVITE)
    assert isinstance(message, SipRequest)
    return message


def answer(req: SipRequest) -> SipResponse:
    response = make_response(req, 200, to_tag="b1", copy_record_route=True)
    response.headers.add("Contact", "<sip:bob@b.invalid;transport=ws>")
    return response


def test_uac_route_set_is_record_route_reversed_and_target_is_contact() -> None:
    req = invite()
    dialog = Dialog.from_uac(req, answer(req))
    assert dialog.state is DialogState.CONFIRMED
    assert dialog.route_set == ["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"]
    bye = dialog.create_request("BYE", Via("WSS", "a.invalid", params={"branch": "z9hG4bK9"}))
    assert str(bye.uri) == "sip:bob@b.invalid;transport=ws"
    assert bye.headers.get_all("Route") == dialog.route_set
    assert bye.cseq.number == 8 and bye.to.tag == "b1" and bye.from_.tag == "a1"


def test_uas_keeps_record_route_order_and_uses_remote_contact_verbatim() -> None:
    dialog = Dialog.from_uas(invite(), local_tag="b1")
    assert dialog.route_set == ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]
    info = dialog.create_request("INFO", Via("WSS", "b.invalid", params={"branch": "z9hG4bK2"}))
    assert str(info.uri) == "sip:alice@a.invalid;transport=ws;alias=127.0.0.1~5000~5"
    assert info.from_.tag == "b1" and info.to.tag == "a1"
    assert info.cseq.number == 1


def test_remote_cseq_must_grow() -> None:
    dialog = Dialog.from_uas(invite(), local_tag="b1")
    bye = parse_message(INVITE.replace("INVITE sip", "BYE sip").replace("7 INVITE", "7 BYE"))
    assert isinstance(bye, SipRequest)
    with pytest.raises(DialogError, match="CSeq"):
        dialog.accept_remote_request(bye)


def test_dialog_state_moves_are_checked() -> None:
    req = invite()
    dialog = Dialog.from_uac(req, answer(req))
    dialog.move(DialogState.TERMINATED)
    with pytest.raises(DialogError):
        dialog.move(DialogState.CONFIRMED)


def test_matching_by_call_id_and_tags() -> None:
    req = invite()
    dialog = Dialog.from_uas(req, local_tag="b1")
    bye = parse_message(
        INVITE.replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1")
        .replace("INVITE sip", "BYE sip")
        .replace("7 INVITE", "8 BYE")
    )
    assert dialog.matches(bye)
    assert not dialog.matches(req)
