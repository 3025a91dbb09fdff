"""The case front matter, declared once: field specs that drive validation, docs and JSON Schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from casebook.vocab import Vocabularies


@dataclass(frozen=True, slots=True)
class Field:
    """One front matter field. `type` is string, integer, list, object or date-or-year."""

    name: str
    type: str
    description: str
    required: bool = False
    format: str = ""  # country, spdx, url, date, year, slug
    vocabulary: str = ""
    items: Field | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    max_items: int = 0  # 0: no limit


def _terms(name: str, vocabulary: str, description: str, required: bool = False) -> Field:
    item = Field("item", "string", description, vocabulary=vocabulary)
    return Field(name, "list", description, required, items=item, min_items=1 if required else 0)


SOFTWARE = (
    Field("name", "string", "Name of the software.", required=True),
    Field("repository", "string", "URL of the public source code repository.", format="url"),
    Field("website", "string", "URL of the software's website.", format="url"),
    Field("licence", "string", "SPDX licence expression, e.g. `EUPL-1.2` or `MIT OR Apache-2.0`.", format="spdx"),
    Field("publiccode_yml", "string", "URL of the software's publiccode.yml file, if it has one.", format="url"),
    Field("description", "string", "What the software does, in one plain sentence (shown on its page)."),
    Field(
        "built_on",
        "list",
        "Names of other software this one is built on, e.g. `OpenTripPlanner` (linked when a case lists it).",
        items=Field("item", "string", "Software name."),
    ),
)
ORGANISATION = (
    Field("name", "string", "Name of the organisation.", required=True),
    Field("role", "string", "What the organisation does in this case.", required=True, vocabulary="roles"),
    Field("type", "string", "What kind of organisation it is.", required=True, vocabulary="organisation-types"),
    Field("country", "string", "ISO 3166-1 alpha-2 code of the organisation's country.", format="country"),
)
ADOPTION = (
    Field("count", "integer", "How many (a whole number).", required=True),
    Field("unit", "string", "Of what, in plain words, e.g. `Danish municipalities`.", required=True),
    Field("as_of", "integer", "Year the figure refers to.", required=True, format="year"),
    Field("note", "string", "Qualifier, e.g. `approximate` or the source's wording."),
)
EVIDENCE = (
    Field(
        "id",
        "string",
        "Id of the recommendation, from `data/recommendations.yml`.",
        required=True,
        vocabulary="recommendations",
    ),
    Field(
        "quote",
        "string",
        "The sentence of this case's body that supports it, copied exactly (without citation marks).",
        required=True,
    ),
    Field("section", "string", "The body section that sentence is in, e.g. `Lessons`.", required=True),
)
SOURCE = (
    Field("title", "string", "Title of the source.", required=True),
    Field("url", "string", "Where to read it (http or https).", required=True, format="url"),
    Field("publisher", "string", "Who published it."),
    Field("date", "date-or-year", "Publication date (`YYYY-MM-DD`) or year."),
    Field("accessed", "string", "Date the source was last read at its URL (`YYYY-MM-DD`).", format="date"),
    Field("archived", "string", "URL of an archived copy, e.g. on web.archive.org (http or https).", format="url"),
)

FIELDS: tuple[Field, ...] = (
    Field("title", "string", "Name of the case.", required=True),
    Field(
        "summary",
        "string",
        "One or two plain sentences (at most about 300 characters) used in listings.",
        required=True,
    ),
    Field(
        "takeaways",
        "list",
        "One to three short sentences (at most 200 characters each) that a reader should take away, "
        "in your own words and only from what the body says; shown in a box above the narrative.",
        items=Field("item", "string", "A takeaway."),
        max_items=3,
    ),
    Field("status", "string", "Lifecycle status.", required=True, vocabulary="statuses"),
    Field("domain", "string", "Service domain.", required=True, vocabulary="domains"),
    Field(
        "countries",
        "list",
        "ISO 3166-1 alpha-2 codes of every country involved.",
        required=True,
        items=Field("item", "string", "Country code.", format="country"),
        min_items=1,
    ),
    Field(
        "level", "string", "Level of government at which the case mainly operates.", required=True, vocabulary="levels"
    ),
    Field("started", "integer", "Year the software or collaboration started.", required=True, format="year"),
    Field(
        "governance_model",
        "string",
        "Who holds the code and the roadmap.",
        required=True,
        vocabulary="governance-models",
    ),
    _terms("mechanisms", "mechanisms", "Practical mechanisms through which the work is shared."),
    Field(
        "recommendations",
        "list",
        "Recommendations this case gives evidence for, each with the sentence that supports it.",
        items=Field("item", "object", "A recommendation and the evidence for it.", fields=EVIDENCE),
    ),
    Field(
        "software",
        "list",
        "The software involved.",
        required=True,
        min_items=1,
        items=Field("item", "object", "A piece of software.", fields=SOFTWARE),
    ),
    Field(
        "organisations",
        "list",
        "Organisations taking part, with their role.",
        required=True,
        min_items=1,
        items=Field("item", "object", "An organisation.", fields=ORGANISATION),
    ),
    Field(
        "adoption",
        "list",
        "Adoption figures, each with the year it refers to.",
        items=Field("item", "object", "A dated adoption figure.", fields=ADOPTION),
    ),
    Field(
        "sources",
        "list",
        "Where the facts come from; cite them in the body as [1], [2], ...",
        required=True,
        min_items=1,
        items=Field("item", "object", "A source.", fields=SOURCE),
    ),
    Field(
        "related",
        "list",
        "Slugs of related cases (backlinks are generated).",
        items=Field("item", "string", "Case slug.", format="slug"),
    ),
    Field(
        "derived_from",
        "list",
        "Slugs of cases whose software or approach this case reused or adapted.",
        items=Field("item", "string", "Case slug.", format="slug"),
    ),
    Field("published", "string", "Date the case was first published (`YYYY-MM-DD`).", required=True, format="date"),
    Field("updated", "string", "Date of the last substantial update (`YYYY-MM-DD`).", format="date"),
    Field(
        "reviewed",
        "string",
        "Date the facts were last checked against the sources (`YYYY-MM-DD`).",
        required=True,
        format="date",
    ),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
SECTIONS = ("Context", "How they collaborate", "Technology", "Outcomes", "Challenges", "Lessons")
SLUG_PATTERN = r"^[a-z0-9]+(?:-+[a-z0-9]+)*$"


@cache
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def _json_field(f: Field, vocabs: Vocabularies) -> dict[str, Any]:
    out: dict[str, Any] = {"description": f.description}
    if f.type == "date-or-year":
        out["anyOf"] = [{"type": "string", "format": "date"}, {"type": "integer", "minimum": 1900}]
    elif f.type == "list":
        assert f.items is not None
        out |= {"type": "array", "items": _json_field(f.items, vocabs)}
        if f.min_items:
            out["minItems"] = f.min_items
        if f.max_items:
            out["maxItems"] = f.max_items
        if f.items.type == "string":
            out["uniqueItems"] = True
    elif f.type == "object":
        out |= _json_object(f.fields, vocabs)
    else:
        out["type"] = f.type
    if f.vocabulary:
        out["enum"] = sorted(vocabs[f.vocabulary].terms)
    formats: dict[str, dict[str, Any]] = {
        "country": {"enum": sorted(country_codes())},
        "url": {"format": "uri", "pattern": "^https?://"},
        "date": {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "year": {"minimum": 1900},
        "slug": {"pattern": SLUG_PATTERN},
    }
    return out | formats.get(f.format, {})


def _json_object(fields: tuple[Field, ...], vocabs: Vocabularies) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _json_field(f, vocabs) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def render_json_schema(vocabs: Vocabularies) -> str:
    """The JSON Schema of a case's front matter, vocabulary terms included as enums."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Ground Up case",
        "description": "Front matter of a case file in cases/. Generated by `casebook schema`; do not edit.",
        **_json_object(FIELDS, vocabs),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def render_records_schema(vocabs: Vocabularies) -> str:
    """The JSON Schema of data/cases.json: a list of records, each a case's front matter plus the
    fields the export adds (slug, url, and each adoption figure's `stale` mark)."""
    record = _json_object(FIELDS, vocabs)
    record["properties"] = {
        "slug": {
            "description": "The case's permanent id: its file name without .md.",
            "type": "string",
            "pattern": SLUG_PATTERN,
        },
        "url": {"description": "The case's page.", "type": "string"},
        **record["properties"],
    }
    record["required"] = ["slug", "url", *record["required"]]
    adoption = record["properties"]["adoption"]["items"]
    adoption["properties"]["stale"] = {
        "description": "Whether the figure is more than five years older than the corpus's newest date.",
        "type": "boolean",
    }
    adoption["required"] = [*adoption["required"], "stale"]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Ground Up cases (data/cases.json)",
        "description": "Every case as published in data/cases.json. Generated by the engine; do not edit.",
        "type": "array",
        "items": record,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
