"""Checks on one case's front matter: each `check_*` is a generator of diagnostics."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from license_expression import get_spdx_licensing

from casebook.diagnostics import Diagnostic, error, warning
from casebook.load import CaseFile
from casebook.schema import FIELDS, SLUG_PATTERN, Field, country_codes
from casebook.vocab import Vocabularies
from casebook.yamlpos import KeyPath

SUMMARY_MAX = 300
REVIEW_MAX_DAYS = 730
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(SLUG_PATTERN)
GPL_SHORTHAND = re.compile(r"^(A|L)?GPL[-\s]?v?([23])(?:\.0)?(\+|\s*or later)?$", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\bTODO\b|example\.org")
TYPE_WORDS = {"string": "text", "integer": "a whole number", "list": "a list", "object": "a mapping of fields"}


@dataclass(slots=True)
class Context:
    """What checks need besides the case itself."""

    vocabs: Vocabularies
    today: dt.date
    slugs: set[str] = field(default_factory=set)
    process_phrases: dict[str, str] = field(default_factory=dict)  # from data/editorial.yml


Problem = tuple[str, str, str]  # code, message, hint


def key_name(path: KeyPath) -> str:
    """('software', 0, 'licence') -> 'software[0].licence'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def did_you_mean(value: str, options: list[str] | set[str] | frozenset[str]) -> str:
    close = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


@cache
def _licensing() -> Any:
    return get_spdx_licensing()


def _country(value: str, today: dt.date) -> Iterator[Problem]:
    if value in country_codes():
        return
    hint = ""
    if value.upper() in country_codes():
        hint = f"write it in capitals: '{value.upper()}'"
    else:
        try:
            import pycountry

            found = pycountry.countries.lookup(value)
            hint = f"did you mean '{found.alpha_2}' ({found.name})?"
        except LookupError:
            hint = "use an ISO 3166-1 alpha-2 code such as 'CZ' or 'SE'"
    yield "country", f"'{value}' is not an ISO 3166-1 alpha-2 country code", hint


def _spdx(value: str, today: dt.date) -> Iterator[Problem]:
    info = _licensing().validate(value, strict=True)
    if not info.errors:
        return
    gpl = GPL_SHORTHAND.match(value.strip())
    if gpl:
        family, major = (gpl.group(1) or "").upper(), gpl.group(2)
        suffix = "or-later" if gpl.group(3) else "only"
        hint = f"did you mean '{family}GPL-{major}.0-{suffix}'?"
    else:
        unknown = [e.split(":", 1)[1].strip() for e in info.errors if e.startswith("Unknown license key")]
        hint = did_you_mean(unknown[0], _licensing().known_symbols) if unknown else ""
    yield (
        "licence",
        f"'{value}' is not a valid SPDX licence expression: {'; '.join(info.errors)}",
        (hint or "see https://spdx.org/licenses/ for identifiers"),
    )


_SPACE = re.compile(r"\s")


def _url(value: str, today: dt.date) -> Iterator[Problem]:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or _SPACE.search(value):
        yield "url", f"'{value}' is not an http(s) URL", "write a full address starting with https://"


def _date(value: str, today: dt.date) -> Iterator[Problem]:
    try:
        day = dt.date.fromisoformat(value) if DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        yield "date", f"'{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2025-03-31"
    elif day > today:
        yield "date", f"{value} is in the future", f"use a date on or before {today.isoformat()}"


def _year(value: int, today: dt.date) -> Iterator[Problem]:
    if not 1900 <= value <= today.year:
        yield "year", f"{value} is not a plausible year", f"use a year between 1900 and {today.year}"


def _slug(value: str, today: dt.date) -> Iterator[Problem]:
    if not SLUG.fullmatch(value):
        yield "slug", f"'{value}' is not a case slug", "use the file name without .md: lower-case, digits, hyphens"


FORMATS = {"country": _country, "spdx": _spdx, "url": _url, "date": _date, "year": _year, "slug": _slug}


def _type_ok(f: Field, value: Any) -> bool:
    if f.type == "date-or-year":
        return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
    expected = {"string": str, "integer": int, "list": list, "object": dict}[f.type]
    return isinstance(value, expected) and not isinstance(value, bool)


def _check_value(case: CaseFile, f: Field, value: Any, path: KeyPath, ctx: Context) -> Iterator[Diagnostic]:
    # Positions and key names are only worked out when there is something to report: most values are fine.
    if not _type_ok(f, value):
        hint = f"write it as a list: [{value}]" if f.type == "list" and isinstance(value, str) else ""
        if f.type == "object" and isinstance(value, str):
            first, *rest = (x.name for x in f.fields if x.required)
            hint = f"write it as a mapping: {{{first}: {value}, {', '.join(f'{x}: ...' for x in rest)}}}"
        got = "empty" if value is None else repr(value) if not isinstance(value, (list, dict)) else type(value).__name__
        expected = TYPE_WORDS.get(f.type, "a date or a year")
        yield error(case.path, case.pos(path), "type", key_name(path), f"must be {expected}, not {got}", hint)
        return
    if f.type == "list":
        assert f.items is not None
        if len(value) < f.min_items:
            yield error(case.path, case.pos(path), "empty", key_name(path), "needs at least one entry")
        if f.max_items and len(value) > f.max_items:
            yield error(
                case.path,
                case.pos((*path, f.max_items)),
                "too-many",
                key_name(path),
                f"has {len(value)} entries; the limit is {f.max_items}",
                f"keep the {f.max_items} that matter most",
            )
        seen: set[Any] = set()
        for i, item in enumerate(value):
            if isinstance(item, str) and item in seen:
                yield error(case.path, case.pos((*path, i)), "duplicate", key_name(path), f"'{item}' is listed twice")
            seen.add(item if isinstance(item, str) else id(item))
            yield from _check_value(case, f.items, item, (*path, i), ctx)
    elif f.type == "object":
        yield from _check_object(case, f.fields, value, path, ctx)
    elif isinstance(value, str) and not value.strip():
        yield error(case.path, case.pos(path), "empty", key_name(path), "must not be empty")
    elif f.vocabulary:
        yield from check_term(case, f.vocabulary, value, path, ctx)
    elif check := _format_check(f, value):
        for code, message, hint in check(value, ctx.today):
            yield error(case.path, case.pos(path), code, key_name(path), message, hint)


def _format_check(f: Field, value: Any) -> Any:
    if f.type == "date-or-year":
        return _year if isinstance(value, int) else _date
    return FORMATS.get(f.format)


def _check_object(
    case: CaseFile, fields: tuple[Field, ...], data: dict[str, Any], path: KeyPath, ctx: Context
) -> Iterator[Diagnostic]:
    by_name = {f.name: f for f in fields}
    for name in data:
        if name not in by_name:
            where = key_name((*path, name))
            hint = did_you_mean(name, set(by_name)) or f"allowed fields: {', '.join(by_name)}"
            yield error(
                case.path, case.key_pos((*path, name)), "unknown-field", where, f"'{name}' is not a known field", hint
            )
    for f in fields:
        value = data.get(f.name)
        if value is None and (f.name not in data or not f.required):
            if f.required and f.name not in data:
                yield error(
                    case.path,
                    case.pos(path) if path else (1, 1),
                    "missing-field",
                    key_name((*path, f.name)),
                    "is required",
                    f"add '{f.name}:'; {f.description[0].lower()}{f.description[1:]}",
                )
        else:
            yield from _check_value(case, f, value, (*path, f.name), ctx)


def check_fields(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """Known fields only, required fields present, types, formats and vocabulary terms."""
    yield from _check_object(case, FIELDS, case.meta, (), ctx)


def check_term(case: CaseFile, vocabulary: str, value: str, path: KeyPath, ctx: Context) -> Iterator[Diagnostic]:
    vocab = ctx.vocabs[vocabulary]
    if value in vocab.terms:
        return
    ids = sorted(vocab.terms)
    hint = did_you_mean(value, ids) or (f"allowed: {', '.join(ids)}" if len(ids) <= 12 else f"see {vocab.path}")
    label = vocabulary.replace("-", " ")
    label = label[:-2] if label.endswith("ses") else label.removesuffix("s")
    yield error(case.path, case.pos(path), "unknown-term", key_name(path), f"'{value}' is not a known {label}", hint)


def check_soft_rules(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """Warnings: long summary, stale review, placeholders left from the template, date order."""
    meta = case.meta
    summary = meta.get("summary")
    if isinstance(summary, str) and len(summary) > SUMMARY_MAX:
        yield warning(
            case.path,
            case.pos(("summary",)),
            "summary-length",
            "summary",
            f"is {len(summary)} characters long; listings show about {SUMMARY_MAX}",
            "shorten it",
        )
    reviewed = meta.get("reviewed")
    if isinstance(reviewed, str) and DATE.fullmatch(reviewed):
        try:
            age = (ctx.today - dt.date.fromisoformat(reviewed)).days
        except ValueError:
            age = 0
        if age > REVIEW_MAX_DAYS:
            yield warning(
                case.path,
                case.pos(("reviewed",)),
                "stale-review",
                "reviewed",
                f"facts were last checked {age} days ago",
                "check them against the sources and update it",
            )
    published, updated = meta.get("published"), meta.get("updated")
    if isinstance(published, str) and isinstance(updated, str) and DATE.fullmatch(updated) and updated < published:
        yield error(
            case.path,
            case.pos(("updated",)),
            "date-order",
            "updated",
            f"{updated} is before the publication date {published}",
        )
    for path, pos in case.located.values.items():
        value = _at(meta, path)
        if isinstance(value, str) and ("TODO" in value or "example.org" in value) and PLACEHOLDER.search(value):
            yield warning(
                case.path,
                pos,
                "placeholder",
                key_name(path),
                "still holds a template placeholder",
                "replace the TODO or example.org value",
            )


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
