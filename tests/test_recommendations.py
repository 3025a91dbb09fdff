"""Recommendations you can act on: the start-here order, one list with filters, and evidence that
quotes its case, in the built HTML and in real Chromium."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from casebook.index import Index
from casebook.render_recommendations import START_HERE
from casebook.validate import validate
from helpers import DATA, ROOT


@pytest.fixture(scope="module")
def index() -> Index:
    corpus = validate([ROOT / "cases"], DATA)
    return Index.build(corpus.cases, corpus.vocabs)


def _ordered(index: Index) -> list[str]:
    terms = index.vocabs["recommendations"].terms
    return sorted(terms, key=lambda t: terms[t].extra["order"])


def test_the_index_starts_with_the_first_steps_in_order_and_lists_each_recommendation_once(
    built_site: Path, index: Index
) -> None:
    text = (built_site / "recommendations" / "index.html").read_text(encoding="utf-8")
    article = text[text.index("<h1") :]
    after_title = re.sub(r"\s+", " ", article[article.index("</h1>") + 5 :]).lstrip()
    assert after_title.startswith('<section class="gu-start-here"'), after_title[:120]
    start = re.search(r'<ol id="gu-start-here">(.*?)</ol>', text, re.S)
    assert start
    assert re.findall(r'href="([a-z-]+)/"', start.group(1)) == _ordered(index)[:START_HERE]
    full = text[start.end() :]
    listed = re.findall(r'<li class="gu-rec [^"]*" value="\d+"><strong><a href="([a-z-]+)/"', full)
    assert sorted(listed) == sorted(index.vocabs["recommendations"].terms)  # every one, once
    assert listed == _ordered(index)  # stages follow each other, so the list keeps the order too
    assert "By audience" not in text and "By theme" not in text


def test_each_list_item_carries_its_audience_and_theme_for_the_filters(built_site: Path, index: Index) -> None:
    text = (built_site / "recommendations" / "index.html").read_text(encoding="utf-8")
    for term in index.vocabs["recommendations"].terms.values():
        classes = f"gu-rec gu-audience-{term.extra['audience']} gu-theme-{term.extra['theme']}"
        assert f'<li class="{classes}" value="{term.extra["order"]}"><strong><a href="{term.id}/"' in text


def test_every_evidence_entry_quotes_its_case_and_links_the_section(built_site: Path, index: Index) -> None:
    for rec, entries in index.evidence.items():
        text = html.unescape((built_site / "recommendations" / rec / "index.html").read_text(encoding="utf-8"))
        quotes = re.findall(
            r'<blockquote class="gu-evidence"><p>(.*?)</p>\s*<p class="gu-evidence-source">— <a href="([^"]+)">', text
        )
        assert sorted(quotes) == sorted((e.quote, f"../../cases/{e.slug}/#{e.anchor}") for e in entries), rec
        for entry in entries:
            case_page = (built_site / "cases" / entry.slug / "index.html").read_text(encoding="utf-8")
            assert f'<h2 id="{entry.anchor}">' in case_page, (entry.slug, entry.anchor)


# In Chromium ----------------------------------------------------------------------------------------


@pytest.fixture(params=["online", "offline"])
def recs(
    request: pytest.FixtureRequest, browser: Any, served_site: str, offline_site: tuple[Path, Path]
) -> Iterator[Any]:
    url = (
        served_site + "recommendations/"
        if request.param == "online"
        else (offline_site[0] / "recommendations" / "index.html").as_uri()
    )
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("#gu-rec-filters:not([hidden])")
    yield page
    assert errors == []
    page.close()


def _visible_items(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "li.gu-rec:not([hidden])",
        "els => els.map(e => e.querySelector('a').getAttribute('href').split('/')[0].replace('.html', ''))",
    )


def test_the_page_opens_on_the_numbered_start_here_list(recs: Any, index: Index) -> None:
    first = recs.evaluate(
        "() => { const h1 = document.querySelector('.md-content h1');"
        " let el = h1.nextElementSibling; return [el.className, el.querySelector('h2').textContent]; }"
    )
    assert first == ["gu-start-here", "Start here"]
    steps = recs.eval_on_selector_all(
        "#gu-start-here > li", "els => els.map(e => [e.value, e.querySelector('a').textContent])"
    )
    names = index.vocabs["recommendations"].terms
    assert steps == [[i + 1, names[r].name] for i, r in enumerate(_ordered(index)[:START_HERE])]
    assert recs.evaluate("getComputedStyle(document.getElementById('gu-start-here')).listStyleType") == "decimal"


def test_filters_narrow_the_one_list_by_audience_and_theme_and_keep_it_in_the_url(recs: Any, index: Index) -> None:
    terms = index.vocabs["recommendations"].terms
    assert len(_visible_items(recs)) == len(terms)
    recs.select_option("#gu-rec-audience", "policymakers")
    wanted = [r for r in _ordered(index) if terms[r].extra["audience"] == "policymakers"]
    assert wanted and _visible_items(recs) == wanted
    assert recs.inner_text("#gu-rec-count") == f"{len(wanted)} of {len(terms)} recommendations"
    recs.select_option("#gu-rec-theme", "public-values")
    both = [r for r in wanted if terms[r].extra["theme"] == "public-values"]
    assert _visible_items(recs) == both
    assert parse_qs(urlsplit(recs.url).query) == {"audience": ["policymakers"], "theme": ["public-values"]}
    # Stages with nothing left hide their heading; a combination with nothing shows the empty note.
    visible_stages = recs.eval_on_selector_all(".gu-rec-stage:not([hidden]) h3", "els => els.map(e => e.textContent)")
    stages = index.vocabs["stages"].terms
    assert visible_stages == [stages[s].name for s in stages if any(terms[r].extra["stage"] == s for r in both)]
    recs.reload()
    recs.wait_for_selector("#gu-rec-filters:not([hidden])")
    assert _visible_items(recs) == both
    empty = next(
        (a, t)
        for a in index.vocabs["audiences"].terms
        for t in index.vocabs["themes"].terms
        if not any(r.extra["audience"] == a and r.extra["theme"] == t for r in terms.values())
    )
    recs.select_option("#gu-rec-audience", empty[0])
    recs.select_option("#gu-rec-theme", empty[1])
    assert _visible_items(recs) == [] and recs.is_visible("#gu-rec-empty")


def test_without_javascript_every_recommendation_shows(browser: Any, served_site: str, index: Index) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "recommendations/?audience=policymakers")
    assert not page.is_visible("#gu-rec-filters")
    assert page.locator("li.gu-rec:visible").count() == len(index.vocabs["recommendations"].terms)
    context.close()


SECTION_TEXT = """anchor => {
  const heading = document.getElementById(anchor);
  if (!heading || heading.tagName !== 'H2') return null;
  let text = '';
  for (let el = heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
    text += ' ' + el.innerText;
  }
  return text;
}"""


def _reader(text: str) -> str:
    return " ".join(re.sub(r"\s*(?:\[\d+\])+", "", text).split())


def test_every_evidence_quote_is_found_on_the_linked_case_page_at_its_anchor(
    browser: Any, served_site: str, index: Index
) -> None:
    page = browser.new_page()
    links: dict[str, list[str]] = {}  # case page URL -> the quotes that point at its sections
    for rec in index.vocabs["recommendations"].terms:
        page.goto(served_site + f"recommendations/{rec}/")
        entries = page.eval_on_selector_all(
            "blockquote.gu-evidence",
            "els => els.map(e => [e.querySelector('p').innerText, e.querySelector('a').href])",
        )
        assert len(entries) == len(index.evidence.get(rec, [])), rec
        for quote, href in entries:
            assert quote.strip(), (rec, href)
            links.setdefault(href, []).append(quote)
    assert sum(len(q) for q in links.values()) == sum(len(e) for e in index.evidence.values())
    for href, quotes in sorted(links.items()):
        address, anchor = href.split("#")
        if page.url.split("#")[0] != address:
            page.goto(urljoin(served_site, address))
        section = page.evaluate(SECTION_TEXT, anchor)
        assert section is not None, f"no section #{anchor} on {address}"
        for quote in quotes:
            assert _reader(quote) in _reader(section), (href, quote)
    page.close()
