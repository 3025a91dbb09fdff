"""Figures about the corpus for maintainers and release notes: coverage, citation, freshness."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from casebook.editorial import count_cited_paragraphs, is_stale
from casebook.load import CaseFile
from casebook.vocab import Vocabularies


def render_stats(cases: list[CaseFile], vocabs: Vocabularies, today: dt.date) -> str:
    """A plain-text report: cases, countries, cases per governance model, citation and figure freshness."""
    model = vocabs["governance-models"]
    countries = sorted({c for case in cases for c in case.meta.get("countries") or []})
    models = Counter(case.meta.get("governance_model") for case in cases)
    cited = total = 0
    for case in cases:
        c, t = count_cited_paragraphs(case)
        cited, total = cited + c, total + t
    figures = [a for case in cases for a in case.meta.get("adoption") or [] if isinstance(a, dict)]
    old = [a for a in figures if isinstance(a.get("as_of"), int) and is_stale(a["as_of"], today)]
    sources = sorted(len(case.meta.get("sources") or []) for case in cases)
    lines = [
        f"cases: {len(cases)}",
        f"countries: {len(countries)} ({' '.join(countries)})",
        f"sources per case: min {sources[0] if sources else 0}, median {sources[len(sources) // 2] if sources else 0}",
        f"paragraphs citing a source: {cited} of {total}",
        f"adoption figures: {len(figures)}, of which older than five years (before {today.year - 5}): {len(old)}",
        "cases per governance model:",
        *(f"  {model.name_of(t)} ({t}): {models.get(t, 0)}" for t in model.terms),
    ]
    return "\n".join(lines) + "\n"
