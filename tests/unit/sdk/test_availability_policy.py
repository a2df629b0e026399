"""Do-not-disturb and auto-answer decisions (sdk/core/availability.py): which INVITEs ring,
which are refused with what, and which are answered after how long."""

from __future__ import annotations

import pytest

from webphone.sdk.core.availability import (
    MAX_DELAY,
    Action,
    AutoAnswer,
    Availability,
    DndCode,
    Verdict,
    incoming_verdict,
    requested_delay,
)


@pytest.mark.parametrize(
    ("call_info", "alert_info", "delay"),
    [
        ([], [], None),
        (["<sip:pbx.example.com>;answer-after=0"], [], 0.0),
        (["<sip:pbx.example.com>;answer-after=5"], [], 5.0),
        (["<sip:127.0.0.1>;info=alert-autoanswer;delay=2"], [], 2.0),
        (["answer-after=0"], [], 0.0),
        ([], ["<http://www.example.com>;info=alert-autoanswer"], 0.0),
        ([], ["info=alert-autoanswer"], 0.0),
        ([], ["Ring Answer"], 0.0),
        ([], ["auto-answer"], 0.0),
        ([], ["<sip:pbx>;info=auto-answer"], 0.0),
        # A distinctive ring is no request to answer; nor is a URI that merely says it.
        ([], ["<http://pbx/ring2.wav>"], None),
        ([], ["<http://pbx/auto-answer.wav>"], None),
        (["<http://pbx/photo.jpg>;purpose=icon"], [], None),
        (["<sip:pbx;answer-after=0>"], [], None),
        # A delay far too long is capped.
        (["<sip:pbx>;answer-after=99999"], [], MAX_DELAY),
    ],
)
def test_requested_delay(call_info: list[str], alert_info: list[str], delay: float | None) -> None:
    assert requested_delay(call_info, alert_info) == delay


INTERCOM = ["<sip:pbx>;answer-after=0"]


@pytest.mark.parametrize("code", list(DndCode))
def test_dnd_refuses_every_call_with_its_code(code: DndCode) -> None:
    settings = Availability(dnd=True, dnd_code=code, auto_answer=AutoAnswer.HEADER)
    verdict = incoming_verdict(settings, INTERCOM, [])  # an intercom call too
    assert verdict == Verdict(Action.REFUSE, code=int(code))


def test_dnd_refuses_with_486_by_default() -> None:
    assert incoming_verdict(Availability(dnd=True), [], []).code == 486


def test_plain_values_from_a_settings_file_are_taken() -> None:
    settings = Availability(dnd_code=603, auto_answer="header")  # type: ignore[arg-type]
    assert settings.dnd_code is DndCode.DECLINE and settings.auto_answer is AutoAnswer.HEADER


def test_off_rings_even_an_intercom_call() -> None:
    assert incoming_verdict(Availability(), INTERCOM, []) == Verdict(Action.RING)


def test_always_answers_every_call_after_its_delay() -> None:
    settings = Availability(auto_answer=AutoAnswer.ALWAYS, auto_answer_delay=3)
    assert incoming_verdict(settings, [], []) == Verdict(Action.AUTO_ANSWER, delay=3)


def test_header_mode_answers_only_calls_with_the_header() -> None:
    settings = Availability(auto_answer=AutoAnswer.HEADER, auto_answer_delay=4)
    assert incoming_verdict(settings, [], []) == Verdict(Action.RING)
    # The header's own delay wins; a header without one takes the setting's.
    assert incoming_verdict(settings, ["<sip:pbx>;answer-after=1"], []).delay == 1
    assert incoming_verdict(settings, [], ["info=alert-autoanswer"]).delay == 4


@pytest.mark.parametrize(
    "bad",
    [
        {"dnd_code": 404},
        {"dnd_code": True},
        {"auto_answer": "sometimes"},
        {"auto_answer_delay": -1},
        {"auto_answer_delay": MAX_DELAY + 1},
        {"auto_answer_delay": "5"},
        {"auto_answer_delay": True},
    ],
)
def test_bad_settings_are_refused_with_a_message(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        Availability(**bad)  # type: ignore[arg-type]
