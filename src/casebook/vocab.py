"""The controlled vocabularies in `data/*.yml`: loading them and checking their own shape.

Forks add or change terms by editing YAML only; the list of vocabularies and the extra fields some
of them carry are declared here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.diagnostics import Diagnostic, error, shown_path
from casebook.load import read_regular
from casebook.yamlpos import Located, load_located

# vocabulary name -> extra fields each term must have:
# field -> "text", "texts", "position" (a whole number from 1, each used once), "term:<vocabulary>"
# or "terms:<vocabulary>"
VOCABULARIES: dict[str, dict[str, str]] = {
    "statuses": {},
    "levels": {},
    "domains": {},
    "governance-models": {
        "strengths": "texts",
        "risks": "texts",
        "fits_when": "texts",
        "does_not_fit_when": "texts",
        "mechanisms": "terms:mechanisms",
    },
    "mechanisms": {},
    "organisation-types": {},
    "roles": {},
    "audiences": {},
    "themes": {},
    "stages": {},
    "recommendations": {
        "text": "text",
        "audience": "term:audiences",
        "theme": "term:themes",
        "stage": "term:stages",
        "order": "position",
    },
}
KIND_WORDS = {"texts": "a list of texts", "position": "a whole number from 1"}
TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    name: str
    description: str
    extra: dict[str, Any] = field(default_factory=dict)
    line: int = 1


@dataclass(slots=True)
class Vocabulary:
    name: str
    path: str
    terms: dict[str, Term] = field(default_factory=dict)

    def name_of(self, term_id: str) -> str:
        term = self.terms.get(term_id)
        return term.name if term else term_id


Vocabularies = dict[str, Vocabulary]


def _check_term(raw: Any, located: Located, index: int, vocab: Vocabulary) -> list[Diagnostic]:
    pos = located.value_pos((index,))
    if not isinstance(raw, dict):
        return [error(vocab.path, pos, "vocabulary", "", "each term must be a mapping with id, name and description")]
    problems = []
    expected = {"id": "text", "name": "text", "description": "text", **VOCABULARIES[vocab.name]}
    for key, kind in expected.items():
        value = raw.get(key)
        where = located.value_pos((index, key))
        if kind == "texts":
            ok = isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)
        elif kind.startswith("terms:"):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif kind == "position":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        else:
            ok = isinstance(value, str) and bool(value.strip())
        if not ok:
            needs = f"term #{index + 1} needs '{key}' ({KIND_WORDS.get(kind, kind)})"
            problems.append(error(vocab.path, where, "vocabulary", key, needs))
    for key in raw.keys() - expected.keys():
        problems.append(
            error(
                vocab.path,
                located.key_pos((index, key)),
                "vocabulary",
                key,
                f"'{key}' is not a field of {vocab.name} terms",
                f"allowed: {', '.join(sorted(expected))}",
            )
        )
    term_id = raw.get("id")
    if isinstance(term_id, str) and not TERM_ID.match(term_id):
        problems.append(
            error(
                vocab.path,
                located.value_pos((index, "id")),
                "vocabulary",
                "id",
                f"'{term_id}' is not a valid id",
                "use lower-case letters, digits and hyphens",
            )
        )
    return problems


def load_vocabulary(data_dir: Path, name: str) -> tuple[Vocabulary, list[Diagnostic]]:
    path = data_dir / f"{name}.yml"
    vocab = Vocabulary(name, shown_path(path))
    data, refused = read_regular(path, vocab.path)
    if data is None:
        return vocab, [refused] if refused else []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return vocab, [error(vocab.path, (1, 1), "vocabulary", "", f"cannot read vocabulary: {exc}")]
    located, problems = load_located(text)
    if located is None:
        return vocab, [error(vocab.path, p.pos, p.code, "", p.message, p.hint) for p in problems]
    if not isinstance(located.data, list):
        return vocab, [error(vocab.path, (1, 1), "vocabulary", "", "a vocabulary must be a list of terms")]
    diagnostics: list[Diagnostic] = []
    positions: dict[tuple[str, int], str] = {}
    for index, raw in enumerate(located.data):
        found = _check_term(raw, located, index, vocab)
        diagnostics.extend(found)
        if found:
            continue
        for key, kind in VOCABULARIES[name].items():
            taken = positions.setdefault((key, raw[key]), raw["id"]) if kind == "position" else raw["id"]
            if taken != raw["id"]:
                diagnostics.append(
                    error(
                        vocab.path,
                        located.value_pos((index, key)),
                        "vocabulary",
                        key,
                        f"{key} {raw[key]} is already taken by '{taken}'",
                        "give each term its own number",
                    )
                )
        if raw["id"] in vocab.terms:
            diagnostics.append(
                error(
                    vocab.path, located.value_pos((index, "id")), "vocabulary", "id", f"'{raw['id']}' is defined twice"
                )
            )
            continue
        extra = {k: v for k, v in raw.items() if k not in ("id", "name", "description")}
        line = located.value_pos((index,))[0]
        vocab.terms[raw["id"]] = Term(raw["id"], raw["name"].strip(), raw["description"].strip(), extra, line)
    return vocab, diagnostics


def _check_links(vocabs: Vocabularies) -> list[Diagnostic]:
    """Terms that point at other vocabularies (a model's mechanisms, a recommendation's theme)."""
    problems = []
    for vocab in vocabs.values():
        for key, kind in VOCABULARIES[vocab.name].items():
            if ":" not in kind:
                continue
            target = vocabs[kind.split(":", 1)[1]]
            for term in vocab.terms.values():
                value = term.extra.get(key)
                for ref in value if isinstance(value, list) else [value]:
                    if ref not in target.terms:
                        problems.append(
                            error(
                                vocab.path,
                                (term.line, 1),
                                "unknown-term",
                                key,
                                f"term '{term.id}' refers to '{ref}', which is not in {target.path}",
                            )
                        )
    return problems


def load_vocabularies(data_dir: Path) -> tuple[Vocabularies, list[Diagnostic]]:
    """Every vocabulary, plus every problem in any of them."""
    vocabs: Vocabularies = {}
    diagnostics: list[Diagnostic] = []
    for name in VOCABULARIES:
        vocabs[name], found = load_vocabulary(data_dir, name)
        diagnostics.extend(found)
    return vocabs, diagnostics + _check_links(vocabs)
