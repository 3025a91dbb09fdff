"""Raw HTML blocks set aside while Markdown converts a page, and the page as search reads it.

The engine writes its apparatus (facts panels, listings, tables with hundreds of links) as HTML blocks
that Markdown passes through untouched, but Python-Markdown still parses every one of them, tag by tag,
to find where it ends. `stash` takes out the blocks whose extent is certain, leaving a placeholder
paragraph; `restore` puts them back into the converted HTML, so the page is what Markdown alone would
have made of it, in a fraction of the time. Only what is unambiguous is taken out (a chunk between blank
lines, at the start of its line, opening with a block-level tag whose element closes exactly at the end
of the chunk, outside any fenced code, with no `markdown` attribute, comment or declaration); anything
else stays for Markdown. Nothing here decides what is safe: the sanitiser runs on the restored page.

`search_view` is the same page with the contents of every element marked `data-search-exclude`
dropped, which Material's search parser would skip anyway, so that it has less HTML to read.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator

from markdown.util import BLOCK_LEVEL_ELEMENTS

# A tag, its attributes' quoted values skipped whole, so a `<` or `>` inside one cannot end it.
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>"
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
_BLANK_LINE = re.compile(r"([ ]*\n){2}")
# The engine's citation links in contributors' text (render_case.link_citations), and where Markdown could
# read them as something other than inline HTML in running text: code, headings (whose text makes the
# anchor), indented lines, links and link labels, reference definitions.
_CITATION = re.compile(r'<a href="#source-(\d+)">\[\1\]</a>')
_NOT_RUNNING_TEXT = re.compile(r"`|\]\(|\]\[|^(?:#|=+\s*$|-+\s*$| {4}|\t)", re.MULTILINE)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
# Inline placeholders: private-use characters, which Markdown treats like `<` and `>`: not word characters,
# not markup.
_OPEN, _CLOSE = "\ue000", "\ue001"


def _element_end(text: str, start: int) -> tuple[int, int] | None:
    """Where the element whose start tag is at `start` ends: the start and the end of its end tag, if the
    tags in `text` from there on are well formed; None when they are not or it never closes."""
    depth = 0
    pos = start
    while True:
        match = _TAG.search(text, pos)
        if match is None or "<" in text[pos : match.start()]:
            return None  # unclosed, or a comment, declaration or tag this scanner cannot read
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(4)
        if closing:
            depth -= 1
        elif name not in _VOID and not self_closing:
            depth += 1
        pos = match.end()
        if depth == 0:
            return match.start(), pos
        if depth < 0:
            return None


def _chunks(markdown: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, touches fenced code) of each run of non-blank lines."""
    fence: str | None = None
    start = pos = 0
    code = False
    for line in markdown.splitlines(keepends=True):
        if not line.strip() and fence is None:
            if pos > start:
                yield start, pos, code
            start, code = pos + len(line), False
        elif match := _FENCE.match(line):
            code = True
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip(" `~\n"):
                fence = None
        elif fence is not None:
            code = True
        pos += len(line)
    if pos > start:
        yield start, pos, code


def _is_raw_block(chunk: str) -> bool:
    match = _TAG.match(chunk)
    if match is None or match.group(1) or match.group(2).lower() not in _BLOCK_LEVEL:
        return False
    if any(mark in chunk for mark in ("markdown=", "<!", "<?", "\t", "\r", "\x02", "\x03")):
        return False
    end = _element_end(chunk, 0)
    return end is not None and end[1] == len(chunk.rstrip())


def stash(markdown: str) -> tuple[str, dict[str, str]]:
    """`markdown` with its unambiguous raw HTML blocks replaced by placeholder paragraphs, and the blocks."""
    token = f"gurawblock{secrets.token_hex(8)}x"
    blocks: dict[str, str] = {}
    parts = []
    last = 0
    inline = 0
    citations = "#source-" in markdown and not _REFERENCE_DEFINITION.search(markdown)
    for start, end, code in _chunks(markdown):
        chunk = markdown[start:end]
        if code:
            continue
        if not _is_raw_block(chunk):
            if citations and "#source-" in chunk and not _NOT_RUNNING_TEXT.search(chunk):
                chunk, count = _CITATION.subn(lambda m: f"{_OPEN}{token}c{m.group(1)}{_CLOSE}", chunk)
                if count:
                    inline += count
                    parts.append(markdown[last:start])
                    parts.append(chunk)
                    last = end
            continue
        key = f"{token}{len(blocks)}"
        block = chunk.rstrip()
        # Markdown keeps a newline after a raw block followed by a blank line (the last one is stripped).
        rest = markdown[start + len(block) :]
        blocks[key] = block + "\n" if _BLANK_LINE.match(rest) and rest.strip() else block
        parts.append(markdown[last:start])
        parts.append(key + chunk[len(chunk.rstrip()) :])
        last = end
    if not blocks and not inline:
        return markdown, blocks
    if inline:
        blocks[f"{_OPEN}{token}"] = ""  # marks that inline placeholders were used
    parts.append(markdown[last:])
    return "".join(parts), blocks


def restore(html: str, blocks: dict[str, str]) -> str:
    """The converted `html` with each placeholder paragraph replaced by its block again."""
    if not blocks:
        return html
    if inline := next((k for k in blocks if k.startswith(_OPEN)), None):
        blocks = {k: v for k, v in blocks.items() if k != inline}
        token = re.escape(inline) + r"c(\d+)" + _CLOSE
        html = re.sub(token, lambda m: f'<a href="#source-{m.group(1)}">[{m.group(1)}]</a>', html)
        if inline in html:
            raise ValueError("an inline placeholder was changed in conversion")
        if not blocks:
            return html
    pattern = re.compile("<p>(" + "|".join(re.escape(k) for k in blocks) + ")</p>")
    found: set[str] = set()

    def put_back(match: re.Match[str]) -> str:
        found.add(match.group(1))
        return blocks[match.group(1)]

    restored = pattern.sub(put_back, html)
    if missing := blocks.keys() - found:
        raise ValueError(f"{len(missing)} raw HTML block(s) lost in conversion, e.g. {min(missing)}")
    return restored


_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\sdata-search-exclude\b")
_HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)


def _balanced(html: str, start: int, end: int) -> bool:
    """Whether html[start:end] is a run of whole elements (and text)."""
    depth = 0
    for match in _TAG.finditer(html, start, end):
        if match.group(1):
            depth -= 1
        elif match.group(2).lower() not in _VOID and not match.group(4):
            depth += 1
        if depth < 0:
            return False
    return depth == 0 and html.count("<", start, end) == sum(1 for _ in _TAG.finditer(html, start, end))


def search_view(html: str) -> str:
    """`html` as Material's search reads it, less what it would skip anyway: the contents of each element
    marked `data-search-exclude` (unless it holds a heading, which starts a section of its own), and
    what follows a heading so marked up to the next heading (that section is left out)."""
    parts = []
    pos = 0
    for match in _EXCLUDED.finditer(html):
        if match.start() < pos:
            continue  # inside something already left out
        tag = _TAG.match(html, match.start())
        extent = _element_end(html, match.start()) if tag else None
        if tag is None or extent is None:
            continue
        if re.fullmatch(r"h[1-6]", tag.group(2).lower()):
            following = _HEADING.search(html, extent[1])
            cut = following.start() if following else len(html)
            if _balanced(html, extent[1], cut):
                parts.append(html[pos : extent[1]])
                pos = cut
        elif not _HEADING.search(html, tag.end(), extent[0]):
            parts.append(html[pos : tag.end()])
            pos = extent[0]
    parts.append(html[pos:])
    return "".join(parts)
