"""The governance chooser: models side by side, model pages, and the comparison of two models,
in the built HTML and in real Chromium (from the web server and from file:// in the offline edition)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from casebook.vocab import load_vocabularies
from helpers import DATA

FIELDS = {"gu-fits": "fits_when", "gu-misfits": "does_not_fit_when", "gu-strengths": "strengths", "gu-risks": "risks"}
PAIR_SECTIONS = ("Fits when", "Does not fit when", "Strengths", "Risks")


@pytest.fixture(scope="module")
def models() -> dict[str, Any]:
    vocabs, _ = load_vocabularies(DATA)
    return vocabs["governance-models"].terms


def _text(markup: str) -> str:
    """What a reader reads of some HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _row(page_html: str, model: str) -> str:
    found = re.search(rf'<tr id="model-{model}">(.*?)</tr>', page_html, re.S)
    assert found, f"no row for {model}"
    return found.group(1)


@pytest.mark.parametrize("page", ["governance/index.html", "governance/compare/index.html"])
def test_every_model_has_a_row_with_fits_when_strengths_and_risks(built_site: Path, models: Any, page: str) -> None:
    text = (built_site / page).read_text(encoding="utf-8")
    for model in models.values():
        row = _row(text, model.id)
        for css, field in FIELDS.items():
            cell = re.search(rf'<td class="{css}">(.*?)</td>', row, re.S)
            assert cell, (model.id, css)
            for item in model.extra[field]:
                assert item in _text(cell.group(1)), (model.id, field, item)


def test_the_models_index_offers_foundation_or_association_as_a_preset(built_site: Path) -> None:
    text = (built_site / "governance" / "index.html").read_text(encoding="utf-8")
    assert '<a href="compare/?a=foundation&amp;b=municipal-association">Foundation or association?</a>' in text


def test_the_compare_page_has_two_selects_of_every_model_and_its_script(built_site: Path, models: Any) -> None:
    text = (built_site / "governance" / "compare" / "index.html").read_text(encoding="utf-8")
    for name in ("a", "b"):
        select = re.search(rf'<select id="gu-pair-{name}" name="{name}">(.*?)</select>', text, re.S)
        assert select, name
        assert re.findall(r'<option value="([^"]+)"', select.group(1)) == list(models)
    assert re.search(r'<form id="gu-pair-form"[^>]* hidden(="")?>', text), "without the script the form is hidden"
    assert '<script src="../../assets/models.js"></script>' in text


def test_model_pages_say_when_they_fit_and_link_recommendations_mechanisms_and_pairs(
    built_site: Path, models: Any
) -> None:
    for model in models.values():
        text = (built_site / "governance" / model.id / "index.html").read_text(encoding="utf-8")
        for heading in ("When it fits", "When it does not fit", "Compare with another model"):
            assert f">{heading}<" in text, (model.id, heading)
        for item in model.extra["fits_when"]:
            assert item in _text(text)
        for other in models:
            if other != model.id:
                assert f'href="../compare/?a={model.id}&amp;b={other}"' in text, (model.id, other)
    # A model whose cases give evidence: its recommendations and mechanisms, counted.
    text = (built_site / "governance" / "municipal-association" / "index.html").read_text(encoding="utf-8")
    assert ">Related recommendations<" in text and ">Mechanisms its cases use<" in text
    pooled = r'href="\.\./\.\./recommendations/pool-demand-through-associations/">[^<]+</a> \(\d+ cases\)'
    assert re.search(pooled, text)


# In Chromium ----------------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []
    page.close()


def _pair(page: Any) -> dict[str, list[str]]:
    """The pairwise view as a reader sees it: each section heading -> the text of its two columns."""
    return page.eval_on_selector_all(
        "#gu-pair .gu-pair-row",
        "rows => Object.fromEntries(rows.map(r => [r.querySelector('h3').textContent,"
        " Array.from(r.querySelectorAll('.gu-pair-col'), c => c.innerText)]))",
    )


def _check_foundation_and_association(page: Any, models: Any) -> None:
    pair = _pair(page)
    assert set(PAIR_SECTIONS) <= set(pair)
    for heading, field in zip(PAIR_SECTIONS, ("fits_when", "does_not_fit_when", "strengths", "risks"), strict=True):
        first, second = pair[heading]
        assert first.startswith(models["foundation"].name) and second.startswith(models["municipal-association"].name)
        for item in models["foundation"].extra[field]:
            assert item in first, (heading, item)
        for item in models["municipal-association"].extra[field]:
            assert item in second, (heading, item)


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_foundation_vs_association_is_two_clicks_from_home(
    page: Any, served_site: str, offline_site: tuple[Path, Path], models: Any, edition: str
) -> None:
    page.goto(served_site if edition == "online" else (offline_site[0] / "index.html").as_uri())
    target = "governance/" if edition == "online" else "governance/index.html"
    page.locator(f'.md-content a[href$="{target}"]').first.click()  # click 1: the models index
    page.wait_for_load_state()
    page.get_by_role("link", name="Foundation or association?").click()  # click 2: the pairwise view
    page.wait_for_selector("#gu-pair .gu-pair-row")
    assert parse_qs(urlsplit(page.url).query) == {"a": ["foundation"], "b": ["municipal-association"]}
    assert page.is_visible("#gu-pair-form")
    _check_foundation_and_association(page, models)


@pytest.mark.parametrize("edition", ["online", "offline"])
def test_choosing_another_model_updates_the_view_and_a_shared_url_restores_it(
    page: Any, browser: Any, served_site: str, offline_site: tuple[Path, Path], models: Any, edition: str
) -> None:
    url = (
        served_site + "governance/compare/"
        if edition == "online"
        else (offline_site[0] / "governance" / "compare.html").as_uri()
    )
    page.goto(url)
    page.wait_for_selector("#gu-pair .gu-pair-row")
    _check_foundation_and_association(page, models)  # the default pair, without a query
    page.select_option("#gu-pair-b", "shared-service")
    assert parse_qs(urlsplit(page.url).query) == {"a": ["foundation"], "b": ["shared-service"]}
    assert _pair(page)["Risks"][1].startswith(models["shared-service"].name)
    shared = page.url
    fresh = browser.new_page()
    fresh.goto(shared)
    fresh.wait_for_selector("#gu-pair .gu-pair-row")
    assert fresh.input_value("#gu-pair-b") == "shared-service"
    assert models["shared-service"].extra["risks"][0] in _pair(fresh)["Risks"][1]
    fresh.goto(url + "?a=no-such-model&b=single-city")  # an unknown id keeps the default
    fresh.wait_for_selector("#gu-pair .gu-pair-row")
    assert (fresh.input_value("#gu-pair-a"), fresh.input_value("#gu-pair-b")) == ("foundation", "single-city")
    fresh.close()


def test_without_javascript_the_full_side_by_side_table_shows(browser: Any, served_site: str, models: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "governance/compare/?a=foundation&b=municipal-association")
    assert not page.is_visible("#gu-pair-form")
    rows = page.locator("#gu-models tbody tr")
    assert rows.count() == len(models)
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert models["foundation"].extra["fits_when"][0] in page.inner_text("#model-foundation")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_side_by_side_table_fits_the_screen_as_a_table_or_as_cards(
    browser: Any, served_site: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served_site + "governance/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    header_shown = page.is_visible("#gu-models thead")
    labels_shown = page.is_visible("#model-foundation .gu-fits .gu-cell-label")
    # Wide: a table whose header names the columns; narrow: cards, each cell naming itself.
    assert (header_shown, labels_shown) == ((True, False) if width == 1280 else (False, True))
    page.close()
