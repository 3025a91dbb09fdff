"""Pages that look across the whole corpus: compare, reuse, and the blocks generated into hand-written pages."""

from __future__ import annotations

import re

from casebook.index import Index, country_name
from casebook.markdown import (
    NOT_INDEXED,
    Page,
    fenced,
    front_matter,
    h,
    html_list,
    html_table,
    link,
    plural,
    unindexed_html,
    url,
)
from casebook.pictures import home_html
from casebook.pictures.map import map_figure
from casebook.pictures.network import network_figure
from casebook.render_case import case_path, term_path
from casebook.render_changes import render_whats_new
from casebook.schema import FIELDS, Field

INVITE = (
    '<p>No case shows this yet. Do you know one? <a href="{contribute}">Add a case</a>: one Markdown file, '
    "checked by one command.</p>"
)


def case_list(index: Index, slugs: list[str], source: str) -> str:
    """Cases as a list with countries and summary; not indexed by site search (the case pages are)."""
    return unindexed_html(_case_items(index, slugs, source))


def _case_items(index: Index, slugs: list[str], source: str) -> str:
    if not slugs:
        return INVITE.format(contribute=h(url("contribute.md", source))) + "\n"
    items = []
    for slug in sorted(slugs):
        meta = index.meta(slug)
        countries = ", ".join(country_name(c) for c in meta["countries"])
        items.append(f"{link(meta['title'], case_path(slug), source)} ({h(countries)}): {h(meta['summary'])}")
    return html_list(items)


def render_compare(index: Index) -> Page:
    source, vocabs = "compare.md", index.vocabs
    rows = []
    for slug in index.cases:
        m = index.meta(slug)
        adoption = "; ".join(f"{a['count']:,} {a['unit']} ({a['as_of']})" for a in m.get("adoption") or [])
        licences = ", ".join(sorted({s["licence"] for s in m.get("software") or [] if s.get("licence")}))
        rows.append(
            [
                link(m["title"], case_path(slug), source),
                link(
                    vocabs["governance-models"].name_of(m["governance_model"]),
                    term_path("governance", m["governance_model"]),
                    source,
                ),
                h(vocabs["levels"].name_of(m["level"])),
                h(", ".join(m["countries"])),
                h(licences),
                h(m["started"]),
                h(adoption),
                h(", ".join(vocabs["mechanisms"].name_of(x) for x in m.get("mechanisms") or [])),
            ]
        )
    models = [
        [
            link(t.name, term_path("governance", t.id), source),
            str(len(index.by_model.get(t.id, []))),
            "<br>".join(h(s) for s in t.extra["strengths"]),
            "<br>".join(h(r) for r in t.extra["risks"]),
        ]
        for t in vocabs["governance-models"].terms.values()
    ]
    chooser = link("choose a governance model", "governance/index.md", source)
    text = (
        front_matter({"title": "Compare cases", "hide": ["toc"], **NOT_INDEXED}) + "# Compare cases\n\n"
        "## Cases\n\n"
        + '<div class="gu-compare">\n'
        + html_table(
            ["Case", "Governance model", "Level", "Countries", "Licences", "Started", "Adoption", "Mechanisms"], rows
        )
        + "</div>\n\n## Governance models\n\n"
        + f"<p>When each model fits, and any two side by side: {chooser}.</p>\n\n"
        + '<div class="gu-compare">\n'
        + html_table(["Model", "Cases", "Strengths", "Risks"], models)
        + "</div>\n"
    )
    return Page(source, text)


def render_reuse(index: Index) -> Page:
    source = "reuse.md"
    parts = [
        front_matter({"title": "Reuse across borders", **NOT_INDEXED}),
        "# Reuse across borders\n\n",
        "How solutions travel: each chain follows `derived_from` links, from the original to the cases "
        "that reused, forked or adapted it.\n\n",
        map_figure(index, source),
        "## The reuse network\n\n",
        network_figure(index, source),
        "## Chains of reuse\n\n",
    ]
    chains = index.chains()
    items = []
    for chain in chains:
        steps = [
            f"{link(index.meta(s)['title'], case_path(s), source)} ({h(', '.join(index.meta(s)['countries']))})"
            for s in chain
        ]
        crossed = sorted({c for s in chain for c in index.meta(s)["countries"]})
        items.append(f"{' → '.join(steps)}. Countries: {h(', '.join(country_name(c) for c in crossed))}.")
    parts.append(html_list(items) if chains else "<p>No case is derived from another yet.</p>\n")
    multi = [s for s in index.cases if len(index.meta(s)["countries"]) > 1]
    parts += ["\n## Cases spanning several countries\n\n", case_list(index, multi, source)]
    return Page(source, "".join(parts))


def _code(text: str) -> str:
    """HTML of a schema description: escaped, with its `backticked` names as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", h(text))


def render_field_reference(index: Index) -> str:
    """The contributor's field reference, generated from the schema so it cannot drift."""
    rows: list[list[str]] = []

    def add(f: Field, prefix: str) -> None:
        vocabulary = f.vocabulary or (f.items.vocabulary if f.items else None)
        allowed = ", ".join(f"<code>{h(t)}</code>" for t in index.vocabs[vocabulary].terms) if vocabulary else ""
        kind = f.type + (f" ({f.format})" if f.format else "")
        rows.append(
            [
                f"<code>{h(prefix + f.name)}</code>",
                "yes" if f.required else "no",
                h(kind),
                _code(f.description),
                allowed,
            ]
        )
        children = f.items.fields if f.items else f.fields
        for child in children:
            add(child, f"{prefix}{f.name}[].")

    for f in FIELDS:
        add(f, "")
    header = ["Field", "Required", "Type", "Meaning", "Allowed values"]
    return '<div class="gu-fields">\n' + html_table(header, rows) + "</div>\n"


def render_inserts(index: Index, template: str = "") -> dict[str, str]:
    """Generated blocks for hand-written pages, keyed by the HTML comment marker they replace."""
    countries = {c for s in index.cases for c in index.meta(s)["countries"]}
    figures = html_list(
        [
            f"<strong>{n:,}</strong> {h(plural(n, one, many).split(' ', 1)[1])}"
            for n, one, many in (
                (len(index.cases), "case", "cases"),
                (len(countries), "country", "countries"),
                (len(index.vocabs["governance-models"].terms), "governance model", "governance models"),
                (len(index.vocabs["recommendations"].terms), "recommendation", "recommendations"),
            )
        ]
    ).replace("<ul>", '<ul class="gu-figures">', 1)
    return {
        "<!-- casebook:figures -->": figures,
        "<!-- casebook:latest -->": render_whats_new(index, "index.md"),
        "<!-- casebook:pictures -->": home_html(index, "index.md"),
        "<!-- casebook:field-reference -->": render_field_reference(index),
        "<!-- casebook:template -->": fenced(template, "markdown") if template else "",
    }
