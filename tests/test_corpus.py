"""The real content in cases/ passes every rule, warnings included."""

from pathlib import Path

from casebook.validate import validate
from conftest import DATA, ROOT


def test_the_corpus_is_clean_in_strict_mode(in_root: Path) -> None:
    corpus = validate([ROOT / "cases"], DATA)
    assert [d for d in corpus.diagnostics] == []
    assert len(corpus.cases) >= 2
