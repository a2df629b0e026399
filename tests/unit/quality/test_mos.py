"""MOS by the G.107 E-model: values worked out by hand from G.107's formulas.

Every expected number below was computed on paper from the formula named in its
comment with G.107 Table 1 defaults, not by running the code under test.
"""

from __future__ import annotations

import math

import pytest

from webphone.quality import mos as emodel
from webphone.quality.mos import CODECS, mos, r_to_mos
from webphone.quality.sample import QualitySample


@pytest.mark.parametrize(
    ("r", "expected"),
    [
        (93.2, 4.41),  # 1 + 3.262 + 93.2·33.2·6.8·7e-6 = 4.409
        (80.0, 4.02),  # 1 + 2.8 + 80·20·20·7e-6 = 4.024
        (50.0, 2.58),  # 1 + 1.75 - 50·10·50·7e-6 = 2.575
        (0.0, 1.0),
        (-12.0, 1.0),  # below 0: 1 (Annex B)
        (100.0, 4.5),
        (130.0, 4.5),  # above 100: 4.5
    ],
)
def test_annex_b_mapping(r: float, expected: float) -> None:
    assert r_to_mos(r) == pytest.approx(expected, abs=0.005)


def test_defaults_give_the_well_known_r_93_2() -> None:
    # No = -61.18 dBm0p, Ro = 15 - 1.5(8 - 61.18) = 94.77 (7-2, 7-3)
    assert pytest.approx(-61.18, abs=0.01) == emodel.NO
    assert pytest.approx(94.77, abs=0.01) == emodel.RO
    # Idle at Tr = 0: Rle = 10.5·117 = 1228.5 → (94.77 - 1228.5)/2 + √(…+169) = 0.149
    assert emodel.delay_impairment(0) == pytest.approx(0.149, abs=0.002)
    r = emodel.r_factor(0, 0, CODECS["opus"])
    assert r == pytest.approx(93.2, abs=0.01)
    assert round(r_to_mos(r), 2) == 4.41


def test_delay_impairment_at_200_ms() -> None:
    # X = log2(200/100) = 1 → Idd = 25((2)^(1/6) - 3(1 + 3^-6)^(1/6) + 2) = 3.044
    # TERV = 65 - 40·log10(21/2.333) = 26.83, Re = 112.07, Idte = 3.57
    # Rle = 1228.5·401^-0.25 = 274.5, Idle = 0.93 → Id = 7.54
    assert emodel.delay_impairment(200) == pytest.approx(7.54, abs=0.02)
    assert emodel.delay_impairment(200) > emodel.delay_impairment(100) > emodel.delay_impairment(0)


def test_effective_equipment_impairment_per_codec() -> None:
    # Ie,eff = Ie + (95 - Ie)·Ppl/(Ppl/BurstR + Bpl)
    assert emodel.effective_equipment_impairment(0.05, CODECS["opus"]) == pytest.approx(
        95 * 5 / (5 + 25.1)
    )  # 15.78
    assert emodel.effective_equipment_impairment(0.01, CODECS["pcmu"]) == pytest.approx(
        95 / 5.3
    )  # 17.92
    assert emodel.effective_equipment_impairment(0.0, CODECS["pcmu"]) == 0


def test_full_mos_for_a_typical_internet_call() -> None:
    # Ta = 100/2 + 2·10 + 26.5 = 96.5 ms (no Idd below 100 ms)
    # Idte = 1.90, Idle = 0.72, Ie,eff = 95/26.1 = 3.64, Is = 1.41
    # R = 94.77 - 1.41 - 2.62 - 3.64 = 87.10 → MOS 4.26
    assert mos(100, 10, 0.01, "opus") == pytest.approx(4.26, abs=0.01)


def test_loss_hurts_g711_without_concealment_more_than_opus() -> None:
    assert mos(50, 5, 0.1, "pcmu") < 2 < 3 < mos(50, 5, 0.1, "opus")
    assert mos(50, 5, 0.1, "PCMU") == mos(50, 5, 0.1, "pcmu")


def test_quality_falls_monotonically_with_each_impairment() -> None:
    assert mos(0, 0, 0) > mos(300, 0, 0) > mos(600, 0, 0) > mos(1200, 0, 0)
    assert mos(50, 0, 0) > mos(50, 40, 0) > mos(50, 120, 0)
    assert mos(50, 5, 0) > mos(50, 5, 0.05) > mos(50, 5, 0.2) > mos(50, 5, 0.5)
    assert 1.0 <= mos(5000, 500, 1.0) <= mos(0, 0, 0) <= 4.5


def test_unknown_codec_is_rated_like_g711_without_concealment() -> None:
    assert mos(80, 8, 0.03, "g722") == mos(80, 8, 0.03, "pcmu")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 0, 0), "rtt_ms must be a finite number >= 0, got -1"),
        ((0, math.nan, 0), "jitter_ms must be a finite number >= 0, got nan"),
        ((0, 0, math.inf), "loss must be a finite number >= 0, got inf"),
        ((0, 0, 1.5), "loss is a fraction 0..1, got 1.5"),
    ],
)
def test_bad_input_is_a_clear_error(args: tuple[float, float, float], message: str) -> None:
    with pytest.raises(ValueError) as info:
        mos(*args)
    assert str(info.value) == message


def test_sample_as_dict_has_exactly_the_field_names() -> None:
    sample = QualitySample(t=5.0, jitter_local_ms=12.5, loss_remote=0.02, mos=4.1, codec="pcmu")
    assert sample.as_dict() == {
        "t": 5.0,
        "jitter_local_ms": 12.5,
        "jitter_remote_ms": None,
        "rtt_ms": None,
        "loss_local": None,
        "loss_remote": 0.02,
        "packets_sent": None,
        "packets_received": None,
        "bytes_sent": None,
        "audio_level_local_db": None,
        "audio_level_remote_db": None,
        "mos": 4.1,
        "codec": "pcmu",
    }


def test_worst_mos_takes_the_worse_direction() -> None:
    assert emodel.worst_mos(100, 10, 0.01, 5, 0.2, "opus") == mos(100, 5, 0.2, "opus")
    assert emodel.worst_mos(100, 10, 0.01, None, 0.2, "opus") == mos(100, 10, 0.01, "opus")
    assert emodel.worst_mos(100, None, None, None, None) is None
    assert emodel.worst_mos(None, 10, 0.01, 5, 0.0) is None
