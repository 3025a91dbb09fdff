"""Pictures drawn at build time as accessible SVG: the map of Europe, the reuse network, charts.

Each module is a set of pure functions from the index to SVG text. Here: the figure around a picture
(title, caption, text alternative), the record of the SVG the engine drew (so the sanitiser keeps
exactly those and no contributor's), and the blocks placed on pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from casebook.index import Index
from casebook.markdown import h

_DRAWN: ContextVar[set[str] | None] = ContextVar("drawn", default=None)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect every SVG the engine draws while rendering; the set is what the sanitiser may keep."""
    drawn: set[str] = set()
    token = _DRAWN.set(drawn)
    try:
        yield drawn
    finally:
        _DRAWN.reset(token)


def figure(svg: str, caption: str, alternative: str, kind: str) -> str:
    """A picture as an HTML block: the SVG, its caption and, next to it, the same facts as text.

    The block has no blank line, so Markdown passes it through as one raw HTML block, and site
    search skips it (the alternative repeats what the pages say).
    """
    drawn = _DRAWN.get()
    if drawn is not None:
        drawn.add(svg)
    return (
        f'<div class="gu-picture gu-picture-{kind}" data-search-exclude>\n'
        f"<figure>\n{svg}\n<figcaption>{h(caption)}</figcaption>\n</figure>\n"
        f'<div class="gu-alt">\n{alternative}</div>\n</div>\n\n'
    )


def home_html(index: Index, source: str = "index.md") -> str:
    """The pictures of the home page: the map, then cases by domain, by governance model and by start year."""
    from casebook.pictures.charts import home_charts
    from casebook.pictures.map import map_figure

    return "## Where the cases are\n\n" + map_figure(index, source) + home_charts(index, source)
