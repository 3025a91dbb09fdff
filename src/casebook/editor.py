"""Editor and browser help generated from the field specs and vocabularies: the Front Matter CMS
configuration (`frontmatter.json`) and the data of the propose-a-case page (`assets/propose-data.js`).
"""

from __future__ import annotations

import json
from typing import Any

from casebook.index import country_name
from casebook.markdown import json_for_script
from casebook.schema import FIELDS, SECTIONS, SLUG_PATTERN, Field, country_codes
from casebook.vocab import Vocabularies

CONTENT_TYPE = "case"
NEW_FILE_URL = "https://github.com/ground-up-casebook/ground-up/new/main/cases"
LABEL_FIELDS = {"software": "name", "organisations": "name", "adoption": "unit", "sources": "title"}
# Vocabularies the propose page offers as choices.
PROPOSE_VOCABULARIES = ("statuses", "domains", "levels", "governance-models", "roles", "organisation-types")


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize().replace("Publiccode yml", "publiccode.yml")


def country_choices() -> list[dict[str, str]]:
    return sorted(({"id": c, "title": country_name(c)} for c in country_codes()), key=lambda c: c["title"])


def _choices(f: Field, vocabs: Vocabularies) -> list[dict[str, str]] | None:
    if f.vocabulary:
        return [{"id": t.id, "title": t.name} for t in vocabs[f.vocabulary].terms.values()]
    if f.format == "country":
        return country_choices()
    return None


def _fm_field(f: Field, vocabs: Vocabularies, groups: dict[str, dict[str, Any]], name: str = "") -> dict[str, Any]:
    """One Front Matter CMS field for one field spec; lists of objects become blocks of a field group."""
    name = name or f.name
    out: dict[str, Any] = {"title": _title(name), "name": name, "description": f.description}
    item = f.items if f.type == "list" else None
    choices = _choices(item or f, vocabs)
    if choices is not None:
        out |= {"type": "choice", "choices": choices}
        if item is not None:
            out["multiple"] = True
    elif item is not None and item.format == "slug":
        out |= {"type": "contentRelationship", "contentTypeName": CONTENT_TYPE, "contentTypeValue": "slug"}
        out["multiple"] = True
    elif item is not None and item.type == "object":
        groups[name] = {
            "id": name,
            "labelField": LABEL_FIELDS.get(name, item.fields[0].name),
            "fields": [_fm_field(sub, vocabs, groups) for sub in item.fields],
        }
        out |= {"type": "block", "fieldGroup": [name]}
    elif item is not None:
        out["type"] = "list"
    elif f.type == "integer":
        options: dict[str, Any] = {"isDecimal": False}
        if f.format == "year":
            options["min"] = 1900
        out |= {"type": "number", "numberOptions": options}
    elif f.format == "date":
        out |= {"type": "datetime", "dateFormat": "yyyy-MM-dd"}
    else:
        out["type"] = "string"
        if f.name == "summary":
            out["single"] = False
        elif f.name == "title":
            out["single"] = True
    if f.required:
        out["required"] = True
    return out


def render_frontmatter_config(vocabs: Vocabularies) -> str:
    """`frontmatter.json`: forms, dropdowns of allowed terms and required-field hints in VS Code."""
    groups: dict[str, dict[str, Any]] = {}
    fields = [_fm_field(f, vocabs, groups) for f in FIELDS]
    config = {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.content.pageFolders": [
            {"title": "Cases", "path": "[[workspace]]/cases", "contentTypes": [CONTENT_TYPE], "filePrefix": None}
        ],
        "frontMatter.content.autoUpdateDate": False,
        "frontMatter.panel.freeform": False,
        "frontMatter.taxonomy.dateFormat": "yyyy-MM-dd",
        "frontMatter.taxonomy.fieldGroups": [groups[name] for name in sorted(groups)],
        "frontMatter.taxonomy.contentTypes": [
            {
                "name": CONTENT_TYPE,
                "pageBundle": False,
                "previewPath": None,
                "filePrefix": None,
                "clearEmpty": True,
                "fields": fields,
            }
        ],
    }
    return json.dumps(config, indent=2, ensure_ascii=False) + "\n"


def render_propose_data(vocabs: Vocabularies, new_file_url: str = NEW_FILE_URL) -> str:
    """The body of `assets/propose-data.js`: choices for the propose-a-case form, embedded as a
    script so the page works from `file://` (no fetch).

    `new_file_url` is the forge's new-file address for the cases folder; the page adds
    `?filename=<slug>.md&value=<content>`.
    """
    data = {
        "vocabularies": {
            name: [{"id": t.id, "name": t.name, "description": t.description} for t in vocabs[name].terms.values()]
            for name in PROPOSE_VOCABULARIES
        },
        "countries": [{"id": c["id"], "name": c["title"]} for c in country_choices()],
        "sections": list(SECTIONS),
        "slugPattern": SLUG_PATTERN,
        "newFileUrl": new_file_url,
    }
    return f"window.GROUND_UP_VOCABS = {json_for_script(data)};\n"
