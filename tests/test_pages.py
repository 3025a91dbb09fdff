"""Finished pages, as readers use them: case pages, citations, downloads, what's new, thin pages."""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casebook.downloads import format_size
from helpers import ROOT, SITE_FIXTURES, build_site, make_project


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# Case pages


def test_case_page_has_a_compact_infobox_grouped_organisations_and_takeaways(built_site: Path) -> None:
    page = _read(built_site, "cases/golemio/index.html")
    facts = page[page.index('<dl class="gu-facts">') : page.index("</dl>", page.index('<dl class="gu-facts">'))]
    assert "<th>Fact</th>" not in page and "<dt>Status</dt>" in facts
    roles = re.findall(r'<span class="gu-role">([^<]+):</span>', facts)
    assert roles == ["Initiator", "Steward", "Adopter"]  # in the order of the roles vocabulary
    start = page.index('class="gu-takeaways"')
    takeaways = page[start : page.index("</div>", start)]
    assert takeaways.count("<li>") == 3 and "Key takeaways" in takeaways
    assert page.index("Key takeaways") < page.index('id="context"')  # above the narrative
    assert '<a class="md-button" href="#cite-this-case">Cite this case</a>' in page
    assert 'id="cite-this-case"' in page


def test_related_cases_give_their_reason_in_words(built_site: Path) -> None:
    for case in sorted((built_site / "cases").glob("*/index.html")):
        page = case.read_text(encoding="utf-8")
        if 'id="related-cases"' not in page:
            continue
        related = page[page.index('id="related-cases"') : page.index('id="cite-this-case"')]
        reasons = [_text(r) for r in re.findall(r"</a>: ([^<]+)</li>", related)]
        assert reasons, case
        assert not [r for r in reasons if re.search(r"\blinked\b|derived_from", r)], (case, reasons)
    decidim = _read(built_site, "cases/decidim/index.html")
    assert "this case builds on it" in decidim  # Decidim began as a fork of Consul


# Citations


def test_each_case_has_bibtex_csl_json_and_ris_linked_from_its_page(built_site: Path) -> None:
    cases = json.loads(_read(built_site, "data/cases.json"))
    for record in cases:
        slug = record["slug"]
        page = _read(built_site, f"cases/{slug}/index.html")
        for ext in ("bib", "json", "ris"):
            assert f'href="../../data/cite/{slug}.{ext}"' in page, (slug, ext)
        items = json.loads(_read(built_site, f"data/cite/{slug}.json"))
        assert len(items) == 1 and items[0]["title"] == record["title"] and items[0]["URL"] == record["url"]
        assert items[0]["type"] == "webpage" and items[0]["issued"]["date-parts"][0][0] == int(record["published"][:4])
        ris = (built_site / "data" / "cite" / f"{slug}.ris").read_bytes().decode("utf-8")
        lines = ris.split("\r\n")
        assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
        tags = dict(line.split("  - ", 1) for line in lines[:-2])
        assert tags["TI"] == record["title"] and tags["UR"] == record["url"]
        assert tags["PY"] == record["published"][:4] and tags["AU"] == "Ground Up contributors"
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1]), slug
        assert f"@misc{{groundup-{slug}," in _read(built_site, f"data/cite/{slug}.bib")


@pytest.fixture
def clipboard_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def test_the_copy_button_puts_the_citation_on_the_clipboard(clipboard_page: Any, served_site: str) -> None:
    page = clipboard_page
    page.goto(served_site + "cases/golemio/")
    button = page.get_by_role("button", name="Copy citation")
    expected = page.inner_text(".gu-cite-text code").strip()
    assert expected.startswith("Ground Up contributors (") and "cases/golemio/" in expected
    button.click()
    page.wait_for_selector(".gu-copy-status:text('Copied.')")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.get_by_role("button", name="Copy BibTeX").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{groundup-golemio,")
    # The text citation wraps instead of scrolling sideways.
    assert page.eval_on_selector(".gu-cite-text code", "e => getComputedStyle(e).whiteSpace") == "pre-wrap"


def test_the_copy_button_works_from_file_in_the_offline_edition(
    clipboard_page: Any, offline_site: tuple[Path, Path]
) -> None:
    site, _ = offline_site
    page = clipboard_page
    page.goto((site / "cases" / "golemio.html").as_uri())
    page.get_by_role("button", name="Copy citation").click()
    page.wait_for_selector(".gu-copy-status:text('Copied.')")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text(".gu-cite-text code").strip()


def test_without_javascript_the_citation_is_plain_text_and_no_button_is_shown(browser: Any, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "cases/golemio/")
    assert page.locator(".gu-copy-button").count() == 0
    assert page.is_visible(".gu-cite-text")
    context.close()


# Downloads


@pytest.fixture(scope="session")
def site_with_zip(tmp_path_factory: pytest.TempPathFactory, offline_site: tuple[Path, Path]) -> Path:
    """The site built as CI builds it: `make offline` first, so dist/ holds the zip the build publishes."""
    _, archive = offline_site
    project = make_project(tmp_path_factory.mktemp("zip-project"), SITE_FIXTURES)
    (project / "dist").mkdir()
    shutil.copy(archive, project / "dist" / "ground-up-offline.zip")
    out = tmp_path_factory.mktemp("zip-site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def _check_offline_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[:2] == ["START-HERE.html", "README.txt"]
        assert "ground-up/index.html" in names and "ground-up/data/cases.csv" in names
        start = archive.read("START-HERE.html").decode("utf-8")
        assert 'href="ground-up/index.html"' in start and 'url=ground-up/index.html"' in start
        assert "START-HERE.html" in archive.read("README.txt").decode("utf-8")


def test_the_data_page_lists_every_download_with_size_and_date(site_with_zip: Path) -> None:
    page = _read(site_with_zip, "data/index.html")
    block = page[page.index('class="gu-downloads"') : page.index("</ul>", page.index('class="gu-downloads"'))]
    rows = re.findall(
        r'<li><a href="([^"]+)"><strong>[^<]+</strong></a> <span class="gu-download-meta">\(([^,]+), '
        r'<time datetime="(\d{4}-\d{2}-\d{2})">',
        block,
    )
    links = [href for href, _, _ in rows]
    expected = ["../downloads/ground-up-offline.zip", "cases.csv", "cases.json", "catalog.jsonld", "CITATION.cff"]
    assert links == expected
    for href, size, _ in rows:
        assert size == format_size((site_with_zip / "data" / href).resolve().stat().st_size), href
    _check_offline_zip(site_with_zip / "downloads" / "ground-up-offline.zip")
    assert (site_with_zip / "data" / "CITATION.cff").read_bytes() == (ROOT / "CITATION.cff").read_bytes()
    home = _read(site_with_zip, "index.html")
    assert 'href="data/#downloads"' in home


def test_the_zip_link_on_the_data_page_downloads_a_valid_zip(browser: Any, site_with_zip: Path, tmp_path: Path) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_with_zip)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/data/")
        with page.expect_download() as info:
            page.get_by_role("link", name="Offline edition (zip)").click()
        saved = tmp_path / "downloaded.zip"
        info.value.save_as(saved)
        _check_offline_zip(saved)
        context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_without_the_zip_the_data_page_says_so_and_the_offline_edition_links_the_latest(
    built_site: Path, offline_site: tuple[Path, Path]
) -> None:
    assert "not part of this build." in _read(built_site, "data/index.html")
    assert not (built_site / "downloads").exists()
    offline = _read(offline_site[0], "data/index.html")
    assert 'href="https://ground-up-casebook.github.io/ground-up/downloads/ground-up-offline.zip"' in offline


# What's new


def test_home_shows_recently_added_and_updated_with_dates_and_the_feed(built_site: Path) -> None:
    cases = json.loads(_read(built_site, "data/cases.json"))
    home = _read(built_site, "index.html")
    added = home[home.index("Recently added") : home.index("</ul>", home.index("Recently added"))]
    dates = re.findall(r'<time datetime="([\d-]+)">', added)
    assert len(dates) == 5 and dates == sorted(dates, reverse=True)
    assert dates[0] == max(c["published"] for c in cases)
    updated = home[home.index("Recently updated") : home.index("</ul>", home.index("Recently updated"))]
    for title, date in re.findall(r'<a href="[^"]+">([^<]+)</a> \(added ([\d-]+)\)', updated):
        record = next(c for c in cases if html.escape(c["title"], quote=True) == title)
        assert record["updated"] != record["published"] == date
    assert 'href="feed.xml"' in home and 'href="changes/"' in home


def test_the_changelog_lists_every_dated_change_newest_first(built_site: Path) -> None:
    cases = json.loads(_read(built_site, "data/cases.json"))
    page = _read(built_site, "changes/index.html")
    days = re.findall(r'<h2 id="[^"]*">(\d{4}-\d{2}-\d{2})', page)
    assert days and days == sorted(days, reverse=True)
    assert page.count("Added: ") == len(cases)
    assert page.count("Updated: ") == sum(1 for c in cases if c.get("updated") not in (None, c["published"]))


# Thin pages


def test_country_pages_have_an_intro_facts_and_an_explorer_link_the_explorer_understands(
    built_site: Path, served_site: str, browser: Any
) -> None:
    page = _read(built_site, "countries/dk/index.html")
    strip = page[page.index('class="gu-strip"') : page.index("</ul>", page.index('class="gu-strip"'))]
    cases = [c for c in json.loads(_read(built_site, "data/cases.json")) if "DK" in c["countries"]]
    expected = f"{len(cases)} case" + ("" if len(cases) == 1 else "s")
    assert f"<li>{expected}</li>" in strip
    assert 'href="../../explore/?country=DK"' in page
    browser_page = browser.new_page()
    browser_page.goto(served_site + "countries/dk/")
    browser_page.get_by_role("link", name=re.compile("in the explorer")).click()
    browser_page.wait_for_selector("[data-slug]")
    shown = browser_page.eval_on_selector_all("[data-slug]:not([hidden])", "els => els.map(e => e.dataset.slug)")
    assert sorted(shown) == sorted(c["slug"] for c in cases)
    browser_page.close()


def test_software_pages_show_description_licence_built_on_and_adopters(built_site: Path) -> None:
    page = _read(built_site, "software/digitransit/index.html")
    assert '<p class="gu-summary">A journey planner platform' in page
    assert "<dt>Built on</dt>" in page and '<a href="../opentripplanner/">OpenTripPlanner</a>' in page
    assert "<dt>Licence</dt>" in page and "EUPL-1.2 OR AGPL-3.0-only" in page
    assert "Adopters named in the cases" in page and "City of Herrenberg" in page
    assert 'href="../../explore/?software=digitransit"' in page
    otp = _read(built_site, "software/opentripplanner/index.html")
    assert '<dt>Other software built on it</dt>\n<dd><a href="../digitransit/">Digitransit</a>' in otp


def test_domain_and_mechanism_pages_have_facts_and_an_explorer_link(built_site: Path) -> None:
    domain = _read(built_site, "domains/public-transport/index.html")
    assert 'class="gu-strip"' in domain and 'href="../../explore/?domain=public-transport"' in domain
    mechanism = _read(built_site, "mechanisms/in-house-team/index.html")
    assert 'class="gu-strip"' in mechanism and 'href="../../explore/?mechanism=in-house-team"' in mechanism


def test_counts_are_written_with_the_right_plural(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "case(s)" not in text and not re.search(r"(?<![\d,])1 cases\b", text), page
