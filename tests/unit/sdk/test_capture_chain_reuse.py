"""A client keeps its capture chain from call to call while the options ask for the same
processing, so gain control starts each call at the gain it learnt (the first words of a
call on a fresh chain lose 0.2-0.4 PESQ-WB: tests/unit/audio/test_capture_voice.py)."""

from __future__ import annotations

from webphone.sdk import Client


def test_the_next_call_keeps_the_chain_while_the_constraints_stay() -> None:
    client = Client(server="ws://127.0.0.1:9/")
    first = client.audio._chain_for({})
    assert client.audio._chain_for({}) is first
    assert client.audio._chain_for({"echoCancellation": True}) is first  # the same settings


def test_other_constraints_get_a_chain_of_their_own() -> None:
    client = Client(server="ws://127.0.0.1:9/")
    first = client.audio._chain_for({})
    off = client.audio._chain_for({"echoCancellation": False})
    assert off is not first
    assert not off.settings.echo_cancellation
    assert client.audio._chain_for({}) is not off
