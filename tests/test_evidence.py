"""The evidence module on its own: anchors as the site's table of contents makes them, quotes as readers read them."""

from __future__ import annotations

import pytest
from markdown.extensions.toc import slugify

from casebook.evidence import reader_text, section_anchor
from casebook.schema import SECTIONS


@pytest.mark.parametrize("title", [*SECTIONS, "Café & co: what's next?", "  Two  spaces - and a dash "])
def test_section_anchors_match_the_table_of_contents(title: str) -> None:
    assert section_anchor(title) == slugify(title, "-")


def test_reader_text_drops_citations_emphasis_list_marks_and_link_addresses() -> None:
    markdown = (
        "- **Pool demand.** Members pay a fee [1][2] and\n  share [the code](https://example.org/x)\n  [3].\n"
        "### A heading\n> quoted *text*"
    )
    assert reader_text(markdown) == "Pool demand. Members pay a fee and share the code. A heading quoted text"
