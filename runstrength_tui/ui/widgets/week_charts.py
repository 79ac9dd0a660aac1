"""The Week screen's pictures: the heatmap of days and the two weekly bar charts.

Each widget keeps its data and draws itself to the width it is given (a resize redraws),
so the month names, the number of weeks and the bar widths follow the terminal. The
drawing is in plain functions (``heatmap_text``, ``bars_text``) that tests can call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widget import Widget

from ...domain import streaks
from ...domain.words import number

LEGEND_WIDTH = 33  # "· no session  ░▒▓█ light→hard day"
HEAT_STYLES = ("dim", "green", "bold green", "bold bright_green", "bold bright_white on green")
HEAT_PITCH = 2  # characters per week column: a cell and a gap (month names need the room)
EIGHTHS = " ▁▂▃▄▅▆▇█"


def month_labels(starts: Sequence[date], pitch: int) -> str:
    """Each month's name over its own columns (``pitch`` characters each), from the column
    of its first week: 'Oct', or its first letter when the month has one narrow column.
    A week column belongs to the month of its first day."""
    line = [" "] * (len(starts) * pitch)
    firsts = [i for i, d in enumerate(starts) if i == 0 or d.month != starts[i - 1].month]
    for n, i in enumerate(firsts):
        end = firsts[n + 1] if n + 1 < len(firsts) else len(starts)
        room = (end - i) * pitch - 1  # a space before the next month's name
        name = starts[i].strftime("%b")
        if room < len(name):
            name = name[: max(1, room)]
        line[i * pitch : i * pitch + len(name)] = list(name)
    return "".join(line).rstrip()


def heatmap_text(columns: Sequence[Sequence[streaks.HeatCell]], width: int | None = None) -> Text:
    """One cell per day (rows by weekday), one column per week, month names on top, and a
    legend. The symbol carries the level (· ░ ▒ ▓ █), so it reads without colour. With
    ``width``, only the newest weeks that fit are drawn."""
    if width is not None:
        fit = max(1, (width - 4) // HEAT_PITCH)
        columns = columns[-fit:]
    text = Text()
    if not columns:
        return text
    text.append("    " + month_labels([col[0].day for col in columns], HEAT_PITCH) + "\n", style="bold")
    for row in range(7):
        text.append(f"{columns[0][row].day:%a} ", style="dim")
        for col in columns:
            cell = col[row]
            if cell.future:
                text.append(" " * HEAT_PITCH)
            else:
                text.append(streaks.HEAT_SYMBOLS[cell.level], style=HEAT_STYLES[cell.level])
                text.append(" " * (HEAT_PITCH - 1))
        text.append("\n")
    text.append(streaks.HEAT_SYMBOLS[0], style=HEAT_STYLES[0])
    # LEGEND_WIDTH characters on one line; two lines where that does not fit
    text.append(" no session" + ("  " if width is None or width >= LEGEND_WIDTH else "\n"), style="dim")
    for level in range(1, len(streaks.HEAT_SYMBOLS)):
        text.append(streaks.HEAT_SYMBOLS[level], style=HEAT_STYLES[level])
    text.append(" light→hard day", style="dim")
    return text


def nice_top(value: float) -> float:
    """The chart's top: the smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or
    above ``value``, so its half is round too."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value - 1e-9:
            return step * power
    return 10 * power  # pragma: no cover (the loop ends at 10 × power)


def bars_text(
    starts: Sequence[date],
    values: Sequence[float],
    width: int,
    *,
    rows: int | None = None,
    target: float | None = None,
) -> Text:
    """A bar per week, oldest on the left, with a scale on the left and the weeks' dates
    under it (the day of the month the week starts, the month's name below).

    ``rows=None``: one row per unit (sessions: each row is one session, half a row a
    finisher) up to the largest of the values and ``target``; else ``rows`` rows scaled to
    a round top, drawn in eighths. ``target`` is marked with ┄ in the bars that fall
    short of it (a sessions chart's weekly target)."""
    n = len(values)
    if rows is None:
        top = float(max(1, math.ceil(max([*values, target or 0, 1]))))
        rows = int(top)
        ticks = {r: number(r) for r in range(1, rows + 1)}
    else:
        top = nice_top(max([*values, 0]))
        ticks = {rows: number(top), (rows + 1) // 2: number(top * ((rows + 1) // 2) / rows)}
    label_w = max(len(t) for t in [*ticks.values(), "0"])
    room = max(n, width - label_w - 2)
    pitch = max(1, min(6, room // max(1, n)))
    bar_w = max(1, pitch - 1) if pitch >= 3 else pitch
    gap = pitch - bar_w
    text = Text()
    for r in range(rows, 0, -1):
        text.append(ticks.get(r, "").rjust(label_w) + " ┤", style="dim")
        for v in values:
            filled = v / top * rows - (r - 1)  # how much of this row the bar fills, 0..1
            if filled >= 1 - 1e-9:
                text.append("█" * bar_w, style="bold")
            elif filled > 1e-9:
                text.append(EIGHTHS[max(1, round(filled * 8))] * bar_w, style="bold")
            elif target is not None and r == math.ceil(target * rows / top):
                text.append("┄" * bar_w, style="dim")
            else:
                text.append(" " * bar_w)
            text.append(" " * gap)
        text.append("\n")
    text.append("0".rjust(label_w) + " └" + "─" * (pitch * n) + "\n", style="dim")
    days = [" "] * (pitch * n)
    step = 1 if pitch >= 3 else math.ceil(3 / pitch)
    for i, d in enumerate(starts):
        if i % step == 0 or i == n - 1:
            label = f"{d.day}"
            at = i * pitch
            if all(c == " " for c in days[max(0, at - 1) : at + len(label)]) and at + len(label) <= len(days) + 1:
                days[at : at + len(label)] = list(label)
    text.append(" " * (label_w + 2) + "".join(days).rstrip() + "\n", style="dim")
    text.append(" " * (label_w + 2) + month_labels(list(starts), pitch), style="dim")
    return text


class HeatMap(Widget):
    """The heatmap of the weeks shown; as many of the newest weeks as the width holds.

    ``width: auto`` sizes it to its weeks, at most what its row leaves it: ``reserve`` is
    what the widgets beside it, its border and padding take from the row."""

    DEFAULT_CSS = "HeatMap { height: auto; width: auto; }"

    def __init__(self, reserve: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.reserve = reserve
        self.columns: list[list[streaks.HeatCell]] = []

    def get_content_width(self, container, viewport) -> int:
        natural = max(LEGEND_WIDTH, 4 + HEAT_PITCH * len(self.columns))
        return max(4 + HEAT_PITCH, min(natural, container.width - self.reserve))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(heatmap_text(self.columns, width).wrap(self.app.console, max(1, width))) or 1

    def show(self, columns: list[list[streaks.HeatCell]]) -> None:
        self.columns = columns
        self.refresh(layout=True)

    def render(self) -> Text:
        return heatmap_text(self.columns, self.size.width or None)


class WeekBars(Widget):
    """A titled bar chart of weekly figures, drawn to its width."""

    DEFAULT_CSS = "WeekBars { height: auto; }"

    def __init__(self, rows: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows = rows
        self.title: Text | str = ""
        self.starts: list[date] = []
        self.values: list[float] = []
        self.target: float | None = None
        self.note: Text | str = ""

    def show(
        self,
        title: Text | str,
        starts: list[date],
        values: list[float],
        target: float | None = None,
        note: Text | str = "",
    ) -> None:
        self.title, self.starts, self.values, self.target, self.note = title, starts, values, target, note
        self.refresh(layout=True)

    def render(self) -> Text:
        text = Text()
        text.append_text(Text(self.title, style="bold") if isinstance(self.title, str) else self.title)
        text.append("\n")
        if self.values:
            width = self.size.width or 80
            text.append_text(bars_text(self.starts, self.values, width, rows=self.rows, target=self.target))
        if self.note:
            text.append("\n")
            text.append_text(Text(self.note) if isinstance(self.note, str) else self.note)
        return text
