"""The real content in cases/ passes every rule, warnings included (those that only time brings apart)."""

import datetime as dt
from pathlib import Path

from casebook.validate import TIME_DEPENDENT, validate
from helpers import DATA, ROOT


def test_the_corpus_is_clean_in_strict_mode(in_root: Path) -> None:
    # The day the facts were last reviewed, not the clock: the test gives the same answer every day.
    cases = validate([ROOT / "cases"], DATA).cases
    reviewed = max(dt.date.fromisoformat(c.meta["reviewed"]) for c in cases)
    corpus = validate([ROOT / "cases"], DATA, today=reviewed)
    assert [d for d in corpus.diagnostics if d.code not in TIME_DEPENDENT] == []
    assert len(corpus.cases) >= 32
