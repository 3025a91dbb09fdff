"""The schema: one source of truth, published as JSON Schema, agreeing with the validator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from casebook.load import load_case
from casebook.schema import FIELD_NAMES, FIELDS, Field, render_json_schema
from casebook.vocab import load_vocabularies
from helpers import CASE_FIXTURES, DATA, ROOT


def _schema() -> dict[str, object]:
    return json.loads((DATA / "case.schema.json").read_text(encoding="utf-8"))


def test_published_schema_is_up_to_date() -> None:
    vocabs, problems = load_vocabularies(DATA)
    assert problems == []
    assert (DATA / "case.schema.json").read_text(encoding="utf-8") == render_json_schema(vocabs), (
        "data/case.schema.json is stale: run `make schema`"
    )


def test_every_declared_field_is_documented_and_in_use() -> None:
    # No dead field: each is set by the template or by at least one real case (and the validator refuses
    # any field not declared, so every field in use is declared).
    used: set[str] = set()
    for path in (ROOT / "cases").glob("*.md"):
        case, problems = load_case(path, path.name)
        assert case is not None, problems
        used |= set(case.meta)
    assert set(FIELD_NAMES) - used == set(), "declared but never used"
    assert all(f.description for f in FIELDS)


def _vocabulary_fields(fields: tuple[Field, ...], schema: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(field path, vocabulary, the schema's enum) for every field of `fields` that takes vocabulary terms."""
    for f in fields:
        prop = schema["properties"][f.name]
        if f.vocabulary:
            yield f.name, f.vocabulary, prop.get("enum")
        if f.items and f.items.vocabulary:
            yield f.name, f.items.vocabulary, prop["items"].get("enum")
        if f.items and f.items.fields:
            yield from ((f"{f.name}[].{n}", v, e) for n, v, e in _vocabulary_fields(f.items.fields, prop["items"]))


def test_vocabulary_terms_are_enums_in_the_schema() -> None:
    vocabs, _ = load_vocabularies(DATA)
    found = list(_vocabulary_fields(FIELDS, _schema()))
    assert found, "no field takes vocabulary terms"
    for name, vocabulary, enum in found:
        assert enum == sorted(vocabs[vocabulary].terms), name


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
