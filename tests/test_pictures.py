"""Pictures (casebook.pictures): golden SVGs, one linked shape per country, every reuse drawn, the
sanitiser keeping only the engine's SVG; in Chromium without JavaScript, online and from file://."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from casebook.index import Index, country_name
from casebook.pictures import recording
from casebook.pictures.charts import case_charts, home_charts, render_adoption
from casebook.pictures.map import load_geo, render_map, reuses
from casebook.pictures.network import edges, render_network
from casebook.sanitise import sanitise_page
from casebook.validate import validate
from helpers import CASE_FIXTURES, DATA, FIXTURES, ROOT, check_golden

GOLDEN = FIXTURES / "golden" / "pictures"
SVG = "{http://www.w3.org/2000/svg}"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
PICTURE_PAGES = {
    "home": "",
    "countries": "countries/",
    "country": "countries/dk/",
    "reuse": "reuse/",
    "case": "cases/govdigital/",
}


def _index(folder: Path) -> Index:
    corpus = validate([folder], DATA)
    return Index.build(corpus.cases, corpus.vocabs)


@pytest.fixture(scope="module")
def real() -> Index:
    return _index(ROOT / "cases")


@pytest.fixture(scope="module")
def fixture_index() -> Index:
    return _index(CASE_FIXTURES / "valid")


def test_golden_svgs(fixture_index: Index) -> None:
    check_golden(GOLDEN / "map.svg", render_map(fixture_index, "index.md") + "\n")
    check_golden(GOLDEN / "map-highlight-se.svg", render_map(fixture_index, "countries/se.md", "SE") + "\n")
    check_golden(GOLDEN / "network.svg", render_network(fixture_index, "reuse.md") + "\n")
    check_golden(GOLDEN / "home-charts.html", home_charts(fixture_index, "index.md"))
    points = [(2019, 10), (2021, 14), (2021, 15), (2024, 27)]
    check_golden(GOLDEN / "adoption.svg", render_adoption("gu-adoption-1", "member organisations", points) + "\n")


def test_every_country_with_cases_has_one_linked_shape_with_its_count(real: Index) -> None:
    root = ET.fromstring(render_map(real, "index.md"))
    links = root.findall(f".//{SVG}a")
    by_name = {a.get("aria-label", "").split(",")[0]: a for a in links}
    assert len(links) == len(real.by_country) == len(by_name)
    for code, slugs in real.by_country.items():
        a = by_name[country_name(code)]
        count = len(slugs)
        assert a.get("aria-label") == f"{country_name(code)}, {count} case{'s' if count != 1 else ''}"
        assert a.get("href") == f"countries/{code.lower()}/"
        shapes = [e for e in a if e.tag in (f"{SVG}path", f"{SVG}rect")]
        assert len(shapes) == 1, code
        # On the frame, its outline; off it (the United States), a labelled box.
        assert shapes[0].tag == (f"{SVG}path" if code in load_geo()["countries"] else f"{SVG}rect"), code
        assert next(t.text for t in a.iter(f"{SVG}text")).endswith(str(count))
    assert load_geo()["countries"].keys() >= {c for c in real.by_country if c != "US"}


def test_every_derived_from_pair_has_an_arc_or_an_edge(real: Index) -> None:
    pairs = {(c, p) for c in real.cases for p in real.meta(c).get("derived_from") or []}
    assert pairs, "the corpus has reuse to draw"
    drawn = {(e.source, e.target) for e in edges(real) if e.kind == "derived"}
    assert drawn == pairs
    svg = render_network(real, "reuse.md")
    for child, parent in pairs:
        assert f"<title>{real.meta(child)['title']} derived from {real.meta(parent)['title']}</title>" in svg
    arcs = render_map(real, "index.md").split('class="gu-map-arcs"')[1].split("</g>")[0]
    across = [r for r in reuses(real) if r.start != r.end]
    assert across and arcs.count('class="gu-map-tip"') == len(across)


def test_a_case_chart_needs_two_dated_figures_of_one_unit() -> None:
    one = {"adoption": [{"count": 5, "unit": "towns", "as_of": 2020}, {"count": 7, "unit": "cities", "as_of": 2021}]}
    assert case_charts(one) == ""
    two = {"adoption": [{"count": 5, "unit": "towns", "as_of": 2020}, {"count": 7, "unit": "towns", "as_of": 2022}]}
    assert case_charts(two).count("<svg") == 1 and ">2022</td>" in case_charts(two)


def test_sanitiser_keeps_the_engines_svg_and_no_contributors(real: Index) -> None:
    with recording() as drawn:
        picture = render_map(real, "countries/index.md")
        from casebook.pictures import figure

        block = figure(picture, "caption", "<p>alt</p>", "map")
    hostile = '<svg onload="alert(1)"><circle r="5"/></svg>'
    page = f"<p>before</p>{hostile}{block}<p>after</p>"
    clean = sanitise_page(page, "countries/index.md", frozenset(drawn))
    assert picture in clean and "onload" not in clean and clean.count("<svg") == 1
    assert "<svg" not in sanitise_page(page, "countries/index.md")  # nothing recorded: nothing kept
    # A copy of the engine's SVG with one change is a contributor's SVG.
    tampered = picture.replace("<desc", "<script>alert(1)</script><desc", 1)
    assert "<svg" not in sanitise_page(tampered, "cases/x.md", frozenset(drawn))
    # An unclosed contributor <svg> before the picture does not swallow it, and is itself removed.
    opened = sanitise_page(f'<svg onload="x">{block}', "countries/index.md", frozenset(drawn))
    assert "onload" not in opened and picture in opened
    # A picture inside an attribute a contributor left open is dropped, never restored into the attribute.
    inside = sanitise_page(f'<p><a title="{picture}">x</a></p>', "cases/x.md", frozenset(drawn))
    assert "<svg" not in inside and "gu-picture-" not in inside


def test_a_case_body_with_svg_is_still_stripped_in_the_built_site(built_site: Path) -> None:
    html = (built_site / "cases" / "govdigital" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="gu-svg"') == 1
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        body = text[text.find("<article") : text.find("</article>")]
        for svg in re.findall(r"<svg\b[^>]*>", body):
            assert 'class="gu-svg"' in svg or "<svg" not in body[: body.find('class="md-content')], page


@pytest.mark.parametrize("kind", list(PICTURE_PAGES))
def test_pictures_render_without_javascript_and_request_nothing_elsewhere(
    browser: Any, served_site: str, kind: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + PICTURE_PAGES[kind])
    boxes = page.eval_on_selector_all(".gu-picture svg", "els => els.map(e => e.getBoundingClientRect().width)")
    assert boxes and all(w > 200 for w in boxes), boxes
    filled = ".gu-chart-dot, .gu-chart-bar, .gu-map-n1, .gu-map-n2, .gu-map-n3, .gu-map-n4"
    fill = page.eval_on_selector(".gu-picture svg", f"e => getComputedStyle(e.querySelector('{filled}')).fill")
    assert fill not in ("rgb(0, 0, 0)", "none"), "the pictures' style sheet applies"
    assert [u for u in requests if not u.startswith(served_site)] == []
    context.close()


@pytest.mark.parametrize("kind", ["home", "country", "reuse", "case"])
def test_pictures_render_from_file_in_the_offline_edition(
    browser: Any, offline_site: tuple[Path, Path], kind: str
) -> None:
    site, _ = offline_site
    path = {
        "home": "index.html",
        "country": "countries/dk.html",
        "reuse": "reuse.html",
        "case": "cases/govdigital.html",
    }
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / path[kind]).as_uri())
    assert page.eval_on_selector_all(".gu-picture svg", "els => els.length") >= 1
    hrefs = page.eval_on_selector_all(".gu-picture svg a", "els => els.map(a => a.getAttribute('href'))")
    assert all(href.endswith(".html") for href in hrefs), hrefs
    assert hrefs or kind == "case"  # a case's chart has no links
    assert [u for u in requests if not u.startswith("file://")] == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PICTURE_PAGES))
def test_picture_pages_pass_axe_with_all_rules(browser: Any, served_site: str, kind: str, scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(served_site + PICTURE_PAGES[kind])
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # All rules, scoped to the content area: Material's own chrome (search dialog) is issue 16's.
    result = page.evaluate("() => axe.run({include: [['.md-content']]})")
    page.close()
    assert not result["violations"], "\n".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}" for v in result["violations"]
    )
    assert result["passes"]


def test_map_links_take_the_keyboard_and_show_focus(browser: Any, served_site: str) -> None:
    page = browser.new_page()
    page.goto(served_site + "countries/")
    page.focus(".gu-picture-map svg a")
    width = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('path, rect')).strokeWidth")
    assert width == "4px"
    page.close()
