"""The voice-path measures on synthetic speech whose answer is known by construction:
syllables of a buzzy, noisy voice that start and stop on the 20 ms frame grid, so which
frames are speech — and which a hole or a gain swing hits — is counted, not estimated."""

from __future__ import annotations

import numpy as np
import pytest

from webphone.quality.voice_path import FRAME, RATE, best_gain, find_delay, measure

LEAD, TAIL = RATE // 2, RATE  # silence before and after the phrase on the timeline
SYLLABLE_FRAMES = 10  # 200 ms
PAUSE_FRAMES = 4  # 80 ms
SYLLABLES = 12
RAMP = RATE // 200  # 5 ms: no click, and the first frame stays well above -30 dB


def phrase(seed: int = 7) -> tuple[np.ndarray, list[range]]:
    """(the phrase as float samples, the frame ranges of its syllables on the timeline)."""
    rng = np.random.default_rng(seed)
    pieces: list[np.ndarray] = []
    syllables: list[range] = []
    frame = LEAD // FRAME
    ramp = np.linspace(0.0, 1.0, RAMP)
    for _ in range(SYLLABLES):
        n = SYLLABLE_FRAMES * FRAME
        t = np.arange(n) / RATE
        f0 = rng.uniform(100, 220)
        voice = sum(np.sin(2 * np.pi * k * f0 * t + rng.uniform(0, 6)) / k for k in range(1, 12))
        voice = voice + 0.5 * rng.standard_normal(n)
        voice *= 10 ** (rng.uniform(-4, 4) / 20) / np.sqrt(np.mean(voice**2))
        voice[:RAMP] *= ramp
        voice[-RAMP:] *= ramp[::-1]
        pieces += [voice, np.zeros(PAUSE_FRAMES * FRAME)]
        syllables.append(range(frame, frame + SYLLABLE_FRAMES))
        frame += SYLLABLE_FRAMES + PAUSE_FRAMES
    speech = np.concatenate(pieces) * (32768 * 10 ** (-24 / 20))
    return np.concatenate([np.zeros(LEAD), speech, np.zeros(TAIL)]), syllables


def echo(sent: np.ndarray, delay: int, gain_db: float = 0.0, seed: int = 3) -> np.ndarray:
    """*sent* back after *delay* samples, *gain_db* louder, over a faint noise floor."""
    back = np.zeros(len(sent))
    back[delay:] = sent[: len(sent) - delay] * 10 ** (gain_db / 20)
    return back + np.random.default_rng(seed).standard_normal(len(sent)) * 3.0  # -80 dBFS


def frames_of(syllables: list[range]) -> int:
    return sum(len(s) for s in syllables)


def int16(samples: np.ndarray) -> np.ndarray:
    return np.round(np.clip(samples, -32768, 32767)).astype(np.int16)


def test_a_clean_echo_is_all_intact_at_its_delay_whatever_its_level() -> None:
    sent, syllables = phrase()
    delay = 4321  # 90.02 ms: not on the frame grid
    figures = measure(int16(sent), int16(echo(sent, delay, gain_db=-7.0)))
    assert figures is not None
    assert figures.round_trip_ms == pytest.approx(delay * 1000 / RATE, abs=0.05)
    assert figures.speech_frames == frames_of(syllables)
    assert figures.intact_percent == 100.0
    assert figures.gain_db == pytest.approx(-7.0, abs=0.3)
    assert figures.correlation > 0.99


def test_find_delay_names_the_lag_and_how_well_it_matches() -> None:
    sent, _ = phrase()
    lag, score = find_delay(sent, echo(sent, 12_000), max_delay=RATE)
    assert lag == 12_000
    assert score == pytest.approx(1.0, abs=0.01)
    # A lag past the allowed range is not found.
    assert find_delay(sent, echo(sent, 12_000), max_delay=6_000)[0] != 12_000


def test_holes_count_against_frame_by_frame() -> None:
    sent, syllables = phrase()
    delay = 2400
    back = echo(sent, delay)
    hit = 0
    # 100 ms holes (five frames) in four syllables, as the echo canceller cut them.
    for syllable in (syllables[1], syllables[4], syllables[7], syllables[10]):
        first = (syllable.start + 3) * FRAME + delay
        back[first : first + 5 * FRAME] = 0.0
        hit += 5
    figures = measure(int16(sent), int16(back))
    assert figures is not None
    total = frames_of(syllables)
    assert figures.intact_percent == pytest.approx(100 * (total - hit) / total)
    assert figures.weakened_percent == pytest.approx(100 * hit / total)
    assert figures.boosted_percent == 0.0
    assert figures.round_trip_ms == pytest.approx(50.0)


def test_level_swings_count_against_and_the_overall_gain_does_not() -> None:
    sent, syllables = phrase()
    delay = 3000
    back = echo(sent, delay, gain_db=-10.0)
    swung = (syllables[2], syllables[3], syllables[9])
    for syllable in swung:  # gain control pumping: +9 dB over whole syllables
        lo, hi = syllable.start * FRAME + delay, syllable.stop * FRAME + delay
        back[lo:hi] *= 10 ** (9 / 20)
    halved = syllables[5]  # -9 dB over one syllable
    back[halved.start * FRAME + delay : halved.stop * FRAME + delay] *= 10 ** (-9 / 20)
    figures = measure(int16(sent), int16(back))
    assert figures is not None
    total = frames_of(syllables)
    assert figures.boosted_percent == pytest.approx(100 * frames_of(list(swung)) / total)
    assert figures.weakened_percent == pytest.approx(100 * SYLLABLE_FRAMES / total)
    assert figures.intact_percent == pytest.approx(
        100 * (total - frames_of(list(swung)) - SYLLABLE_FRAMES) / total
    )
    assert figures.gain_db == pytest.approx(-10.0, abs=0.5)


def test_a_swing_within_six_db_is_still_intact() -> None:
    sent, syllables = phrase()
    back = echo(sent, 960)
    for syllable in syllables[::2]:
        back[syllable.start * FRAME + 960 : syllable.stop * FRAME + 960] *= 10 ** (4 / 20)
    figures = measure(int16(sent), int16(back))
    assert figures is not None and figures.intact_percent == 100.0


def test_alignment_follows_a_playout_queue_that_grows_mid_phrase() -> None:
    """20 ms more delay from the seventh syllable on (a jitter buffer growing in a
    pause), then 30 ms less from the tenth: no frame is damaged."""
    sent, syllables = phrase()
    back = echo(sent, 2000)
    later = echo(sent, 2000 + 960)
    sooner = echo(sent, 2000 - 480)
    cut = (syllables[6].start - 2) * FRAME + 2000
    back[cut:] = later[cut:]
    cut2 = (syllables[9].start - 2) * FRAME + 2000
    back[cut2:] = sooner[cut2:]
    figures = measure(int16(sent), int16(back))
    assert figures is not None
    assert figures.intact_percent == 100.0
    # The round trip is the delay most of the phrase had.
    assert figures.round_trip_ms == pytest.approx(2000 * 1000 / RATE, abs=0.05)


def test_no_echo_is_no_figures() -> None:
    sent, _ = phrase()
    silence = np.random.default_rng(1).standard_normal(len(sent)) * 3.0
    assert measure(int16(sent), int16(silence)) is None
    other, _ = phrase(seed=99)  # somebody else talking: not this phrase's echo
    assert measure(int16(sent), int16(np.roll(other, 5000))) is None


def test_best_gain_is_the_level_most_frames_agree_on() -> None:
    # Four frames near -10 dB, two near -1 dB (a swing), two holes and a burst.
    differences = np.array([-90.0, -90.0, -10.5, -10.0, -9.5, -9.0, -1.0, -0.5, 30.0])
    assert best_gain(differences) == pytest.approx(-9.75)
    # More than half holes: the gain is still the intact frames' (a median is not).
    holes = np.concatenate([np.full(60, -95.0), np.full(40, -3.0)])
    assert best_gain(holes + np.linspace(-1.0, 1.0, 100)) == pytest.approx(-2.39, abs=0.01)
    assert best_gain(np.full(10, -95.0)) == 0.0  # nothing came back


def test_a_phrase_mostly_cut_to_silence_is_mostly_lost_not_quiet() -> None:
    sent, syllables = phrase()
    back = echo(sent, 960)
    for syllable in syllables[:8]:  # two thirds of the syllables gone
        back[syllable.start * FRAME + 960 : syllable.stop * FRAME + 960] = 0.0
    figures = measure(int16(sent), int16(back))
    assert figures is not None
    assert figures.intact_percent == pytest.approx(100 * 4 / 12)
    assert figures.weakened_percent == pytest.approx(100 * 8 / 12)
    assert figures.gain_db == pytest.approx(0.0, abs=0.3)


def test_gain_control_adapting_over_the_phrase_is_no_damage() -> None:
    """An AGC raising the level steadily (+14 dB from the first syllable to the last) moves
    every frame against the overall gain, but none against its neighbours: all intact."""
    sent, syllables = phrase()
    delay = 2400
    back = echo(sent, delay)
    start, stop = syllables[0].start * FRAME + delay, syllables[-1].stop * FRAME + delay
    back[start:stop] *= 10 ** (np.linspace(0.0, 14.0, stop - start) / 20)
    figures = measure(int16(sent), int16(back))
    assert figures is not None and figures.intact_percent == 100.0
