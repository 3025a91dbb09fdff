"""Acceptance tests over the fixture folders: every rule, its exact location, and nothing else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casebook.check_docs import validate_docs
from casebook.codes import CODES
from casebook.diagnostics import Diagnostic, Severity, error, format_text
from casebook.load import MAX_BYTES
from casebook.validate import validate
from helpers import CASE_FIXTURES, DATA, TODAY, check_golden


def _run(folder: str) -> list[str]:
    corpus = validate([CASE_FIXTURES / folder], DATA, TODAY)
    return [format_text(d) for d in corpus.diagnostics]


def _expected_code(path: Path) -> str:
    return path.stem.split("--")[0] if "--" in path.stem else "slug"


EXPECT = re.compile(rb"^# expect: ([a-z-]+) at line (\d+)$", re.MULTILINE)


def _expected(path: Path) -> tuple[str, int]:
    """The code a fixture is named after, and the line its `# expect:` mark names (line 1 without one)."""
    mark = EXPECT.search(path.read_bytes())
    code = _expected_code(path)
    if mark is None:
        return code, 1
    assert mark.group(1).decode() == code, f"{path.name}: the mark names {mark.group(1).decode()!r}"
    return code, int(mark.group(2))


def test_valid_fixtures_raise_nothing(in_root: Path) -> None:
    assert _run("valid") == []


def test_invalid_fixtures_match_their_golden_diagnostics(in_root: Path) -> None:
    check_golden(CASE_FIXTURES / "invalid.expected.txt", "\n".join(_run("invalid")) + "\n")


def test_warning_fixtures_match_their_golden_diagnostics(in_root: Path) -> None:
    check_golden(CASE_FIXTURES / "warnings.expected.txt", "\n".join(_run("warnings")) + "\n")


# The kitchen sink breaks many rules at once; its own test and golden files cover it.
SINGLE_RULE = sorted(p for p in (CASE_FIXTURES / "invalid").glob("*.md") if p.stem != "kitchen-sink")


@pytest.mark.parametrize("path", SINGLE_RULE, ids=lambda p: p.name)
def test_each_invalid_fixture_raises_the_error_it_is_named_after(in_root: Path, path: Path) -> None:
    corpus = validate([path], DATA, TODAY)
    code, line = _expected(path)
    assert (code, line) in {(d.code, d.line) for d in corpus.diagnostics if d.severity is Severity.ERROR}


@pytest.mark.parametrize("path", sorted((CASE_FIXTURES / "warnings").glob("*.md")), ids=lambda p: p.name)
def test_each_warning_fixture_warns_as_named_and_has_no_error(in_root: Path, path: Path) -> None:
    corpus = validate([path], DATA, TODAY)
    assert {d.severity for d in corpus.diagnostics} == {Severity.WARNING}
    assert _expected(path) in {(d.code, d.line) for d in corpus.diagnostics}


def test_every_fixture_is_named_after_a_registered_code() -> None:
    named = {_expected_code(p) for folder in ("invalid", "warnings") for p in (CASE_FIXTURES / folder).glob("*.md")}
    assert named - {"kitchen"} <= set(CODES)


def _scenario_file_type(tmp: Path) -> list[Diagnostic]:
    shutil.copy(CASE_FIXTURES / "valid" / "minimal.md", tmp / "minimal.md")
    (tmp / "linked.md").symlink_to(tmp / "minimal.md")
    return validate([tmp], DATA, TODAY).diagnostics


def _scenario_file_size(tmp: Path) -> list[Diagnostic]:
    (tmp / "huge.md").write_bytes(b"x" * (MAX_BYTES + 1))
    return validate([tmp], DATA, TODAY).diagnostics


def _scenario_read(tmp: Path) -> list[Diagnostic]:
    return validate([tmp / "gone.md"], DATA, TODAY).diagnostics  # named, but not there when read


def _scenario_duplicate_slug(tmp: Path) -> list[Diagnostic]:
    for name in ("same.md", "Same.md"):
        shutil.copy(CASE_FIXTURES / "valid" / "minimal.md", tmp / name)
    return validate([tmp], DATA, TODAY).diagnostics


def _broken_data(tmp: Path, name: str, text: str) -> Path:
    data = tmp / "data"
    shutil.copytree(DATA, data)
    (data / name).write_text(text, encoding="utf-8")
    return data


def _scenario_vocabulary(tmp: Path) -> list[Diagnostic]:
    return validate([CASE_FIXTURES / "valid"], _broken_data(tmp, "domains.yml", "- id: x\n"), TODAY).diagnostics


def _scenario_editorial(tmp: Path) -> list[Diagnostic]:
    return validate(
        [CASE_FIXTURES / "valid"], _broken_data(tmp, "editorial.yml", "[not, a, mapping]\n"), TODAY
    ).diagnostics


def _scenario_page_field(tmp: Path) -> list[Diagnostic]:
    (tmp / "page.md").write_text("---\njsonld: x\n---\n\n# A page\n", encoding="utf-8")
    return validate_docs(tmp)


# Codes no fixture file can carry (a link, an oversized or missing file, two files, a broken data
# folder, a hand-written page): each has a scenario that must report it.
SCENARIOS = {
    "file-type": _scenario_file_type,
    "file-size": _scenario_file_size,
    "read": _scenario_read,
    "duplicate-slug": _scenario_duplicate_slug,
    "vocabulary": _scenario_vocabulary,
    "editorial": _scenario_editorial,
    "page-field": _scenario_page_field,
}


def test_the_registry_the_fixtures_and_the_scenarios_agree() -> None:
    named = {_expected_code(p) for folder in ("invalid", "warnings") for p in (CASE_FIXTURES / folder).glob("*.md")}
    assert set(CODES) - named == set(SCENARIOS), "a registered code without a fixture needs a scenario"


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_each_code_without_a_fixture_is_reported_by_its_scenario(tmp_path: Path, code: str) -> None:
    assert code in {d.code for d in SCENARIOS[code](tmp_path)}


def test_an_unregistered_code_cannot_be_reported() -> None:
    with pytest.raises(ValueError, match=r"not in casebook\.codes\.CODES"):
        error("x.md", (1, 1), "made-up-code", "", "message")


def test_kitchen_sink_reports_every_problem_in_one_run(in_root: Path) -> None:
    corpus = validate([CASE_FIXTURES / "invalid" / "kitchen-sink.md"], DATA, TODAY)
    codes = {d.code for d in corpus.diagnostics}
    assert len(corpus.diagnostics) >= 30
    assert codes >= {
        "unknown-field",
        "unknown-term",
        "country",
        "licence",
        "url",
        "date",
        "type",
        "section",
        "unsafe-html",
        "unsafe-url",
        "remote-media",
        "citation",
        "self-reference",
        "missing-field",
    }


def test_duplicate_slugs_are_refused_even_ignoring_case(tmp_path: Path) -> None:
    source = (CASE_FIXTURES / "valid" / "minimal.md").read_text(encoding="utf-8")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "golemio.md").write_text(source, encoding="utf-8")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "Golemio.md").write_text(source, encoding="utf-8")
    corpus = validate([tmp_path], DATA, TODAY)
    assert [d.code for d in corpus.diagnostics if d.code == "duplicate-slug"] == ["duplicate-slug"]


def test_a_single_file_is_checked_against_its_whole_folder(tmp_path: Path) -> None:
    for name in ("full.md", "minimal.md"):
        shutil.copy(CASE_FIXTURES / "valid" / name, tmp_path / name)
    corpus = validate([tmp_path / "full.md"], DATA, TODAY)
    assert corpus.diagnostics == []  # full.md names 'minimal' in related and derived_from
    assert corpus.files == 1
    (tmp_path / "minimal.md").unlink()
    corpus = validate([tmp_path / "full.md"], DATA, TODAY)
    assert [d.code for d in corpus.diagnostics] == ["unknown-case", "unknown-case"]


def test_a_fork_adds_a_vocabulary_term_by_editing_yaml_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "domains.yml").open("a", encoding="utf-8") as f:
        f.write("- id: waste-management\n  name: Waste management\n  description: Collection and recycling.\n")
    cases = tmp_path / "cases"
    cases.mkdir()
    text = (CASE_FIXTURES / "valid" / "minimal.md").read_text(encoding="utf-8")
    (cases / "bins.md").write_text(text.replace("domain: open-data", "domain: waste-management"), encoding="utf-8")
    assert validate([cases], DATA, TODAY).diagnostics != []
    assert validate([cases], data, TODAY).diagnostics == []


def test_a_broken_vocabulary_is_reported_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "levels.yml").write_text(
        "- id: local\n  name: Local\n- id: Bad Id\n  name: X\n  description: Y\n", encoding="utf-8"
    )
    corpus = validate([CASE_FIXTURES / "valid"], data, TODAY)
    located = [(Path(d.path).name, d.line, d.key) for d in corpus.diagnostics if d.path.endswith(".yml")]
    assert located == [("levels.yml", 1, "description"), ("levels.yml", 3, "id")]
    # The term that failed is not known, so cases using it are reported too: every problem, one run.
    assert {d.code for d in corpus.diagnostics if d.path.endswith(".md")} == {"unknown-term"}


def test_parallel_validation_reports_exactly_what_sequential_does(
    in_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casebook.validate as engine

    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    folder = CASE_FIXTURES / "invalid"
    sequential = validate([folder], DATA, TODAY, jobs=1)
    parallel = validate([folder], DATA, TODAY, jobs=2)
    assert parallel.diagnostics == sequential.diagnostics
    assert [c.slug for c in parallel.cases] == [c.slug for c in sequential.cases]
