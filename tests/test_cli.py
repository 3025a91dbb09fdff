"""The command line as a contributor and CI use it: formats, exit codes, scaffolding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.cli import main
from helpers import CASE_FIXTURES, DATA, FIXTURES, ROOT, CliResult, check_golden, run_cli

KITCHEN = "tests/fixtures/cases/invalid/kitchen-sink.md"
TODAY = ["--today", "2026-06-01"]


def run(*args: str, cwd: Path = ROOT) -> CliResult:
    """`casebook` in process (fast); `run_process` runs the installed console script."""
    return run_cli(*args, cwd=cwd)


def run_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a contributor runs it."""
    exe = Path(sys.executable).parent / "casebook"
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def test_the_installed_console_script_runs_and_exits_as_documented() -> None:
    assert run_process("validate", "tests/fixtures/cases/valid", *TODAY).returncode == 0
    assert run_process("validate", KITCHEN, *TODAY).returncode == 1
    assert run_process("validate", "no/such/folder").returncode == 2


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_exit_codes_do_not_depend_on_the_format(fmt: str) -> None:
    assert run("validate", "tests/fixtures/cases/valid", "--format", fmt, *TODAY).returncode == 0
    assert run("validate", "tests/fixtures/cases/warnings", "--format", fmt, *TODAY).returncode == 0
    assert run("validate", "tests/fixtures/cases/warnings", "--strict", "--format", fmt, *TODAY).returncode == 1
    assert run("validate", KITCHEN, "--format", fmt, *TODAY).returncode == 1
    assert run("validate", "no/such/folder", "--format", fmt).returncode == 2


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_kitchen_sink_output_matches_golden(fmt: str) -> None:
    result = run("validate", KITCHEN, "--format", fmt, *TODAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    check_golden(FIXTURES / "golden" / f"kitchen-sink.{fmt}", result.stdout)


def test_json_output_is_parseable_and_complete() -> None:
    items = json.loads(run("validate", KITCHEN, "--format", "json", *TODAY).stdout)
    assert {"path", "line", "col", "severity", "code", "key", "message", "hint"} <= set(items[0])
    assert all(item["path"] == KITCHEN for item in items)


def test_usage_errors_exit_2() -> None:
    assert run("validate", "--format", "xml").returncode == 2
    assert run("validate", "--today", "tomorrow").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("validate", "--data", "no-such-data").returncode == 2
    assert run("new", "Not A Slug").returncode == 2


def test_every_bad_fixture_fails_without_a_traceback() -> None:
    result = run("validate", "tests/fixtures/cases/invalid", *TODAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    assert reported == {f"tests/fixtures/cases/invalid/{p.name}" for p in (CASE_FIXTURES / "invalid").glob("*.md")}


def test_help_documents_every_command_and_exit_code() -> None:
    text = run("--help").stdout
    assert all(word in text for word in ("validate", "new", "schema", "Exit codes"))
    assert "--format" in run("validate", "--help").stdout


def test_new_writes_a_case_that_validates_with_warnings_only(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "_template.md").write_text((ROOT / "cases" / "_template.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run(
        "new", "open-eplatform", "--title", 'Open "ePlatform": Sweden', "--cases", str(cases), "--today", "2026-06-01"
    )
    assert result.returncode == 0, result.stderr
    assert "Next steps" in result.stdout
    created = cases / "open-eplatform.md"
    assert 'title: "Open \\"ePlatform\\": Sweden"' in created.read_text(encoding="utf-8")
    check = run("validate", str(created), "--data", str(DATA), *TODAY)
    assert check.returncode == 0, check.stdout
    assert "warning" in check.stdout and "error:" not in check.stdout
    assert run("validate", str(created), "--data", str(DATA), "--strict", *TODAY).returncode == 1


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "_template.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (tmp_path / "golemio.md").write_text("mine", encoding="utf-8")
    result = run("new", "golemio", "--cases", str(tmp_path))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert (tmp_path / "golemio.md").read_text(encoding="utf-8") == "mine"


def test_main_can_be_called_in_process(capsys: pytest.CaptureFixture[str], in_root: Path) -> None:
    assert main(["validate", "tests/fixtures/cases/valid", *TODAY]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_warnings_that_time_brings_fail_only_a_review_run() -> None:
    stale = "tests/fixtures/cases/warnings/stale-review--reviewed-long-ago.md"
    relaxed = run("validate", stale, "--strict", *TODAY)
    assert relaxed.returncode == 0 and "[stale-review]" in relaxed.stdout  # reported, not fatal
    assert run("validate", stale, "--strict", "--review", *TODAY).returncode == 1
    other = "tests/fixtures/cases/warnings/summary-length--long-summary.md"
    assert run("validate", other, "--strict", *TODAY).returncode == 1  # other warnings still fail


def test_stats_count_what_the_corpus_holds(tmp_path: Path) -> None:
    base = (CASE_FIXTURES / "valid" / "minimal.md").read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(base, encoding="utf-8")
    uncited = base.replace("Start small [1].", "Start small.").replace("countries: [CZ]", "countries: [CZ, SK]")
    (tmp_path / "b.md").write_text(uncited.replace("adoption: []", ""), encoding="utf-8")
    result = run("stats", "--cases", str(tmp_path), "--data", str(DATA), "--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "cases: 2\n" in result.stdout
    assert "countries: 2 (CZ SK)" in result.stdout
    assert "paragraphs citing a source: 11 of 12" in result.stdout
    assert "Single city (single-city): 2" in result.stdout
