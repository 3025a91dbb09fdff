"""Benchmark the site build: MkDocs + Material with the casebook hook versus without it.

Usage: python bench/build.py [N ...] (default 100 1000). For each N it generates N synthetic cases
(deterministic, see bench/validate.py), then times
  * hook:  `mkdocs build` of this project with those cases, and
  * plain: `mkdocs build` of the very same Markdown pages written to docs/ as ordinary files (the
    engine's output, the hand-written pages and the inserts filled in), with no hook,
with the same configuration and navigation (cases out of the nav). The difference is the hook's
whole cost: validation, generating pages, related-case ranking, inserts. It prints both and the
ratio. A benchmark, never a test. Target at N=1,000: the hook adds at most 15% to the plain build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import ROOT, generate, run_measured


def _project(dest: Path, n: int) -> None:
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "data", "hooks", "src"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "_template.md", dest / "cases" / "_template.md")
    generate(dest / "cases", n)


def _plain(dest: Path, hooked: Path) -> None:
    """The same pages as files: what the hook would generate, rendered ahead of time."""
    from casebook.editor import NEW_FILE_URL
    from casebook.index import Index
    from casebook.render_case import SiteInfo
    from casebook.render_overview import render_inserts
    from casebook.render_site import render_assets, render_site
    from casebook.validate import validate

    shutil.copytree(hooked / "docs", dest / "docs")
    corpus = validate([hooked / "cases"], hooked / "data")
    index = Index.build(corpus.cases, corpus.vocabs)
    config = yaml.safe_load((hooked / "mkdocs.yml").read_text(encoding="utf-8"))
    repository = config.get("extra", {}).get("source_repository", "")
    site = SiteInfo(url=config.get("site_url", ""), edit_base=f"{repository}/edit/main/" if repository else "")
    generated = {page.path: page.text for page in render_site(index, site)} | render_assets(index, site, NEW_FILE_URL)
    for path, text in generated.items():
        (dest / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / path).write_text(text, encoding="utf-8")
    inserts = render_inserts(index, (hooked / "cases" / "_template.md").read_text(encoding="utf-8"))
    for md in (dest / "docs").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        for marker, block in inserts.items():
            text = text.replace(marker, block)
        md.write_text(text, encoding="utf-8")
    config.pop("hooks", None)
    config["watch"] = []
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def build_measured(project: Path, *extra: str) -> tuple[float, float]:
    exe = Path(sys.executable).parent / "mkdocs"
    return run_measured([str(exe), "build", "-q", *extra], project)


def _time_build(project: Path) -> float:
    return build_measured(project, "-d", str(project / "site"))[0]


def measure(n: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        hooked, plain = Path(tmp) / "hooked", Path(tmp) / "plain"
        hooked.mkdir()
        plain.mkdir()
        _project(hooked, n)
        _plain(plain, hooked)
        return _time_build(hooked), _time_build(plain)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000]
    print(f"{'cases':>7}  {'hook s':>8}  {'plain s':>8}  {'ratio':>6}")
    for n in sizes:
        hook, plain = measure(n)
        print(f"{n:>7,}  {hook:>8.2f}  {plain:>8.2f}  {hook / plain:>6.2f}")


if __name__ == "__main__":
    main()
