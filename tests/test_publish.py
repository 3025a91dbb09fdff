"""Atomic builds: whatever fails (content, a strict-mode warning, a killed process), the site stays as it was."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casebook.publish import staging_path, swap_in
from helpers import build_site, make_project, snapshot


@pytest.fixture(scope="module")
def project_with_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    project = make_project(tmp_path_factory.mktemp("publish-project"))
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, snapshot(site)


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + "."))


def test_a_strict_mode_warning_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    page = project / "docs" / "broken-link.md"
    page.write_text("# Broken\n\nSee [a page that does not exist](nowhere.md).\n", encoding="utf-8")
    try:
        result = build_site(project, site)
    finally:
        page.unlink()
    assert result.returncode != 0 and "nowhere.md" in result.stderr
    assert snapshot(site) == before
    assert _leftovers(site) == []


def test_an_unsafe_hand_written_page_fails_the_build_and_leaves_the_site(
    project_with_site: tuple[Path, Path, dict[str, str]],
) -> None:
    project, site, before = project_with_site
    link = project / "docs" / "environment.md"
    link.symlink_to("/proc/self/environ")
    try:
        result = build_site(project, site)
    finally:
        link.unlink()
    assert result.returncode != 0
    assert "docs/environment.md:1:1: error:" in result.stderr and "[file-type]" in result.stderr
    assert snapshot(site) == before


def test_a_killed_build_leaves_the_previous_site(project_with_site: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = project_with_site
    exe = Path(sys.executable).parent / "mkdocs"
    process = subprocess.Popen(
        [str(exe), "build", "--strict", "-d", str(site)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    staging = staging_path(site)
    deadline = time.monotonic() + 60
    # Kill it while it writes pages: the staging folder exists and holds some files already.
    while time.monotonic() < deadline and not (staging / "cases").exists():
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL, "the build finished before it could be killed"
    assert snapshot(site) == before
    # The next build clears what the killed one left and publishes normally.
    assert build_site(project, site).returncode == 0
    assert snapshot(site) == before
    assert _leftovers(site) == []


def test_swap_in_replaces_the_site_whole(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "site.staging"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_in(staging, site)
    assert snapshot(site) == {"index.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_does_not_fail_because_time_has_passed(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    golemio = project / "cases" / "golemio.md"
    text = golemio.read_text(encoding="utf-8")
    golemio.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2015-01-01", text, count=1, flags=re.M), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "[stale-review]" in result.stderr  # reported, not fatal
