"""The benchmark's corpus: the real cases plus N copies of golemio, each with its own slug and title."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from casebook.diagnostics import Severity
from casebook.validate import validate
from helpers import DATA, ROOT

_spec = importlib.util.spec_from_file_location("bench_validate", ROOT / "bench" / "validate.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_copies_have_distinct_slugs_and_titles_and_validate(tmp_path: Path) -> None:
    bench.generate_copies(tmp_path, 3)
    corpus = validate([tmp_path], DATA)
    assert [d for d in corpus.diagnostics if d.severity is Severity.ERROR] == []
    real = {p.stem for p in (ROOT / "cases").glob("[!_]*.md")}
    slugs = [case.slug for case in corpus.cases]
    assert set(slugs) == real | {"golemio-0001", "golemio-0002", "golemio-0003"}
    titles = [case.meta["title"] for case in corpus.cases]
    assert len(set(titles)) == len(titles)
    assert "Golemio 0002" in titles


def test_copies_are_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    bench.generate_copies(tmp_path / "a", 2)
    bench.generate_copies(tmp_path / "b", 2)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
