"""Charts: cases by domain and by governance model (bars), cases by start year (timeline), and on a case
page each adoption figure the case gives at two or more dates (a line over the years)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from casebook.index import Index
from casebook.markdown import h, html_table, url
from casebook.pictures import figure
from casebook.pictures.svg import num, svg_root
from casebook.render_case import term_path

ROW = 28  # bar height plus gap: each bar is a link, so its row is a target at least 24 units tall
CHAR = 7.2  # average width of a 13 px character, to size the label column


def render_bars(ident: str, title: str, rows: list[tuple[str, int, str]], source: str) -> str:
    """Horizontal bars, one per (label, count, target page), each bar with its number and a link."""
    label_w = min(max((len(label) for label, _, _ in rows), default=4) * CHAR + 12, 280)
    bar_w, width = 150, int(label_w + 150 + 40)
    most = max((count for _, count, _ in rows), default=1) or 1
    parts = []
    for i, (label, count, target) in enumerate(rows):
        y = 6 + i * ROW
        length = max(count / most * bar_w, 2)
        parts.append(
            f'<a href="{h(target)}">'  # named by its text: the label and the number
            f'<rect class="gu-chart-hit" x="0" y="{y}" width="{width}" height="{ROW - 2}" fill="transparent"/>'
            f'<text class="gu-chart-end" x="{num(label_w - 8)}" y="{y + 18}">{h(label)}</text>'
            f'<rect class="gu-chart-bar" x="{num(label_w)}" y="{y + 4}" width="{num(length)}" height="{ROW - 10}"/>'
            f'<text class="gu-chart-value" x="{num(label_w + length + 6)}" y="{y + 18}">{count}</text></a>'
        )
    height = 12 + len(rows) * ROW
    desc = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    return svg_root(ident, width, height, title, desc + ".", "".join(parts), links=True)


def _term_rows(
    index: Index, vocabulary: str, kind: str, groups: dict[str, list[str]], source: str
) -> list[tuple[str, int, str]]:
    rows = [
        (term.name, len(groups.get(term.id, [])), url(term_path(kind, term.id), source))
        for term in index.vocabs[vocabulary].terms.values()
        if groups.get(term.id)
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _bars_alternative(rows: list[tuple[str, int, str]], heading: str) -> str:
    cells = [[f'<a href="{h(target)}">{h(label)}</a>', str(count)] for label, count, target in rows]
    return _details(html_table([h(heading), "Cases"], cells))


def _details(table: str) -> str:
    return f"<details>\n<summary>The same as a table</summary>\n{table}</details>\n"


def render_timeline(ident: str, years: Counter[int]) -> str:
    """Cases by the year they started: one column per year from the first to the last, numbered."""
    if not years:
        return ""
    first, last = min(years), max(years)
    span = last - first + 1
    col, left, top, plot_h = max(min(720 / span, 40), 8), 34, 24, 140
    width, height = int(left + col * span + 10), top + plot_h + 34
    most = max(years.values())
    parts = [
        f'<line class="gu-chart-grid" x1="{left}" y1="{top + plot_h}" '
        f'x2="{num(left + col * span)}" y2="{top + plot_h}"/>'
    ]
    for i, year in enumerate(range(first, last + 1)):
        x, count = left + i * col, years.get(year, 0)
        if count:
            bar_h = count / most * plot_h
            parts.append(
                f'<rect class="gu-chart-bar" x="{num(x + 1)}" y="{num(top + plot_h - bar_h)}" '
                f'width="{num(col - 2)}" height="{num(bar_h)}"/>'
                f'<text class="gu-chart-value gu-chart-mid" x="{num(x + col / 2)}" '
                f'y="{num(top + plot_h - bar_h - 5)}">{count}</text>'
            )
        if year in (first, last) or year % 5 == 0:
            parts.append(
                f'<text class="gu-chart-axis gu-chart-mid" x="{num(x + col / 2)}" y="{top + plot_h + 18}">{year}</text>'
            )
    title = f"Cases by start year, {first} to {last}"
    desc = "; ".join(f"{year}: {count}" for year, count in sorted(years.items()))
    return svg_root(ident, width, height, title, desc + ".", "".join(parts), links=False)


def home_charts(index: Index, source: str) -> str:
    """The home page's charts, each with its table: domains, governance models, start years."""
    domains = _term_rows(index, "domains", "domains", index.by_domain, source)
    models = _term_rows(index, "governance-models", "governance", index.by_model, source)
    years = Counter(int(index.meta(s)["started"]) for s in index.cases)
    parts = [
        figure(
            render_bars("gu-domains", "Cases by domain", domains, source),
            "Cases by domain.",
            _bars_alternative(domains, "Domain"),
            "bars",
        ),
        figure(
            render_bars("gu-models", "Cases by governance model", models, source),
            "Cases by governance model.",
            _bars_alternative(models, "Governance model"),
            "bars",
        ),
    ]
    timeline = render_timeline("gu-years", years)
    if timeline:
        table = html_table(["Start year", "Cases"], [[str(y), str(c)] for y, c in sorted(years.items())])
        parts.append(figure(timeline, "Cases by the year they started.", _details(table), "timeline"))
    # One HTML block with no blank line inside, so Markdown (and casebook.rawblocks) sees it whole.
    inner = "".join(part.rstrip("\n") + "\n" for part in parts)
    return "## The cases in figures\n\n" + '<div class="gu-charts">\n' + inner + "</div>\n\n"


def adoption_series(meta: dict[str, Any]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each unit the case counts at two or more dates, with its (year, count) figures in date order."""
    series: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in meta.get("adoption") or []:
        series[item["unit"]].append((int(item["as_of"]), int(item["count"])))
    return [(unit, sorted(points)) for unit, points in series.items() if len({y for y, _ in points}) >= 2]


def render_adoption(ident: str, unit: str, points: list[tuple[int, int]]) -> str:
    """A small line chart of one adoption figure over the years, each point numbered."""
    first, last = points[0][0], points[-1][0]
    most = max(count for _, count in points) or 1
    left, right, top, plot_w, plot_h = 44, 44, 26, 400, 120
    width, height = left + plot_w + right, top + plot_h + 30

    def x(year: int) -> float:
        return left + (year - first) / ((last - first) or 1) * plot_w

    def y(count: int) -> float:
        return top + plot_h - count / most * plot_h

    line = "M" + "L".join(f"{num(x(a))} {num(y(b))}" for a, b in points)
    parts = [
        f'<line class="gu-chart-grid" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>',
        f'<path class="gu-chart-line" d="{line}"/>',
    ]
    for year, count in points:
        parts.append(f'<circle class="gu-chart-dot" cx="{num(x(year))}" cy="{num(y(count))}" r="4.5"/>')
        parts.append(
            f'<text class="gu-chart-value gu-chart-mid" x="{num(x(year))}" y="{num(y(count) - 10)}">{count:,}</text>'
        )
    for year in sorted({year for year, _ in points}):
        parts.append(
            f'<text class="gu-chart-axis gu-chart-mid" x="{num(x(year))}" y="{top + plot_h + 20}">{year}</text>'
        )
    title = f"{unit[:1].upper()}{unit[1:]}, {first} to {last}"
    desc = "; ".join(f"{year}: {count:,}" for year, count in points)
    return svg_root(ident, width, height, title, desc + ".", "".join(parts), links=False)


def case_charts(meta: dict[str, Any]) -> str:
    """The charts of a case page: one per adoption figure given at two or more dates ('' when none is)."""
    blocks = []
    for i, (unit, points) in enumerate(adoption_series(meta), 1):
        table = html_table(["Year", h(unit[:1].upper() + unit[1:])], [[str(y), f"{c:,}"] for y, c in points])
        caption = f"{unit[:1].upper()}{unit[1:]}: {', '.join(f'{c:,} in {y}' for y, c in points)}."
        blocks.append(figure(render_adoption(f"gu-adoption-{i}", unit, points), caption, table, "adoption"))
    return "".join(blocks)
