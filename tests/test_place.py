"""place.py: which generated pages get a tab and breadcrumbs in their front matter, and their URLs."""

from __future__ import annotations

import frontmatter

from casebook.markdown import Page, front_matter, url_style
from casebook.place import placed

PAGES = [
    Page(path, front_matter({"title": path}) + "# x\n")
    for path in (
        "cases/index.md",
        "cases/golemio.md",
        "explore.md",
        "countries/index.md",
        "countries/cz.md",
        "about.md",
    )
]


def _meta(pages: list[Page], path: str) -> dict[str, object]:
    return dict(frontmatter.loads(next(p for p in pages if p.path == path).text).metadata)


def test_detail_pages_name_their_tab_and_trail_in_both_url_styles() -> None:
    with url_style(True):
        online = placed(PAGES)
    with url_style(False):
        offline = placed(PAGES)
    assert _meta(online, "cases/golemio.md")["section"] == "cases/index.md"
    assert _meta(online, "cases/golemio.md")["breadcrumbs"] == [{"title": "Cases", "url": "../"}]
    assert _meta(online, "countries/cz.md")["breadcrumbs"] == [
        {"title": "Explore", "url": "../../explore/"},
        {"title": "Countries", "url": "../"},
    ]
    assert _meta(offline, "countries/cz.md")["breadcrumbs"] == [
        {"title": "Explore", "url": "../explore.html"},
        {"title": "Countries", "url": "index.html"},
    ]
    assert _meta(online, "countries/cz.md")["title"] == "countries/cz.md"  # the rest is kept


def test_pages_in_the_navigation_and_missing_steps_are_left_alone() -> None:
    pages = placed(PAGES)
    for path in ("cases/index.md", "explore.md", "about.md", "countries/index.md"):
        assert "breadcrumbs" not in _meta(pages, path)
    alone = placed([Page("countries/cz.md", front_matter({"title": "Czechia"}))])  # no index pages generated
    assert "breadcrumbs" not in _meta(alone, "countries/cz.md")
