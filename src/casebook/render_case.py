"""A case's page: title, summary, facts panel, narrative, sources, related cases, citation, JSON-LD."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from casebook.body import CITATIONS, is_citation
from casebook.checks import REVIEW_MAX_DAYS
from casebook.cite import FORMATS, cite_path, render_bibtex, render_text_citation
from casebook.editorial import is_stale
from casebook.index import Index, country_name, slugify
from casebook.markdown import (
    Page,
    esc,
    external,
    file_url,
    front_matter,
    h,
    h_lines,
    html_list,
    json_for_script,
    link,
    unindexed_html,
)

PUBLISHER = "Ground Up"
SKIP = "{ data-search-exclude }"  # attr_list: this heading makes no (empty) entry in the search index
CONTENT_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """Where the site lives and where its sources can be edited (from the generator's config)."""

    url: str = ""  # absolute site URL ending in '/', or '' when unknown
    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/
    directory_urls: bool = True  # pages at x/ (False: at x.html, as in the offline edition)


def case_path(slug: str) -> str:
    return f"cases/{slug}.md"


def case_url(site: SiteInfo, slug: str) -> str:
    return f"{site.url}cases/{slug}/" if site.url else f"cases/{slug}/"


def term_path(kind: str, term: str) -> str:
    return f"{kind}/{term.lower()}.md"


def link_citations(body: str) -> str:
    """Turn [1] into a link to the first source, so readers can jump from a claim to its evidence."""

    def replace(run: re.Match[str]) -> str:
        if not is_citation(body, run):
            return run.group(0)
        return re.sub(r"\[(\d+)\]", r'<a href="#source-\1">[\1]</a>', run.group(0))

    return CITATIONS.sub(replace, body)


def _terms(index: Index, vocabulary: str, kind: str, ids: list[str], source: str) -> str:
    vocab = index.vocabs[vocabulary]
    return ", ".join(link(vocab.name_of(t), term_path(kind, t), source) for t in ids)


def _countries(codes: list[str], source: str) -> str:
    return ", ".join(link(country_name(c), term_path("countries", c), source) for c in codes)


def _cases(index: Index, slugs: list[str], source: str) -> str:
    return ", ".join(link(index.meta(s)["title"], case_path(s), source) for s in slugs)


def _software(index: Index, meta: dict[str, Any], source: str) -> str:
    items = []
    for item in meta.get("software") or []:
        text = link(item["name"], f"software/{slugify(item['name'])}.md", source)
        extras = [f"licence {h(item['licence'])}" if item.get("licence") else "licence not stated"]
        extras += [
            external(label, item[key])
            for key, label in (
                ("repository", "source code"),
                ("website", "website"),
                ("publiccode_yml", "publiccode.yml"),
            )
            if item.get(key)
        ]
        items.append(f"{text} ({', '.join(extras)})")
    return "<br>".join(items)


def _organisations(index: Index, meta: dict[str, Any]) -> str:
    """Organisations grouped by role, in the order of the roles vocabulary (initiator, steward, ...)."""
    roles, types = index.vocabs["roles"], index.vocabs["organisation-types"]
    orgs = meta.get("organisations") or []
    items = []
    for role in roles.terms.values():
        members = []
        for org in (o for o in orgs if o["role"] == role.id):
            details = [types.name_of(org["type"]).lower()]
            details += [country_name(org["country"])] if org.get("country") else []
            members.append(f"{h(org['name'])} ({h(', '.join(details))})")
        if members:
            items.append(f'<span class="gu-role">{h(role.name)}:</span> {"; ".join(members)}')
    return html_list(items).rstrip("\n") if items else ""


def _adoption(meta: dict[str, Any], today: dt.date) -> str:
    """Each figure with its year; 'as of' flags one older than five years, so readers weigh it."""
    rows = []
    for a in meta.get("adoption") or []:
        note = f", {a['note']}" if a.get("note") else ""
        year = f"as of {a['as_of']}" if is_stale(a["as_of"], today) else str(a["as_of"])
        rows.append(h(f"{a['count']:,} {a['unit']} ({year}{note})"))
    return "<br>".join(rows)


def _review_due(meta: dict[str, Any], index: Index) -> bool:
    """Facts last checked more than two years before the corpus's newest date (the validator's rule)."""
    reviewed = dt.date.fromisoformat(meta["reviewed"])
    return (index.reference_date - reviewed).days > REVIEW_MAX_DAYS


def render_facts(index: Index, slug: str) -> str:
    meta, source = index.meta(slug), case_path(slug)
    vocabs = index.vocabs
    facts = [
        ("Status", h(vocabs["statuses"].name_of(meta["status"]))),
        ("Countries", _countries(meta["countries"], source)),
        ("Level", h(vocabs["levels"].name_of(meta["level"]))),
        ("Started", h(meta["started"])),
        ("Domain", _terms(index, "domains", "domains", [meta["domain"]], source)),
        ("Governance model", _terms(index, "governance-models", "governance", [meta["governance_model"]], source)),
        ("Mechanisms", _terms(index, "mechanisms", "mechanisms", meta.get("mechanisms") or [], source)),
        ("Software", _software(index, meta, source)),
        ("Organisations", _organisations(index, meta)),
        ("Adoption", _adoption(meta, index.reference_date)),
        (
            "Evidence for",
            _terms(index, "recommendations", "recommendations", index.recommendations_of(slug), source),
        ),
        ("Derived from", _cases(index, [s for s in meta.get("derived_from") or [] if s in index.cases], source)),
        ("Reused by", _cases(index, sorted(index.reused_by.get(slug, [])), source)),
        ("Facts last reviewed", h(meta["reviewed"]) + (" (review due)" if _review_due(meta, index) else "")),
    ]
    rows = "".join(f"<dt>{name}</dt>\n<dd>{value}</dd>\n" for name, value in facts if value)
    return f'<dl class="gu-facts">\n{rows}</dl>\n'


def render_takeaways(meta: dict[str, Any]) -> str:
    """The case's own one to three key points, boxed above the narrative; nothing when it has none."""
    items = meta.get("takeaways") or []
    if not items:
        return ""
    return (
        '<div class="gu-takeaways">\n<p class="gu-takeaways-title"><strong>Key takeaways</strong></p>\n'
        + html_list([h(item) for item in items])
        + "</div>\n\n"
    )


def render_sources(meta: dict[str, Any]) -> str:
    items = []
    for number, src in enumerate(meta["sources"], start=1):
        details = ", ".join(h(v) for v in (src.get("publisher"), src.get("date")) if v)
        details = f" {details}." if details else ""
        kept = [f"Accessed {h(src['accessed'])}"] if src.get("accessed") else []
        label = "archived copy" if kept else "Archived copy"
        kept += [external(label, src["archived"])] if src.get("archived") else []
        details += f" {' · '.join(kept)}." if kept else ""
        items.append(
            f'<span id="source-{number}"></span>{external(src["title"], src["url"])}.'
            f'{details} <span class="gu-url">{h(src["url"])}</span>'
        )
    return html_list(items, "ol")


def render_related(index: Index, slug: str) -> str:
    related = index.related(slug)
    if not related:
        return "<p>No related cases yet.</p>\n"
    source = case_path(slug)
    return html_list(
        [f"{link(index.meta(o)['title'], case_path(o), source)}: {h('; '.join(dict.fromkeys(r)))}" for o, r in related]
    )


def render_citation(site: SiteInfo, slug: str, meta: dict[str, Any]) -> str:
    """The text citation and BibTeX to copy (cite.js adds the copy buttons), and the citation files."""
    url, source = case_url(site, slug), case_path(slug)
    blocks = "".join(
        f'<pre class="gu-cite-{kind}"><code class="language-{kind}">{h_lines(text)}\n</code></pre>\n'
        for kind, text in (("text", render_text_citation(url, meta)), ("bibtex", render_bibtex(slug, url, meta)))
    )
    files = " · ".join(
        f'<a href="{h(file_url(cite_path(slug, ext), source))}">{h(label)}</a>' for ext, label in FORMATS.items()
    )
    return f'<div class="gu-cite">\n{blocks}<p>Download the citation: {files}</p>\n</div>\n'


def _single_id(licence: str | None) -> bool:
    """A licence that is one SPDX id (schema.org's license wants a URL; an expression has none)."""
    return bool(licence) and re.fullmatch(r"[A-Za-z0-9.+-]+", str(licence)) is not None


def render_jsonld(index: Index, site: SiteInfo, slug: str) -> str:
    meta = index.meta(slug)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": meta["title"],
        "description": meta["summary"],
        "url": case_url(site, slug),
        "datePublished": meta["published"],
        "dateModified": meta.get("updated") or meta["published"],
        "license": CONTENT_LICENCE,
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "author": {"@type": "Organization", "name": f"{PUBLISHER} contributors"},
        "about": index.vocabs["domains"].name_of(meta["domain"]),
        "spatialCoverage": [{"@type": "Country", "name": country_name(c), "identifier": c} for c in meta["countries"]],
        "mentions": [
            {"@type": "SoftwareSourceCode", "name": s["name"]}
            | ({"codeRepository": s["repository"]} if s.get("repository") else {})
            | ({"license": f"https://spdx.org/licenses/{s['licence']}"} if _single_id(s.get("licence")) else {})
            for s in meta.get("software") or []
        ],
        "citation": [
            {"@type": "CreativeWork", "name": s["title"], "url": s["url"]}
            | ({"archivedAt": s["archived"]} if s.get("archived") else {})
            for s in meta["sources"]
        ],
    }
    return json_for_script(data)


def _charts(meta: dict[str, Any]) -> str:
    from casebook.pictures.charts import case_charts  # pictures import this module for its paths

    charts = case_charts(meta)
    return f"## Adoption over time {SKIP}\n\n{charts}" if charts else ""


def render_case_page(index: Index, site: SiteInfo, slug: str) -> Page:
    case = index.cases[slug]
    meta = case.meta
    edit_url = f"{site.edit_base}cases/{slug}.md" if site.edit_base else None
    parts = [
        front_matter(
            {
                "title": meta["title"],
                "description": meta["summary"],
                "jsonld": render_jsonld(index, site, slug),
                "edit_url": edit_url,
                "casebook": "case",
                "scripts": ["assets/cite.js"],
            }
        ),
        f"# {esc(meta['title'])}\n\n",
        f'<p class="gu-summary">{h(meta["summary"])}</p>\n\n',
        '<p class="gu-cite-jump"><a class="md-button" href="#cite-this-case">Cite this case</a></p>\n\n',
        render_takeaways(meta),
        render_facts(index, slug),
        "\n",
        link_citations(case.body.strip("\n")),
        "\n\n",
        # Apparatus, not prose: readers see it, site search skips it (its text is the sources' own).
        # HTML blocks under plain headings, so Markdown has nothing to parse in them.
        _charts(meta),
        f"## Sources {SKIP}\n\n",
        unindexed_html(render_sources(meta)),
        f"## Related cases {SKIP}\n\n",
        unindexed_html(render_related(index, slug)),
        f"## Cite this case {SKIP}\n\n",
        unindexed_html(
            render_citation(site, slug, meta)
            + (
                f"<p>{external('Edit this case', edit_url)} · Facts last reviewed {h(meta['reviewed'])}</p>\n"
                if edit_url
                else ""
            )
        ),
    ]
    return Page(case_path(slug), "".join(parts))
