"""Shared test helpers: repository paths, a fixed 'today', and golden files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASE_FIXTURES = FIXTURES / "cases"
DATA = ROOT / "data"
TODAY = dt.date(2026, 6, 1)


def check_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; UPDATE_GOLDENS=1 rewrites it instead."""
    if os.environ.get("UPDATE_GOLDENS") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDENS=1 and review the diff"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository as working folder, so paths print as contributors see them."""
    monkeypatch.chdir(ROOT)
    return ROOT
