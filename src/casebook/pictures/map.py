"""The map of Europe: countries shaded by number of cases, each a link to its page, reuse as arcs.

Outlines are Natural Earth's, projected and simplified once by tools/make_europe.py into
geo/europe.json (see geo/README.md); drawing only reads that file, so a build needs no network.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from casebook.index import Index, country_name
from casebook.markdown import h, html_list, link, url
from casebook.pictures import figure
from casebook.pictures.svg import num, plural, svg_root
from casebook.render_case import case_path, term_path

GEO = Path(__file__).parent / "geo" / "europe.json"
# Shades by number of cases; the legend and the number on each country say the same in words.
STEPS = ((1, "1"), (2, "2"), (3, "3\u20134"), (5, "5 or more"))  # 3 to 4, with an en dash
BADGE = 11  # radius of the number on a country, in viewBox units
# Countries off the frame (the United States, say) get a labelled box in the Atlantic; arcs leave from its right end.
OFFMAP_X, OFFMAP_Y, OFFMAP_W = 12.0, 440.0, 150


@cache
def load_geo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GEO.read_text(encoding="utf-8"))
    return data


def shade(count: int) -> int:
    """The shade step (1-4) of a country with `count` cases."""
    return max(i for i, (low, _) in enumerate(STEPS, 1) if count >= low)


@dataclass(frozen=True, slots=True)
class Reuse:
    """One `derived_from` link placed on the map: from the original's country to the reuser's."""

    parent: str
    child: str
    start: str
    end: str


def reuses(index: Index) -> list[Reuse]:
    """Every derived_from pair between cases, located by each case's first country."""
    found = []
    for child in index.cases:
        for parent in index.meta(child).get("derived_from") or []:
            if parent in index.cases:
                start, end = index.meta(parent)["countries"][0], index.meta(child)["countries"][0]
                found.append(Reuse(parent, child, start, end))
    return found


def _places(index: Index) -> dict[str, tuple[float, float]]:
    """Where each country's number and arcs sit: on its shape, or in a box at the left edge when off the map."""
    geo = load_geo()
    places: dict[str, tuple[float, float]] = {}
    offmap = sorted((c for c in index.by_country if c not in geo["countries"]), key=country_name)
    for i, code in enumerate(offmap):
        places[code] = (OFFMAP_X, OFFMAP_Y + 34 * i)
    for code in geo["countries"]:
        x, y = geo["anchors"][code]
        places[code] = (x, y)
    return places


def render_map(index: Index, source: str, highlight: str | None = None) -> str:
    """The map as SVG; `highlight` marks one country (its own page)."""
    geo = load_geo()
    width, height = geo["width"], geo["height"]
    places = _places(index)
    counts = {code: len(slugs) for code, slugs in index.by_country.items()}
    land, linked, badges = [], [], []
    for code, d in geo["countries"].items():
        if code not in counts:
            land.append(f'<path d="{d}"/>')
    for code in sorted(counts, key=country_name):
        name, count = country_name(code), counts[code]
        label = f"{name}, {plural(count, 'case')}"
        here = " gu-map-here" if code == highlight else ""
        href = h(url(term_path("countries", code), source))
        x, y = places[code]
        if code in geo["countries"]:
            shape = f'<path class="gu-map-n{shade(count)}{here}" d="{geo["countries"][code]}"/>'
            badge = (
                f'<circle class="gu-map-badge{here}" cx="{num(x)}" cy="{num(y)}" r="{BADGE}"/>'
                f'<text x="{num(x)}" y="{num(y + 4)}">{count}</text>'
            )
        else:
            shape = (
                f'<rect class="gu-map-offbox{here}" x="{num(x - 6)}" y="{num(y - 14)}" '
                f'width="{OFFMAP_W}" height="28" rx="4"/>'
            )
            badge = f'<text class="gu-map-off" x="{num(x)}" y="{num(y + 4)}">{h(name)}: {count}</text>'
        linked.append(f'<a href="{href}" aria-label="{h(label)}"><title>{h(label)}</title>{shape}{badge}</a>')
        badges.append(badge)
    arcs = [_arc(places, r) for r in reuses(index) if r.start != r.end]
    legend = _legend(width, height)
    title = f"Map of Europe: {plural(len(counts), 'country', 'countries')} with cases"
    across = [r for r in reuses(index) if r.start != r.end]
    desc = "Countries are shaded and numbered by how many cases involve them; each is a link to its page. " + (
        f"{plural(len(across), 'arc')} show reuse across borders, from the original to the case that reused it."
        if across
        else ""
    )
    body = (
        f'<g class="gu-map-land" aria-hidden="true">{"".join(land)}</g>'
        f'<g class="gu-map-cases">{"".join(linked)}</g>'
        f'<g class="gu-map-arcs" aria-hidden="true">{"".join(arcs)}</g>'
        # The numbers again on top, so no neighbour's shape covers one; clicks pass to the links below.
        f'<g class="gu-map-top" aria-hidden="true">{"".join(badges)}</g>'
        f"{legend}"
    )
    return svg_root("gu-map", width, height, title, desc.strip(), body, links=True)


def _arc(places: dict[str, tuple[float, float]], reuse: Reuse) -> str:
    (x1, y1), (x2, y2) = places[reuse.start], places[reuse.end]
    if reuse.start not in load_geo()["countries"]:
        x1 += OFFMAP_W - 6
    # A curve bowed to the left of its direction, so arcs both ways between two countries stay apart.
    mx, my, dx, dy = (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    bow = min(0.25 * length, 80)
    cx, cy = mx + dy / length * bow, my - dx / length * bow
    # End at the rim of the target's number, not its centre, so the arrow head stays visible.
    ex, ey = (
        x2 - (x2 - cx) / (math.hypot(x2 - cx, y2 - cy) or 1) * BADGE,
        y2 - (y2 - cy) / (math.hypot(x2 - cx, y2 - cy) or 1) * BADGE,
    )
    tip = _arrow_head(cx, cy, ex, ey)
    return (
        f'<path d="M{num(x1)} {num(y1)}Q{num(cx)} {num(cy)} {num(ex)} {num(ey)}"/><path class="gu-map-tip" d="{tip}"/>'
    )


def _arrow_head(cx: float, cy: float, ex: float, ey: float) -> str:
    angle = math.atan2(ey - cy, ex - cx)
    points = [(ex, ey)] + [(ex - 12 * math.cos(angle + s), ey - 12 * math.sin(angle + s)) for s in (0.4, -0.4)]
    return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points) + "z"


def _legend(width: int, height: int) -> str:
    x, y = width - 150, height - 24 * len(STEPS) - 34
    rows = [
        f'<rect class="gu-map-legend-bg" x="{x - 10}" y="{y - 22}" width="156" height="{24 * len(STEPS) + 50}" rx="4"/>'
    ]
    rows.append(f'<text class="gu-map-legend-title" x="{x}" y="{y - 4}">Cases per country</text>')
    for i, (_, label) in enumerate(STEPS, 1):
        top = y + 24 * (i - 1) + 4
        rows.append(f'<rect class="gu-map-n{i}" x="{x}" y="{top}" width="26" height="18"/>')
        rows.append(f'<text x="{x + 34}" y="{top + 14}">{h(label)}</text>')
    return f'<g class="gu-map-legend" aria-hidden="true">{"".join(rows)}</g>'


def map_alternative(index: Index, source: str) -> str:
    """The map's facts as text: every country with its number of cases (links), and each reuse across borders."""
    items = [
        f"{link(country_name(code), term_path('countries', code), source)}: "
        f"{h(plural(len(index.by_country[code]), 'case'))}"
        for code in sorted(index.by_country, key=country_name)
    ]
    text = (
        '<p class="gu-alt-title">Countries with cases</p>\n<ul class="gu-alt-list">\n'
        + "".join(f"<li>{item}</li>\n" for item in items)
        + "</ul>\n"
    )
    across = [r for r in reuses(index) if r.start != r.end]
    if across:
        lines = [
            f"{link(index.meta(r.child)['title'], case_path(r.child), source)} ({h(country_name(r.end))}) "
            f"from {link(index.meta(r.parent)['title'], case_path(r.parent), source)} ({h(country_name(r.start))})"
            for r in across
        ]
        text += '<p class="gu-alt-title">Reuse across borders (arcs)</p>\n' + html_list(lines)
    return text


def map_figure(index: Index, source: str, highlight: str | None = None) -> str:
    caption = "Cases per country, with reuse across borders drawn as arrows from the original to the reuser."
    if highlight:
        caption = (
            f"{country_name(highlight)} (outlined) among the countries with cases; arrows show reuse across borders."
        )
    return figure(render_map(index, source, highlight), caption, map_alternative(index, source), "map")
