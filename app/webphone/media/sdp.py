"""SDP adjustments for calls: codec order and Opus parameters (RFC 7587).

Pure text functions; aiortc produces and consumes the SDP, we only reshape it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_RTPMAP = re.compile(r"^a=rtpmap:(\d+) ([^/\s]+)/", re.IGNORECASE)
_FMTP = re.compile(r"^a=fmtp:(\d+) (.*)$", re.IGNORECASE)
# A number of a peer's SDP that goes through int(): ASCII digits only, as "\d" and
# str.isdigit() also take other scripts' digits and superscripts, which int() refuses,
# and a few, as int() refuses strings of over 4300 digits; a longer one matches nothing.
_NUMBER = r"([0-9]{1,10})(?![0-9])"


def _lines(sdp: str) -> list[str]:
    return [line for line in sdp.replace("\r\n", "\n").split("\n") if line]


def _join(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


def payload_types(sdp: str, codec: str) -> list[str]:
    """Payload types that *codec* (e.g. ``opus``) has in the audio section."""
    found = []
    for line in _lines(sdp):
        match = _RTPMAP.match(line)
        if match and match.group(2).lower() == codec.lower():
            found.append(match.group(1))
    return found


def _merge_fmtp(params_text: str, wanted: dict[str, str]) -> str:
    params: dict[str, str] = {}
    for item in params_text.split(";"):
        key, _, value = item.strip().partition("=")
        if key:
            params[key] = value
    params.update(wanted)
    return ";".join(f"{k}={v}" for k, v in params.items())


def set_opus_parameters(sdp: str, *, max_average_bitrate: int, stereo: bool = False) -> str:
    """Write ``maxaveragebitrate`` (and mono, in-band FEC) into the Opus fmtp lines,
    adding the line after the rtpmap where the SDP has none (aiortc writes none)."""
    lines = _lines(sdp)
    opus = set(payload_types(sdp, "opus"))
    wanted = {
        "maxaveragebitrate": str(max_average_bitrate),
        "stereo": "1" if stereo else "0",
        "sprop-stereo": "1" if stereo else "0",
        "useinbandfec": "1",
    }
    with_fmtp = {m.group(1) for m in map(_FMTP.match, lines) if m and m.group(1) in opus}
    out: list[str] = []
    for line in lines:
        fmtp = _FMTP.match(line)
        if fmtp and fmtp.group(1) in opus:
            line = f"a=fmtp:{fmtp.group(1)} {_merge_fmtp(fmtp.group(2), wanted)}"
        out.append(line)
        rtpmap = _RTPMAP.match(line)
        if rtpmap and rtpmap.group(1) in opus and rtpmap.group(1) not in with_fmtp:
            out.append(f"a=fmtp:{rtpmap.group(1)} {_merge_fmtp('', wanted)}")
    return _join(out)


def opus_max_average_bitrate(sdp: str) -> int | None:
    """The peer's ``maxaveragebitrate`` for Opus, if it set one."""
    opus = set(payload_types(sdp, "opus"))
    for line in _lines(sdp):
        match = _FMTP.match(line)
        if match and match.group(1) in opus:
            for item in match.group(2).split(";"):
                key, _, value = item.strip().partition("=")
                if key.lower() == "maxaveragebitrate" and re.fullmatch(_NUMBER, value):
                    return int(value)
    return None


def codec_names(preferences: Sequence[str]) -> list[str]:
    """Option names (``OPUS``, ``PCMU``) as MIME types aiortc knows."""
    return [f"audio/{'opus' if name.upper() == 'OPUS' else name.upper()}" for name in preferences]


_MLINE = re.compile(r"^(m=audio \S+ \S+)((?: \d+)*)$")
OFFERED_EVENTS = {101: 48000, 126: 8000}


def clock_rates(sdp: str) -> dict[int, int]:
    """Every payload type's RTP clock rate in *sdp*'s rtpmap lines."""
    found: dict[int, int] = {}
    for line in _lines(sdp):
        match = re.match(rf"^a=rtpmap:{_NUMBER} [^/\s]+/{_NUMBER}", line)
        if match:
            found[int(match.group(1))] = int(match.group(2))
    return found


def event_payload_types(sdp: str, events: dict[int, int]) -> dict[int, int]:
    """For each audio payload type of *sdp*, the telephone-event type of *events* to send
    with it: the one on the same clock (RFC 4733 §2.1: an event shares its stream's
    clock), else the slowest one, as WebRTC does. Phones and gateways often offer only
    telephone-event/8000 beside Opus; browsers then send those events on their Opus
    stream, and the far end expects them."""
    if not events:
        return {}
    by_rate = {rate: pt for pt, rate in events.items()}
    fallback = by_rate[min(by_rate)]
    every_event = events.keys() | telephone_events(sdp).keys()
    return {
        pt: by_rate.get(rate, fallback)
        for pt, rate in clock_rates(sdp).items()
        if pt not in every_event
    }


_FORMAT_ATTRIBUTE = re.compile(r"^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ \t]", re.IGNORECASE)
_ANY_MLINE = re.compile(r"^m=\S+ \S+ \S+((?: \S+)*)$")


def only_listed_formats(sdp: str) -> str:
    """*sdp* without the ``a=rtpmap``/``a=fmtp``/``a=rtcp-fb`` lines of payload types their
    media section's ``m=`` line does not list.

    The Plivo Browser SDK's codec filter leaves such lines behind; aiortc reads codecs from
    the rtpmap lines alone, so it would answer with formats the offer does not have."""
    kept: list[str] = []
    listed: set[str] | None = None  # None: the session part, before any m= line
    for line in _lines(sdp):
        section = _ANY_MLINE.match(line)
        if section:
            listed = set(section.group(1).split())
        attribute = _FORMAT_ATTRIBUTE.match(line)
        if attribute and listed is not None and attribute.group(1) not in listed:
            continue
        kept.append(line)
    return _join(kept)


def telephone_events(sdp: str) -> dict[int, int]:
    """telephone-event payload types in *sdp* and their clock rates (of a remote SDP,
    after :func:`only_listed_formats`)."""
    found: dict[int, int] = {}
    for line in _lines(sdp):
        match = re.match(rf"^a=rtpmap:{_NUMBER} telephone-event/{_NUMBER}", line, re.IGNORECASE)
        if match:
            found[int(match.group(1))] = int(match.group(2))
    return found


def add_telephone_events(sdp: str, events: dict[int, int]) -> str:
    """Advertise RFC 4733 *events* (payload type -> clock rate) in the audio section,
    after its last rtpmap/fmtp line; aiortc leaves telephone-event out of what it writes."""
    lines = _lines(sdp)
    new = {pt: rate for pt, rate in events.items() if pt not in telephone_events(sdp)}
    if not new:
        return sdp
    for index, line in enumerate(lines):
        match = _MLINE.match(line)
        if match:
            lines[index] = line + "".join(f" {pt}" for pt in new)
    attributes = [x for x in lines if x.startswith(("a=rtpmap:", "a=fmtp:"))]
    at = lines.index(attributes[-1]) + 1 if attributes else len(lines)
    # No "a=fmtp:<pt> 0-16": absent means events 0-15 (RFC 4733 §7.1), as browsers
    # offer it, and the Plivo Browser SDK's codec filter keeps such fmtp lines for types it
    # removed from the m= line, which Chrome then refuses to parse ("Failed to parse codecs").
    lines[at:at] = [f"a=rtpmap:{pt} telephone-event/{rate}" for pt, rate in new.items()]
    return _join(lines)


_TRANSPORT_IDENTITY = re.compile(r"^a=(ice-ufrag|ice-pwd|fingerprint):(.*)$", re.IGNORECASE)


def transport_identity(sdp: str) -> frozenset[tuple[str, str]]:
    """The ICE credentials and DTLS fingerprints *sdp* states. A peer that changes them in
    a re-offer restarts ICE (RFC 8839 §4.4.1.1.1) or DTLS; one that keeps them asks for a
    change on the same connection (hold, resume, codec change)."""
    found = set()
    for line in _lines(sdp):
        match = _TRANSPORT_IDENTITY.match(line)
        if match:
            found.add((match.group(1).lower(), match.group(2).strip().lower()))
    return frozenset(found)
