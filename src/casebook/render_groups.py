"""Pages about a group of cases: countries and software, and the facts strip, one-line intro and
explorer link that they share with the domain, mechanism and model pages."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from casebook.index import Index, Software, country_name
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
    plural,
    url,
)
from casebook.pictures.map import map_figure
from casebook.render_case import term_path
from casebook.render_overview import case_list


def facts_strip(index: Index, slugs: list[str], extra: list[str] | None = None) -> str:
    """Counts and years of a group of cases, in one line under the page's heading."""
    metas = [index.meta(s) for s in slugs]
    countries = {c for m in metas for c in m["countries"]}
    years = sorted(int(m["started"]) for m in metas)
    active = sum(m["status"] == "active" for m in metas)
    items = [plural(len(slugs), "case"), plural(len(countries), "country", "countries")]
    items += extra or []
    if years:
        items.append(f"started {years[0]}" if years[0] == years[-1] else f"started {years[0]}\u2013{years[-1]}")
    if active:
        items.append(f"{active:,} active")
    return '<ul class="gu-strip">\n' + "".join(f"<li>{h(item)}</li>\n" for item in items) + "</ul>\n\n"


def explorer_link(facet: str, value: str, source: str, count: int) -> str:
    """A button to the explorer with this page's facet ticked (the explorer reads ?facet=value)."""
    if not count:
        return ""
    href = f"{url('explore.md', source)}?{urlencode({facet: value})}"
    return f'<p><a class="md-button" href="{h(href)}">See {h(plural(count, "case"))} in the explorer</a></p>\n\n'


def _names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def group_intro(index: Index, slugs: list[str], skip: str = "") -> str:
    """One sentence on a group of cases: their domains and governance models, in words."""
    if not slugs:
        return ""
    vocabs = index.vocabs
    parts = []
    if skip != "domain":
        domains = sorted({vocabs["domains"].name_of(index.meta(s)["domain"]) for s in slugs})
        parts.append(f"{plural(len(domains), 'domain')} ({_names([d.lower() for d in domains])})")
    models = sorted({vocabs["governance-models"].name_of(index.meta(s)["governance_model"]) for s in slugs})
    parts.append(f"{plural(len(models), 'governance model')} ({_names([m.lower() for m in models])})")
    return f"<p>The cases here span {_names(parts)}.</p>\n\n"


def country_pages(index: Index) -> Iterator[Page]:
    rows = []
    for code in sorted(index.by_country, key=country_name):
        name, source = country_name(code), term_path("countries", code)
        slugs = index.by_country[code]
        rows.append([link(name, source, "countries/index.md"), h(code), str(len(slugs))])
        organisations = {o["name"] for s in slugs for o in index.meta(s)["organisations"] if o.get("country") == code}
        intro = (
            f"<p>Cases with adopters or partners in {h(name)}: who shares which software, and how they govern "
            "and pay for it.</p>\n\n"
        )
        yield Page(
            source,
            front_matter({"title": name, "description": f"Open source collaboration cases in {name}."})
            + f"# {esc(name)}\n\n"
            + intro
            + facts_strip(index, slugs, [plural(len(organisations), "organisation")] if organisations else [])
            + group_intro(index, slugs)
            + explorer_link("country", code, source, len(slugs))
            + "\n"
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


def _software_facts(index: Index, sw: Software, source: str) -> list[tuple[str, str]]:
    by_name = {other.name.lower(): other for other in index.software.values()}
    built_on = [
        link(name, f"software/{by_name[name.lower()].slug}.md", source) if name.lower() in by_name else h(name)
        for name in sorted(sw.built_on, key=str.lower)
    ]
    built_upon = [
        link(other.name, f"software/{other.slug}.md", source)
        for other in index.software.values()
        if sw.name.lower() in {n.lower() for n in other.built_on}
    ]
    licences = ", ".join(sorted(sw.licences))
    return [
        ("Licence", h(licences) if licences else "not stated"),
        ("Website", ", ".join(external(w, w) for w in sorted(sw.websites))),
        ("Source code", ", ".join(external(r, r) for r in sorted(sw.repositories))),
        ("Built on", ", ".join(built_on)),
        ("Other software built on it", ", ".join(built_upon)),
    ]


def _adopters(index: Index, sw: Software) -> list[str]:
    """Organisations that the cases using this software name as adopters, with their country."""
    found: dict[str, str] = {}
    for slug in sw.cases:
        for org in index.meta(slug)["organisations"]:
            if org["role"] == "adopter":
                found.setdefault(org["name"], country_name(org["country"]) if org.get("country") else "")
    return [f"{h(name)} ({h(country)})" if country else h(name) for name, country in sorted(found.items())]


def software_pages(index: Index) -> Iterator[Page]:
    rows = []
    for sw in index.software.values():
        source = f"software/{sw.slug}.md"
        rows.append([link(sw.name, source, "software/index.md"), h(", ".join(sorted(sw.licences))), str(len(sw.cases))])
        same_named = [s for s in sw.cases if index.meta(s)["title"].lower() == sw.name.lower()]
        description = (
            sw.descriptions[0] if sw.descriptions else (index.meta(same_named[0])["summary"] if same_named else "")
        )
        facts = "".join(
            f"<dt>{name}</dt>\n<dd>{value}</dd>\n" for name, value in _software_facts(index, sw, source) if value
        )
        adopters = _adopters(index, sw)
        yield Page(
            source,
            front_matter({"title": sw.name, **({"description": description} if description else {})})
            + f"# {esc(sw.name)}\n\n"
            + (f'<p class="gu-summary">{h(description)}</p>\n\n' if description else "")
            + facts_strip(index, sw.cases, [plural(len(adopters), "named adopter")] if adopters else [])
            + f'<dl class="gu-facts">\n{facts}</dl>\n\n'
            + explorer_link("software", sw.slug, source, len(sw.cases))
            + (f"\n## Adopters named in the cases\n\n{html_list(adopters)}" if adopters else "")
            + f"\n## Cases ({len(sw.cases)})\n\n"
            + case_list(index, sw.cases, source),
        )
    yield Page(
        "software/index.md",
        front_matter({"title": "Software", **NOT_INDEXED})
        + "# Software\n\n"
        + html_table(["Software", "Licences", "Cases"], rows),
    )
