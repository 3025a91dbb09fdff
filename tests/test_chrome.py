"""The chrome around every page, in real Chromium: where am I (tabs, breadcrumbs, contents), no sideways
scrolling on a phone, axe-core with all its rules in both schemes, footer links, the 404 page, and an
offline edition that asks for nothing it does not have."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_accessibility import AXE, BLOCKING, _report

# One page of each type, as paths below the site root (directory URLs).
PAGE_TYPES = {
    "home": "",
    "cases index": "cases/",
    "case": "cases/golemio/",
    "governance index": "governance/",
    "governance model": "governance/municipal-company/",
    "mechanism": "mechanisms/joint-procurement/",
    "recommendation": "recommendations/keep-in-house-skills/",
    "country": "countries/cz/",
    "domain": "domains/open-data/",
    "software": "software/golemio/",
    "explore": "explore/",
    "compare": "compare/",
    "reuse": "reuse/",
    "data": "data/",
    "contribute": "contribute/",
    "propose": "propose/",
    "about": "about/",
    "accessibility": "accessibility/",
    "not found": "404.html",
}
# Generated pages outside the navigation: (path, their tab, the trail above the page's own title)
GENERATED = {
    "case": ("cases/golemio/", "Cases", ["Cases"]),
    "governance model": ("governance/municipal-company/", "Governance models", ["Governance models"]),
    "mechanism": ("mechanisms/joint-procurement/", "Governance models", ["Governance models", "Mechanisms"]),
    "recommendation": ("recommendations/keep-in-house-skills/", "Recommendations", ["Recommendations"]),
    "country": ("countries/cz/", "Explore", ["Explore", "Countries"]),
    "domain": ("domains/open-data/", "Explore", ["Explore", "Domains"]),
    "software": ("software/golemio/", "Explore", ["Explore", "Software"]),
}
# Content that scrolls inside itself on purpose: code blocks (a line of code must not be rewrapped) and
# the reuse network, a drawing too wide for a phone that keeps its own scroll box.
SIDEWAYS = """() => [...document.querySelectorAll('.md-content *')]
    .filter(e => !e.closest('pre') && !e.closest('.gu-picture-network') && e.scrollWidth > e.clientWidth + 1
                 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    .map(e => `${e.tagName}.${e.className} by ${e.scrollWidth - e.clientWidth}px`)"""


def _open(browser: Any, url: str, width: int = 1280, scheme: str = "light") -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    # The 404 page links its assets from the site's path on the web (/ground-up/), as a host serves it
    # at any address; the test server serves the site at its root.
    page.route("**/ground-up/**", lambda route: route.continue_(url=route.request.url.replace("/ground-up/", "/", 1)))
    page.goto(url)
    return page


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_page_scrolls_sideways(browser: Any, served_site: str, kind: str, width: int) -> None:
    page = _open(browser, served_site + PAGE_TYPES[kind], width)
    scroll_width, viewport = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    inner = page.evaluate(SIDEWAYS)
    page.close()
    assert scroll_width <= viewport, f"{kind} at {width}px is {scroll_width}px wide"
    assert not inner, f"{kind} at {width}px: a table or block scrolls sideways: {inner}"


@pytest.mark.parametrize("kind", list(GENERATED))
def test_generated_page_shows_its_tab_and_breadcrumbs(browser: Any, served_site: str, kind: str) -> None:
    path, tab, trail = GENERATED[kind]
    page = _open(browser, served_site + path)
    title = page.locator("h1").evaluate("h => h.firstChild.textContent").strip()  # without its ¶ link
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1 and active.inner_text().strip() == tab
    assert active.locator("a").get_attribute("aria-current") == "true"
    crumbs = page.locator("nav.md-path .md-path__item")
    assert [c.strip() for c in crumbs.all_inner_texts()] == [*trail, title]
    # Every step of the trail is a link that leads to the page of that name.
    for i, name in enumerate(trail):
        page.locator("nav.md-path a.md-path__link").nth(i).click()
        assert page.inner_text("h1").strip().startswith(name.split()[0]), (kind, name, page.url)
        page.go_back()
    page.close()


def test_long_case_page_lists_its_sections_on_every_screen(browser: Any, served_site: str) -> None:
    narrow = _open(browser, served_site + "cases/golemio/", 390)
    toc = narrow.locator("details.gu-toc-narrow")
    assert toc.is_visible() and toc.locator("summary").inner_text() == "On this page"
    toc.locator("summary").click()
    targets = toc.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(targets) >= 3
    for target in targets:
        assert narrow.locator(target).count() == 1, target
    narrow.close()
    wide = _open(browser, served_site + "cases/golemio/", 1280)
    assert not wide.locator("details.gu-toc-narrow").is_visible()
    side = wide.locator(".md-sidebar--primary .gu-side-toc")  # the left column, empty before
    assert side.is_visible() and side.locator("a").count() == len(targets)
    shown = "a => getComputedStyle(a).visibility === 'visible' && getComputedStyle(a.closest('nav')).opacity === '1'"
    assert side.locator("a").first.evaluate(shown)  # not folded away by Material's navigation styles
    assert not wide.locator(".md-sidebar--secondary").is_visible()
    wide.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_with_all_rules_finds_nothing_serious(browser: Any, served_site: str, kind: str, scheme: str) -> None:
    page = _open(browser, served_site + PAGE_TYPES[kind], scheme=scheme)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == ("slate" if scheme == "dark" else "default")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the CSP forbids inline scripts
    result = page.evaluate("() => axe.run(document)")  # every rule, best practices included
    page.close()
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{kind} ({scheme}):\n{_report(blocking)}"
    assert any(p["id"] == "aria-dialog-name" for p in result["passes"])  # the search dialog has a name


def test_every_page_has_the_footer_links(browser: Any, served_site: str, built_site: Path) -> None:
    page = browser.new_page()
    for kind, path in PAGE_TYPES.items():
        if kind == "not found":
            continue
        page.goto(served_site + path)
        links = page.locator(".gu-footer-links a")
        names = [n.strip() for n in links.all_inner_texts()]
        assert names == ["Source", "Report a problem", "Accessibility statement", "Feed of new and updated cases"]
        hrefs = links.evaluate_all("as => as.map(a => a.href)")
        assert hrefs[0].startswith("https://github.com/") and hrefs[1].endswith("/issues/new")
        for own in hrefs[2:]:
            assert own.startswith(served_site), (kind, own)
            local = own[len(served_site) :]
            assert (built_site / local).is_file() or (built_site / local / "index.html").is_file(), (kind, own)
    page.goto(served_site + "accessibility/")
    assert page.inner_text("h1").startswith("Accessibility statement")
    page.close()


def test_not_found_page_offers_search_main_pages_and_a_report(browser: Any, served_site: str, built_site: Path) -> None:
    page = _open(browser, served_site + "404.html", 390)
    assert page.inner_text("h1") == "Page not found"
    page.click("label.gu-404-search")
    assert page.locator(".md-search__input").is_visible()  # the search box opened
    page.keyboard.press("Escape")
    # Links from the site root (a 404 page is served at any address); the build's site_url path prefixes them.
    hrefs = page.locator(".md-content ul a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 5
    for href in hrefs:
        assert href.startswith("/ground-up/"), href
        local = href.removeprefix("/ground-up/")
        assert (built_site / local / "index.html").is_file() or (built_site / local).is_file(), href
    report = page.get_by_role("link", name="tell us where it was")
    assert "/issues/new?title=Broken%20link" in (report.get_attribute("href") or "")
    page.close()


def test_offline_edition_asks_for_no_sitemap_nor_anything_missing(
    browser: Any, offline_site: tuple[Path, Path]
) -> None:
    site, _ = offline_site
    page = browser.new_page()
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    for path in ("index.html", "cases/golemio.html", "explore.html", "compare.html"):
        page.goto((site / path).as_uri())
        page.wait_for_load_state("networkidle")
    page.close()
    assert requests and all(r.startswith(("file:", "data:", "blob:")) for r in requests), requests
    assert not [r for r in requests if "sitemap" in r]
    assert not failed, failed


def test_keyboard_focus_is_never_under_the_sticky_header(browser: Any, served_site: str) -> None:
    page = _open(browser, served_site + "propose/", 390)
    page.set_viewport_size({"width": 390, "height": 500})
    page.wait_for_selector("#gu-propose:not([hidden])")
    page.focus("#gu-propose-output")  # far down the page; then back up the form with Shift+Tab, which
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    under = []  # scrolls each field just into view at the top, where the sticky header is
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        top, name = page.evaluate("[document.activeElement.getBoundingClientRect().top, document.activeElement.id]")
        if top < header:
            under.append(f"{name} at {top}px")
    page.close()
    assert not under, f"focused under the header (bottom {header}px): {under}"


def test_explorer_headings_go_in_order_with_the_cards_shown(browser: Any, served_site: str) -> None:
    page = _open(browser, served_site + "explore/")
    page.wait_for_selector("[data-slug]")  # the cards' h3 headings are there
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {runOnly: ['heading-order']})")
    levels = page.evaluate(
        "[...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')].map(h => h.tagName)"
    )
    page.close()
    assert not result["violations"], _report(result["violations"])
    assert levels[:2] == ["H1", "H2"] and "H3" in levels
