"""Every option of the contract: defaults, accepted values, and invalid values kept at default."""

from __future__ import annotations

import logging

import pytest

from webphone.sdk.core.options import DEFAULTS, quality_tracking, validate_options


def test_defaults_are_the_contracts() -> None:
    options = validate_options(None)
    assert options["debug"] == "INFO"
    assert options["permOnClick"] is False
    assert options["dtmfOptions"] == {"sendDtmfType": ["inband", "outband"]}
    assert options["audioConstraints"] == {}
    assert options["enableTracking"] is True
    assert options["enableQualityTracking"] == "all"
    assert options["closeProtection"] is False
    assert options["dscp"] is True
    assert options["allowMultipleIncomingCalls"] is False
    assert options["clientRegion"] is None
    assert options["enableNoiseReduction"] is True
    assert options["usePlivoStunServers"] is False
    assert options["useDefaultAudioDevice"] is False
    assert options["stopAutoRegisterOnConnect"] is False
    assert options["captureSDKCrashOnly"] is False
    assert options["maxAverageBitrate"] == 48000
    assert options["registrationRefreshTimer"] == 120


def test_the_readme_example_is_accepted_verbatim() -> None:
    pasted = {
        "debug": "DEBUG",
        "permOnClick": True,
        "enableTracking": True,
        "closeProtection": True,
        "maxAverageBitrate": 48000,
    }
    options = validate_options(pasted)
    assert {k: options[k] for k in pasted} == pasted


GOOD = [
    ("debug", "warn", "WARN"),
    ("debug", "ALL-PLAIN", "ALL"),
    ("dtmfOptions", {"sendDtmfType": ["OUTBAND"]}, {"sendDtmfType": ["outband"]}),
    ("enableQualityTracking", "LocalOnly", "localonly"),
    ("clientRegion", "europe", "europe"),
    ("maxAverageBitrate", 8000, 8000),
    ("registrationRefreshTimer", 100, 100),
    ("registrationRefreshTimer", 86400, 86400),
    ("audioConstraints", {"echoCancellation": False}, {"echoCancellation": False}),
    ("codecs", ["PCMU"], ["PCMU"]),
    (
        "registrationDomainSocket",
        "wss://a.example/ws,wss://b.example/ws",
        ["wss://a.example/ws", "wss://b.example/ws"],
    ),
]


@pytest.mark.parametrize(("key", "value", "expected"), GOOD)
def test_valid_values(key: str, value: object, expected: object) -> None:
    assert validate_options({key: value})[key] == expected


BAD = [
    ("debug", "LOUD"),
    ("debug", 3),
    ("permOnClick", "yes"),
    ("dtmfOptions", {"sendDtmfType": "inband"}),
    ("dtmfOptions", {"sendDtmfType": ["sideband"]}),
    ("dtmfOptions", []),
    ("audioConstraints", "loud"),
    ("enableTracking", 1),
    ("enableQualityTracking", "some"),
    ("closeProtection", None),
    ("dscp", "true"),
    ("allowMultipleIncomingCalls", 0),
    ("clientRegion", "mars"),
    ("enableNoiseReduction", "no"),
    ("usePlivoStunServers", []),
    ("useDefaultAudioDevice", "false"),
    ("stopAutoRegisterOnConnect", 1),
    ("captureSDKCrashOnly", "x"),
    ("maxAverageBitrate", 7999),
    ("maxAverageBitrate", 48001),
    ("maxAverageBitrate", 12000.5),
    ("maxAverageBitrate", True),
    ("registrationRefreshTimer", 99),
    ("registrationRefreshTimer", 86401),
    ("registrationRefreshTimer", "120"),
    ("codecs", ["OPUS", "G729"]),
    ("registrationDomainSocket", ["http://a.example"]),
]


@pytest.mark.parametrize(("key", "value"), BAD)
def test_invalid_value_keeps_default_and_warns_naming_the_key(
    key: str, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="webphone"):
        options = validate_options({key: value})
    assert options[key] == DEFAULTS[key]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(key in message for message in warnings), warnings


def test_unknown_key_is_ignored_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="webphone"):
        options = validate_options({"enableVideo": True})
    assert "enableVideo" not in options
    assert "Ignoring invalid option key 'enableVideo'" in caplog.text


def test_old_spelling_maps_to_contract_key() -> None:
    assert validate_options({"usePlivoStunServer": True})["usePlivoStunServers"] is True


def test_defaults_are_not_shared_between_clients() -> None:
    first = validate_options(None)
    first["dtmfOptions"]["sendDtmfType"].append("x")
    assert validate_options(None)["dtmfOptions"] == {"sendDtmfType": ["inband", "outband"]}


@pytest.mark.parametrize(
    ("tracking", "mode", "expected"),
    [
        (True, "all", (True, True)),
        (False, "all", (False, False)),
        (False, "localonly", (True, False)),
        (True, "remoteonly", (False, True)),
        (True, "none", (False, False)),
    ],
)
def test_quality_tracking_modes(tracking: bool, mode: str, expected: tuple[bool, bool]) -> None:
    options = validate_options({"enableTracking": tracking, "enableQualityTracking": mode})
    assert quality_tracking(options) == expected


def test_pcma_is_an_accepted_codec_in_the_order_given() -> None:
    assert validate_options({"codecs": ["PCMA", "OPUS"]})["codecs"] == ["PCMA", "OPUS"]
