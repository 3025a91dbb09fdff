"""One site, two generators: MkDocs and ProperDocs (its continuation) build this project to the same bytes.

Only the `<meta name="generator">` tag may differ. Skips when ProperDocs is not installed, except
under CI=true (`make venv` installs it with the `generators` extra).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from helpers import SITE_FIXTURES, build_site, make_project, snapshot

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs() -> None:
    if not PROPERDOCS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"ProperDocs is required when CI=true and was not found at {PROPERDOCS}")
        pytest.skip("ProperDocs is not installed (pip install -e '.[generators]')")


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, its generator meta tag normalised (pages say which generator built them)."""
    return {
        p.relative_to(site).as_posix(): GENERATOR_META.sub(b'<meta name="generator">', p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path: Path, properdocs: None) -> None:
    project = make_project(tmp_path, SITE_FIXTURES)
    for generator in ("mkdocs", "properdocs"):
        result = build_site(project, tmp_path / f"site-{generator}", generator=generator)
        assert result.returncode == 0, f"{generator}: {result.stderr}"
    pages = (tmp_path / "site-properdocs" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs' in pages  # ProperDocs did build it
    mkdocs, properdocs = _files(tmp_path / "site-mkdocs"), _files(tmp_path / "site-properdocs")
    assert "cases/golemio/index.html" in properdocs and "feed.json" in properdocs  # and the hook ran
    only = sorted(set(mkdocs) ^ set(properdocs))
    assert not only, f"files built by only one generator: {only}"
    differing = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert not differing, f"{len(differing)} of {len(mkdocs)} files differ between MkDocs and ProperDocs: {differing}"


def test_a_strict_mode_warning_leaves_the_previous_site_under_properdocs_too(tmp_path: Path, properdocs: None) -> None:
    project = make_project(tmp_path)
    site = project / "site"
    assert build_site(project, site, generator="properdocs").returncode == 0
    before = snapshot(site)
    (project / "docs" / "broken-link.md").write_text("# Broken\n\nSee [nothing](nowhere.md).\n", encoding="utf-8")
    result = build_site(project, site, generator="properdocs")
    assert result.returncode != 0 and "nowhere.md" in result.stderr
    assert snapshot(site) == before, "the build strict mode refused replaced the site"
