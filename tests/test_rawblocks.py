"""Raw HTML blocks set aside during conversion: the page comes out as Markdown alone makes it, and search
reads the same sections from the lighter view it gets."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
from material.plugins.search.plugin import Parser

from casebook.generate import check_project, generated_files, load_project
from casebook.rawblocks import restore, search_view, stash
from casebook.render_markdown import render_markdown
from helpers import ROOT


def _generated_pages() -> dict[str, str]:
    project = load_project(ROOT / "mkdocs.yml")
    index, diagnostics = check_project(project)
    assert index is not None, diagnostics
    files = generated_files(project, index)
    return {path: frontmatter.loads(text).content for path, text in files.items() if path.endswith(".md")}


PAGES = _generated_pages()


def _fast(markdown: str) -> str:
    text, blocks = stash(markdown)
    return restore(render_markdown(text), blocks)


def test_every_generated_page_converts_as_markdown_alone_converts_it() -> None:
    differ = [path for path, markdown in PAGES.items() if _fast(markdown) != render_markdown(markdown)]
    assert differ == []
    # and the shortcut is taken: most of the apparatus waits outside
    case = PAGES["cases/golemio.md"]
    text, blocks = stash(case)
    assert len(blocks) >= 4 and len(text) < len(case) * 0.6
    assert '<a href="#source-' not in text


EDGE_CASES = {
    "fenced code": "Intro\n\n```\n<div>kept as code</div>\n\n<div>also code</div>\n```\n\n<div>raw</div>\n",
    "tilde fence": "~~~~\n<table><tr><td>x</td></tr></table>\n~~~~\n",
    "no blank line before": "A paragraph\n<div>raw after text</div>\n",
    "trailing text": "<div>raw</div> and text\n\nnext\n",
    "markdown attribute": '<div markdown="1">\n*emphasis* inside\n</div>\n',
    "comment": "<div><!-- note --></div>\n",
    "unclosed": "<div><p>open\n\nmore</p></div>\n",
    "inline tag first": '<a href="x">link</a> text\n',
    "nested same tag": "<div><div>inner</div></div>\n\n<div>second</div>\n\nafter\n",
    "tab inside": "<div>\ttab</div>\n",
    "void elements": "<div><br><img src=x alt=y><hr/></div>\n",
    "quoted angle brackets": '<div title="a > b <c>"><span>x</span></div>\n',
    "citation in a code span": 'See `<a href="#source-1">[1]</a>` and <a href="#source-2">[2]</a>.\n',
    "citation in a heading": '## Heading <a href="#source-1">[1]</a>\n\nText <a href="#source-1">[1]</a>.\n',
    "citation with a reference definition": 'Text <a href="#source-1">[1]</a>.\n\n[1]: https://example.org\n',
    "citation by underscores": '_word_<a href="#source-1">[1]</a> and <a href="#source-2">[2]</a>_word_\n',
    "citation in a list": '- one <a href="#source-1">[1]</a>\n- two **bold** <a href="#source-3">[3]</a>\n',
    "citation in link text": 'A [link <a href="#source-1">[1]</a>](https://example.org).\n',
    "indented citation": '1. item\n\n    more <a href="#source-1">[1]</a>\n',
}


@pytest.mark.parametrize("markdown", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_what_markdown_would_read_otherwise_is_left_to_it(markdown: str) -> None:
    assert _fast(markdown) == render_markdown(markdown)


def test_a_lost_block_is_an_error_not_a_silent_gap() -> None:
    text, blocks = stash("Text\n\n<div>raw</div>\n")
    html = render_markdown(text).replace(next(iter(blocks)), "changed")
    with pytest.raises(ValueError, match="lost"):
        restore(html, blocks)


def _sections(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


@pytest.fixture(scope="module")
def built_pages(built_site: Path) -> dict[str, str]:
    pages = {}
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        start, end = html.find('<article class="md-content__inner'), html.find("</article>")
        if start >= 0:
            pages[page.relative_to(built_site).as_posix()] = html[start:end]
    return pages


def test_search_reads_the_same_sections_from_the_lighter_view(built_pages: dict[str, str]) -> None:
    differ = [path for path, html in built_pages.items() if _sections(search_view(html)) != _sections(html)]
    assert differ == []
    case = built_pages["cases/golemio/index.html"]
    assert len(search_view(case)) < len(case) * 0.8  # the sources, related cases and citation are not read


def test_search_view_keeps_headings_inside_excluded_elements() -> None:
    html = '<div data-search-exclude=""><h2 id="a">A</h2><p>text</p></div><p>after</p>'
    assert _sections(search_view(html)) == _sections(html)
    assert search_view(html) == html


def test_search_view_keeps_what_follows_an_excluded_heading_once_its_parent_closes() -> None:
    html = '<h1 id="t">T</h1><div><h2 id="s" data-search-exclude="">S</h2><p>x</p></div><p>after</p>'
    assert "after" in search_view(html)
    assert _sections(search_view(html)) == _sections(html)
