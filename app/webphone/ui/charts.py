"""Live charts (pyqtgraph): audio levels and call-quality timelines.

Both widgets take plain dicts — the seed's ``volume`` payload
(``{'inputVolume': 0..1, 'outputVolume': 0..1}``), quality samples
(``{'jitter': ms, 'rtt': ms, 'loss': %, 'mos': 1..5}``) and ``mediaMetrics`` warnings —
and redraw on their own timer, so the paint rate is bounded however fast events come.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .appearance import is_dark, warning_colour
from .quality_words import warning_text

LEVEL_RATE_HZ = 30
LEVEL_SECONDS = 10
QUALITY_RATE_HZ = 2
QUALITY_SECONDS = 300
INPUT_COLOUR = "#1e88e5"
OUTPUT_COLOUR = "#43a047"
WARNING_COLOUR = "#e53935"
CLEARED_COLOUR = "#9e9e9e"
QUALITY_COLOURS = ("#5e35b1", "#b39ddb")  # the timelines' pen on light, on dark
TITLE_HEIGHT = 14  # px, the quality plots' title row
AXIS_WIDTH = 34  # px, the same for every quality plot so their x axes line up

# Colours come from the widget's palette (light or dark, see ChartLook), not from here.
pg.setConfigOptions(antialias=False)


@dataclass(frozen=True)
class ChartLook:
    """The plot colours for a palette: the view's base, its text, a faint grid."""

    background: QColor
    foreground: QColor
    legend: QColor  # the legend's box: the background, nearly opaque
    dark: bool

    @classmethod
    def of(cls, palette: QPalette) -> ChartLook:
        background = palette.color(QPalette.ColorRole.Base)
        foreground = palette.color(QPalette.ColorRole.Text)
        # Axis lines and labels a little softer than the text, as on paper.
        soft = QColor(foreground)
        soft.setAlphaF(0.8)
        legend = QColor(background)
        legend.setAlpha(220)
        return cls(background, soft, legend, is_dark(palette))


def _style_axes(plot: pg.PlotItem, look: ChartLook) -> None:
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(look.foreground))
        axis.setTextPen(pg.mkPen(look.foreground))


def _palette_event(event: QEvent) -> bool:
    return event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def _level(value: object) -> float | None:
    """A 0..1 level from a payload value (the seed sends numbers or numeric strings)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if number != number:  # NaN
        return None
    return min(1.0, max(0.0, number))


class LevelChart(QWidget):
    """Microphone and speaker level over the last seconds."""

    def __init__(self, parent: QWidget | None = None, rate_hz: int = LEVEL_RATE_HZ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Audio levels"))
        size = rate_hz * LEVEL_SECONDS
        self._x = np.linspace(-LEVEL_SECONDS, 0, size)
        self._input = np.zeros(size)
        self._output = np.zeros(size)
        self._latest = {"inputVolume": 0.0, "outputVolume": 0.0}
        self.frames = 0  # redraws so far (tests check the rate stays bounded)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("levelPlot")
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setYRange(0, 1, padding=0.02)
        self.plot.setXRange(-LEVEL_SECONDS, 0, padding=0)
        self.plot.setLabel("bottom", self.tr("seconds"))
        self.plot.setLabel("left", self.tr("level"))
        # An opaque legend: the curves run behind it when the levels are high.
        self.legend = self.plot.addLegend(offset=(5, 5))
        self.input_curve = self.plot.plot(
            self._x, self._input, pen=pg.mkPen(INPUT_COLOUR, width=2), name=self.tr("Microphone")
        )
        self.output_curve = self.plot.plot(
            self._x, self._output, pen=pg.mkPen(OUTPUT_COLOUR, width=2), name=self.tr("Speaker")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // rate_hz)
        self._timer.timeout.connect(self._tick)
        self.look = ChartLook.of(self.palette())
        self.apply_look()

    def apply_look(self) -> None:
        """Colour the plot after the palette (light or dark)."""
        look = self.look = ChartLook.of(self.palette())
        self.plot.setBackground(look.background)
        _style_axes(self.plot.getPlotItem(), look)
        for name in ("left", "bottom"):
            self.plot.getPlotItem().getAxis(name).label.setDefaultTextColor(look.foreground)
        self.legend.setBrush(pg.mkBrush(look.legend))
        self.legend.setLabelTextColor(look.foreground)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if _palette_event(event):
            self.apply_look()

    def push(self, volume: Mapping[str, Any]) -> None:
        """Take one ``volume`` payload; missing or invalid values keep the previous ones."""
        for key in ("inputVolume", "outputVolume"):
            value = _level(volume.get(key))
            if value is not None:
                self._latest[key] = value

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Stop redrawing and drop back to silence (the call is over)."""
        self._timer.stop()
        self._latest = {"inputVolume": 0.0, "outputVolume": 0.0}

    def clear(self) -> None:
        self._input[:] = 0
        self._output[:] = 0
        self._draw()

    def peak(self, key: str, seconds: float = LEVEL_SECONDS) -> float:
        """Highest charted level of ``'inputVolume'`` or ``'outputVolume'`` in the last
        *seconds* (what a user sees as the highest point of the curve)."""
        data = self._input if key == "inputVolume" else self._output
        count = max(1, int(seconds * len(data) / LEVEL_SECONDS))
        return float(np.max(data[-count:]))

    def _tick(self) -> None:
        # Shift in place: no allocation per frame.
        self._input[:-1] = self._input[1:]
        self._input[-1] = self._latest["inputVolume"]
        self._output[:-1] = self._output[1:]
        self._output[-1] = self._latest["outputVolume"]
        self._draw()

    def _draw(self) -> None:
        self.input_curve.setData(self._x, self._input)
        self.output_curve.setData(self._x, self._output)
        self.frames += 1


@dataclass(frozen=True)
class Metric:
    key: str
    unit: str
    threshold: float  # the seed's warning level, drawn as a dashed line
    upper: float  # default y range top
    warning: str  # the mediaMetrics ``type`` that belongs to this timeline


METRICS = (
    Metric("jitter", "ms", 30, 60, "high_jitter"),
    Metric("rtt", "ms", 400, 500, "high_rtt"),
    Metric("loss", "%", 10, 20, "high_packetloss"),
    Metric("mos", "", 3, 5, "low_mos"),
)


def metric_title(key: str) -> str:
    titles = {
        "jitter": QCoreApplication.translate("QualityChart", "Jitter"),
        "rtt": QCoreApplication.translate("QualityChart", "Round trip"),
        "loss": QCoreApplication.translate("QualityChart", "Packet loss"),
        "mos": QCoreApplication.translate("QualityChart", "MOS"),
    }
    return titles[key]


class QualityChart(QWidget):
    """Jitter, RTT, loss and MOS timelines with ``mediaMetrics`` warnings marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Call quality"))
        self._t0 = time.monotonic()
        self._times: deque[float] = deque(maxlen=QUALITY_SECONDS)
        self._values: dict[str, deque[float]] = {
            m.key: deque(maxlen=QUALITY_SECONDS) for m in METRICS
        }
        self.active: dict[str, Mapping[str, Any]] = {}  # warning type -> latest payload
        self.markers: list[tuple[str, bool]] = []  # (warning type, raised?) as drawn
        self._dirty = False
        self.status = QLabel(self.tr("No quality warnings"))
        self.status.setObjectName("qualityStatus")
        self.status.setAccessibleName(self.tr("Quality warnings"))
        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("qualityPlot")
        self.plots: dict[str, pg.PlotItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        last = len(METRICS) - 1
        for row, metric in enumerate(METRICS):
            title = metric_title(metric.key) + (f" ({metric.unit})" if metric.unit else "")
            plot = self.view.addPlot(row=row, col=0)
            # Four plots share a small panel: a one-line title, two y ticks (zero and the
            # warning level), one x axis at the bottom for all of them.
            plot.setTitle(title, size="8pt")
            plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
            plot.layout.setRowFixedHeight(0, TITLE_HEIGHT)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.setYRange(0, metric.upper, padding=0.05)
            plot.showGrid(x=True, y=False, alpha=0.2)
            left = plot.getAxis("left")
            left.setTicks([[(0, "0"), (metric.threshold, f"{metric.threshold:g}")]])
            left.setWidth(AXIS_WIDTH)
            if row == last:
                plot.setLabel("bottom", self.tr("seconds into the call"))
            else:
                plot.getAxis("bottom").setStyle(showValues=False)
            dashed = pg.mkPen(WARNING_COLOUR, style=Qt.PenStyle.DashLine)
            plot.addLine(y=metric.threshold, pen=dashed)
            self.plots[metric.key] = plot
            self.curves[metric.key] = plot.plot([], [])
        bottom = self.plots[METRICS[last].key]
        for metric in METRICS[:last]:
            self.plots[metric.key].setXLink(bottom)
        self.view.ci.layout.setVerticalSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // QUALITY_RATE_HZ)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.look = ChartLook.of(self.palette())
        self.apply_look()

    def apply_look(self) -> None:
        """Colour the plots after the palette (light or dark)."""
        look = self.look = ChartLook.of(self.palette())
        self.view.setBackground(look.background)
        pen = pg.mkPen(QUALITY_COLOURS[look.dark], width=2)
        for metric in METRICS:
            plot = self.plots[metric.key]
            _style_axes(plot, look)
            plot.getAxis("bottom").label.setDefaultTextColor(look.foreground)
            title = metric_title(metric.key) + (f" ({metric.unit})" if metric.unit else "")
            plot.setTitle(title, size="8pt", color=look.foreground)
            self.curves[metric.key].setPen(pen)
        self._style_status()

    def _style_status(self) -> None:
        if self.active:
            self.status.setStyleSheet(f"color: {warning_colour(self)}; font-weight: bold;")
        else:
            self.status.setStyleSheet("")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if _palette_event(event):
            self.apply_look()

    def _now(self) -> float:
        return time.monotonic() - self._t0

    def add_sample(self, sample: Mapping[str, Any], at: float | None = None) -> None:
        """One quality sample, taken *at* seconds into the call (default: now); metrics it
        lacks repeat their last value (or stay empty)."""
        self._times.append(self._now() if at is None else at)
        for metric in METRICS:
            values = self._values[metric.key]
            value = _number(sample.get(metric.key))
            if value is None:
                value = values[-1] if values else float("nan")
            values.append(value)
        self._dirty = True

    def warning(self, payload: Mapping[str, Any], at: float | None = None) -> None:
        """A ``mediaMetrics`` event (raised *at* seconds into the call, default now):
        mark it on its timeline, list it while active."""
        kind = str(payload.get("type", ""))
        if not kind:
            return
        raised = payload.get("active") is not False
        if raised:
            self.active[kind] = payload
        else:
            self.active.pop(kind, None)
        self.markers.append((kind, raised))
        metric = next((m for m in METRICS if m.warning == kind), None)
        if metric is not None:
            colour = WARNING_COLOUR if raised else CLEARED_COLOUR
            position = self._now() if at is None else at
            line = pg.InfiniteLine(pos=position, angle=90, pen=pg.mkPen(colour, width=2))
            self.plots[metric.key].addItem(line)
        if self.active:
            names = ", ".join(warning_text(k) for k in self.active)
            self.status.setText(self.tr("Warning: %1").replace("%1", names))
        else:
            self.status.setText(self.tr("No quality warnings"))
        self._style_status()

    def reset(self) -> None:
        """Start a new call: clear the timelines and the warning markers."""
        self._t0 = time.monotonic()
        self._times.clear()
        for values in self._values.values():
            values.clear()
        for plot in self.plots.values():
            for item in list(plot.items):
                if isinstance(item, pg.InfiniteLine) and item.angle == 90:
                    plot.removeItem(item)
        self.active.clear()
        self.markers.clear()
        self.status.setText(self.tr("No quality warnings"))
        self.status.setStyleSheet("")
        self._dirty = True

    def replay(
        self, samples: Sequence[Mapping[str, Any]], warnings: Sequence[Mapping[str, Any]]
    ) -> None:
        """Show a past call: *samples* carry their ``t`` (seconds into the call) and
        *warnings* their ``at``; drawn at once, nothing live follows."""
        self._timer.stop()
        self.reset()
        for sample in samples:
            self.add_sample(sample, at=_number(sample.get("t")) or 0.0)
        for payload in warnings:
            self.warning(payload, at=_number(payload.get("at")) or 0.0)
        self.active.clear()  # the call is over: nothing is still being warned about
        raised = [kind for kind, up in self.markers if up]
        self.status.setText(
            self.tr("Warnings during the call: %1").replace(
                "%1", ", ".join(warning_text(k) for k in dict.fromkeys(raised))
            )
            if raised
            else self.tr("No quality warnings")
        )
        self._redraw()

    def values(self, key: str) -> list[float]:
        return list(self._values[key])

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        times = np.fromiter(self._times, dtype=float)
        for metric in METRICS:
            self.curves[metric.key].setData(
                times, np.fromiter(self._values[metric.key], dtype=float), connect="finite"
            )


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
