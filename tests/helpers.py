"""Shared test helpers: paths, project copies, builds, the in-process CLI runner; fixtures for conftest.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_project(dest: Path, extra_cases: tuple[Path, ...] = ()) -> Path:
    """A copy of the repository's site sources, with the real cases plus `extra_cases`."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(ROOT / "CITATION.cff", dest / "CITATION.cff")  # the site publishes it under data/
    for folder in ("docs", "data", "hooks", "cases", "src"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for case in extra_cases:
        shutil.copy(case, dest / "cases" / case.name)
    return dest


def build_site(project: Path, site: Path, *extra: str, generator: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project` into `site`, as a contributor runs it (or `properdocs build`)."""
    exe = Path(sys.executable).parent / generator
    return subprocess.run(
        [str(exe), "build", "--strict", "-d", str(site), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` with its checksum, and every folder (so an emptied tree differs too)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


# Cases added to the real ones in test builds: hostile front matter values, and a word that only
# occurs in one case's front matter (for search).
SITE_FIXTURES = tuple(sorted((FIXTURES / "site").glob("*.md")))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (real cases plus the site fixtures), built once per test run."""
    project = make_project(tmp_path_factory.mktemp("project"), SITE_FIXTURES)
    out = tmp_path_factory.mktemp("site")
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The offline edition built and packed as `make offline` does: (site folder, zip)."""
    from casebook.package import MATERIAL_OFFLINE_UNUSED, prune, write_zip

    project = make_project(tmp_path_factory.mktemp("offline-project"), SITE_FIXTURES)
    shutil.copy(ROOT / "mkdocs.offline.yml", project / "mkdocs.offline.yml")
    out = tmp_path_factory.mktemp("offline-site")
    result = build_site(project, out, "-f", "mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr
    prune(out, MATERIAL_OFFLINE_UNUSED)
    archive = out.parent / "ground-up-offline.zip"
    write_zip(out, archive, "ground-up")
    return out, archive


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 (a random free port); yields its base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Skips without Chromium, except under CI=true."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required when CI=true and was not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Layers: `make test-fast` runs what is neither a build nor a browser test (in seconds).
BUILD_FIXTURES = {"built_site", "offline_site", "served_site", "hostile_site", "project_with_site"}
BROWSER_FIXTURES = {"browser"}
BUILD_MODULES = {"test_publish", "test_generate", "test_generators", "test_serve"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES or item.module.__name__.rsplit(".", 1)[-1] in BUILD_MODULES:
            item.add_marker(pytest.mark.build)


@dataclass
class CliResult:
    """What a `casebook` command printed and returned; shown whole when an assertion on it fails."""

    returncode: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}--- stderr\n{self.stderr}"


def run_cli(*args: str, cwd: Path = ROOT) -> CliResult:
    """`casebook ARGS` in this process (fast), in `cwd`, with its output captured."""
    from casebook.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(previous)
    return CliResult(code, out.getvalue(), err.getvalue())
