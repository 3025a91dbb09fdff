"""The vocabularies in data/: complete enough for the content model, and well-formed."""

from casebook.vocab import VOCABULARIES, load_vocabularies
from helpers import DATA


def test_vocabularies_load_without_problems() -> None:
    vocabs, problems = load_vocabularies(DATA)
    assert problems == []
    assert set(vocabs) == set(VOCABULARIES)


def test_vocabularies_are_rich_enough() -> None:
    vocabs, _ = load_vocabularies(DATA)
    models = vocabs["governance-models"].terms.values()
    assert len(models) >= 8
    assert all(m.extra["strengths"] and m.extra["risks"] and m.extra["mechanisms"] for m in models)
    assert len(vocabs["mechanisms"].terms) >= 12
    recommendations = vocabs["recommendations"].terms.values()
    assert len(recommendations) >= 12
    assert {r.extra["audience"] for r in recommendations} == set(vocabs["audiences"].terms)
    assert {r.extra["theme"] for r in recommendations} == set(vocabs["themes"].terms)
