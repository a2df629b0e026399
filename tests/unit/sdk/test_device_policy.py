"""Which device each role takes after devices appear (the contract's useDefaultAudioDevice
rule, with lost choices coming back and bursts left alone)."""

from __future__ import annotations

import pytest

from webphone.audio.devices import INPUT, OUTPUT, AudioDevice
from webphone.sdk.features.device_policy import devices_after_added


def device(device_id: str, kind: str) -> AudioDevice:
    return AudioDevice(device_id, kind, device_id.title(), device_id)  # type: ignore[arg-type]


HEADSET = [device("usb_mic", INPUT), device("usb_headset", OUTPUT)]


def test_a_plugged_headset_takes_the_microphone_and_the_speaker() -> None:
    moves = devices_after_added(HEADSET, {}, use_default=False)
    assert moves == {"microphone": "usb_mic", "speaker": "usb_headset"}


def test_with_use_default_audio_device_the_system_default_is_used() -> None:
    moves = devices_after_added(HEADSET, {"speaker": "usb_headset"}, use_default=True)
    assert moves == {"microphone": "", "speaker": ""}


def test_a_speaker_alone_leaves_the_microphone_where_it_is() -> None:
    assert devices_after_added([device("hdmi", OUTPUT)], {}, use_default=False) == {
        "speaker": "hdmi"
    }


@pytest.mark.parametrize("use_default", [False, True])
def test_nothing_added_moves_nothing(use_default: bool) -> None:
    assert devices_after_added([], {"speaker": "usb_headset"}, use_default=use_default) == {}


def test_a_lost_choice_comes_back_even_among_many_the_others_stay() -> None:
    """A sound-server restart lists every device again: the ones the user had chosen are
    theirs again (the ringtone device too); the microphone, never chosen, stays put."""
    everything = [
        device("mic_a", INPUT),
        device("mic_b", INPUT),
        device("speaker_a", OUTPUT),
        device("speaker_b", OUTPUT),
    ]
    lost = {"speaker": "speaker_b", "ringtone": "speaker_a"}
    moves = devices_after_added(everything, lost, use_default=False)
    assert moves == {"speaker": "speaker_b", "ringtone": "speaker_a"}


def test_a_new_output_does_not_take_the_ringtone_device() -> None:
    moves = devices_after_added([device("usb_headset", OUTPUT)], {}, use_default=False)
    assert "ringtone" not in moves
