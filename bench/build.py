"""Benchmark the site build: MkDocs + Material with the casebook hook versus without it.

Usage: python bench/build.py [N ...] (default 100 1000), or --profile N. The corpus is the real one
(cases/*.md) plus N copies of cases/golemio.md, golemio-0001 to golemio-N (see bench/validate.py).
For each N it times, with the same configuration, theme, search plugin and navigation (cases out of it):
  * hook:  `mkdocs build` of this project with those cases (and its peak memory);
  * raw:   plain MkDocs + Material (no `hooks:`) on the case files themselves copied into docs/cases/
    as ordinary pages, plus the hand-written pages; links to pages only the hook generates are
    reported at info level. hook/raw is what the engine costs a reader who compares with MkDocs alone
    (target at N=1,000: at most 1.5x);
  * own:   plain MkDocs + Material on the hook's own output written to docs/ as files (its generated
    pages, the hand-written pages, the inserts filled in). hook/own is the hook's cost beyond
    building what it generates: validation, generating pages, related-case ranking, inserts.
--profile N profiles one hook build (cProfile) and writes the 25 functions with the most cumulative
time, then the 25 with the most own time, to bench/out/profile-N.txt (statistics in profile-N.prof).
A benchmark, never a test: the targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import io
import pstats
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import ROOT, generate, generate_copies, run_measured


def _project(dest: Path, n: int, real: bool = False) -> None:
    """This project with N cases: synthetic ones, or (`real`) the real corpus plus N copies of golemio."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "data", "hooks", "src"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "_template.md", dest / "cases" / "_template.md")
    (generate_copies if real else generate)(dest / "cases", n)


# Without the hook, the nav and the hand-written pages point at pages and exports only the hook generates
# (the case index, taxonomy pages, data/cases.json, feed.xml...): those 27 references are reported at
# info level instead of warn. Every other check stays as in mkdocs.yml.
_RAW_VALIDATION = {"nav": {"not_found": "info"}, "links": {"not_found": "info"}}


def _plain(dest: Path, hooked: Path, raw: bool = False) -> None:
    """`hooked` without the hook: its generated pages written as files, or (`raw`) its case files
    themselves copied into docs/cases/ as ordinary Markdown pages, front matter and all."""
    config = yaml.safe_load((hooked / "mkdocs.yml").read_text(encoding="utf-8"))
    if raw:
        shutil.copytree(hooked / "docs", dest / "docs")
        (dest / "docs" / "cases").mkdir(exist_ok=True)
        for case in (hooked / "cases").glob("[!_]*.md"):
            shutil.copy(case, dest / "docs" / "cases" / case.name)
        for key, levels in _RAW_VALIDATION.items():
            config["validation"][key] = {**config["validation"].get(key, {}), **levels}
    else:
        _write_generated(dest, hooked)
    config.pop("hooks", None)
    config["watch"] = []
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _write_generated(dest: Path, hooked: Path) -> None:
    """What the hook would generate, written ahead of time by `casebook generate` into dest/docs."""
    from casebook.generate import check_project, generated_files, load_project, write_tree

    project = load_project(hooked / "mkdocs.yml")
    index, diagnostics = check_project(project)
    assert index is not None, diagnostics
    write_tree(generated_files(project, index), dest / "docs")


def build_measured(project: Path, *extra: str) -> tuple[float, float]:
    exe = Path(sys.executable).parent / "mkdocs"
    return run_measured([str(exe), "build", "-q", *extra], project)


def _time_build(project: Path) -> float:
    return build_measured(project, "-d", str(project / "site"))[0]


def measure(n: int) -> dict[str, Any]:
    """The hook build of the real corpus plus N copies of golemio, its peak memory, and both plain builds."""
    with tempfile.TemporaryDirectory() as tmp:
        hooked, raw, own = (Path(tmp) / name for name in ("hooked", "raw", "own"))
        for folder in (hooked, raw, own):
            folder.mkdir()
        _project(hooked, n, real=True)
        _plain(raw, hooked, raw=True)
        _plain(own, hooked)
        hook_s, hook_mb = build_measured(hooked, "-d", "site")
        raw_s, own_s = _time_build(raw), _time_build(own)
        cases = len(list((hooked / "cases").glob("[!_]*.md")))
    return {
        "copies": n,
        "cases": cases,
        "build_hook_s": round(hook_s, 2),
        "build_peak_mb": round(hook_mb),
        "build_plain_raw_s": round(raw_s, 2),
        "build_plain_own_s": round(own_s, 2),
        "hook_over_plain_raw": round(hook_s / raw_s, 2),
        "hook_over_plain_own": round(hook_s / own_s, 2),
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    heads = ("copies", "cases", "hook s", "hook MB", "raw s", "own s", "hook/raw", "hook/own")
    print(" ".join(f"{h:>{w}}" for h, w in zip(heads, (7, 6, 7, 8, 7, 7, 9, 9), strict=True)))
    for r in rows:
        print(
            f"{r['copies']:>7,} {r['cases']:>6,} {r['build_hook_s']:>7.2f} {r['build_peak_mb']:>8} "
            f"{r['build_plain_raw_s']:>7.2f} {r['build_plain_own_s']:>7.2f} "
            f"{r['hook_over_plain_raw']:>8.2f}x {r['hook_over_plain_own']:>8.2f}x"
        )
    by_n = {r["copies"]: r["build_hook_s"] for r in rows}
    if 1000 in by_n and 5000 in by_n:
        print(f"hook build N=5,000 / N=1,000: {by_n[5000] / by_n[1000]:.2f}x")
    print("hook/raw: against plain MkDocs + Material on the case files as they are (target at N=1,000 <= 1.5x);")
    print("hook/own: against plain MkDocs + Material on the pages the hook generates, written as files.")


# The frames every build runs inside (interpreter, runpy, click, the mkdocs command): in every profile, telling nothing.
_WRAPPERS = r"^(?!.*(builtins.exec|<string>|runpy|click/|mkdocs/__main__|commands/build.py:\d+\(build\)))"


def profile(n: int, out: Path, top: int = 25) -> str:
    """One hook build of the real corpus plus N copies under cProfile, its statistics kept in `out`
    (for pstats or snakeviz); returns the `top` functions by cumulative time, then by own time."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        _project(project, n, real=True)
        run_measured([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q"], project)
        text = io.StringIO()
        stats = pstats.Stats(str(out), stream=text)
        stats.sort_stats("cumulative").print_stats(_WRAPPERS, top)
        stats.sort_stats("tottime").print_stats(top)
    return re.sub(r"\S*/(site-packages|python3\.\d+)/", "", text.getvalue().replace(str(project), "<project>"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000], help="numbers of golemio copies")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one hook build at N copies instead")
    args = parser.parse_args()
    if args.profile is not None:
        out = ROOT / "bench" / "out" / f"profile-{args.profile}"
        out.parent.mkdir(exist_ok=True)
        text = profile(args.profile, out.with_suffix(".prof"))
        out.with_suffix(".txt").write_text(text, encoding="utf-8")
        print(f"{text}written to {out.relative_to(ROOT)}.txt and .prof")
        return
    print_table([measure(n) for n in args.sizes])


if __name__ == "__main__":
    main()
