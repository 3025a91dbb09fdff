"""Offline, sovereign, printable: the offline edition from file://, third-party requests, print on A4."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# One page of each type a reader meets, as paths below the site root (directory URLs).
PAGE_TYPES = {
    "home": "",
    "case": "cases/golemio/",
    "governance models": "governance/",
    "governance model": "governance/municipal-company/",
    "two models compared": "governance/compare/",
    "recommendations": "recommendations/",
    "recommendation": "recommendations/keep-in-house-skills/",
    "country": "countries/cz/",
    "explore": "explore/",
    "compare": "compare/",
    "data": "data/",
    "contribute": "contribute/",
    "about": "about/",
}
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def search(page: Any, words: str) -> list[str]:
    """Type into the search box as a reader does; the links of the results (the index loads lazily)."""
    hits = page.locator(".md-search-result__item > a")
    for _ in range(3):
        page.fill("input.md-search__input", "")
        page.click("input.md-search__input")
        page.keyboard.type(words, delay=20)
        try:
            hits.first.wait_for(timeout=5000)
            break
        except Exception:  # the worker was not ready yet: type again
            continue
    return [urlsplit(h).path for h in hits.evaluate_all("els => els.map(e => e.href)")]


@pytest.fixture
def recorded(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that records the URL of every request it makes."""
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    page.close()


def test_offline_search_navigation_and_explorer_make_no_request_but_file(
    offline_site: tuple[Path, Path], recorded: tuple[Any, list[str]]
) -> None:
    site, _ = offline_site
    page, requests = recorded
    page.goto((site / "index.html").as_uri())

    # Search finds a word that occurs only in one case's front matter.
    found = search(page, "Quillfeather")
    assert len(found) == 1 and found[0].endswith("/cases/front-matter-word.html")

    # Home -> a case -> its governance model.
    page.goto((site / "index.html").as_uri())
    page.click('.md-content a[href^="cases/"][href$=".html"]:not([href$="index.html"])')
    assert re.search(r"/cases/[a-z0-9-]+\.html$", page.url)
    model_link = page.locator('.gu-facts a[href*="governance/"]').first
    model_name = model_link.inner_text()
    model_link.click()
    assert "/governance/" in page.url and page.inner_text("h1").startswith(model_name)

    # The explorer filters from file://.
    page.goto((site / "explore.html").as_uri())
    page.wait_for_selector("[data-slug]")
    total = len(page.query_selector_all("[data-slug]"))
    page.check('input[name="country"][value="CZ"]')
    assert 0 < len(page.query_selector_all("[data-slug]")) < total
    assert "country=CZ" in page.url

    assert requests and [u for u in requests if not u.startswith(LOCAL_SCHEMES)] == []


def test_online_pages_make_no_request_to_another_host(served_site: str, recorded: tuple[Any, list[str]]) -> None:
    page, requests = recorded
    host = urlsplit(served_site).netloc
    for path in PAGE_TYPES.values():
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
    assert "/cases/golemio/" in search(page, "Golemio")
    foreign = [u for u in requests if not u.startswith(LOCAL_SCHEMES) and urlsplit(u).netloc != host]
    assert foreign == []


def test_the_zip_is_small_and_holds_only_files_the_site_uses(offline_site: tuple[Path, Path]) -> None:
    site, archive = offline_site
    assert archive.stat().st_size < 20_000_000
    with zipfile.ZipFile(archive) as z:
        names = [n.removeprefix("ground-up/") for n in z.namelist() if n.startswith("ground-up/")]
        assert sorted(set(z.namelist()) - {f"ground-up/{n}" for n in names}) == ["README.txt", "START-HERE.html"]
    assert sorted(names) == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    texts = {
        n: (site / n).read_text(encoding="utf-8", errors="ignore")
        for n in names
        if n.endswith((".html", ".js", ".css", ".json", ".xml"))
    }
    for name in names:
        if name == "index.html" or Path(name).name == "LICENSE":  # the entry point; licence notices ship with code
            continue
        basename = Path(name).name
        assert any(basename in text for other, text in texts.items() if other != name), f"{name} is never used"


def test_a_case_prints_on_a4_without_navigation(served_site: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(served_site + "cases/golemio/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-tabs']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert page.is_visible(".gu-facts")
    urls = page.locator(".gu-url")
    assert urls.count() > 0 and urls.first.is_visible()
    assert urls.first.inner_text().startswith("http")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _violations(page: Any, url: str, search_for: str = "") -> list[str]:
    page.goto(url)
    if search_for:
        search(page, search_for)
    page.wait_for_timeout(200)
    return list(page.evaluate("window.__csp"))


def test_every_page_type_runs_under_the_csp_without_a_violation(
    served_site: str, offline_site: tuple[Path, Path], browser: Any
) -> None:
    site, _ = offline_site
    page = browser.new_page()
    page.add_init_script(CSP_WATCH)
    found = {}
    for name, path in {**PAGE_TYPES, "propose": "propose/"}.items():
        offline = site / path / "index.html"
        if not offline.exists():
            offline = site / (path.rstrip("/") + ".html")
        for edition, url in (("online", served_site + path), ("offline", offline.as_uri())):
            violations = _violations(page, url, "Golemio" if name == "home" else "")
            if violations:
                found[f"{edition} {name}"] = violations
            content = page.content()
            assert 'http-equiv="Content-Security-Policy"' in content, f"{edition} {name} has no policy"
    page.close()
    assert found == {}
