"""Coverage goals for the real corpus in cases/: the content itself, not the engine.

These tests fail when the knowledge base loses breadth (a governance model or OSOR domain without a
case, too few countries), when a recommendation loses its evidence, or when a case drops below the
editorial rules (two sources, a body of 500 to 1,500 words).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from casebook.validate import validate
from helpers import DATA, ROOT

OSOR_DOMAINS = (
    "democratic-engagement",
    "public-desktop",
    "open-data",
    "parliamentary-transparency",
    "public-transport",
)
MIN_WORDS, MAX_WORDS = 500, 1500
MIN_SOURCES = 2
MIN_EVIDENCE = 2
MIN_COUNTRIES = 6

# Words as a reader counts them: runs of letters or digits, allowing inner apostrophes and hyphens.
# Markdown punctuation, list markers and citation markers such as [3] are not words.
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_CITATION = re.compile(r"\[\d+\]")


@pytest.fixture(scope="module")
def corpus():
    return validate([ROOT / "cases"], DATA)


def _word_count(body: str) -> int:
    return len(_WORD.findall(_CITATION.sub(" ", body)))


def test_the_corpus_has_cases(corpus) -> None:
    assert len(corpus.cases) >= 5


def test_every_case_has_at_least_two_sources(corpus) -> None:
    short = {c.slug: len(c.meta.get("sources") or []) for c in corpus.cases}
    short = {slug: n for slug, n in short.items() if n < MIN_SOURCES}
    assert short == {}, f"cases with fewer than {MIN_SOURCES} sources: {short}"


def test_every_governance_model_is_used_by_a_case(corpus) -> None:
    used = {c.meta.get("governance_model") for c in corpus.cases}
    unused = sorted(set(corpus.vocabs["governance-models"].terms) - used)
    assert unused == [], f"governance models without a case: {unused}"


def test_every_recommendation_is_evidenced_by_two_cases(corpus) -> None:
    evidence: Counter[str] = Counter()
    for case in corpus.cases:
        evidence.update({item["id"] for item in case.meta.get("recommendations") or []})
    weak = {rid: evidence[rid] for rid in corpus.vocabs["recommendations"].terms if evidence[rid] < MIN_EVIDENCE}
    assert weak == {}, f"recommendations evidenced by fewer than {MIN_EVIDENCE} cases: {weak}"


def test_cases_cover_at_least_six_countries(corpus) -> None:
    countries = {cc for c in corpus.cases for cc in (c.meta.get("countries") or [])}
    assert len(countries) >= MIN_COUNTRIES, f"only {len(countries)} countries: {sorted(countries)}"


@pytest.mark.parametrize("domain", OSOR_DOMAINS)
def test_each_osor_domain_is_covered(corpus, domain: str) -> None:
    assert domain in corpus.vocabs["domains"].terms, f"{domain!r} is missing from data/domains.yml"
    assert any(c.meta.get("domain") == domain for c in corpus.cases), f"no case in domain {domain!r}"


def test_every_body_is_500_to_1500_words(corpus) -> None:
    counts = {c.slug: _word_count(c.body) for c in corpus.cases}
    outside = {slug: n for slug, n in counts.items() if not MIN_WORDS <= n <= MAX_WORDS}
    assert outside == {}, f"bodies outside {MIN_WORDS}-{MAX_WORDS} words: {outside}"


def test_word_count_ignores_markup() -> None:
    assert _word_count("## Context\n\nOS2 and Sambruk's users [1], [2]. - e-services") == 6


def test_the_template_is_not_a_case(corpus) -> None:
    assert "_template" not in {c.slug for c in corpus.cases}
    assert (ROOT / "cases" / "_template.md").exists()
