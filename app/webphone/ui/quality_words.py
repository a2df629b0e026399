"""``mediaMetrics`` warnings in words, for the call panel, the charts and the history.

No pyqtgraph here: the call panel shows these before the charts are loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

# Warnings whose ``value`` is in milliseconds; packet loss comes as a fraction.
_MILLISECONDS = ("high_jitter", "high_rtt")


def warning_text(kind: str) -> str:
    """The short name of a warning ``type``."""
    texts = {
        "high_jitter": QCoreApplication.translate("QualityChart", "High jitter"),
        "high_rtt": QCoreApplication.translate("QualityChart", "High latency"),
        "high_packetloss": QCoreApplication.translate("QualityChart", "High packet loss"),
        "low_mos": QCoreApplication.translate("QualityChart", "Low call quality"),
        "no_microphone_access": QCoreApplication.translate("QualityChart", "No microphone"),
        "ice_connection": QCoreApplication.translate("QualityChart", "Network interrupted"),
        "ice_timeout": QCoreApplication.translate("QualityChart", "Slow network setup"),
        "no_audio_received": QCoreApplication.translate("QualityChart", "No audio received"),
    }
    return texts.get(kind, kind.replace("_", " "))


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no number to show


def warning_sentence(payload: Mapping[str, Any]) -> str:
    """A raised warning as the call panel says it, e.g. "High jitter: 48 ms, in what you
    hear"."""
    kind = str(payload.get("type", ""))
    text = warning_text(kind)
    value = _number(payload.get("value"))
    if value is not None:
        if kind in _MILLISECONDS:
            text += f": {value:.0f} ms"
        elif kind == "high_packetloss":
            text += f": {value * 100:.1f} %"
        elif kind == "low_mos":
            text += f": {value:.1f}"
    stream = payload.get("stream")
    if stream == "local":
        text += ", " + QCoreApplication.translate("CallPanel", "in what you hear")
    elif stream == "remote":
        text += ", " + QCoreApplication.translate("CallPanel", "in what the other side hears")
    return text
