"""Building blocks of generated Markdown: links, escaping, safe JSON and front matter."""

from __future__ import annotations

import itertools
import json
import posixpath

import yaml

from casebook.markdown import compact_search_index, esc, fenced, front_matter, json_for_script, page_url, url, url_style
from helpers import ROOT


def test_relative_links_reach_their_page_in_both_url_styles() -> None:
    paths = [
        "index.md",
        "compare.md",
        "cases/a.md",
        "cases/index.md",
        "governance/x.md",
        "a/b/c.md",
        "a/b/d.md",
        "a/x.md",
        "a/b/c/d.md",
    ]
    for directory_urls in (True, False):
        with url_style(directory_urls):
            for target, source in itertools.product(paths, repeat=2):
                here = posixpath.dirname(posixpath.join("/site", page_url(source, directory_urls) + "x"))
                there = posixpath.join("/site", page_url(target, directory_urls))
                resolved = posixpath.normpath(posixpath.join(here, url(target, source)))
                assert resolved == posixpath.normpath(there), (directory_urls, target, source, url(target, source))


def test_escaped_text_has_no_markup_left() -> None:
    assert esc("<b>*x*</b> [a](b) | `c` _d_ #e") == ("&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b) \\| \\`c\\` \\_d\\_ \\#e")
    assert "\n" not in esc("two\nlines")


def test_json_for_script_cannot_close_the_script_element() -> None:
    text = json_for_script({"name": "</script><script>alert(1)</script>", "and": "a & b"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_front_matter_round_trips_and_escapes_html_meta() -> None:
    block = front_matter({"title": 'A "quoted" <title>', "jsonld": '{"a": "\\u003c"}', "hide": ["toc"], "x": None})
    meta = yaml.safe_load(block.strip().strip("-"))
    assert meta == {"title": "A &quot;quoted&quot; &lt;title&gt;", "jsonld": '{"a": "\\u003c"}', "hide": ["toc"]}


def test_fences_outgrow_backticks_inside() -> None:
    block = fenced("a ```` b")
    assert block.startswith("`````text\n") and block.endswith("\n`````\n")


def test_compacting_the_search_index_keeps_it_valid_json() -> None:
    index = json.dumps({"docs": [{"location": "a/", "title": "T", "text": "<p>One.</p> <p>Two &lt;p&gt;</p>"}]})
    assert json.loads(compact_search_index(index))["docs"][0]["text"] == "One. Two &lt;p&gt;"


def test_the_validator_renders_markdown_as_the_site_does() -> None:
    from mkdocs.config import load_config

    from casebook.render_markdown import EXTENSION_CONFIGS, EXTENSIONS

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert sorted(config.markdown_extensions) == sorted(EXTENSIONS)
    assert config.mdx_configs == EXTENSION_CONFIGS
