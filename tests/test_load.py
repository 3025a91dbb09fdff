from pathlib import Path

from casebook.load import MAX_BYTES, find_case_files, load_case
from helpers import CASE_FIXTURES

VALID = CASE_FIXTURES / "valid"


def test_bom_and_crlf_give_the_same_data_and_positions_as_plain_lf() -> None:
    plain, _ = load_case(VALID / "minimal.md", "minimal.md")
    windows, problems = load_case(VALID / "crlf-and-bom.md", "crlf-and-bom.md")
    assert problems == []
    assert plain is not None and windows is not None
    assert windows.meta | {"title": plain.meta["title"]} == plain.meta
    assert windows.located.values == plain.located.values
    assert windows.body_line == plain.body_line
    assert "\r" not in windows.body


def test_files_over_one_mib_are_refused_without_reading_them(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"---\ntitle: x\n---\n" + b"a" * MAX_BYTES)
    case, problems = load_case(big, "big.md")
    assert case is None
    assert [(d.code, d.line) for d in problems] == [("file-size", 1)]


def test_underscore_files_are_not_cases(tmp_path: Path) -> None:
    for name in ("_template.md", "a.md", "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_case_files([tmp_path])] == ["a.md"]


def test_body_line_points_at_the_line_after_the_closing_fence() -> None:
    case, _ = load_case(VALID / "minimal.md", "minimal.md")
    assert case is not None
    lines = (VALID / "minimal.md").read_text(encoding="utf-8").splitlines()
    assert lines[case.body_line - 2] == "---"
    assert case.body.splitlines()[1] == lines[case.body_line]
