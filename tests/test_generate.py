"""`casebook generate`: the whole generated tree, equal to the committed golden tree, buildable without the hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import CASE_FIXTURES, DATA, FIXTURES, ROOT, make_project

GENERATE = FIXTURES / "generate"
GOLDEN = FIXTURES / "golden" / "generate"


def _fixture_project(dest: Path) -> Path:
    shutil.copy(GENERATE / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(GENERATE / "docs", dest / "docs")
    shutil.copytree(CASE_FIXTURES / "valid", dest / "cases")
    shutil.copytree(DATA, dest / "data")
    return dest


def _generate(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "casebook"
    return subprocess.run(
        [str(exe), "generate", "--out", str(out), *extra], cwd=project, capture_output=True, text=True, timeout=120
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_writes_the_golden_tree(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = _fixture_project(tmp_path / "project")
    result = _generate(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    actual = _tree(tmp_path / "out")
    if os.environ.get("UPDATE_GOLDENS") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path / "out", GOLDEN)
        return
    expected = _tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "files differ; run UPDATE_GOLDENS=1 make test and review the diff"
    changed = [path for path in actual if actual[path] != expected[path]]
    assert changed == [], f"changed: {changed}; run UPDATE_GOLDENS=1 make test and review the diff"


def test_generate_refuses_a_broken_project_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = _fixture_project(tmp_path / "project")
    case = project / "cases" / "minimal.md"
    case.write_text(case.read_text(encoding="utf-8").replace("status: pilot", "status: piolt"), encoding="utf-8")
    result = _generate(project, tmp_path / "out")
    assert result.returncode == 1
    assert "cases/minimal.md:" in result.stderr and "[unknown-term]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_generated_tree_builds_without_the_hook_into_the_same_pages(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    assert _generate(project, tmp_path / "tree").returncode == 0
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config.pop("watch", None)
    config["docs_dir"] = str(tmp_path / "tree")
    config["theme"]["custom_dir"] = str(tmp_path / "tree" / "overrides")
    (tmp_path / "plain.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    exe = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name, args in (("hook", ["-f", str(project / "mkdocs.yml")]), ("plain", ["-f", str(tmp_path / "plain.yml")])):
        result = subprocess.run(
            [str(exe), "build", "--strict", "-d", str(tmp_path / name), *args],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
    pages = {
        name: {p.relative_to(tmp_path / name).as_posix() for p in (tmp_path / name).rglob("*.html")}
        for name in ("hook", "plain")
    }
    assert pages["plain"] == pages["hook"]
    hook_case = (tmp_path / "hook" / "cases" / "golemio" / "index.html").read_text(encoding="utf-8")
    plain_case = (tmp_path / "plain" / "cases" / "golemio" / "index.html").read_text(encoding="utf-8")
    for needle in ('rel="edit"', "application/ld+json", 'id="source-1"', "Content-Security-Policy"):
        assert needle in hook_case and needle in plain_case, needle
