"""The built site, end to end: a real `mkdocs build --strict` into a temp folder, then its HTML."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casebook.index import country_name
from casebook.validate import validate
from helpers import DATA, ROOT, SITE_FIXTURES, build_site, make_project


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return validate([ROOT / "cases"], DATA)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def parse(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def links_to(page: Path, target: Path) -> bool:
    """Whether `page` has a relative link that resolves to the folder page `target`."""
    wanted = {target.resolve(), (target / "index.html").resolve()}
    hrefs = [h for h in parse(page).hrefs if not h.startswith(("http:", "https:", "#", "mailto:"))]
    return any((page.parent / h.split("#")[0]).resolve() in wanted for h in hrefs)


def test_every_case_has_a_page_with_facts_sources_and_citation(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    for case in corpus.cases:
        page = site / "cases" / case.slug / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "gu-facts" in html and 'id="source-1"' in html and "@misc{groundup-" in html, case.slug
        assert "Related cases" in html and "Facts last reviewed" in html


def test_case_and_governance_model_pages_link_both_ways(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    for case in corpus.cases:
        case_dir = site / "cases" / case.slug
        model_dir = site / "governance" / case.meta["governance_model"]
        assert links_to(case_dir / "index.html", model_dir), case.slug
        assert links_to(model_dir / "index.html", case_dir), case.slug


def test_every_recommendation_page_lists_its_evidence_cases(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    for rec in corpus.vocabs["recommendations"].terms:
        page = site / "recommendations" / rec / "index.html"
        evidence = [c for c in corpus.cases if rec in {r["id"] for r in c.meta.get("recommendations") or []}]
        count = f"{len(evidence)} case" if len(evidence) == 1 else f"{len(evidence)} cases"
        assert f"Evidence: {count}" in page.read_text(encoding="utf-8")
        for case in evidence:
            assert links_to(page, site / "cases" / case.slug), (rec, case.slug)


def test_search_index_holds_each_case_title_and_country_names(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        by_location[page] = by_location.get(page, "") + " " + doc["title"] + " " + doc["text"]
    for case in corpus.cases:
        text = by_location[f"cases/{case.slug}/"]
        assert case.meta["title"] in text
        for code in case.meta["countries"]:
            assert country_name(code) in text
        for software in case.meta["software"]:
            assert software["name"] in text


def test_json_ld_parses_and_describes_the_case(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    for case in corpus.cases:
        blocks = parse(site / "cases" / case.slug / "index.html").jsonld
        assert len(blocks) == 1, case.slug
        data = json.loads(blocks[0])
        assert data["headline"] == case.meta["title"]
        assert data["url"].endswith(f"/cases/{case.slug}/")


class Elements(HTMLParser):
    """Every element with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self.elements and self.elements[-1][0] == "script" and self.scripts:
            self.scripts[-1] += data


def test_hostile_front_matter_values_are_escaped(site: Path) -> None:
    html = (site / "cases" / "hostile-values" / "index.html").read_text(encoding="utf-8")
    page = Elements()
    page.feed(html)
    assert not [attrs for _, attrs in page.elements if any(name.startswith("on") for name in attrs)]
    assert not [tag for tag, attrs in page.elements if tag == "img" and attrs.get("src") == "x"]
    assert not [text for text in page.scripts if "alert(" in text and "\\u003c" not in text]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text in the heading and <title>
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "Evil &lt;script&gt;alert(3)&lt;/script&gt; Org" in html
    jsonld = json.loads(parse(site / "cases" / "hostile-values" / "index.html").jsonld[0])
    assert jsonld["headline"] == "Hostile <script>alert(1)</script> case"


def test_taxonomy_pages_exist_for_every_term_even_without_cases(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    for folder, vocabulary in (
        ("governance", "governance-models"),
        ("mechanisms", "mechanisms"),
        ("domains", "domains"),
        ("recommendations", "recommendations"),
    ):
        for term in corpus.vocabs[vocabulary].terms:
            assert (site / folder / term / "index.html").exists(), (folder, term)
    for case in corpus.cases:
        for code in case.meta["countries"]:
            assert links_to(site / "countries" / code.lower() / "index.html", site / "cases" / case.slug)


def test_home_figures_and_field_reference_are_generated(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{len(corpus.cases) + len(SITE_FIXTURES)}</strong> cases" in home  # real cases + fixtures
    assert "casebook:" not in home
    contribute = (site / "contribute" / "index.html").read_text(encoding="utf-8")
    for field in ("governance_model", "derived_from", "sources[].url"):
        assert f"<code>{field}</code>" in contribute
    assert "`" not in contribute.split('class="gu-fields"', 1)[1].split("</table>", 1)[0]  # Markdown rendered
    assert "## How they collaborate" in contribute  # the template is shown
    case = (site / "cases" / "golemio" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/cases/golemio.md" in case
    assert "/edit/main/docs/about.md" in (site / "about" / "index.html").read_text(encoding="utf-8")


def test_reuse_page_shows_derivation_chains(site: Path, corpus) -> None:  # type: ignore[no-untyped-def]
    reuse = site / "reuse" / "index.html"
    derived = [c for c in corpus.cases if c.meta.get("derived_from")]
    assert derived
    for case in derived:
        assert links_to(reuse, site / "cases" / case.slug)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.build
def test_validation_gate_keeps_the_previous_site(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    out = tmp_path / "site"
    assert build_site(project, out).returncode == 0
    before = _snapshot(out)
    golemio = project / "cases" / "golemio.md"
    text = golemio.read_text(encoding="utf-8")
    golemio.write_text(
        re.sub(r"governance_model: \S+", "governance_model: municipal-compnay", text, count=1), encoding="utf-8"
    )
    (project / "cases" / "consul-democracy.md").write_text("no front matter\n", encoding="utf-8")
    result = build_site(project, out)
    assert result.returncode != 0
    assert "cases/golemio.md:" in result.stderr and "[unknown-term]" in result.stderr
    assert "did you mean 'municipal-company'?" in result.stderr
    assert "cases/consul-democracy.md:1:1: error:" in result.stderr  # every problem, not just the first
    assert _snapshot(out) == before


def test_search_index_holds_prose_and_facts_not_listings(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    for listing in ("cases/", "compare/", "explore/", "countries/", "software/", "governance/", "reuse/"):
        assert listing not in pages, listing  # index pages repeat what the pages they list say
    assert "governance/municipal-company/" in pages and "cases/golemio/" in pages
    assert not [d for d in docs if d["title"] in ("Sources", "Related cases", "Cite this case")]
    assert not [d for d in docs if "<p>" in d["text"]]
    golemio = " ".join(d["text"] for d in docs if d["location"].startswith("cases/golemio/"))
    assert "@misc{" not in golemio  # the citation block is not indexed


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) and tag in ("a", "img", "script", "link"):
                self.links.append(str(found[name]))


def _broken_links(site: Path) -> list[str]:
    """Every link inside the site that points at no file, or at an anchor its page does not have."""
    pages: dict[Path, _Targets] = {}
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # links from the site root (/ground-up/...), as a server's error page needs
        parser = _Targets()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.resolve()] = parser
    broken = []
    for page, parser in pages.items():
        for target in parser.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
                continue  # another site, mailto: or data:
            path, _, fragment = target.partition("#")
            resolved = (page.parent / path.split("?")[0]).resolve() if path else page
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {target}")
            elif fragment and resolved in pages and fragment not in pages[resolved].ids:
                broken.append(f"{page.relative_to(site.resolve())}: {target} (no such anchor)")
    return broken


def test_every_link_inside_the_site_resolves(site: Path, offline_site: tuple[Path, Path]) -> None:
    # Generated pages are HTML the engine writes, which MkDocs does not check: this test does.
    assert _broken_links(site) == []
    assert _broken_links(offline_site[0]) == []
