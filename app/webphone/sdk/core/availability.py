"""Do-not-disturb and auto-answer: what happens to an incoming call before anyone looks.

* **Do not disturb** refuses every new incoming call with the chosen status (486 Busy
  Here by default, so a server's "forward on busy" to voicemail applies; 480 or 603 on
  request). The call never rings, but the app hears of it (``onIncomingCallRefused``) so
  the history can count it as missed.
* **Auto-answer** answers a ringing call by itself, with a short beep first so the user
  knows the line is open: every call after N seconds, or only the calls the server marks
  for it (an intercom or paging call) with one of the headers desk phones understand:

  - ``Call-Info: <sip:pbx>;answer-after=N`` (Asterisk's and FreeSWITCH's auto-answer,
    Polycom, Yealink, Snom, Gigaset, AudioCodes),
  - ``Call-Info: <...>;info=alert-autoanswer;delay=N``,
  - ``Alert-Info: <...>;info=alert-autoanswer`` or ``Alert-Info: info=alert-autoanswer``
    (Asterisk's ``SIPAddHeader`` recipes, Aastra, Siemens OpenStage),
  - ``Alert-Info: Ring Answer`` / ``Alert-Info: auto-answer`` (FreeSWITCH, Polycom).

This module is Qt-free and holds no state but the settings; the call manager asks
:func:`incoming_verdict` once per new incoming INVITE.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The longest wait an auto-answer setting or header may ask for (s): anything longer is
#: no auto-answer a user would expect, and a typo must not hold a call for an hour.
MAX_DELAY = 120.0
#: The onIncomingCallRefused reason of a call refused by do-not-disturb.
DND_REASON = "Do not disturb"


class DndCode(enum.IntEnum):
    """The final response do-not-disturb sends."""

    BUSY_HERE = 486  # the server may forward on busy (voicemail)
    TEMPORARILY_UNAVAILABLE = 480  # the server may forward on no answer / unavailable
    DECLINE = 603  # the user declines: no forwarding at all (RFC 3261 §21.6.2)


class AutoAnswer(enum.Enum):
    """When a ringing call is answered without the user."""

    OFF = "off"
    #: Every incoming call, after the configured number of seconds.
    ALWAYS = "always"
    #: Only calls whose INVITE asks for it (see the module doc); after the header's
    #: delay, else the configured one.
    HEADER = "header"


@dataclass(frozen=True)
class Availability:
    """The user's choices; ``Client.availability`` holds the one in force."""

    dnd: bool = False
    dnd_code: DndCode = DndCode.BUSY_HERE
    auto_answer: AutoAnswer = AutoAnswer.OFF
    #: Seconds a call rings before auto-answer (0: at once).
    auto_answer_delay: float = 0.0
    #: Beep on the speaker when auto-answering.
    beep: bool = True

    def __post_init__(self) -> None:
        # Plain values (a settings file's 486, "header") are taken as their enum member.
        try:
            object.__setattr__(self, "dnd_code", DndCode(self.dnd_code))
        except (ValueError, TypeError):
            raise ValueError(
                f"dnd_code must be one of 486, 480, 603, not {self.dnd_code!r}"
            ) from None
        try:
            object.__setattr__(self, "auto_answer", AutoAnswer(self.auto_answer))
        except (ValueError, TypeError):
            choices = ", ".join(m.value for m in AutoAnswer)
            raise ValueError(
                f"auto_answer must be one of {choices}, not {self.auto_answer!r}"
            ) from None
        delay = self.auto_answer_delay
        if isinstance(delay, bool) or not isinstance(delay, int | float):
            raise ValueError(f"auto_answer_delay must be a number of seconds, not {delay!r}")
        if not 0 <= delay <= MAX_DELAY:
            raise ValueError(f"auto_answer_delay must be 0 to {MAX_DELAY:g} s, not {delay!r}")


class Action(enum.Enum):
    """What to do with a new incoming call."""

    RING = "ring"
    REFUSE = "refuse"  # do-not-disturb: the DndCode
    AUTO_ANSWER = "auto-answer"  # ring, and answer after the verdict's delay


@dataclass(frozen=True)
class Verdict:
    action: Action
    #: The status of a refusal (REFUSE only).
    code: int | None = None
    #: Seconds until the auto-answer (AUTO_ANSWER only).
    delay: float | None = None


_DELAY = re.compile(r"(?:answer-after|delay)\s*=\s*\"?(\d+(?:\.\d+)?)", re.IGNORECASE)
_AUTOANSWER_WORDS = re.compile(
    r"info\s*=\s*\"?alert-autoanswer|\bring\s*answer\b|\bauto[-_ ]?answer\b", re.IGNORECASE
)
_ANSWER_AFTER = re.compile(r"answer-after\s*=", re.IGNORECASE)


def _outside_uri(value: str) -> str:
    """A header value without its ``<uri>`` parts: a URI's own text (a path named
    ``auto-answer``, a parameter inside the brackets) asks for nothing."""
    return re.sub(r"<[^>]*>", "", value)


def requested_delay(call_info: Iterable[str], alert_info: Iterable[str]) -> float | None:
    """The auto-answer delay an INVITE's ``Call-Info`` / ``Alert-Info`` values ask for
    (s, capped at :data:`MAX_DELAY`), 0 when they ask without a delay, None when they do
    not ask at all."""
    asked = False
    delay: float | None = None
    for value in call_info:
        params = _outside_uri(value)
        if _ANSWER_AFTER.search(params) or _AUTOANSWER_WORDS.search(params):
            asked = True
            found = _DELAY.search(params)
            if found and delay is None:
                delay = float(found.group(1))
    for value in alert_info:
        if _AUTOANSWER_WORDS.search(_outside_uri(value)):
            asked = True
    if not asked:
        return None
    return min(delay if delay is not None else 0.0, MAX_DELAY)


def incoming_verdict(
    settings: Availability, call_info: Iterable[str], alert_info: Iterable[str]
) -> Verdict:
    """What to do with a new incoming call under *settings*, given its INVITE's
    ``Call-Info`` and ``Alert-Info`` header values.

    Do-not-disturb wins over everything (an intercom call included: the user asked for
    quiet). ``ALWAYS`` answers after the configured delay. ``HEADER`` answers only a
    call carrying an auto-answer header, after the header's delay when it names one,
    else the configured one. Anything else rings.
    """
    if settings.dnd:
        return Verdict(Action.REFUSE, code=int(settings.dnd_code))
    if settings.auto_answer is AutoAnswer.ALWAYS:
        return Verdict(Action.AUTO_ANSWER, delay=settings.auto_answer_delay)
    if settings.auto_answer is AutoAnswer.HEADER:
        asked = requested_delay(call_info, alert_info)
        if asked is not None:
            header_names_delay = any(_DELAY.search(_outside_uri(v)) for v in call_info)
            return Verdict(
                Action.AUTO_ANSWER,
                delay=asked if header_names_delay else settings.auto_answer_delay,
            )
    return Verdict(Action.RING)
