"""Safe building blocks for generated pages: escaping, relative links, HTML blocks, front matter, JSON-LD.

The engine writes what it owns (facts panels, tables, lists, listings) as escaped HTML, which Markdown
passes through untouched, and keeps Markdown for headings and for what contributors wrote. Escaping
for both lives here: `h` for HTML, `esc` for Markdown.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_TAG = re.compile(r"<[^>]*>")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~!#])")


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page: a path below the docs root (`cases/golemio.md`) and its Markdown text."""

    path: str
    text: str


def esc(text: object) -> str:
    """Inline Markdown that shows `text` literally: no markup, no raw HTML, no entities."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


_DIRECTORY_URLS: ContextVar[bool] = ContextVar("directory_urls", default=True)


@contextmanager
def url_style(directory_urls: bool) -> Iterator[None]:
    """Render links for sites whose pages live at `x/` (directory URLs) or at `x.html` (offline edition)."""
    token = _DIRECTORY_URLS.set(directory_urls)
    try:
        yield
    finally:
        _DIRECTORY_URLS.reset(token)


def page_url(path: str, directory_urls: bool) -> str:
    """The URL (below the site root) of the page built from `path`, e.g. cases/golemio.md -> cases/golemio/."""
    stem = path[:-3] if path.endswith(".md") else path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def url(target: str, source: str) -> str:
    """Relative URL from the page built from `source` to the page built from `target` (both .md paths)."""
    return _url(target, source, _DIRECTORY_URLS.get())


@lru_cache(maxsize=65536)
def _url(target: str, source: str, directory_urls: bool) -> str:
    here = page_url(source, directory_urls).split("/")[:-1]
    there = page_url(target, directory_urls).split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "./"


def file_url(target: str, source: str) -> str:
    """Relative URL from the page built from `source` to a file (not a page) at `target` below the site root."""
    here = page_url(source, _DIRECTORY_URLS.get()).split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def plural(count: int, one: str, many: str = "") -> str:
    """'1 case', '6 cases', '1,200 cases': a count with its noun in the right number."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def h(text: object) -> str:
    """Text escaped for HTML (elements and quoted attributes), on one line."""
    return html.escape(str(text), quote=True).replace("\n", " ")


def h_lines(text: str) -> str:
    """Text escaped for HTML that keeps its line breaks (for <pre>); no blank line, which would end the
    HTML block in Markdown."""
    return "\n".join(html.escape(line, quote=True) for line in text.splitlines() if line.strip())


def link(text: object, target: str, source: str) -> str:
    """An HTML link to another page of the site, as the reader's browser needs it."""
    return f'<a href="{h(url(target, source))}">{h(text)}</a>'


def external(text: object, address: str) -> str:
    return f'<a href="{h(address)}">{h(text)}</a>'


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """An HTML table block; cells are HTML (built with `h` and `link`), empty ones show a dash.

    Each cell carries its column's heading (`data-label`) and the table sits in `div.gu-table`, so on a
    narrow screen the stylesheet can show every row as a card of labelled values instead of a table
    wider than the screen.
    """
    # One cell a line, as Markdown writes tables: site search joins the text of adjacent tags.
    labels = [h(html.unescape(_TAG.sub("", cell))) for cell in header]
    head = "".join(f"<th>{cell}</th>\n" for cell in header)
    body = "".join(
        "<tr>\n"
        + "".join(
            f'<td data-label="{label}">{cell or "&ndash;"}</td>\n' for label, cell in zip(labels, row, strict=True)
        )
        + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="gu-table">\n<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n'
        "</table>\n</div>\n"
    )


def html_list(items: list[str], tag: str = "ul") -> str:
    """An HTML list block of items that are already HTML."""
    return f"<{tag}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{tag}>\n"


def html_select(field_id: str, name: str, label: str, options: list[tuple[str, str]], chosen: str = "") -> str:
    """A labelled select (for pages that own a form); options are (value, text) pairs, both plain text."""
    items = "".join(
        f'<option value="{h(value)}"{" selected" if value == chosen else ""}>{h(text)}</option>'
        for value, text in options
    )
    return (
        f'<p><label for="{h(field_id)}">{h(label)}</label><br>'
        f'<select id="{h(field_id)}" name="{h(name)}">{items}</select></p>'
    )


HTML_META = ("title", "description")  # themes print these into <title> and attributes without escaping


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front matter written as JSON values (valid YAML), so no value can break out of it."""
    lines = [
        f"{key}: {json.dumps(html.escape(value) if key in HTML_META else value, ensure_ascii=False)}"
        for key, value in fields.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def add_front_matter(text: str, fields: dict[str, Any]) -> str:
    """`text` (which starts with `front_matter(...)`) with `fields` appended to its front matter."""
    end = text.index("\n---\n", 3)
    return text[:end] + front_matter(fields)[3:-6] + text[end:]


def json_for_script(data: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' that could close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def fenced(text: str, language: str = "text") -> str:
    """A fenced code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or "\u2013" for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


NOT_INDEXED = {"search": {"exclude": True}}  # front matter of listing pages: their text is on other pages


def unindexed_html(block: str) -> str:
    """Like `unindexed`, for a block that is HTML already: Markdown leaves it untouched."""
    return f"<div data-search-exclude>\n{block}</div>\n\n"


def compact_search_index(text: str) -> str:
    """A lunr-style search index (JSON) without paragraph tags in its texts.

    Site search shows result snippets as plain text anyway, and the tags were about 1.5% of the
    index. A plain string replace is exact here: text from the pages is HTML-escaped, so a literal
    "<p>" can only be a tag, and headings (titles) cannot hold paragraphs.
    """
    return text.replace("<p>", "").replace("</p>", "")
