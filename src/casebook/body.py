"""Checks on a case's Markdown body: required sections, citations and safety for readers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from casebook.diagnostics import Diagnostic, error, warning
from casebook.load import CaseFile
from casebook.markdown import plural
from casebook.render_markdown import render_markdown
from casebook.sanitise import Removal, changes_anything, find_removals
from casebook.schema import SECTIONS

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]+`")
CITATIONS = re.compile(r"\[\d{1,3}\](?:\[\d{1,3}\])*")  # [1] or a run such as [1][2]
CITATION = re.compile(r"\[(\d{1,3})\]")
REF_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


@lru_cache(maxsize=4)
def _mask_code(body: str) -> str:
    """Blank out code blocks and spans (rendered as escaped text), keeping every offset in place."""
    if "```" in body or "~~~" in body:
        body = FENCED.sub(_blank, body)
    return CODE_SPAN.sub(_blank, body) if "`" in body else body


def is_citation(text: str, run: re.Match[str]) -> bool:
    """Not a link label ([text][1]), an image, an escaped bracket, a link ([1](url)) or a definition."""
    before = text[run.start() - 1] if run.start() else ""
    after = text[run.end()] if run.end() < len(text) else ""
    return before not in "]\\!" and after not in "(:["


def _position(case: CaseFile, text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return case.body_line + line, col


def check_sections(case: CaseFile) -> Iterator[Diagnostic]:
    """The six sections, each once, in order, as level-2 headings."""
    text = _mask_code(case.body)
    found: dict[str, int] = {}
    for m in HEADING.finditer(text):
        level, title = len(m.group(1)), m.group(2)
        pos = _position(case, text, m.start())
        if level == 1:
            yield warning(
                case.path,
                pos,
                "heading",
                "body",
                f"'# {title}' is a level-1 heading",
                "the title comes from the front matter; use '## ' for sections",
            )
        if level != 2:
            continue
        if title in found:
            yield error(case.path, pos, "section", "body", f"section '## {title}' appears twice")
        elif title not in SECTIONS:
            hint = next((f"did you mean '## {s}'?" for s in SECTIONS if s.lower() == title.lower()), "")
            yield warning(
                case.path,
                pos,
                "section",
                "body",
                f"'## {title}' is not one of the standard sections",
                hint or f"sections are: {', '.join(SECTIONS)}",
            )
        found.setdefault(title, m.start())
    missing = [s for s in SECTIONS if s not in found]
    for title in missing:
        yield error(
            case.path,
            (case.body_line, 1),
            "section",
            "body",
            f"section '## {title}' is missing",
            f"the body needs: {', '.join('## ' + s for s in SECTIONS)}",
        )
    order = [s for s in sorted(found, key=found.__getitem__) if s in SECTIONS]
    if not missing and order != list(SECTIONS):
        yield error(
            case.path,
            _position(case, text, found[order[0]]),
            "section",
            "body",
            "sections are out of order",
            f"use this order: {', '.join(SECTIONS)}",
        )


def check_citations(case: CaseFile) -> Iterator[Diagnostic]:
    """Every [n] points at a listed source; every source is cited somewhere."""
    sources = case.meta.get("sources")
    if not isinstance(sources, list):
        return
    text = _mask_code(case.body)
    cited: set[int] = set()
    for run in CITATIONS.finditer(text):
        if not is_citation(text, run):
            continue
        for m in CITATION.finditer(run.group(0)):
            number = int(m.group(1))
            cited.add(number)
            if not 1 <= number <= len(sources):
                yield error(
                    case.path,
                    _position(case, text, run.start() + m.start()),
                    "citation",
                    "body",
                    f"[{number}] cites a source that is not listed ({plural(len(sources), 'source')} listed)",
                    "cite sources by their position in 'sources', starting at [1]",
                )
    if not case.body.strip():
        return
    for index in range(len(sources)):
        if index + 1 not in cited:
            yield warning(
                case.path,
                case.pos(("sources", index)),
                "uncited-source",
                f"sources[{index}]",
                f"source {index + 1} is never cited in the body",
                f"cite it as [{index + 1}] or remove it",
            )


# A body with none of these renders to escaped text and plain structure only: no tag, attribute or URL.
MARKUP_SIGNS = ("<", "{", "](", "]:", "&")
# Where attr_list reads braces: right after an inline element, or at the end of a line (block, heading).
ATTR_LIST = re.compile(r"(?:(?<=[)*_`\]])\{:?[ \t]*([^}\n]*?)[ \t]*\})|(?:\{:?[ \t]*([^}\n]*?)[ \t]*\}[ \t]*$)", re.M)
ATTR_TOKENS = re.compile(r"""(?:\s*(?:[#.][\w-]+|[\w:-]+(?:=(?:"[^"]*"|'[^']*'|[^\s"']+))?))+\s*""")
ATTR_TOKEN = re.compile(r"""([#.][\w-]+)|([\w:-]+)(?:=("[^"]*"|'[^']*'|[^\s"']+))?""")
CONTRIBUTOR_ATTRIBUTES = {"id", "class"}


HINTS = {
    "remote-media": "save the file under docs/assets/ and link to it there",
    "unsafe-url": "link to an https:// or mailto: address, or to a page of this site",
    "unsafe-style": "remove it: the site's stylesheet styles every page",
    "unsafe-html": "remove it and write plain Markdown",
}


def _code(removal: Removal) -> str:
    if removal.attribute == "src":
        return "remote-media"
    if removal.attribute == "href":
        return "unsafe-url"
    if removal.attribute in ("style", "class") or removal.tag == "style":
        return "unsafe-style"
    return "unsafe-html"


def _locate(text: str, removal: Removal, start: int) -> int:
    """Offset in the source where `removal` most likely comes from, searching from `start`."""
    value = [removal.value, *removal.value.split()] if removal.value.strip() else []
    if not removal.attribute:
        needles = [f"<{removal.tag}"]
    elif removal.attribute in ("href", "src"):
        needles = [*value, removal.attribute, f"<{removal.tag}"]
    else:
        needles = [removal.attribute, *value, f"<{removal.tag}"]
    lower = text.lower()
    for needle in needles:
        if not needle:
            continue
        found = lower.find(needle.lower(), start)
        if found < 0:
            found = lower.find(needle.lower())
        if found >= 0:
            return found
    return -1


def check_body_safety(case: CaseFile, forms: bool = False) -> Iterator[Diagnostic]:
    """Everything the site's HTML allowlist would remove from the rendered body, located in the source.

    The body is rendered with the site's own Markdown configuration and scanned with the same policy
    that cleans published pages, so what passes here is what readers get.
    """
    if not any(sign in case.body for sign in MARKUP_SIGNS):  # the raw body: masking is no gate
        return
    text = _mask_code(case.body)
    yield from _check_attr_lists(case, text)
    rendered = render_markdown(case.body)
    removals = find_removals(rendered, forms=forms)
    cursor = 0
    for removal in removals:
        offset = _locate(text, removal, cursor)
        pos = _position(case, text, offset) if offset >= 0 else (case.body_line, 1)
        cursor = max(cursor, offset + 1)
        code = _code(removal)
        yield error(case.path, pos, code, "body", removal.describe(), HINTS[code])
    if not removals and changes_anything(rendered, forms=forms):
        first = text.find("<")
        yield error(
            case.path,
            _position(case, text, first) if first >= 0 else (case.body_line, 1),
            "unsafe-html",
            "body",
            "the body contains markup that the site's HTML allowlist would change",
            "write plain Markdown",
        )


def _check_attr_lists(case: CaseFile, text: str) -> Iterator[Diagnostic]:
    """Attribute lists (`{ ... }` after a heading, image or link) may set only an id and classes."""
    if "{" not in text:
        return
    for m in ATTR_LIST.finditer(text):
        group = 1 if m.group(1) is not None else 2
        inside = m.group(group)
        if not inside or not ATTR_TOKENS.fullmatch(inside):
            continue  # braces in prose or code, not an attribute list
        for token in ATTR_TOKEN.finditer(inside):
            name = token.group(2)
            if token.group(1) or not name or name in CONTRIBUTOR_ATTRIBUTES:
                continue
            yield error(
                case.path,
                _position(case, text, m.start(group) + token.start()),
                "attr-list",
                "body",
                f"attribute list sets {name!r}; only an id (#name) and classes (.name) are allowed",
                "remove it from the braces",
            )
