"""Opus parameters written into SDP (RFC 7587 §7)."""

from __future__ import annotations

from webphone.media.sdp import (
    codec_names,
    only_listed_formats,
    opus_max_average_bitrate,
    set_opus_parameters,
)

AIORTC_OFFER = (
    "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
    "m=audio 4000 UDP/TLS/RTP/SAVPF 96 9 0 8\r\nc=IN IP4 127.0.0.1\r\n"
    "a=rtpmap:96 opus/48000/2\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
)
CHROME_OFFER = AIORTC_OFFER.replace(
    "a=rtpmap:96 opus/48000/2\r\n",
    "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n",
).replace(" 96 9 0 8", " 111 9 0 8")


def test_fmtp_added_after_opus_rtpmap_when_missing() -> None:
    sdp = set_opus_parameters(AIORTC_OFFER, max_average_bitrate=32000)
    lines = sdp.split("\r\n")
    index = lines.index("a=rtpmap:96 opus/48000/2")
    assert lines[index + 1] == (
        "a=fmtp:96 maxaveragebitrate=32000;stereo=0;sprop-stereo=0;useinbandfec=1"
    )
    assert opus_max_average_bitrate(sdp) == 32000
    assert sdp.endswith("\r\n") and "\n\n" not in sdp


def test_existing_fmtp_is_merged_not_duplicated() -> None:
    sdp = set_opus_parameters(CHROME_OFFER, max_average_bitrate=48000)
    fmtp = [line for line in sdp.split("\r\n") if line.startswith("a=fmtp:111")]
    assert fmtp == [
        "a=fmtp:111 minptime=10;useinbandfec=1;maxaveragebitrate=48000;stereo=0;sprop-stereo=0"
    ]


def test_sdp_without_opus_is_unchanged_and_reports_none() -> None:
    pcmu_only = AIORTC_OFFER.replace("a=rtpmap:96 opus/48000/2\r\n", "")
    assert set_opus_parameters(pcmu_only, max_average_bitrate=8000) == pcmu_only
    assert opus_max_average_bitrate(pcmu_only) is None


def test_option_codec_names_map_to_mime_types() -> None:
    assert codec_names(["OPUS", "PCMU"]) == ["audio/opus", "audio/PCMU"]


def test_only_listed_formats_drops_attributes_per_media_section() -> None:
    """What the Plivo SDK's codec filter leaves (rtpmap/fmtp of types cut from the m= line)
    goes; each section keeps the attributes of its own m= line's formats."""
    sdp = (
        "v=0\r\ns=-\r\nt=0 0\r\n"
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n"
        "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\na=rtcp-fb:111 transport-cc\r\n"
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:126 telephone-event/8000\r\na=fmtp:126 0-16\r\n"
        "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"
    )
    assert only_listed_formats(sdp) == (
        "v=0\r\ns=-\r\nt=0 0\r\n"
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n"
        "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\na=rtcp-fb:111 transport-cc\r\n"
        "a=rtpmap:0 PCMU/8000\r\n"
        "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"
    )
