"""The schema: one source of truth, published as JSON Schema, agreeing with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from casebook.load import load_case
from casebook.schema import FIELD_NAMES, FIELDS, render_json_schema
from casebook.vocab import load_vocabularies
from conftest import CASE_FIXTURES, DATA, ROOT

DESIGN_FIELDS = [
    "title",
    "summary",
    "status",
    "domain",
    "countries",
    "level",
    "started",
    "governance_model",
    "mechanisms",
    "recommendations",
    "software",
    "organisations",
    "adoption",
    "sources",
    "related",
    "derived_from",
    "published",
    "updated",
    "reviewed",
]


def _schema() -> dict[str, object]:
    return json.loads((DATA / "case.schema.json").read_text(encoding="utf-8"))


def test_published_schema_is_up_to_date() -> None:
    vocabs, problems = load_vocabularies(DATA)
    assert problems == []
    assert (DATA / "case.schema.json").read_text(encoding="utf-8") == render_json_schema(vocabs), (
        "data/case.schema.json is stale: run `make schema`"
    )


def test_field_names_are_exactly_the_content_model() -> None:
    assert list(FIELD_NAMES) == DESIGN_FIELDS
    assert all(f.description for f in FIELDS)


def test_vocabulary_terms_are_enums_in_the_schema() -> None:
    vocabs, _ = load_vocabularies(DATA)
    props = _schema()["properties"]
    assert isinstance(props, dict)
    assert props["governance_model"]["enum"] == sorted(vocabs["governance-models"].terms)
    assert props["mechanisms"]["items"]["enum"] == sorted(vocabs["mechanisms"].terms)
    assert "CZ" in props["countries"]["items"]["enum"]


@pytest.mark.parametrize(
    "path", sorted([*(CASE_FIXTURES / "valid").glob("*.md"), *(ROOT / "cases").glob("[!_]*.md")]), ids=lambda p: p.name
)
def test_valid_cases_conform_to_the_json_schema(path: Path) -> None:
    case, problems = load_case(path, path.name)
    assert case is not None, problems
    validator = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(case.meta)] == []


def test_the_kitchen_sink_breaks_the_json_schema_too() -> None:
    case, _ = load_case(CASE_FIXTURES / "invalid" / "kitchen-sink.md", "kitchen-sink.md")
    assert case is not None
    validator = jsonschema.Draft202012Validator(_schema())
    assert len(list(validator.iter_errors(case.meta))) >= 10
