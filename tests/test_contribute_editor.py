"""Editor support generated from the schema: frontmatter.json for VS Code's Front Matter CMS and the
data of the propose-a-case page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from casebook.cli import main
from casebook.editor import render_frontmatter_config, render_propose_data
from casebook.schema import SECTIONS, country_codes, render_json_schema
from casebook.vocab import Vocabularies, load_vocabularies
from helpers import DATA, FIXTURES, ROOT

CONFIG = ROOT / "frontmatter.json"


@pytest.fixture(scope="module")
def vocabs() -> Vocabularies:
    loaded, problems = load_vocabularies(DATA)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CONFIG.read_text(encoding="utf-8"))
    return loaded


def test_frontmatter_json_is_up_to_date(vocabs: Vocabularies) -> None:
    assert CONFIG.read_text(encoding="utf-8") == render_frontmatter_config(vocabs), (
        "frontmatter.json is out of date: run 'casebook frontmatter --write frontmatter.json'"
    )


def test_frontmatter_check_command_reports_drift(tmp_path: Path, in_root: Path) -> None:
    assert main(["frontmatter", "--check", "frontmatter.json"]) == 0
    stale = tmp_path / "frontmatter.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert main(["frontmatter", "--check", str(stale)]) == 1
    assert main(["frontmatter", "--write", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == CONFIG.read_text(encoding="utf-8")


def test_frontmatter_json_is_a_valid_front_matter_cms_configuration(config: dict[str, Any]) -> None:
    schema = json.loads((FIXTURES / "contribute" / "frontmatter-config.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(config)
    groups = {group["id"] for group in config["frontMatter.taxonomy.fieldGroups"]}
    used = {g for f in _all_fields(config) for g in f.get("fieldGroup", [])}
    assert used == groups  # every block has its group, and no group is unused


def _all_fields(config: dict[str, Any]) -> list[dict[str, Any]]:
    fields = list(config["frontMatter.taxonomy.contentTypes"][0]["fields"])
    for group in config["frontMatter.taxonomy.fieldGroups"]:
        fields.extend(group["fields"])
    return fields


def _compare(properties: dict[str, Any], required: list[str], fields: list[dict[str, Any]], config: Any) -> None:
    """Each JSON Schema property has a form field: same name, required flag, allowed values, nesting."""
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(properties)
    groups = {g["id"]: g for g in config["frontMatter.taxonomy.fieldGroups"]}
    for name, spec in properties.items():
        field = by_name[name]
        assert field.get("required", False) == (name in required), name
        items = spec.get("items", {})
        enum = spec.get("enum") or items.get("enum")
        if enum:
            assert field["type"] == "choice", name
            assert sorted(c["id"] for c in field["choices"]) == sorted(enum), name
            assert field.get("multiple", False) == (spec.get("type") == "array"), name
        elif items.get("type") == "object":
            assert field["type"] == "block", name
            group = groups[field["fieldGroup"][0]]
            _compare(items["properties"], items["required"], group["fields"], config)
        elif items.get("pattern"):  # slugs of other cases
            assert field["type"] == "contentRelationship" and field["multiple"], name
        elif spec.get("type") == "array":  # a list of plain texts, such as takeaways
            assert field["type"] == "list", name
        elif spec.get("type") == "integer":
            assert field["type"] == "number" and field["numberOptions"]["isDecimal"] is False, name
        elif spec.get("format") == "date":
            assert field["type"] == "datetime" and field["dateFormat"] == "yyyy-MM-dd", name
        else:
            assert field["type"] == "string", name


def test_frontmatter_json_matches_the_case_schema(vocabs: Vocabularies, config: dict[str, Any]) -> None:
    schema = json.loads(render_json_schema(vocabs))
    content_type = config["frontMatter.taxonomy.contentTypes"][0]
    _compare(schema["properties"], schema["required"], content_type["fields"], config)
    folders = config["frontMatter.content.pageFolders"]
    assert folders == [{"title": "Cases", "path": "[[workspace]]/cases", "contentTypes": ["case"], "filePrefix": None}]


def test_frontmatter_choices_show_names(config: dict[str, Any]) -> None:
    model = next(f for f in _all_fields(config) if f["name"] == "governance_model")
    assert {"id": "municipal-company", "title": "Municipally owned company"} in model["choices"]
    countries = next(f for f in _all_fields(config) if f["name"] == "countries")
    assert {"id": "NO", "title": "Norway"} in countries["choices"]


def _propose_data(vocabs: Vocabularies) -> dict[str, Any]:
    text = render_propose_data(vocabs, "https://forge.example/new/main/cases")
    prefix, suffix = "window.GROUND_UP_VOCABS = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    data: dict[str, Any] = json.loads(text[len(prefix) : -len(suffix)])
    return data


def test_propose_data_embeds_the_vocabularies(vocabs: Vocabularies) -> None:
    data = _propose_data(vocabs)
    for name in ("statuses", "domains", "levels", "governance-models", "roles", "organisation-types"):
        assert [t["id"] for t in data["vocabularies"][name]] == list(vocabs[name].terms)
    assert {c["id"] for c in data["countries"]} == country_codes()
    assert data["sections"] == list(SECTIONS)
    assert data["newFileUrl"] == "https://forge.example/new/main/cases"


def test_propose_data_cannot_close_its_script_element(vocabs: Vocabularies) -> None:
    vocabs = dict(vocabs)
    domains = vocabs["domains"]
    term = next(iter(domains.terms.values()))
    hostile = type(term)(term.id, "</script><script>alert(1)</script>", term.description)
    vocabs["domains"] = type(domains)(domains.name, domains.path, {**domains.terms, term.id: hostile})
    text = render_propose_data(vocabs)
    assert "</script" not in text and "<" not in text
    assert _propose_data(vocabs)["vocabularies"]["domains"][0]["name"] == hostile.name
