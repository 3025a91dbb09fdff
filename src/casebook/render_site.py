"""Every generated page of the site: cases, taxonomy pages with backlinks, compare, reuse, inserts."""

from __future__ import annotations

from collections.abc import Iterator

from casebook.index import Index, country_name
from casebook.markdown import NOT_INDEXED, Page, esc, fenced, front_matter, href, link, rel, table, unindexed
from casebook.render_case import SiteInfo, case_path, render_case_page, term_path
from casebook.render_explore import render_explore_page
from casebook.schema import FIELDS, Field

INVITE = (
    "No case shows this yet. Do you know one? [Add a case]({contribute}): one Markdown file, checked by one command."
)
SYNTHESIS_NOTE = (
    "These recommendations are this knowledge base's own synthesis from the cases. They are not "
    "quotations from the OSOR report or any other source."
)
# taxonomy folder -> (vocabulary, index attribute grouping cases by term, page heading)
TAXONOMIES = {
    "governance": ("governance-models", "by_model", "Governance models"),
    "recommendations": ("recommendations", "by_recommendation", "Recommendations"),
    "domains": ("domains", "by_domain", "Domains"),
    "mechanisms": ("mechanisms", "by_mechanism", "Mechanisms"),
}


def _case_list(index: Index, slugs: list[str], source: str) -> str:
    return unindexed(_case_items(index, slugs, source))


def _case_items(index: Index, slugs: list[str], source: str) -> str:
    if not slugs:
        return INVITE.format(contribute=rel("contribute.md", source)) + "\n"
    lines = []
    for slug in sorted(slugs):
        meta = index.meta(slug)
        countries = ", ".join(country_name(c) for c in meta["countries"])
        lines.append(f"- {link(meta['title'], case_path(slug), source)} ({esc(countries)}): {esc(meta['summary'])}")
    return "\n".join(lines) + "\n"


def _comparison(index: Index, slugs: list[str], source: str) -> str:
    rows = []
    for slug in sorted(slugs):
        meta = index.meta(slug)
        licences = sorted({s["licence"] for s in meta.get("software") or [] if s.get("licence")})
        rows.append(
            [
                link(meta["title"], case_path(slug), source),
                esc(", ".join(meta["countries"])),
                esc(index.vocabs["levels"].name_of(meta["level"])),
                esc(meta["started"]),
                esc(index.vocabs["domains"].name_of(meta["domain"])),
                esc(", ".join(licences)),
            ]
        )
    return table(["Case", "Countries", "Level", "Started", "Domain", "Licences"], rows)


def _term_page(index: Index, kind: str, term_id: str) -> Page:
    vocabulary, attr, _ = TAXONOMIES[kind]
    term = index.vocabs[vocabulary].terms[term_id]
    source = term_path(kind, term_id)
    slugs: list[str] = getattr(index, attr).get(term_id, [])
    parts = [
        front_matter({"title": term.name, "description": term.description}),
        f"# {esc(term.name)}\n\n",
        f"{esc(term.description)}\n\n",
    ]
    if kind == "governance":
        parts += [
            "## Strengths\n\n",
            *[f"- {esc(s)}\n" for s in term.extra["strengths"]],
            "\n## Risks\n\n",
            *[f"- {esc(r)}\n" for r in term.extra["risks"]],
            "\n## Typical mechanisms\n\n",
            *[
                f"- {link(index.vocabs['mechanisms'].name_of(m), term_path('mechanisms', m), source)}\n"
                for m in term.extra["mechanisms"]
            ],
            "\n",
        ]
    if kind == "recommendations":
        audience = index.vocabs["audiences"].name_of(term.extra["audience"])
        theme = index.vocabs["themes"].name_of(term.extra["theme"])
        parts += [
            f"{esc(term.extra['text'])}\n\n",
            f"**Audience:** {esc(audience)} · **Theme:** {esc(theme)}\n\n",
            f"*{esc(SYNTHESIS_NOTE)}*\n\n",
            f"## Evidence: {len(slugs)} case(s)\n\n",
        ]
    else:
        parts.append(f"## Cases ({len(slugs)})\n\n")
    parts.append(_case_list(index, slugs, source))
    if kind == "governance" and slugs:
        parts += ["\n## Comparison\n\n", unindexed(_comparison(index, slugs, source))]
    return Page(source, "".join(parts))


def _term_index(index: Index, kind: str) -> Page:
    vocabulary, attr, heading = TAXONOMIES[kind]
    source = f"{kind}/index.md"
    groups: dict[str, list[str]] = getattr(index, attr)
    rows = [
        [link(t.name, term_path(kind, t.id), source), esc(t.description), str(len(groups.get(t.id, [])))]
        for t in index.vocabs[vocabulary].terms.values()
    ]
    text = (
        front_matter({"title": heading, **NOT_INDEXED})
        + f"# {heading}\n\n"
        + table(["Term", "What it means", "Cases"], rows)
    )
    if kind == "recommendations":
        text += f"\n*{esc(SYNTHESIS_NOTE)}*\n\n" + _recommendations_grouped(index, source)
    return Page(source, text)


def _recommendations_grouped(index: Index, source: str) -> str:
    parts = []
    for field, vocabulary, label in (("audience", "audiences", "audience"), ("theme", "themes", "theme")):
        parts.append(f"## By {label}\n\n")
        for group in index.vocabs[vocabulary].terms.values():
            members = [t for t in index.vocabs["recommendations"].terms.values() if t.extra[field] == group.id]
            parts.append(f"### {esc(group.name)}\n\n")
            parts += [
                f"- {link(t.name, term_path('recommendations', t.id), source)} "
                f"({len(index.by_recommendation.get(t.id, []))} case(s))\n"
                for t in members
            ]
            parts.append("\n")
    return "".join(parts)


def _country_pages(index: Index) -> Iterator[Page]:
    rows = []
    for code in sorted(index.by_country, key=country_name):
        name, source = country_name(code), term_path("countries", code)
        slugs = index.by_country[code]
        rows.append([link(name, source, "countries/index.md"), esc(code), str(len(slugs))])
        yield Page(
            source,
            front_matter({"title": name})
            + f"# {esc(name)}\n\n## Cases ({len(slugs)})\n\n"
            + _case_list(index, slugs, source),
        )
    yield Page(
        "countries/index.md",
        front_matter({"title": "Countries", **NOT_INDEXED})
        + "# Countries\n\n"
        + table(["Country", "Code", "Cases"], rows),
    )


def _software_pages(index: Index) -> Iterator[Page]:
    rows = []
    for sw in index.software.values():
        source = f"software/{sw.slug}.md"
        rows.append(
            [link(sw.name, source, "software/index.md"), esc(", ".join(sorted(sw.licences))), str(len(sw.cases))]
        )
        facts = [f"**Licences:** {esc(', '.join(sorted(sw.licences)) or 'not stated')}"]
        facts += (
            [f"**Source code:** {', '.join(f'[{esc(r)}]({href(r)})' for r in sorted(sw.repositories))}"]
            if sw.repositories
            else []
        )
        facts += (
            [f"**Website:** {', '.join(f'[{esc(w)}]({href(w)})' for w in sorted(sw.websites))}"] if sw.websites else []
        )
        yield Page(
            source,
            front_matter({"title": sw.name})
            + f"# {esc(sw.name)}\n\n"
            + "\n\n".join(facts)
            + f"\n\n## Cases ({len(sw.cases)})\n\n"
            + _case_list(index, sw.cases, source),
        )
    yield Page(
        "software/index.md",
        front_matter({"title": "Software", **NOT_INDEXED})
        + "# Software\n\n"
        + table(["Software", "Licences", "Cases"], rows),
    )


def render_cases_index(index: Index) -> Page:
    source = "cases/index.md"
    rows = [
        [
            link(m["title"], case_path(s), source),
            esc(", ".join(country_name(c) for c in m["countries"])),
            esc(index.vocabs["domains"].name_of(m["domain"])),
            esc(index.vocabs["governance-models"].name_of(m["governance_model"])),
            esc(m["started"]),
        ]
        for s, m in ((s, index.meta(s)) for s in index.cases)
    ]
    return Page(
        source,
        front_matter({"title": "Cases", **NOT_INDEXED})
        + f"# Cases\n\n{len(rows)} cases, by title.\n\n"
        + table(
            ["Case", "Countries", "Domain", "Governance model", "Started"], sorted(rows, key=lambda r: r[0].lower())
        ),
    )


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
                esc(vocabs["levels"].name_of(m["level"])),
                esc(", ".join(m["countries"])),
                esc(licences),
                esc(m["started"]),
                esc(adoption),
                esc(", ".join(vocabs["mechanisms"].name_of(x) for x in m.get("mechanisms") or [])),
            ]
        )
    models = [
        [
            link(t.name, term_path("governance", t.id), source),
            str(len(index.by_model.get(t.id, []))),
            "<br>".join(esc(s) for s in t.extra["strengths"]),
            "<br>".join(esc(r) for r in t.extra["risks"]),
        ]
        for t in vocabs["governance-models"].terms.values()
    ]
    text = (
        front_matter({"title": "Compare cases", "hide": ["toc"], **NOT_INDEXED}) + "# Compare cases\n\n"
        "Scroll sideways on a small screen; the first column stays in place.\n\n## Cases\n\n"
        + '<div class="gu-compare" markdown>\n\n'
        + table(
            ["Case", "Governance model", "Level", "Countries", "Licences", "Started", "Adoption", "Mechanisms"], rows
        )
        + "\n</div>\n\n## Governance models\n\n"
        + '<div class="gu-compare" markdown>\n\n'
        + table(["Model", "Cases", "Strengths", "Risks"], models)
        + "\n</div>\n"
    )
    return Page(source, text)


def render_reuse(index: Index) -> Page:
    source = "reuse.md"
    parts = [
        front_matter({"title": "Reuse across borders", **NOT_INDEXED}),
        "# Reuse across borders\n\n",
        "How solutions travel: each chain follows `derived_from` links, from the original to the cases "
        "that reused, forked or adapted it.\n\n## Chains of reuse\n\n",
    ]
    chains = index.chains()
    for chain in chains:
        steps = [
            f"{link(index.meta(s)['title'], case_path(s), source)} ({esc(', '.join(index.meta(s)['countries']))})"
            for s in chain
        ]
        crossed = sorted({c for s in chain for c in index.meta(s)["countries"]})
        parts.append(f"- {' → '.join(steps)}. Countries: {esc(', '.join(country_name(c) for c in crossed))}.\n")
    if not chains:
        parts.append("No case is derived from another yet.\n")
    multi = [s for s in index.cases if len(index.meta(s)["countries"]) > 1]
    parts += ["\n## Cases spanning several countries\n\n", _case_list(index, multi, source)]
    return Page(source, "".join(parts))


def render_field_reference(index: Index) -> str:
    """The contributor's field reference, generated from the schema so it cannot drift."""
    rows: list[list[str]] = []

    def add(f: Field, prefix: str) -> None:
        allowed = ""
        if f.vocabulary:
            allowed = ", ".join(f"`{t}`" for t in index.vocabs[f.vocabulary].terms)
        elif f.items and f.items.vocabulary:
            allowed = ", ".join(f"`{t}`" for t in index.vocabs[f.items.vocabulary].terms)
        kind = f.type + (f" ({f.format})" if f.format else "")
        rows.append([f"`{prefix}{f.name}`", "yes" if f.required else "no", esc(kind), esc(f.description), allowed])
        children = f.items.fields if f.items else f.fields
        for child in children:
            add(child, f"{prefix}{f.name}[].")

    for f in FIELDS:
        add(f, "")
    return table(["Field", "Required", "Type", "Meaning", "Allowed values"], rows)


def render_inserts(index: Index, template: str = "") -> dict[str, str]:
    """Generated blocks for hand-written pages, keyed by the HTML comment marker they replace."""
    countries = {c for s in index.cases for c in index.meta(s)["countries"]}
    figures = table(
        ["Cases", "Countries", "Governance models", "Recommendations"],
        [
            [
                str(len(index.cases)),
                str(len(countries)),
                str(len(index.vocabs["governance-models"].terms)),
                str(len(index.vocabs["recommendations"].terms)),
            ]
        ],
    )
    latest = "".join(
        f"- {link(index.meta(s)['title'], case_path(s), 'index.md')}: {esc(index.meta(s)['summary'])}\n"
        for s in index.latest()
    )
    return {
        "<!-- casebook:figures -->": figures,
        "<!-- casebook:latest -->": latest,
        "<!-- casebook:field-reference -->": render_field_reference(index),
        "<!-- casebook:template -->": fenced(template, "markdown") if template else "",
    }


def render_site(index: Index, site: SiteInfo) -> Iterator[Page]:
    """Every generated page, in a stable order."""
    for slug in index.cases:
        yield render_case_page(index, site, slug)
    yield render_cases_index(index)
    for kind, (vocabulary, _, _) in TAXONOMIES.items():
        for term_id in index.vocabs[vocabulary].terms:
            yield _term_page(index, kind, term_id)
        yield _term_index(index, kind)
    yield from _country_pages(index)
    yield from _software_pages(index)
    yield render_compare(index)
    yield render_reuse(index)
    yield render_explore_page(index)
