"""Every generated page of the site: cases, and the taxonomy pages with their backlinks and counts."""

from __future__ import annotations

from collections.abc import Iterator

from casebook.editor import render_propose_data
from casebook.export import render_exports
from casebook.index import Index, country_name
from casebook.markdown import (
    NOT_INDEXED,
    Page,
    esc,
    external,
    front_matter,
    h,
    html_list,
    html_table,
    link,
    unindexed_html,
    url_style,
)
from casebook.pictures.map import map_figure
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
                h(", ".join(meta["countries"])),
                h(index.vocabs["levels"].name_of(meta["level"])),
                h(meta["started"]),
                h(index.vocabs["domains"].name_of(meta["domain"])),
                h(", ".join(licences)),
            ]
        )
    return html_table(["Case", "Countries", "Level", "Started", "Domain", "Licences"], rows)


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
        mechanisms = index.vocabs["mechanisms"]
        parts += [
            "## Strengths\n\n",
            html_list([h(s) for s in term.extra["strengths"]]),
            "\n## Risks\n\n",
            html_list([h(r) for r in term.extra["risks"]]),
            "\n## Typical mechanisms\n\n",
            html_list(
                [link(mechanisms.name_of(m), term_path("mechanisms", m), source) for m in term.extra["mechanisms"]]
            ),
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
        parts += ["\n## Comparison\n\n", unindexed_html(_comparison(index, slugs, source))]
    return Page(source, "".join(parts))


def _term_index(index: Index, kind: str) -> Page:
    vocabulary, attr, heading = TAXONOMIES[kind]
    source = f"{kind}/index.md"
    groups: dict[str, list[str]] = getattr(index, attr)
    rows = [
        [link(t.name, term_path(kind, t.id), source), h(t.description), str(len(groups.get(t.id, [])))]
        for t in index.vocabs[vocabulary].terms.values()
    ]
    text = (
        front_matter({"title": heading, **NOT_INDEXED})
        + f"# {heading}\n\n"
        + html_table(["Term", "What it means", "Cases"], rows)
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
            parts.append(
                html_list(
                    [
                        f"{link(t.name, term_path('recommendations', t.id), source)} "
                        f"({len(index.by_recommendation.get(t.id, []))} case(s))"
                        for t in members
                    ]
                )
            )
            parts.append("\n")
    return "".join(parts)


def _country_pages(index: Index) -> Iterator[Page]:
    rows = []
    for code in sorted(index.by_country, key=country_name):
        name, source = country_name(code), term_path("countries", code)
        slugs = index.by_country[code]
        rows.append([link(name, source, "countries/index.md"), h(code), str(len(slugs))])
        yield Page(
            source,
            front_matter({"title": name})
            + f"# {esc(name)}\n\n"
            + map_figure(index, source, highlight=code)
            + f"## Cases ({len(slugs)})\n\n"
            + case_list(index, slugs, source),
        )
    yield Page(
        "countries/index.md",
        front_matter({"title": "Countries", **NOT_INDEXED})
        + "# Countries\n\n"
        + map_figure(index, "countries/index.md")
        + html_table(["Country", "Code", "Cases"], rows),
    )


def _software_pages(index: Index) -> Iterator[Page]:
    rows = []
    for sw in index.software.values():
        source = f"software/{sw.slug}.md"
        rows.append([link(sw.name, source, "software/index.md"), h(", ".join(sorted(sw.licences))), str(len(sw.cases))])
        facts = [f"<strong>Licences:</strong> {h(', '.join(sorted(sw.licences)) or 'not stated')}"]
        facts += (
            [f"<strong>Source code:</strong> {', '.join(external(r, r) for r in sorted(sw.repositories))}"]
            if sw.repositories
            else []
        )
        facts += (
            [f"<strong>Website:</strong> {', '.join(external(w, w) for w in sorted(sw.websites))}"]
            if sw.websites
            else []
        )
        yield Page(
            source,
            front_matter({"title": sw.name})
            + f"# {esc(sw.name)}\n\n"
            + "".join(f"<p>{fact}</p>\n" for fact in facts)
            + f"\n## Cases ({len(sw.cases)})\n\n"
            + case_list(index, sw.cases, source),
        )
    yield Page(
        "software/index.md",
        front_matter({"title": "Software", **NOT_INDEXED})
        + "# Software\n\n"
        + html_table(["Software", "Licences", "Cases"], rows),
    )


def render_cases_index(index: Index) -> Page:
    source = "cases/index.md"
    by_title = sorted(index.cases, key=lambda s: f"[{esc(index.meta(s)['title'])}]".lower())
    rows = [
        [
            link(m["title"], case_path(s), source),
            h(", ".join(country_name(c) for c in m["countries"])),
            h(index.vocabs["domains"].name_of(m["domain"])),
            h(index.vocabs["governance-models"].name_of(m["governance_model"])),
            h(m["started"]),
        ]
        for s, m in ((s, index.meta(s)) for s in by_title)
    ]
    return Page(
        source,
        front_matter({"title": "Cases", **NOT_INDEXED})
        + f"# Cases\n\n{len(rows)} cases, by title.\n\n"
        + html_table(["Case", "Countries", "Domain", "Governance model", "Started"], rows),
    )


def render_site(index: Index, site: SiteInfo) -> list[Page]:
    """Every generated page, in a stable order, with links in the site's URL style."""
    with url_style(site.directory_urls):
        return list(_pages(index, site))


def _pages(index: Index, site: SiteInfo) -> Iterator[Page]:
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
