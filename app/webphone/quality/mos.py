"""MOS from network measurements by the ITU-T G.107 E-model (06/2015).

``R = Ro - Is - Id - Ie,eff + A`` (G.107 §7.1, formula 7-1), then R → MOS by G.107
Annex B (formula B-4). Every transmission parameter that we cannot measure keeps its
G.107 Table 1 default, which is what makes a perfect connection ``R = 93.2``:

=========  ===========  ==========================================================
parameter  value        meaning (source)
=========  ===========  ==========================================================
SLR        8 dB         send loudness rating (G.107 Table 1)
RLR        2 dB         receive loudness rating (Table 1)
STMR       15 dB        sidetone masking rating (Table 1)
LSTR       18 dB        listener sidetone rating (Table 1)
Ds, Dr     3            D-factors of the handsets (Table 1)
TELR       65 dB        talker echo loudness rating: echo cancelled (Table 1)
WEPL       110 dB       weighted echo path loss (Table 1)
qdu        1            quantisation distortion units (Table 1)
Nc         -70 dBm0p    circuit noise (Table 1)
Nfor       -64 dBmp     noise floor at the receive side (Table 1)
Ps, Pr     35 dB(A)     room noise at send and receive side (Table 1)
A          0            advantage factor: a desk phone's expectation (Table 1, G.113)
BurstR     1            burst ratio: random loss, the only kind RTCP can tell us about
=========  ===========  ==========================================================

Delays, from what the stats give us (G.107 §7.4: without separate measurements
``T = Ta`` and ``Tr = 2·T``):

- one-way mouth-to-ear delay ``Ta = rtt/2 + jitter buffer + codec delay``;
- jitter buffer = ``2 x interarrival jitter`` (``JITTER_BUFFER_FACTOR``): an adaptive
  buffer holds about twice the jitter to stay under ~5 % late loss; the same factor the
  reference SDK's simplified formula uses (``d = rtt + 2·jitter + 10``);
- codec delay (``Codec.delay_ms``): Opus 20 ms frames + 6.5 ms look-ahead (libopus
  ``OPUS_GET_LOOKAHEAD`` = 312 samples at 48 kHz, VoIP application); G.711 20 ms
  packetisation (RFC 3551 default ``ptime``), its own algorithmic delay is 0.125 ms.

Codec impairment ``Ie`` and packet-loss robustness ``Bpl`` (``CODECS``) come from ITU-T
G.113 (11/2007) Appendix I, Table I.3 (random loss):

- PCMU/PCMA, G.711 without packet-loss concealment: ``Ie = 0``, ``Bpl = 4.3``. aiortc
  decodes G.711 without concealment, so a lost packet is a gap.
- Opus is not in G.113 Appendix I. It conceals losses itself (RFC 6716 §4.4), so we use
  the G.711-with-PLC row (G.711 Appendix I concealment): ``Ie = 0``, ``Bpl = 25.1``.
  Opus at WebRTC bit rates is at least as clean as G.711 on the narrowband R scale,
  hence ``Ie = 0``.
- Any other codec name is rated as G.711 without concealment (the cautious choice).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Codec:
    """E-model constants of one codec (see the module docstring for their sources)."""

    ie: float  # equipment impairment factor
    bpl: float  # packet-loss robustness factor
    delay_ms: float  # packetisation + algorithmic delay


CODECS: dict[str, Codec] = {
    "opus": Codec(ie=0.0, bpl=25.1, delay_ms=26.5),
    "pcmu": Codec(ie=0.0, bpl=4.3, delay_ms=20.0),
    "pcma": Codec(ie=0.0, bpl=4.3, delay_ms=20.0),
}
FALLBACK_CODEC = CODECS["pcmu"]
JITTER_BUFFER_FACTOR = 2.0

# G.107 Table 1 defaults (see the module docstring).
SLR, RLR, STMR, LSTR = 8.0, 2.0, 15.0, 18.0
DS = 3.0
TELR, WEPL = 65.0, 110.0
QDU = 1.0
NC, NFOR, PS, PR = -70.0, -64.0, 35.0, 35.0
ADVANTAGE = 0.0
BURST_R = 1.0
MT_MS, ST = 100.0, 1.0  # Idd's delay threshold mT and sharpness sT (G.107 Table 1)


def _power_sum_db(*levels: float) -> float:
    return 10 * math.log10(sum(10 ** (level / 10) for level in levels))


def _noise() -> tuple[float, float]:
    """(No, Ro): total noise power and basic signal-to-noise ratio, G.107 §7.2."""
    olr = SLR + RLR
    nos = PS - SLR - DS - 100 + 0.004 * (PS - olr - DS - 14) ** 2  # (7-4)
    pre = PR + 10 * math.log10(1 + 10 ** ((10 - LSTR) / 10))  # (7-6)
    nor = RLR - 121 + pre + 0.008 * (pre - 35) ** 2  # (7-5)
    nfo = NFOR + RLR  # (7-7)
    no = _power_sum_db(NC, nos, nor, nfo)  # (7-3)
    return no, 15 - 1.5 * (SLR + no)  # (7-2)


NO, RO = _noise()


def _simultaneous_impairment(t_ms: float) -> float:
    """Is = Iolr + Ist + Iq, G.107 §7.3 (formulas 7-8 to 7-17)."""
    olr = SLR + RLR
    x_olr = olr + 0.2 * (64 + NO - RLR)
    iolr = 20 * ((1 + (x_olr / 8) ** 8) ** (1 / 8) - x_olr / 8)
    stmr_o = -10 * math.log10(10 ** (-STMR / 10) + math.exp(-t_ms / 4) * 10 ** (-TELR / 10))
    ist = (
        12 * (1 + ((stmr_o - 13) / 6) ** 8) ** (1 / 8)
        - 28 * (1 + ((stmr_o + 1) / 19.4) ** 35) ** (1 / 35)
        - 13 * (1 + ((stmr_o - 3) / 33) ** 13) ** (1 / 13)
        + 29
    )
    q = 37 - 15 * math.log10(QDU)
    g = 1.07 + 0.258 * q + 0.0602 * q**2
    y = (RO - 100) / 15 + 46 / 8.4 - g / 9
    z = 46 / 30 - g / 40
    iq = 15 * math.log10(1 + 10**y + 10**z)
    return float(iolr + ist + iq)


def delay_impairment(ta_ms: float) -> float:
    """Id = Idte + Idle + Idd for one-way delay *ta_ms*, G.107 §7.4 (T = Ta, Tr = 2·Ta)."""
    t = ta_ms
    tr = 2 * ta_ms
    terv = TELR - 40 * math.log10((1 + t / 10) / (1 + t / 150)) + 6 * math.exp(-0.3 * t**2)
    re = 80 + 2.5 * (terv - 14)  # (7-20)
    roe = -1.5 * (NO - RLR)  # (7-19)
    idte = ((roe - re) / 2 + math.sqrt((roe - re) ** 2 / 4 + 100) - 1) * (1 - math.exp(-t))
    rle = 10.5 * (WEPL + 7) * (tr + 1) ** -0.25  # (7-27)
    idle = (RO - rle) / 2 + math.sqrt((RO - rle) ** 2 / 4 + 169)  # (7-26)
    idd = 0.0
    if ta_ms > MT_MS:  # (7-28)
        x = math.log10(ta_ms / MT_MS) / math.log10(2)
        e = 6 * ST
        idd = 25 * ((1 + x**e) ** (1 / e) - 3 * (1 + (x / 3) ** e) ** (1 / e) + 2)
    return float(idte + idle + idd)


def effective_equipment_impairment(loss: float, codec: Codec) -> float:
    """Ie,eff for a loss *fraction* 0..1, G.107 §7.5 formula (7-29) (Ppl in percent)."""
    ppl = 100 * min(max(loss, 0.0), 1.0)
    return codec.ie + (95 - codec.ie) * ppl / (ppl / BURST_R + codec.bpl)


def r_factor(ta_ms: float, loss: float, codec: Codec) -> float:
    """The transmission rating R (G.107 formula 7-1) for one-way delay and loss."""
    return (
        RO
        - _simultaneous_impairment(ta_ms)
        - delay_impairment(ta_ms)
        - effective_equipment_impairment(loss, codec)
        + ADVANTAGE
    )


def r_to_mos(r: float) -> float:
    """MOS (conversational quality estimate) for rating *r*, G.107 Annex B (B-4)."""
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6


def one_way_delay_ms(rtt_ms: float, jitter_ms: float, codec: str = "opus") -> float:
    """Ta: half the round trip, plus the jitter buffer, plus the codec's own delay."""
    spec = CODECS.get(codec.lower(), FALLBACK_CODEC)
    return max(rtt_ms, 0.0) / 2 + JITTER_BUFFER_FACTOR * max(jitter_ms, 0.0) + spec.delay_ms


def mos(rtt_ms: float, jitter_ms: float, loss: float, codec: str = "opus") -> float:
    """MOS 1..4.5 for a round trip, interarrival jitter (ms) and loss fraction 0..1.

    Raises ``ValueError`` for a negative or non-finite input (a sampler bug, not a
    network condition).
    """
    for name, value in (("rtt_ms", rtt_ms), ("jitter_ms", jitter_ms), ("loss", loss)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    if loss > 1:
        raise ValueError(f"loss is a fraction 0..1, got {loss!r}")
    spec = CODECS.get(codec.lower(), FALLBACK_CODEC)
    r = r_factor(one_way_delay_ms(rtt_ms, jitter_ms, codec), loss, spec)
    return round(r_to_mos(r), 2)


def worst_mos(
    rtt_ms: float | None,
    jitter_local_ms: float | None,
    loss_local: float | None,
    jitter_remote_ms: float | None,
    loss_remote: float | None,
    codec: str = "opus",
) -> float | None:
    """A call's MOS: the worse of what we receive and what the far end receives.

    Both directions share the round trip (as in SPEC.md §9.3); a direction whose jitter
    or loss is unknown is left out, and without a round trip there is no MOS (None).
    """
    if rtt_ms is None:
        return None
    scores = [
        mos(rtt_ms, jitter, loss, codec)
        for jitter, loss in ((jitter_local_ms, loss_local), (jitter_remote_ms, loss_remote))
        if jitter is not None and loss is not None
    ]
    return min(scores) if scores else None
