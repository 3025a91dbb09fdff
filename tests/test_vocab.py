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


def test_models_say_when_they_fit_and_recommendations_have_a_stage_and_a_unique_order() -> None:
    vocabs, _ = load_vocabularies(DATA)
    for model in vocabs["governance-models"].terms.values():
        assert model.extra["fits_when"] and model.extra["does_not_fit_when"], model.id
    recommendations = list(vocabs["recommendations"].terms.values())
    assert {r.extra["stage"] for r in recommendations} == set(vocabs["stages"].terms)
    assert sorted(r.extra["order"] for r in recommendations) == list(range(1, len(recommendations) + 1))


def test_an_order_given_twice_is_reported_where_it_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "recommendations.yml"
    text = path.read_text(encoding="utf-8").replace("  order: 2\n", "  order: 1\n", 1)
    path.write_text(text, encoding="utf-8")
    _, problems = load_vocabularies(data)
    line = text.splitlines().index("  order: 1", text.splitlines().index("  order: 1") + 1) + 1
    assert [(p.code, p.key, p.line) for p in problems] == [("vocabulary", "order", line)]
    assert "already taken by 'plan-stewardship-early'" in problems[0].message
