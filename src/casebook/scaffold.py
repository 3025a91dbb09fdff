"""`casebook new`: a new case's first answers, from flags or asked in a terminal, written into the template.

Answers are checked by the same parsers whichever way they arrive, so a bad flag is refused as
surely as a bad answer at the prompt (which is asked again instead).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import pycountry
import yaml

from casebook.checks import did_you_mean
from casebook.schema import SLUG_PATTERN, country_codes
from casebook.vocab import Vocabularies, Vocabulary

T = TypeVar("T")
SLUG = re.compile(SLUG_PATTERN)
PLAIN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|[A-Z]{2}")  # ids and country codes
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # plain too: the loader keeps dates as text
ODD_CHARS = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")  # json.dumps keeps them raw; YAML refuses or breaks on them
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


@dataclass(slots=True)
class Answers:
    """What `casebook new` fills in; None leaves the template's value in place."""

    slug: str | None = None
    title: str | None = None
    summary: str | None = None
    countries: list[str] | None = None
    domain: str | None = None
    level: str | None = None
    governance_model: str | None = None
    status: str | None = None
    started: int | None = None
    software: str | None = None
    organisation: str | None = None
    organisation_type: str | None = None


ANSWERS = tuple(f.name for f in dataclasses.fields(Answers))
# Without these a terminal session is started; the others keep the template's values when not given.
ESSENTIAL = ("slug", "title", "countries", "domain", "governance_model")
TERMS = {
    "domain": "domains",
    "level": "levels",
    "governance_model": "governance-models",
    "status": "statuses",
    "organisation_type": "organisation-types",
}


def slugify(title: str) -> str:
    """'Città di Torino: open data' -> 'citta-di-torino-open-data'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def parse_slug(raw: str) -> str:
    if not SLUG.fullmatch(raw):
        suggestion = slugify(raw)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise ValueError(f"'{raw}' is not a valid slug: use lower-case letters, digits and hyphens{hint}")
    return raw


def parse_text(raw: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise ValueError("please type something")
    return text


def parse_countries(raw: str) -> list[str]:
    """'SE, no, Finland' -> ['SE', 'NO', 'FI']: codes in any case, or English names."""
    codes: list[str] = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        code = part.upper() if part.upper() in country_codes() else None
        if code is None:
            try:
                code = pycountry.countries.lookup(part).alpha_2
            except LookupError:
                raise ValueError(f"'{part}' is not a country; use ISO codes such as SE, CZ or a country name") from None
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValueError("name at least one country, e.g. SE")
    return codes


def parse_year(raw: str, today: dt.date) -> int:
    if not raw.strip().isdigit() or not 1900 <= int(raw) <= today.year:
        raise ValueError(f"'{raw}' is not a year between 1900 and {today.year}")
    return int(raw)


def parse_term(vocab: Vocabulary, raw: str, numbered: bool = False) -> str:
    """A term by id or name (any case), or by its number in the list shown when `numbered`."""
    ids = list(vocab.terms)
    value = raw.strip()
    if numbered and value.isdigit() and 1 <= int(value) <= len(ids):
        return ids[int(value) - 1]
    if value in vocab.terms or value.lower() in vocab.terms:
        return value if value in vocab.terms else value.lower()
    by_name = {t.name.lower(): t.id for t in vocab.terms.values()}
    if value.lower() in by_name:
        return by_name[value.lower()]
    hint = did_you_mean(value.lower(), ids) or f"allowed: {', '.join(ids)}"
    raise ValueError(f"'{value}' is not in {vocab.path} ({hint})")


def parse_answers(given: dict[str, str | None], vocabs: Vocabularies, today: dt.date) -> Answers:
    """Answers given as flags (None: not given), each checked as the prompt checks it."""
    parsers: dict[str, Callable[[str], Any]] = {
        "slug": parse_slug,
        "countries": parse_countries,
        "started": partial(parse_year, today=today),
        **{name: partial(parse_term, vocabs[vocabulary]) for name, vocabulary in TERMS.items()},
    }
    answers = Answers()
    for name, raw in given.items():
        if raw is not None:
            try:
                setattr(answers, name, parsers.get(name, parse_text)(raw))
            except ValueError as exc:
                raise ValueError(f"--{name.replace('_', '-')}: {exc}") from None
    return answers


class Asker:
    """Questions on a terminal: each answer is checked and, when wrong, asked again with the reason."""

    def __init__(self, read: Callable[[str], str] = input, write: Callable[[str], None] = print) -> None:
        self.read, self.write = read, write

    def ask(self, question: str, parse: Callable[[str], T], default: str = "") -> T:
        while True:
            raw = self.read(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
            try:
                return parse(raw)
            except ValueError as exc:
                self.write(f"  {exc}")

    def choose(self, question: str, vocab: Vocabulary, default: str = "") -> str:
        self.write(question)
        for number, term in enumerate(vocab.terms.values(), 1):
            self.write(f"  {number:>2}. {term.name} ({term.id})")
        return self.ask("  Number or id", lambda raw: parse_term(vocab, raw, numbered=True), default)


def _optional(raw: str) -> str | None:
    return " ".join(raw.split()) or None


def ask_missing(
    answers: Answers,
    vocabs: Vocabularies,
    asker: Asker,
    today: dt.date,
    taken: Callable[[str], bool] = lambda slug: False,
) -> Answers:
    """Ask for every answer not given as a flag; optional ones may be left empty."""

    def new_slug(raw: str) -> str:
        if taken(parse_slug(raw)):
            raise ValueError(f"a case '{raw}' already exists; choose another slug")
        return raw

    a = answers
    asker.write("New case. Press Enter to accept a default in [brackets]; Ctrl-D cancels.")
    if a.title is None:
        a.title = asker.ask("Title (the name of the case)", parse_text)
    if a.slug is None:
        a.slug = asker.ask("Slug (file name and web address)", new_slug, slugify(a.title))
    if a.summary is None:
        a.summary = asker.ask("Summary: one or two plain sentences (optional)", _optional)
    if a.countries is None:
        a.countries = asker.ask("Countries (ISO codes or names, comma-separated)", parse_countries)
    for name, question, default in (
        ("domain", "Domain: what service is it about?", ""),
        ("level", "Level of government", "local"),
        ("governance_model", "Governance model: who holds the code and the roadmap?", ""),
        ("status", "Status", "active"),
    ):
        if getattr(a, name) is None:
            setattr(a, name, asker.choose(question, vocabs[TERMS[name]], default))
    if a.started is None:
        a.started = asker.ask("Year it started", lambda raw: parse_year(raw, today))
    if a.software is None:
        a.software = asker.ask("Name of the software (optional)", _optional)
    if a.organisation is None:
        a.organisation = asker.ask("Name of the organisation that started it (optional)", _optional)
    if a.organisation and a.organisation_type is None:
        a.organisation_type = asker.choose("What kind of organisation is it?", vocabs["organisation-types"])
    return a


def _scalar(value: str | int | list[str]) -> str:
    """A YAML value for the front matter: ids, codes and dates plain, free text double-quoted."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return f"[{', '.join(_scalar(v) for v in value)}]"
    # Plain only when YAML reads it back as the same text: 'NO' (Norway) or '2048' must be quoted.
    if DATE.fullmatch(value) or (PLAIN.fullmatch(value) and yaml.safe_load(value) == value):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return ODD_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _set(lines: list[str], top: str, key: str | None, value: str) -> bool:
    """Set a top-level key, or `key` in the first item of the list under `top`; False when not found."""
    in_block = False
    for i, line in enumerate(lines):
        m = TOP_KEY.match(line)
        if m:
            if key is None and m.group(1) == top:
                lines[i] = f"{top}: {value}"
                return True
            in_block = m.group(1) == top
        elif in_block and key is not None and (item := re.match(rf"^(\s*(?:-\s+)?){re.escape(key)}:", line)):
            lines[i] = f"{item.group(1)}{key}: {value}"
            return True
    return False


def render_case(template: str, answers: Answers, today: dt.date) -> str:
    """The template with the answers and today's dates filled in; the rest stays for the author."""
    parts = template.split("---\n", 2)
    if len(parts) != 3 or parts[0]:
        raise ValueError("it must start with a front matter block between '---' lines")
    _, front, body = parts
    lines = front.splitlines()
    a = answers
    values: list[tuple[str, str | None, str | int | list[str] | None]] = [
        ("title", None, a.title),
        ("summary", None, a.summary),
        ("status", None, a.status),
        ("domain", None, a.domain),
        ("countries", None, a.countries),
        ("level", None, a.level),
        ("started", None, a.started),
        ("governance_model", None, a.governance_model),
        ("software", "name", a.software),
        ("organisations", "name", a.organisation),
        ("organisations", "type", a.organisation_type),
        ("organisations", "country", a.countries[0] if a.countries else None),
        ("published", None, today.isoformat()),
        ("reviewed", None, today.isoformat()),
    ]
    for top, key, value in values:
        if value is not None and not _set(lines, top, key, _scalar(value)) and key is None:
            lines.append(f"{top}: {_scalar(value)}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def next_steps(target: str) -> str:
    return (
        f"Created {target}.\nNext steps:\n"
        f"  1. Replace every TODO and fill in the fields (reference: data/case.schema.json;\n"
        f"     in VS Code, the Front Matter CMS extension shows them as a form).\n"
        f"  2. Write the six sections in your own words, citing sources as [1], [2], ...\n"
        f"  3. Check it: casebook validate {target}\n"
        f"  4. Open a pull request (see CONTRIBUTING.md)."
    )
