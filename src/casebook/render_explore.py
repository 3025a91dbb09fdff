"""The case explorer: facet markup for /explore/ and the data script it filters (no fetch, works offline)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from casebook.index import Index, country_name, slugify
from casebook.markdown import NOT_INDEXED, Page, front_matter, json_for_script

LICENCE_OPERATORS = {"AND", "OR", "WITH"}


@dataclass(frozen=True, slots=True)
class Facet:
    id: str  # the checkbox name and URL query key
    label: str


FACETS = (
    Facet("country", "Country"),
    Facet("domain", "Domain"),
    Facet("level", "Level of government"),
    Facet("model", "Governance model"),
    Facet("mechanism", "Mechanism"),
    Facet("licence", "Licence"),
    Facet("status", "Status"),
    Facet("software", "Software"),
)


def licence_ids(expression: str) -> list[str]:
    """The licence identifiers in an SPDX expression: 'EUPL-1.2 OR (MIT AND X)' -> EUPL-1.2, MIT, X."""
    return [t for t in re.split(r"[\s()]+", expression) if t and t.upper() not in LICENCE_OPERATORS]


def case_facets(index: Index, slug: str) -> dict[str, list[str]]:
    meta = index.meta(slug)
    software = meta.get("software") or []
    return {
        "country": list(meta["countries"]),
        "domain": [meta["domain"]],
        "level": [meta["level"]],
        "model": [meta["governance_model"]],
        "mechanism": list(meta.get("mechanisms") or []),
        "licence": sorted({i for s in software if s.get("licence") for i in licence_ids(s["licence"])}),
        "status": [meta["status"]],
        "software": [slugify(s["name"]) for s in software],
    }


def _same(value: str) -> str:
    return value


def facet_values(index: Index) -> dict[str, dict[str, str]]:
    """Every value each facet can take, with its label, in display order."""
    vocabs = index.vocabs
    values: dict[str, dict[str, str]] = {f.id: {} for f in FACETS}
    for slug in index.cases:
        for facet, ids in case_facets(index, slug).items():
            for value in ids:
                values[facet].setdefault(value, value)
    labels: dict[str, Callable[[str], str]] = {
        "country": country_name,
        "domain": vocabs["domains"].name_of,
        "level": vocabs["levels"].name_of,
        "model": vocabs["governance-models"].name_of,
        "mechanism": vocabs["mechanisms"].name_of,
        "status": vocabs["statuses"].name_of,
        "software": lambda s: index.software[s].name if s in index.software else s,
    }
    for facet, found in values.items():
        label = labels.get(facet, _same)
        values[facet] = dict(sorted(((v, label(v)) for v in found), key=lambda item: item[1].lower()))
    return values


def render_explore_data(index: Index) -> str:
    """`assets/explore-data.js`: the cases and facets as a script, since file:// forbids fetch."""
    values = facet_values(index)
    cases: list[dict[str, Any]] = []
    for slug in index.cases:
        meta = index.meta(slug)
        organisations = " ".join(o["name"] for o in meta.get("organisations") or [])
        cases.append(
            {
                "slug": slug,
                "title": meta["title"],
                "summary": meta["summary"],
                "countries": ", ".join(country_name(c) for c in meta["countries"]),
                "model": index.vocabs["governance-models"].name_of(meta["governance_model"]),
                "text": f"{meta['title']} {meta['summary']} {organisations}".lower(),
                "f": case_facets(index, slug),
            }
        )
    data = {"facets": [{"id": f.id, "label": f.label, "values": values[f.id]} for f in FACETS], "cases": cases}
    return f"window.GROUND_UP_EXPLORE = {json_for_script(data)};\n"


def _fieldset(facet: Facet, values: dict[str, str], counts: dict[str, int]) -> str:
    items = []
    for value, label in values.items():
        box_id = f"gu-{facet.id}-{slugify(value)}"
        items.append(
            f'<li><input type="checkbox" id="{box_id}" name="{facet.id}" value="{html.escape(value)}">'
            f' <label for="{box_id}">{html.escape(label)} <span class="gu-count">({counts.get(value, 0)})</span>'
            "</label></li>"
        )
    return (
        f'<fieldset class="gu-facet"><legend>{html.escape(facet.label)}</legend>'
        f'<ul class="gu-facet-values">{"".join(items)}</ul></fieldset>'
    )


def render_explore_page(index: Index) -> Page:
    """The explorer page; its facets work without the script, which adds counts, cards and URL state."""
    values = facet_values(index)
    counts: dict[str, dict[str, int]] = {f.id: {} for f in FACETS}
    for slug in index.cases:
        for facet, ids in case_facets(index, slug).items():
            for value in ids:
                counts[facet][value] = counts[facet].get(value, 0) + 1
    fieldsets = "".join(_fieldset(f, values[f.id], counts[f.id]) for f in FACETS)
    total = len(index.cases)
    body = (
        '<div id="gu-explorer" class="gu-explorer">'
        '<form id="gu-filters" class="gu-filters" role="search" aria-labelledby="gu-filters-heading">'
        '<h2 id="gu-filters-heading">Filter cases</h2>'
        '<p><label for="gu-q">Search titles, summaries and organisations</label><br>'
        '<input type="search" id="gu-q" name="q" autocomplete="off"></p>'
        '<p><button type="button" id="gu-clear" class="md-button">Clear all</button></p>'
        f"{fieldsets}"
        # Results follow every tick at once; the button is for those who expect to confirm a search.
        '<p><button type="submit" class="md-button md-button--primary">Show matching cases</button></p></form>'
        '<section class="gu-results" aria-labelledby="gu-results-heading">'
        '<h2 id="gu-results-heading">Matching cases</h2>'
        f'<p id="result-count" class="gu-result-count" aria-live="polite">{total} cases</p>'
        '<ol id="gu-cards" class="gu-cards"></ol>'
        '<p><button type="button" id="gu-more" class="md-button" hidden>Show more</button></p>'
        "</section></div>\n"
    )
    intro = (
        "Tick values to narrow the list: cases must match every facet you use, and any of the values "
        "you tick within one facet. The address bar keeps your choices, so you can bookmark or share them.\n\n"
    )
    text = (
        front_matter(
            {
                "title": "Explore cases",
                "hide": ["toc"],
                **NOT_INDEXED,
                "scripts": ["assets/explore-data.js", "assets/explore.js"],
            }
        )
        + "# Explore cases\n\n"
        + intro
        + body
        + "\nPrefer a plain list? See [all cases](cases/index.md).\n"
    )
    return Page("explore.md", text)
