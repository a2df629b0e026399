"""The seed's constructor options: defaults and validation (SPEC.md §1, contract table).

Invalid values never raise: a warning names the key and the default that is kept, so a
user can paste the options object of a browser app as JSON. Where the contract and the
reference code disagree the contract wins (e.g. ``registrationRefreshTimer`` 100-86400,
``enableNoiseReduction`` default true).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from .log import DEBUG_LEVELS, get_logger

log = get_logger(__name__)

CLIENT_REGIONS = (
    "usa_west",
    "usa_east",
    "australia",
    "europe",
    "asia",
    "south_america",
    "south_asia",
)
QUALITY_TRACKING = ("all", "remoteonly", "localonly", "none")
DTMF_TYPES = ("inband", "outband")
# The contract allows OPUS and PCMU; PCMA (G.711 A-law, what most of the world's PSTN
# gateways and PBXs outside North America and Japan speak) is a Webphone extension.
CODECS = ("OPUS", "PCMU", "PCMA")

DEFAULTS: dict[str, Any] = {
    "debug": "INFO",
    "permOnClick": False,
    "dtmfOptions": {"sendDtmfType": ["inband", "outband"]},
    "audioConstraints": {},
    "enableTracking": True,
    "enableQualityTracking": "all",
    "closeProtection": False,
    "dscp": True,
    "allowMultipleIncomingCalls": False,
    "clientRegion": None,
    "enableNoiseReduction": True,
    "usePlivoStunServers": False,
    "useDefaultAudioDevice": False,
    "stopAutoRegisterOnConnect": False,
    "captureSDKCrashOnly": False,
    "maxAverageBitrate": 48000,
    "registrationRefreshTimer": 120,
    # Keys of the reference SDK that the contract's table does not list.
    "codecs": ["OPUS", "PCMU"],
    "registrationDomainSocket": None,
    "noiseReductionFilePath": "",
    "appId": None,
    "appSecret": None,
    "enableIPV6": False,
    "preDetectOwa": False,
    "disableRtpTimeOut": False,
}

# Older spellings accepted and mapped to the contract's key.
ALIASES = {"usePlivoStunServer": "usePlivoStunServers"}


class InvalidOption(ValueError):
    """Raised by a validator; the message says what is accepted."""


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidOption(f"has to be boolean, {value!r} is not accepted")
    return value


def _debug(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidOption(f"has to be one of {', '.join(DEBUG_LEVELS)}, got {value!r}")
    level = value.upper()
    if level == "ALL-PLAIN":
        level = "ALL"
    if level not in DEBUG_LEVELS:
        raise InvalidOption(f"debug level {value!r} is not allowed ({', '.join(DEBUG_LEVELS)})")
    return level


def _int_range(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidOption(f"should be an integer between {low} and {high}, got {value!r}")
        if isinstance(value, float) and not value.is_integer():
            raise InvalidOption(f"should be an integer between {low} and {high}, got {value!r}")
        if not low <= value <= high:
            raise InvalidOption(f"should be an integer between {low} and {high}, got {value!r}")
        return int(value)

    return check


def _choice(choices: tuple[str, ...]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str) or value.lower() not in choices:
            raise InvalidOption(f"must be one of {', '.join(choices)}, got {value!r}")
        return value.lower()

    return check


def _region(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in CLIENT_REGIONS:
        raise InvalidOption(f"region {value!r} is not allowed ({', '.join(CLIENT_REGIONS)})")
    return value


def _dtmf(value: object) -> dict[str, list[str]]:
    if not isinstance(value, Mapping) or "sendDtmfType" not in value:
        raise InvalidOption('must look like {"sendDtmfType": ["inband", "outband"]}')
    kinds = value["sendDtmfType"]
    if not isinstance(kinds, list | tuple):
        raise InvalidOption('sendDtmfType must be a list, e.g. ["inband", "outband"]')
    chosen: list[str] = []
    for kind in kinds:
        if isinstance(kind, str) and kind.lower() in DTMF_TYPES:
            if kind.lower() not in chosen:
                chosen.append(kind.lower())
        else:
            log.warning("Ignoring invalid dtmf option - %r", kind)
    if not chosen:
        raise InvalidOption("no valid sendDtmfType given")
    return {"sendDtmfType": chosen}


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidOption(f"must be an object, got {value!r}")
    return dict(value)


def _codecs(value: object) -> list[str]:
    if not isinstance(value, list | tuple) or not value:
        raise InvalidOption('must be a list, e.g. ["OPUS", "PCMU"]')
    bad = [c for c in value if c not in CODECS]
    if bad:
        raise InvalidOption(f"unknown codecs {bad!r} (allowed: {', '.join(CODECS)})")
    return list(dict.fromkeys(value))


def _servers(value: object) -> list[str] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise InvalidOption("must be a list of ws:// or wss:// URLs")
    urls = [str(u).strip() for u in items]
    for url in urls:
        if not url.startswith(("ws://", "wss://")):
            raise InvalidOption(f"{url!r} is not a ws:// or wss:// URL")
    return urls


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidOption(f"must be a string, got {value!r}")
    return value


def _optional_string(value: object) -> str | None:
    return None if value is None else _string(value)


VALIDATORS: dict[str, Callable[[object], Any]] = {
    "debug": _debug,
    "permOnClick": _boolean,
    "dtmfOptions": _dtmf,
    "audioConstraints": _mapping,
    "enableTracking": _boolean,
    "enableQualityTracking": _choice(QUALITY_TRACKING),
    "closeProtection": _boolean,
    "dscp": _boolean,
    "allowMultipleIncomingCalls": _boolean,
    "clientRegion": _region,
    "enableNoiseReduction": _boolean,
    "usePlivoStunServers": _boolean,
    "useDefaultAudioDevice": _boolean,
    "stopAutoRegisterOnConnect": _boolean,
    "captureSDKCrashOnly": _boolean,
    "maxAverageBitrate": _int_range(8000, 48000),
    "registrationRefreshTimer": _int_range(100, 86400),
    "codecs": _codecs,
    "registrationDomainSocket": _servers,
    "noiseReductionFilePath": _string,
    "appId": _optional_string,
    "appSecret": _optional_string,
    "enableIPV6": _boolean,
    "preDetectOwa": _boolean,
    "disableRtpTimeOut": _boolean,
}


def validate_options(raw: Mapping[str, object] | None) -> dict[str, Any]:
    """The effective options: defaults overlaid with every valid value from *raw*."""
    options = copy.deepcopy(DEFAULTS)
    if raw is None:
        return options
    if not isinstance(raw, Mapping):
        log.warning("options must be a dict, got %s; using the defaults", type(raw).__name__)
        return options
    for key, value in raw.items():
        name = ALIASES.get(key, key)
        validator = VALIDATORS.get(name)
        if validator is None:
            log.warning("Ignoring invalid option key %r", key)
            continue
        try:
            options[name] = validator(value)
        except InvalidOption as exc:
            log.warning("Option %r %s; keeping the default %r", key, exc, DEFAULTS[name])
    if options["preDetectOwa"]:
        log.warning("Option 'preDetectOwa' was removed by the reference SDK; it stays false")
        options["preDetectOwa"] = False
    return options


def quality_tracking(options: Mapping[str, Any]) -> tuple[bool, bool]:
    """(local mediaMetrics events, remote quality tracking) per the contract.

    A non-default ``enableQualityTracking`` overrides ``enableTracking``; with the default
    ``all``, ``enableTracking: false`` turns both off.
    """
    mode = options["enableQualityTracking"]
    if mode == "all" and not options["enableTracking"]:
        return False, False
    return mode in ("all", "localonly"), mode in ("all", "remoteonly")
