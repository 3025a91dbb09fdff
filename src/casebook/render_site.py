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
    front_matter,
    h,
    html_table,
    link,
    plural,
    unindexed_html,
    url_style,
)
from casebook.place import placed
from casebook.render_case import SiteInfo, case_path, render_case_page, term_path
from casebook.render_changes import render_changes
from casebook.render_explore import render_explore_data, render_explore_page
from casebook.render_governance import render_compare_models, render_model_page, render_models_index
from casebook.render_groups import country_pages, explorer_link, facts_strip, group_intro, software_pages
from casebook.render_overview import case_list, render_compare, render_reuse
from casebook.render_recommendations import render_recommendation_page, render_recommendations_index

# taxonomy folder -> (vocabulary, index attribute grouping cases by term, page heading)
TAXONOMIES = {
    "governance": ("governance-models", "by_model", "Governance models"),
    "recommendations": ("recommendations", "by_recommendation", "Recommendations"),
    "domains": ("domains", "by_domain", "Domains"),
    "mechanisms": ("mechanisms", "by_mechanism", "Mechanisms"),
}
# taxonomy folder -> the explorer's facet for it (its URL query key, see render_explore.FACETS)
EXPLORER_FACETS = {"domains": "domain", "mechanisms": "mechanism", "governance": "model"}


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
    if kind == "recommendations":
        return render_recommendation_page(index, term)
    if kind == "governance":
        page = render_model_page(index, term)
        if not slugs:
            return page
        return Page(source, page.text + "\n## Comparison\n\n" + unindexed_html(_comparison(index, slugs, source)))
    parts = [
        front_matter({"title": term.name, "description": term.description}),
        f"# {esc(term.name)}\n\n",
        f"{esc(term.description)}\n\n",
    ]
    if kind in EXPLORER_FACETS:
        parts += [
            facts_strip(index, slugs),
            group_intro(index, slugs, skip="domain" if kind == "domains" else ""),
            explorer_link(EXPLORER_FACETS[kind], term_id, source, len(slugs)),
            "\n",
        ]
    parts += [f"## Cases ({len(slugs)})\n\n", case_list(index, slugs, source)]
    return Page(source, "".join(parts))


def _term_index(index: Index, kind: str) -> Page:
    if kind == "governance":
        return render_models_index(index)
    if kind == "recommendations":
        return render_recommendations_index(index)
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
        + html_table([heading.removesuffix("s"), "What it means", "Cases"], rows)
    )
    return Page(source, text)


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
        + f"# Cases\n\n{plural(len(rows), 'case')}, by title.\n\n"
        + html_table(["Case", "Countries", "Domain", "Governance model", "Started"], rows),
    )


def render_site(index: Index, site: SiteInfo) -> list[Page]:
    """Every generated page, in a stable order, with links in the site's URL style."""
    with url_style(site.directory_urls):
        return placed(list(_pages(index, site)))


def _pages(index: Index, site: SiteInfo) -> Iterator[Page]:
    for slug in index.cases:
        yield render_case_page(index, site, slug)
    yield render_cases_index(index)
    for kind, (vocabulary, _, _) in TAXONOMIES.items():
        for term_id in index.vocabs[vocabulary].terms:
            yield _term_page(index, kind, term_id)
        yield _term_index(index, kind)
    yield from country_pages(index)
    yield from software_pages(index)
    yield render_compare_models(index)
    yield render_compare(index)
    yield render_reuse(index)
    yield render_explore_page(index)
    yield render_changes(index)


def render_assets(index: Index, site: SiteInfo, new_file_url: str) -> dict[str, str]:
    """Every generated file that is not a page, by path: the open data exports and the data scripts
    of the explorer and the propose page (scripts, since file:// forbids fetching JSON)."""
    return {
        **render_exports(index, site),
        "assets/explore-data.js": render_explore_data(index),
        "assets/propose-data.js": render_propose_data(index.vocabs, new_file_url),
    }
