"""Evidence a case gives for a recommendation: the quoted sentence must be in the body, in the section named.

Quotes are compared with what readers see: citation marks, emphasis and link targets left out,
white space collapsed. The section's anchor is the one the site's table of contents gives it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from casebook.body import HEADING, _mask_code
from casebook.checks import did_you_mean
from casebook.diagnostics import Diagnostic, error
from casebook.load import CaseFile

CITATIONS = re.compile(r"\s*(?:\[\d{1,3}\])+")  # with the space before it: "shared [2]." reads "shared."
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
BLOCK_MARK = re.compile(r"^[ \t]*(?:[-*+>]|\d+\.|#+)[ \t]+", re.MULTILINE)  # list items, quotes, headings
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")  # a full stop, then closing quotes or brackets


def section_anchor(title: str) -> str:
    """The id the site gives the heading `## title`: Python-Markdown's table of contents' default slugify."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def reader_text(markdown: str) -> str:
    """Markdown prose as a reader sees it, for comparing quotes: no citations, emphasis or URLs."""
    text = LINK.sub(r"\1", CITATIONS.sub("", BLOCK_MARK.sub("", markdown)))
    return " ".join(text.replace("**", "").replace("*", "").split())


def sections(case: CaseFile) -> dict[str, tuple[int, str]]:
    """Each level-2 section of the body: its title -> (offset of the heading, its Markdown text)."""
    text = _mask_code(case.body)
    heads = [(m.group(2), m.start(), m.end()) for m in HEADING.finditer(text) if len(m.group(1)) == 2]
    found: dict[str, tuple[int, str]] = {}
    for i, (title, start, end) in enumerate(heads):
        stop = heads[i + 1][1] if i + 1 < len(heads) else len(text)
        found.setdefault(title, (start, case.body[end:stop]))
    return found


def check_evidence(case: CaseFile) -> Iterator[Diagnostic]:
    """Each linked recommendation once, with a whole sentence found verbatim in the section named."""
    items = case.meta.get("recommendations")
    if not isinstance(items, list) or not items:
        return
    found = sections(case)
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue  # the field checks report it
        rec, quote, section = item.get("id"), item.get("quote"), item.get("section")
        if isinstance(rec, str):
            if rec in seen:
                yield error(
                    case.path,
                    case.pos(("recommendations", i, "id")),
                    "duplicate",
                    f"recommendations[{i}].id",
                    f"'{rec}' is listed twice",
                    "give all the evidence for one recommendation in one entry",
                )
            seen.add(rec)
        if not (isinstance(section, str) and section.strip() and isinstance(quote, str) and quote.strip()):
            continue
        yield from _check_one(case, i, quote, section, found)


def _check_one(
    case: CaseFile, i: int, quote: str, section: str, found: dict[str, tuple[int, str]]
) -> Iterator[Diagnostic]:
    key = f"recommendations[{i}]"
    if section not in found:
        hint = did_you_mean(section, set(found)) or f"sections of this case: {', '.join(found) or 'none'}"
        yield error(
            case.path,
            case.pos(("recommendations", i, "section")),
            "evidence-section",
            f"{key}.section",
            f"'{section}' is not a section of this case's body",
            hint,
        )
        return
    wanted = reader_text(quote)
    pos = case.pos(("recommendations", i, "quote"))
    if wanted != " ".join(quote.split()):
        yield error(
            case.path,
            pos,
            "evidence-quote",
            f"{key}.quote",
            "the quote holds citation marks, emphasis or links",
            "copy the sentence as a reader sees it, without [1], ** or link addresses",
        )
    elif wanted not in reader_text(found[section][1]):
        elsewhere = [title for title, (_, text) in found.items() if wanted in reader_text(text)]
        yield error(
            case.path,
            pos,
            "evidence-quote",
            f"{key}.quote",
            f"the quote is not in the section '{section}' of the body",
            f"it is in '{elsewhere[0]}': set section to that"
            if elsewhere
            else "copy one whole sentence of the section exactly, without the citation marks",
        )
    elif not SENTENCE_END.search(wanted):
        yield error(
            case.path,
            pos,
            "evidence-quote",
            f"{key}.quote",
            "the quote is not a whole sentence",
            "quote the sentence up to its full stop",
        )
