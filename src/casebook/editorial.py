"""Editorial rules: what a reader should be able to trust in a case's words and figures.

Every paragraph cites a source, licences use current SPDX ids, titles leave countries to the
metadata, adoption figures are recent, and the text never talks about how it was written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pycountry

from casebook.body import CITATIONS, HEADING, REF_DEFINITION, is_citation
from casebook.body import _mask_code as _masked  # body.py's cache: each body is masked once
from casebook.checks import Context, _licensing
from casebook.diagnostics import Diagnostic, error, shown_path, warning
from casebook.load import CaseFile
from casebook.schema import SECTIONS
from casebook.yamlpos import load_located

STALE_YEARS = 5
EDITORIAL_FILE = "editorial.yml"
# SPDX ids that license-expression files under another key although SPDX still lists them as current.
CURRENT_ALIASES = frozenset({"net-snmp", "verbatim-man-pages", "assembly-exception"})
# Deprecated SPDX ids that license-expression keeps as they are, with their replacement.
DEPRECATED = {"wxwindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1"}
WITH = re.compile(r"\s+WITH\s+", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"\s*(?:,|&|/|\band\b)\s*", re.IGNORECASE)
TITLE_PAREN = re.compile(r"\(([^()]+)\)\s*$")
TITLE_TAIL = re.compile(r"(?:,|\s[-\u2013\u2014]|\s[Ii]n)\s+")  # ', ', a spaced dash, or ' in '
PLACEHOLDER = re.compile(r"\bTODO\b")
BLOCK_SKIP = re.compile(r"<!--.*?-->|^\s{0,3}(?:[-*_][ \t]*){3,}$", re.DOTALL | re.MULTILINE)


def is_stale(as_of: int, today: dt.date) -> bool:
    """An adoption figure is stale when its year is more than five years before `today`."""
    return today.year - as_of > STALE_YEARS


def corpus_date(metas: list[dict[str, Any]]) -> dt.date:
    """The newest date written in the corpus (published, updated, reviewed): the reference date of
    pages and exports, so that building the same content twice gives the same files."""
    dates = [m.get(k) for m in metas for k in ("published", "updated", "reviewed")]
    days = []
    for value in dates:
        try:
            days.append(dt.date.fromisoformat(value) if isinstance(value, str) else None)
        except ValueError:
            continue
    return max((d for d in days if d), default=dt.date(2025, 1, 1))


def _position(case: CaseFile, text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return case.body_line + line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _paragraphs(text: str) -> Iterator[tuple[str, int, int]]:
    """(section, start, end) of each block of non-blank lines that is not a heading."""
    section, start, offset = "", -1, 0
    for line in [*text.split("\n"), ""]:
        heading = HEADING.fullmatch(line)
        if (heading or not line.strip()) and start >= 0:
            yield section, start, offset - 1
            start = -1
        if heading and len(heading.group(1)) <= 2:
            section = heading.group(2)
        elif not heading and line.strip() and start < 0:
            start = offset
        offset += len(line) + 1


def count_cited_paragraphs(case: CaseFile) -> tuple[int, int]:
    """(paragraphs that cite a source, all paragraphs) in the six narrative sections."""
    text = _masked(case.body)
    blocks = [(start, end) for section, start, end in _paragraphs(text) if section in SECTIONS]
    cited = sum(any(is_citation(text, run) for run in CITATIONS.finditer(text, s, e)) for s, e in blocks)
    return cited, len(blocks)


def check_uncited_paragraphs(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """Each paragraph of the six sections (lists and tables included) cites at least one source."""
    text = _masked(case.body)
    for section, start, end in _paragraphs(text):
        if section not in SECTIONS or any(is_citation(text, run) for run in CITATIONS.finditer(text, start, end)):
            continue
        block = text[start:end]
        if not re.search(r"\w", REF_DEFINITION.sub("", BLOCK_SKIP.sub("", block))):
            continue  # a comment, a rule or link definitions: nothing a reader takes as a claim
        words = " ".join(block.split())
        quote = words if len(words) <= 50 else words[:49].rstrip() + "…"
        pos = _position(case, text, start + len(block) - len(block.lstrip(" \t")))
        if PLACEHOLDER.search(block):  # still the template's text: one reminder, not a missing source
            message = f"the paragraph '{quote}' still holds a template placeholder"
            hint = "write it in your own words and cite its source, e.g. [1]"
            yield warning(case.path, pos, "placeholder", "body", message, hint)
            continue
        yield error(
            case.path,
            pos,
            "uncited-paragraph",
            "body",
            f"the paragraph '{quote}' in '## {section}' cites no source",
            "add the number of the source it comes from, e.g. [1], or remove the claim",
        )


def _deprecated(written: str, key: str) -> tuple[str, ...]:
    """The replacements for a licence id as written, given the id license-expression reads it as."""
    folded = written.casefold()
    if folded in DEPRECATED:
        return (DEPRECATED[folded],)
    if folded == key.casefold() or folded in CURRENT_ALIASES or folded.startswith("licenseref-"):
        return ()
    if key.startswith("LicenseRef-"):
        return ()
    if key.endswith("-only"):  # 'GPL-3.0' never said whether later versions are allowed
        return key, key.removesuffix("-only") + "-or-later"
    return (key,)


@lru_cache(maxsize=256)
def _deprecated_ids(value: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(id as written, replacements) for each deprecated id in a licence expression; cached, as
    corpora repeat a few licences many times."""
    if _licensing().validate(value, strict=True).errors:
        return ()  # the licence check reports it: one value, one diagnostic
    found = []
    for symbol, written, _ in _licensing().tokenize(value):
        licence = getattr(symbol, "license_symbol", symbol)
        if hasattr(licence, "key"):  # not an operator or a parenthesis
            written = WITH.split(written)[0]
            if fixes := _deprecated(written, licence.key):
                found.append((written, fixes))
    return tuple(found)


def check_deprecated_licences(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """Licences use current SPDX ids: 'AGPL-3.0' hides the choice between -only and -or-later."""
    software = case.meta.get("software")
    for index, item in enumerate(software if isinstance(software, list) else []):
        value = item.get("licence") if isinstance(item, dict) else None
        for written, fixes in _deprecated_ids(value) if isinstance(value, str) else ():
            if len(fixes) == 2:
                message = f"'{written}' is a deprecated SPDX id that does not say whether later versions apply"
                hint = f"use '{fixes[0]}' or '{fixes[1]}': read the licence file to choose"
            else:
                message = f"'{written}' is a deprecated or informal SPDX id"
                hint = f"use '{fixes[0]}'"
            path = ("software", index, "licence")
            yield error(case.path, case.pos(path), "deprecated-licence", f"software[{index}].licence", message, hint)


@cache
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if name := getattr(country, attr, None):
                names[name.casefold()] = country.alpha_2
    return names


def _country_in(part: str, codes: set[str]) -> str:
    part = re.sub(r"^the\s+", "", part.strip(), flags=re.IGNORECASE)
    return part if part in codes or part.casefold() in _country_names() else ""


def check_title_country(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """The title does not end with a country: '(Belgium)', ', Belgium', ' - Belgium' (any dash), 'in Belgium'."""
    title = case.meta.get("title")
    if not isinstance(title, str):
        return
    countries = case.meta.get("countries")
    codes = {c for c in countries if isinstance(c, str)} if isinstance(countries, list) else set()
    paren = TITLE_PAREN.search(title)
    found = _country_in(LIST_SEPARATOR.split(paren.group(1))[-1], codes) if paren else ""
    for m in TITLE_TAIL.finditer(title) if not found else ():
        named = [_country_in(p, codes) for p in LIST_SEPARATOR.split(title[m.end() :].strip())]
        if all(named):
            found = ", ".join(named)
            break
    if found:
        yield error(
            case.path,
            case.pos(("title",)),
            "title-country",
            "title",
            f"'{title}' ends with the country '{found}'",
            "countries are metadata: keep them in 'countries' and name the case by its software or organisation",
        )


def check_stale_adoption(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """The newest adoption figure of a running case is at most five years old.

    An ended case's figures are history (the page still marks them "as of YEAR"); no newer one can exist.
    """
    if case.meta.get("status") == "ended":
        return
    adoption = case.meta.get("adoption")
    years = [
        (item["as_of"], -index)
        for index, item in enumerate(adoption if isinstance(adoption, list) else [])
        if isinstance(item, dict) and type(item.get("as_of")) is int
    ]
    if not years:
        return
    year, index = max(years)
    if is_stale(year, ctx.today):
        yield warning(
            case.path,
            case.pos(("adoption", -index, "as_of")),
            "stale-adoption",
            f"adoption[{-index}].as_of",
            f"the newest adoption figure is from {year}, more than {STALE_YEARS} years before {ctx.today.year}",
            "look for a newer figure in the sources and add it with its year",
        )


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = [r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE)


def check_process_phrases(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """Reader-facing text (title, summary, body) is about the case, not about how it was written."""
    if not ctx.process_phrases:
        return
    pattern = _phrase_pattern(tuple(ctx.process_phrases))
    found: list[tuple[tuple[int, int], str, str]] = []
    for key in ("title", "summary"):
        value = case.meta.get(key)
        if isinstance(value, str):
            found += [(case.pos((key,)), key, m.group(0)) for m in pattern.finditer(value)]
    lower = case.body.lower()
    # A phrase can only match where its words occur in a row, and `in` finds that out far faster.
    present = tuple(p for p in ctx.process_phrases if max(p.split(), key=len).lower() in lower)
    if present:
        words = " ".join(lower.split())
        present = tuple(p for p in present if " ".join(p.lower().split()) in words)
    if present:
        text = _masked(case.body)
        found += [
            (_position(case, text, m.start()), "body", m.group(0)) for m in _phrase_pattern(present).finditer(text)
        ]
    for pos, key, phrase in found:
        hint = ctx.process_phrases.get(" ".join(phrase.lower().split()), "")
        yield warning(
            case.path,
            pos,
            "process-phrase",
            key,
            f"'{' '.join(phrase.split())}' is about how the case was written, not about the case",
            hint or "say what the sources show, and when",
        )


def load_process_phrases(data_dir: Path) -> tuple[dict[str, str], list[Diagnostic]]:
    """`data/editorial.yml`: phrase -> suggestion. A missing file means no phrases are checked."""
    path = data_dir / EDITORIAL_FILE
    shown = shown_path(path)
    if not path.exists():
        return {}, []
    located, problems = load_located(path.read_text(encoding="utf-8-sig"))
    if located is None:
        return {}, [error(shown, p.pos, p.code, "", p.message, p.hint) for p in problems]
    entries = located.data.get("process_phrases") if isinstance(located.data, dict) else None
    if not isinstance(entries, list):
        return {}, [error(shown, (1, 1), "editorial", "process_phrases", "must be a list of {phrase, instead}")]
    phrases: dict[str, str] = {}
    diagnostics = []
    for index, entry in enumerate(entries):
        phrase = entry.get("phrase") if isinstance(entry, dict) else None
        instead = entry.get("instead", "") if isinstance(entry, dict) else ""
        if not isinstance(phrase, str) or not phrase.strip() or not isinstance(instead, str):
            pos = located.value_pos(("process_phrases", index))
            diagnostics.append(error(shown, pos, "editorial", "process_phrases", "each entry needs a 'phrase' text"))
            continue
        phrases[" ".join(phrase.lower().split())] = instead.strip()
    return phrases, diagnostics


EDITORIAL_CHECKS = (
    check_uncited_paragraphs,
    check_deprecated_licences,
    check_title_country,
    check_stale_adoption,
    check_process_phrases,
)
