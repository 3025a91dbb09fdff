"""The contributor path on the forges: CI files valid against their published schemas, the issue
form in step with the vocabularies, and the pull-request outputs (GitHub annotations, GitLab Code Quality)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.diagnostics import Diagnostic, Severity, format_gitlab
from casebook.vocab import load_vocabularies
from helpers import DATA, FIXTURES, ROOT, CliResult, check_golden, run_cli

KITCHEN = "tests/fixtures/cases/invalid/kitchen-sink.md"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def check_jsonschema(builtin: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with one of the schemas it ships (offline: nothing is downloaded)."""
    exe = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(exe), "--builtin-schema", builtin, str(path)], capture_output=True, text=True, timeout=120
    )


def casebook(*args: str) -> CliResult:
    return run_cli(*args)


@pytest.mark.parametrize(
    ("builtin", "path"),
    [
        *(("vendor.github-workflows", p) for p in WORKFLOWS),
        ("vendor.gitlab-ci", ROOT / ".gitlab-ci.yml"),
        ("vendor.dependabot", ROOT / ".github" / "dependabot.yml"),
        ("vendor.github-issue-forms", ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-case.yml"),
        ("vendor.github-issue-config", ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_forge_files_match_their_published_schemas(builtin: str, path: Path) -> None:
    result = check_jsonschema(builtin, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "ci.yml"
    broken.write_text("on: push\njobs:\n  check:\n    steps: []\n", encoding="utf-8")  # no runs-on
    assert check_jsonschema("vendor.github-workflows", broken).returncode == 1


def test_both_forges_run_the_same_checks_and_publish_the_site() -> None:
    github = "\n".join(p.read_text(encoding="utf-8") for p in WORKFLOWS)
    gitlab = (ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8")
    for text in (github, gitlab):
        assert "mkdocs build --strict" in text
        assert "pytest" in text
        assert "make offline" in text
        assert "apt-get install" in text and "chromium" in text
    assert "casebook validate --strict --format github" in github
    assert "actions/deploy-pages" in github and "dist/ground-up-offline.zip" in github
    assert "casebook validate --strict --format gitlab > gl-code-quality-report.json" in gitlab
    jobs = yaml.safe_load(gitlab)
    assert jobs["validate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert jobs["validate"]["artifacts"]["when"] == "always"  # the widget needs the report most when it fails
    assert "public" in jobs["pages"]["artifacts"]["paths"]
    assert "dist/ground-up-offline.zip" in jobs["pages"]["artifacts"]["paths"]


def test_workflows_pin_actions_by_commit_and_bound_every_job() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        for uses in re.findall(r"uses: (.*)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", uses), f"{path.name}: {uses}"
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}, f"{path.name}: no permissions by default, each job asks for its own"
        for name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job and "permissions" in job, f"{path.name}: job '{name}'"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: job '{name}'"


def test_pre_commit_runs_ruff_whitespace_and_casebook() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "ruff-format", "trailing-whitespace", "casebook-validate"} <= set(hooks)
    assert hooks["casebook-validate"]["entry"].startswith(".venv/bin/casebook validate")
    for repo in config["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), repo  # pinned


def test_issue_form_offers_exactly_the_vocabulary_terms() -> None:
    vocabs, problems = load_vocabularies(DATA)
    assert not problems
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-case.yml").read_text(encoding="utf-8"))
    dropdowns = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    for field, vocabulary in (
        ("domain", "domains"),
        ("governance_model", "governance-models"),
        ("level", "levels"),
        ("status", "statuses"),
    ):
        expected = [f"{t.name} ({t.id})" for t in vocabs[vocabulary].terms.values()]
        offered = [option for option in dropdowns[field] if option != "Not sure"]
        assert offered == expected, f"update the '{field}' options in propose-case.yml to: {expected}"


def test_the_gitlab_report_matches_its_golden_file() -> None:
    # The github format's golden is checked with the other formats in test_cli.py.
    result = casebook("validate", KITCHEN, "--format", "gitlab", "--today", "2026-06-01")
    assert result.returncode == 1
    check_golden(FIXTURES / "golden" / "kitchen-sink.gitlab", result.stdout)


def test_gitlab_report_has_code_quality_fields() -> None:
    items = json.loads(casebook("validate", KITCHEN, "--format", "gitlab", "--today", "2026-06-01").stdout)
    assert items
    for item in items:
        assert set(item) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert item["severity"] in ("major", "minor")
        assert item["location"]["path"] == KITCHEN and item["location"]["lines"]["begin"] >= 1
    assert len({item["fingerprint"] for item in items}) == len(items)
    assert {item["severity"] for item in items} == {"major", "minor"}


def test_gitlab_fingerprints_survive_moved_lines_and_keep_repeats_apart() -> None:
    def problem(line: int) -> Diagnostic:
        return Diagnostic("cases/x.md", line, 3, Severity.ERROR, "duplicate", "countries", "'SE' is listed twice")

    moved = json.loads(format_gitlab([problem(14)]))[0]["fingerprint"]
    assert moved == json.loads(format_gitlab([problem(20)]))[0]["fingerprint"]
    twice = json.loads(format_gitlab([problem(14), problem(15)]))
    assert twice[0]["fingerprint"] != twice[1]["fingerprint"]
    assert json.loads(format_gitlab([])) == []


def test_gitlab_format_keeps_the_exit_codes() -> None:
    clean = casebook("validate", "tests/fixtures/cases/valid", "--format", "gitlab", "--today", "2026-06-01")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []
    assert casebook("validate", "no/such/folder", "--format", "gitlab").returncode == 2
