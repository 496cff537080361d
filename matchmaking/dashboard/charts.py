"""Geometry for the dashboard's inline SVG charts (no JavaScript, no style attributes): the templates
draw these numbers with SVG presentation attributes and CSS classes."""
from math import ceil, log10

PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 40, 12, 28


def nice_max(value):
    """A round upper bound for an axis (1, 2, 5 × 10ⁿ), at least 1."""
    if value <= 0:
        return 1
    magnitude = 10 ** int(log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _ticks(top, count=4):
    step = max(1, ceil(top / count))
    return list(range(0, top + 1, step))


def line_chart(labels, series, *, width=720, height=240):
    """labels: x labels; series: [(key, title, [values])] → points and axes for a line chart."""
    top = nice_max(max((max(values) for _, _, values in series if values), default=0))
    plot_w, plot_h = width - PLOT_LEFT - 24, height - PLOT_TOP - PLOT_BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def y(value):
        return round(PLOT_TOP + plot_h - plot_h * value / top, 1)

    xs = [round(PLOT_LEFT + index * step, 1) for index in range(len(labels))]
    lines = []
    for index, (key, title, values) in enumerate(series):
        points = [(x, y(v), v) for x, v in zip(xs, values)]
        lines.append({"key": key, "title": title, "index": index, "points": points,
                      "path": " ".join(f"{x},{py}" for x, py, _ in points)})
    return {"width": width, "height": height, "left": PLOT_LEFT, "right": width - 24, "bottom": PLOT_TOP + plot_h,
            "ticks": [(t, y(t)) for t in _ticks(top)], "labels": list(zip(xs, labels)), "lines": lines}


def bar_chart(rows, series, *, width=720, bar=10, gap=4, label_width=190):
    """rows: [(label, [value per series])]; series: [(key, title)] → horizontal grouped bars."""
    top = nice_max(max((v for _, values in rows for v in values), default=0))
    plot_w = width - label_width - 50
    group = len(series) * (bar + gap) + 8
    bars, labels = [], []
    for r, (text, values) in enumerate(rows):
        y0 = 6 + r * group
        labels.append({"text": text, "y": y0 + group / 2})
        for s, value in enumerate(values):
            length = round(plot_w * value / top, 1)
            y = y0 + s * (bar + gap)
            bars.append({"x": label_width, "y": y, "w": max(length, 0.5), "h": bar, "index": s, "value": value,
                         "title": series[s][1], "row": text, "text_x": label_width + length + 4, "text_y": y + bar - 1})
    return {"width": width, "height": 12 + len(rows) * group, "label_width": label_width, "labels": labels, "bars": bars,
            "series": [{"key": key, "title": title, "index": index} for index, (key, title) in enumerate(series)]}


def progress(percent, *, width=220, height=14):
    """A progress bar's filled width for 0–100 %."""
    percent = max(0, min(100, percent or 0))
    return {"width": width, "height": height, "fill": round(width * percent / 100, 1), "percent": percent}
