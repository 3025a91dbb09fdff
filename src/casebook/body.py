"""Checks on a case's Markdown body: required sections, citations and safety for readers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from casebook.diagnostics import Diagnostic, error, warning
from casebook.load import CaseFile
from casebook.schema import SECTIONS

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]+`")
CITATIONS = re.compile(r"\[\d{1,3}\](?:\[\d{1,3}\])*")  # [1] or a run such as [1][2]
CITATION = re.compile(r"\[(\d{1,3})\]")
UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|frame|frameset|base|meta)\b", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL)
BAD_SCHEME = re.compile(
    r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|\b(?:href|src|action|formaction|poster|srcset|xlink:href)\s*=\s*[\"']?\s*)"
    r"(javascript|vbscript|data)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
REMOTE_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*((?:https?:)?//[^\s)>]+)", re.IGNORECASE)
REMOTE_HTML_MEDIA = re.compile(
    r"<\s*(?:img|video|audio|source|track|image|input|link|embed)\b[^>]*?\b(?:src|srcset|poster|href)\s*=\s*[\"']?"
    r"\s*((?:https?:)?//[^\s\"'>]+)",
    re.IGNORECASE | re.DOTALL,
)
REMOTE_CSS = re.compile(r"url\(\s*[\"']?\s*((?:https?:)?//[^\s\"')]+)", re.IGNORECASE)
REF_IMAGE = re.compile(r"!\[([^\]]*)\]\[([^\]]*)\]")
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
                    f"[{number}] cites a source that is not listed ({len(sources)} source(s))",
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


def check_body_safety(case: CaseFile) -> Iterator[Diagnostic]:
    """Nothing that runs code or makes a reader's browser contact another host."""
    text = _mask_code(case.body)
    has_html = "<" in text
    for m in UNSAFE_TAG.finditer(text) if has_html else ():
        yield error(
            case.path,
            _position(case, text, m.start()),
            "unsafe-html",
            "body",
            f"<{m.group(1).lower()}> is not allowed",
            "write plain Markdown; embeds and scripts are refused",
        )
    for m in HANDLER.finditer(text) if has_html else ():
        yield error(
            case.path,
            _position(case, text, m.start(1)),
            "unsafe-html",
            "body",
            f"inline event handler '{m.group(1)}=' is not allowed",
            "remove the attribute",
        )
    lower = text.lower()
    scheme_possible = any(word in lower for word in ("javascript:", "vbscript:", "data:"))
    for m in BAD_SCHEME.finditer(text) if scheme_possible else ():
        yield error(
            case.path,
            _position(case, text, m.start(1)),
            "unsafe-url",
            "body",
            f"'{m.group(1).lower()}:' URLs are not allowed",
            "link to an https:// address instead",
        )
    media = [(REMOTE_MD_IMAGE, "![" in text), (REMOTE_HTML_MEDIA, has_html), (REMOTE_CSS, "url(" in lower)]
    for pattern, possible in media:
        for m in pattern.finditer(text) if possible else ():
            yield _remote(case, text, m.start(1), m.group(1))
    if "![" not in text:
        return
    references = {label.lower(): url for label, url in REF_DEFINITION.findall(text)}
    for m in REF_IMAGE.finditer(text):
        url = references.get((m.group(2) or m.group(1)).lower(), "")
        if re.match(r"(?:https?:)?//", url, re.IGNORECASE):
            yield _remote(case, text, m.start(), url)


def _remote(case: CaseFile, text: str, offset: int, url: str) -> Diagnostic:
    return error(
        case.path,
        _position(case, text, offset),
        "remote-media",
        "body",
        f"'{url}' would load from another host",
        "save the file under docs/assets/ and link to it there",
    )
