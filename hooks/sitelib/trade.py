"""The yearly trade totals (data/trade.csv) as the chart, the table and inline figures."""
from __future__ import annotations

import html

from .dates import published_date
from .render import linked_title


def value(row: dict, words) -> float:
    """The figure in the edition's unit (US$ billion, or 亿美元 = US$0.1 billion)."""
    return row["value"] * words["unit_factor"]


def _small(row: dict, words) -> str:
    """A figure under one unit, in the edition's smaller one, with that unit
    (`money_small`: US$20 million, 2000万美元 rather than 0.02 or 0.2亿美元)."""
    return words.format("money_small",
                        value=words.number(value(row, words) * words["small_factor"])
                        .replace(words["number_marks"][0], ""))


def _hedged(row: dict, words, amount: str) -> str:
    return words.format(row["qualifier"], value=amount) if row["qualifier"] else amount


def label(row: dict, words) -> str:
    """The figure with its hedge, in the chart's and the table's unit: 'almost 30'; under
    one unit, with its smaller unit: 'over US$20 million'."""
    amount = value(row, words)
    return _hedged(row, words, words.number(amount) if amount >= 1 else _small(row, words))


def money(row: dict, words) -> str:
    """The figure in running text: 'almost US$30 billion', 'over US$20 million'."""
    amount = value(row, words)
    return _hedged(row, words, words.format("money", value=words.number(amount))
                   if amount >= 1 else _small(row, words))


def source_numbers(data: dict) -> dict:
    """Sources of the trade figures, numbered in order of first use in the chart."""
    numbers: dict = {}
    for row in data["trade"]:
        numbers.setdefault(row["source"], len(numbers) + 1)
    return numbers


def chart(data: dict) -> str:
    """Horizontal bar chart as inline SVG, one row per year: the first figure set
    apart by a break, then every year to the last, those without a figure left as gaps.
    Narrow enough to stay legible on a phone; coloured by CSS for light and dark."""
    words, rows = data["words"], data["trade"]
    by_year = {r["year"]: r for r in rows}
    years = list(range(rows[1]["year"], rows[-1]["year"] + 1)) if len(rows) > 1 else []
    slots = [rows[0]["year"], None] + years  # None is the break
    numbers = source_numbers(data)
    width, left, right, top, row_h = 400, 44, 118, 26, 21
    step = 10 * words["unit_factor"]  # a grid line every US$10 billion
    scale_max = max(step, -(-max(value(r, words) for r in rows) // step) * step)
    x = lambda v: left + (width - left - right) * v / scale_max  # noqa: E731
    height = top + row_h * len(slots) + 6
    points = words["chart_point_separator"].join(
        words.format("chart_point", year=r["year"], value=money(r, words)) for r in rows)
    gaps = words["list_separator"].join(
        words.format("date_year", year=y) for y in years if y not in by_year)
    parts = [
        # Out of search (data-search-exclude): the table below indexes the same figures.
        f'<svg class="cb-chart__svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="trade-chart-title trade-chart-desc" data-search-exclude>',
        f'<title id="trade-chart-title">{html.escape(words["chart_title"])}</title>',
        f'<desc id="trade-chart-desc">'
        f'{html.escape(words.format("chart_desc", points=points, gaps=gaps))}</desc>',
    ]
    tick = 0.0
    while tick <= scale_max:
        parts.append(f'<line class="cb-chart__grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" '
                     f'y1="{top - 4}" y2="{height - 6}"/><text class="cb-chart__axis" '
                     f'x="{x(tick):.1f}" y="{top - 9}" text-anchor="middle">{words.number(tick)}</text>')
        tick += step
    for index, year in enumerate(slots):
        mid = top + row_h * (index + 0.5)
        if year is None:
            parts.append(f'<text class="cb-chart__axis" x="{left - 8}" y="{mid + 4:.1f}" '
                         f'text-anchor="end">⋮</text>')
            continue
        parts.append(f'<text class="cb-chart__axis" x="{left - 8}" y="{mid + 4:.1f}" '
                     f'text-anchor="end">{year}</text>')
        row = by_year.get(year)
        if row is None:
            parts.append(f'<text class="cb-chart__gap" x="{left + 6}" y="{mid + 4:.1f}">'
                         f'{words["no_figure"]}</text>')
            continue
        source = data["sources"][row["source"]]
        tip = words.format("chart_tip", year=year, value=money(row, words),
                           publisher=source["publisher"], published=published_date(source, words))
        end = max(x(value(row, words)), left + 2)
        parts.append(
            f'<g class="cb-chart__bar"><title>{html.escape(tip)}</title>'
            f'<rect x="{left}" y="{mid - row_h * 0.35:.1f}" width="{end - left:.1f}" '
            f'height="{row_h * 0.7:.1f}"/></g>'
            f'<text class="cb-chart__value" x="{end + 5:.1f}" y="{mid + 4:.1f}">'
            f'{label(row, words)}</text>'
            f'<text class="cb-chart__source" x="{width - 2}" y="{mid + 4:.1f}" '
            f'text-anchor="end">[{numbers[row["source"]]}]</text>'
        )
    parts.append(f'<line class="cb-chart__baseline" x1="{left}" x2="{left}" y1="{top - 4}" '
                 f'y2="{height - 6}"/></svg>')
    caption = f'<figcaption>{html.escape(words["chart_caption"])}</figcaption>'
    return '<figure class="cb-chart">\n' + "".join(parts) + caption + "\n</figure>\n"


def table(data: dict) -> str:
    words = data["words"]
    numbers = source_numbers(data)
    # No column alignment in Markdown: it becomes style attributes, which the
    # Content-Security-Policy refuses. The CSS right-aligns the figures instead.
    lines = [f'| {words["year"]} | {words["unit"]} | {words["source"]} |', "|---|---|---|"]
    for row in data["trade"]:
        source = data["sources"][row["source"]]
        cell = words.format("table_source", number=numbers[row["source"]], title=linked_title(source, words),
                            publisher=source["publisher"], published=published_date(source, words))
        lines.append(f'| {row["year"]} | {label(row, words)} | {cell} |')
    return '<div class="cb-trade-table" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"
