"""Every generated page of the site: cases, and the taxonomy pages with their backlinks and counts."""

from __future__ import annotations

from collections.abc import Iterator

from casebook.editor import render_propose_data
from casebook.export import render_exports
from casebook.index import Index, country_name
from casebook.markdown import NOT_INDEXED, Page, esc, front_matter, href, link, table, unindexed
from casebook.render_case import SiteInfo, case_path, render_case_page, term_path
from casebook.render_explore import render_explore_data, render_explore_page
from casebook.render_overview import case_list, render_compare, render_reuse

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
    parts.append(case_list(index, slugs, source))
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
            + case_list(index, slugs, source),
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
            + case_list(index, sw.cases, source),
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


def render_assets(index: Index, site: SiteInfo, new_file_url: str) -> dict[str, str]:
    """Every generated file that is not a page, by path: the open data exports and the data scripts
    of the explorer and the propose page (scripts, since file:// forbids fetching JSON)."""
    return {
        **render_exports(index, site),
        "assets/explore-data.js": render_explore_data(index),
        "assets/propose-data.js": render_propose_data(index.vocabs, new_file_url),
    }
