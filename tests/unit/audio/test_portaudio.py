"""PortAudio is held only while used: the idle app keeps none of its host-API libraries."""

from __future__ import annotations

import sounddevice as sd

from webphone.audio import portaudio


def test_portaudio_is_terminated_when_the_last_user_lets_go() -> None:
    while sd._initialized:  # whatever imported sounddevice first (its import initialises)
        sd._terminate()
    with portaudio.held() as outer:
        assert outer is sd
        with portaudio.held():
            pass
        # An inner user letting go leaves PortAudio usable for the outer one.
        outer.query_devices()
        assert sd._initialized == 1
    assert sd._initialized == 0
    try:
        sd.query_devices()
    except sd.PortAudioError as exc:
        assert "not initialized" in str(exc)
    else:
        raise AssertionError("PortAudio is still initialised with nobody holding it")
    # And it comes back for the next user.
    with portaudio.held():
        sd.query_devices()
