"""A horizontal bar chart as inline SVG, drawn at build time: no script, no outside service."""

from __future__ import annotations

from html import escape

ROW = 26          # height of one bar's row, in pixels
LABEL_WIDTH = 190
BAR_WIDTH = 300
NUMBER_WIDTH = 40


def bar_chart(rows: list[tuple[str, int]], title: str) -> str:
    """rows: (label, count), drawn in the given order. Empty string when there is nothing to draw.

    The chart is hidden from screen readers (aria-hidden): the same numbers stand beside it as a
    table, which reads better than a picture's description.
    """
    if not rows:
        return ""
    highest = max(count for _, count in rows) or 1
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    height = ROW * len(rows)
    parts = [
        f'<svg class="kb-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        bar = max(2, round(BAR_WIDTH * count / highest))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{bar}" height="{ROW - 10}" rx="2"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 17}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
