"""
Charts of the dashboard, drawn on the server as inline SVG.

`chart_for(figure)` returns the shapes of a figure's chart (rectangles,
lines, texts, in SVG user units); `templates/audience/admin/includes/
chart.html` draws them. No script runs in the browser. A chart only repeats
its figure's table, which follows it for screen readers and for exact values.
"""

import math

from django.utils.text import Truncator

WIDTH = 720
# Colours readable on white and told apart by people with the common colour
# vision deficiencies (blue and orange).
PALETTE = ["#1f5f8b", "#c2570c", "#5b8c2a"]


def nice_step(largest, ticks=4):
    """A round step (1, 2 or 5 times a power of ten) for about `ticks` gridlines."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def as_number(value):
    return value if isinstance(value, int | float) else 0


def legend(series, y):
    items = []
    x = 0
    for index, (name, _values) in enumerate(series):
        items.append({"x": x, "y": y, "colour": PALETTE[index], "name": name})
        x += 24 + 8 * len(str(name))
    return items


def column_chart(figure):
    series = [
        (figure.columns[index], [as_number(row[index]) for row in figure.rows])
        for index in figure.plotted
    ]
    labels = [getattr(row[0], "short", str(row[0])) for row in figure.rows]
    top_margin = 28 if len(series) > 1 else 12
    left, right, bottom, plot_height = 52, 8, 28, 200
    height = top_margin + plot_height + bottom
    plot_width = WIDTH - left - right
    largest = max([max(values, default=0) for _name, values in series] + [1])
    step = nice_step(largest)
    ceiling = step * math.ceil(largest / step)

    lines, texts, bars = [], [], []
    for tick in range(0, ceiling + 1, step):
        y = top_margin + plot_height - plot_height * tick / ceiling
        lines.append({"x1": left, "y1": y, "x2": WIDTH - right, "y2": y})
        texts.append({"x": left - 6, "y": y + 4, "text": tick, "anchor": "end"})

    group = plot_width / max(len(labels), 1)
    bar_width = group * 0.8 / len(series)
    for position, label in enumerate(labels):
        group_x = left + position * group
        texts.append(
            {
                "x": group_x + group / 2,
                "y": top_margin + plot_height + 18,
                "text": label,
                "anchor": "middle",
            }
        )
        for index, (name, values) in enumerate(series):
            value = values[position]
            bar_height = plot_height * value / ceiling
            bars.append(
                {
                    "x": group_x + group * 0.1 + index * bar_width,
                    "y": top_margin + plot_height - bar_height,
                    "width": bar_width,
                    "height": bar_height,
                    "colour": PALETTE[index],
                    "title": f"{label} · {name} : {value}",
                }
            )
    return {
        "width": WIDTH,
        "height": height,
        "lines": lines,
        "texts": texts,
        "bars": bars,
        "legend": legend(series, 4) if len(series) > 1 else [],
    }


def bar_chart(figure):
    series = [
        (figure.columns[index], [as_number(row[index]) for row in figure.rows])
        for index in figure.plotted
    ]
    top_margin = 28 if len(series) > 1 else 4
    bar_height, label_height, gap = 12, 18, 10
    row_height = label_height + bar_height * len(series) + gap
    height = top_margin + row_height * max(len(figure.rows), 1)
    value_room = 56
    largest = max([max(values, default=0) for _name, values in series] + [1])

    texts, bars = [], []
    for position, row in enumerate(figure.rows):
        row_y = top_margin + position * row_height
        label = Truncator(str(row[0])).chars(90)
        texts.append({"x": 0, "y": row_y + 13, "text": label, "anchor": "start"})
        for index, (name, values) in enumerate(series):
            value = values[position]
            width = (WIDTH - value_room) * value / largest
            y = row_y + label_height + index * bar_height
            bars.append(
                {
                    "x": 0,
                    "y": y,
                    "width": width,
                    "height": bar_height - 2,
                    "colour": PALETTE[index],
                    "title": f"{label} · {name} : {value}",
                }
            )
            texts.append(
                {"x": width + 6, "y": y + 10, "text": value, "anchor": "start"}
            )
    return {
        "width": WIDTH,
        "height": height,
        "lines": [],
        "texts": texts,
        "bars": bars,
        "legend": legend(series, 4) if len(series) > 1 else [],
    }


def chart_for(figure):
    """Return the shapes of `figure`'s chart, or None when it has no chart."""
    if figure.chart == "columns":
        return column_chart(figure)
    if figure.chart == "bars" and figure.rows:
        return bar_chart(figure)
    return None
