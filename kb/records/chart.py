"""A horizontal bar chart as an SVG file, drawn at build time: no script, no outside service.

The directory shows it as an image below its list, loaded only when the reader scrolls near it
(most readers of a phone never do). An image file gets none of the page's styles: the chart
carries its own.
"""

from __future__ import annotations

from html import escape

ROW = 26          # height of one bar's row, in pixels
LABEL_WIDTH = 190
BAR_WIDTH = 300
NUMBER_WIDTH = 40
WIDTH = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
# The fonts the pages ask for (Material's list without web fonts) and the site's blue.
STYLE = ("text{font:13px -apple-system,BlinkMacSystemFont,Helvetica,Arial,sans-serif;fill:#222}"
         "rect{fill:#3f51b5}")


def size(rows: int) -> tuple[int, int]:
    """The chart's width and height in pixels, for the page to keep its place while it loads."""
    return WIDTH, ROW * rows


def bar_chart(rows: list[tuple[str, int]], title: str) -> str:
    """rows: (label, count), drawn in the given order. Empty string when there is nothing to draw.

    The page shows the chart as a picture without words for screen readers (alt=""): the same
    numbers stand beside it as a table, which reads better than a picture's description.
    """
    if not rows:
        return ""
    highest = max(count for _, count in rows) or 1
    width, height = size(len(rows))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><title>{escape(title)}</title><style>{STYLE}</style>'
    ]
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        bar = max(2, round(BAR_WIDTH * count / highest))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{bar}" height="{ROW - 10}" rx="2"/>'
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 17}">{count}</text>'
        )
    parts.append("</svg>\n")
    return "".join(parts)
