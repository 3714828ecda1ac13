"""Horizontal bar charts as server-rendered SVG: no JavaScript, no inline style (the CSP),
readable on a 360 px phone. Geometry is computed here and handed to the template as strings,
so a localised number (a decimal comma) never ends up in an SVG attribute."""

from __future__ import annotations

import dataclasses
import textwrap
from decimal import Decimal
from fractions import Fraction

WIDTH = 320  # the viewBox width; the SVG scales to its box, so 1 unit ≈ 1 px on a phone
VALUE_ROOM = 44  # right of the longest bar: the value's text
LINE = 15  # one line of a label
BAR = 16
GAP = 12
LABEL_CHARS = 40  # a label wraps at about this many characters (13-unit sans text)
AXIS = 18


def _n(value: float) -> str:
    return f"{value:.1f}"


@dataclasses.dataclass(frozen=True)
class Bar:
    lines: list[tuple[str, str]]  # (y, text) of each line of the label
    value: Decimal  # shown next to the bar (localised by the template)
    y: str
    width: str
    value_x: str
    value_y: str


@dataclasses.dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclasses.dataclass(frozen=True)
class Chart:
    height: str
    plot_height: str
    bars: list[Bar]
    ticks: list[Tick]
    axis_y: str

    @property
    def viewbox(self) -> str:
        return f"0 0 {WIDTH} {self.height}"


def bar_chart(rows: list[tuple[str, Fraction, Decimal]], *, maximum: int, ticks: list[int]):
    """A chart of `rows` (label, exact value, value as shown), bars scaled 0..`maximum`,
    with vertical guide lines at `ticks`."""
    span = WIDTH - VALUE_ROOM
    bars, y = [], 4.0
    for label, value, shown in rows:
        wrapped = textwrap.wrap(str(label), LABEL_CHARS) or [""]
        lines = []
        for line in wrapped:
            y += LINE
            lines.append((_n(y - 3), line))
        bar_top = y + 2
        width = max(float(value) / maximum * span, 1.0)
        bars.append(
            Bar(
                lines=lines,
                value=shown,
                y=_n(bar_top),
                width=_n(width),
                value_x=_n(width + 4),
                value_y=_n(bar_top + BAR - 4),
            )
        )
        y = bar_top + BAR + GAP
    plot_height = y
    return Chart(
        height=_n(plot_height + AXIS),
        plot_height=_n(plot_height),
        bars=bars,
        ticks=[Tick(x=_n(t / maximum * span), label=str(t)) for t in ticks],
        axis_y=_n(plot_height + AXIS - 5),
    )


def element_chart(index) -> Chart | None:
    """Each element's NRR on the 1–4 scale (drawn from 0)."""
    rows = [
        (f"U{s.element.value} {s.label}", s.nrr, s.nrr_shown)
        for s in index.elements
        if s.nrr is not None
    ]
    return bar_chart(rows, maximum=4, ticks=[1, 2, 3, 4]) if rows else None


def service_chart(results, *, name) -> Chart | None:
    """Each service's converted IKM, 0–100. `name(service)` is its label."""
    rows = [
        (name(r.service), r.index.converted, r.index.converted_shown)
        for r in results
        if r.index.computed
    ]
    return bar_chart(rows, maximum=100, ticks=[25, 50, 75, 100]) if rows else None
