"""The case explorer in real Chromium, served over HTTP and opened from file://."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.fixture(params=["http", "file"])
def explore(request: pytest.FixtureRequest, browser: Any, built_site: Path, served_site: str) -> Iterator[Any]:
    """A fresh page on /explore/, from the web server or straight from the folder."""
    url = f"{served_site}explore/" if request.param == "http" else (built_site / "explore" / "index.html").as_uri()
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("[data-slug]")
    yield page
    assert not [e for e in errors if "explore" in e], errors
    page.close()


def _cards(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all("[data-slug]", "els => els.map(e => e.dataset.slug)"))


def _cases(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))


def test_a_country_narrows_to_exactly_its_cases_and_the_url_keeps_it(explore: Any, built_site: Path) -> None:
    cases = _cases(built_site)
    assert _cards(explore) == sorted(c["slug"] for c in cases)
    assert explore.inner_text("#result-count") == f"{len(cases)} cases"
    assert explore.get_attribute("#result-count", "aria-live") == "polite"

    explore.check('input[name="country"][value="FI"]')
    finnish = sorted(c["slug"] for c in cases if "FI" in c["countries"])
    assert finnish and _cards(explore) == finnish
    assert explore.inner_text("#result-count") == f"{len(finnish)} of {len(cases)} cases match"
    assert parse_qs(urlsplit(explore.url).query) == {"country": ["FI"]}
    # Counts now say what each further choice would give: a domain's count among Finnish cases.
    transport = sum(1 for c in cases if "FI" in c["countries"] and c["domain"] == "public-transport")
    label = explore.inner_text('label[for="gu-domain-public-transport"]')
    assert label.endswith(f"({transport})")

    explore.reload()
    explore.wait_for_selector("[data-slug]")
    assert explore.is_checked('input[name="country"][value="FI"]')
    assert _cards(explore) == finnish

    explore.click("#gu-clear")
    assert _cards(explore) == sorted(c["slug"] for c in cases)
    assert parse_qs(urlsplit(explore.url).query) == {}


def test_facets_combine_with_and_across_and_or_within(explore: Any, built_site: Path) -> None:
    cases = _cases(built_site)
    explore.check('input[name="country"][value="FI"]')
    explore.check('input[name="country"][value="NO"]')
    either = sorted(c["slug"] for c in cases if {"FI", "NO"} & set(c["countries"]))
    assert _cards(explore) == either
    explore.check('input[name="model"][value="national-agency"]')
    both = sorted(
        c["slug"] for c in cases if {"FI", "NO"} & set(c["countries"]) and c["governance_model"] == "national-agency"
    )
    assert _cards(explore) == both
    explore.go_back()
    assert _cards(explore) == either  # the back button undoes the last choice


def test_free_text_searches_titles_summaries_and_organisations(explore: Any, built_site: Path) -> None:
    cases = _cases(built_site)
    organisation = next(c for c in cases if c["slug"] == "golemio")["organisations"][0]["name"]
    explore.fill("#gu-q", organisation.split(",")[0])
    assert "golemio" in _cards(explore)
    assert len(_cards(explore)) < len(cases)
    assert "q=" in explore.url


def test_the_explorer_works_from_the_keyboard(explore: Any, built_site: Path) -> None:
    explore.focus("#gu-q")
    explore.keyboard.press("Tab")  # to "Clear all"
    explore.keyboard.press("Tab")  # to the first country
    first = explore.evaluate("document.activeElement.value")
    explore.keyboard.press("Space")
    cases = _cases(built_site)
    assert _cards(explore) == sorted(c["slug"] for c in cases if first in c["countries"])
    explore.focus("#gu-clear")
    explore.keyboard.press("Enter")
    assert len(_cards(explore)) == len(cases)
