"""`make bench`: the whole performance picture in one run, for N = 100, 1,000 and 5,000 cases.

For each N (deterministic synthetic cases, see bench/validate.py) it measures `casebook validate`
(time, peak memory), `mkdocs build` with the hook against a plain MkDocs + Material build of the
same pages (bench/build.py), the sizes of the search index, the text it indexes, the explorer
data and the whole site, and the offline build; at N=1,000 also the edit loop under
`mkdocs serve` (bench/edit_loop.py). For N up to 1,000 it also builds the real corpus plus N copies
of cases/golemio.md with the hook and compares it with plain MkDocs + Material on the raw case files
and on the hook's own output (bench/build.py). Prints tables and writes bench/results.json.
It also weighs the home page with its pictures (bench/pictures.py).
A benchmark, never a test: the targets are reported, not asserted.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _plain, _project, build_measured, print_table, run_measured
from build import measure as measure_real
from edit_loop import measure as measure_edit_loop
from pictures import measure as measure_home_weight
from validate import ROOT, measure_against_yaml

SIZES = (100, 1000, 5000)
# The real corpus plus N golemio copies against plain MkDocs on the raw cases (bench/build.py) runs up to
# N=1,000 only: at N=5,000 its three builds would take make bench past 10 minutes on a 2-core machine.
REAL_LIMIT = 1000
RESULTS = ROOT / "bench" / "results.json"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def measure_sanitise(site: Path) -> float:
    """Seconds the HTML allowlist takes over every built page's content (what the hook cleans)."""
    from casebook.sanitise import sanitise_page

    contents = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if start >= 0:
            relative = page.relative_to(site).parent.as_posix()
            contents.append((f"{relative}.md" if relative != "." else "index.md", html[start:end]))
    began = time.perf_counter()
    for path, content in contents:
        sanitise_page(content, path)
    return time.perf_counter() - began


def measure(n: int, tmp: Path) -> dict[str, Any]:
    hooked, plain = tmp / "hooked", tmp / "plain"
    hooked.mkdir()
    plain.mkdir()
    _project(hooked, n)
    casebook = str(Path(sys.executable).parent / "casebook")
    validate_s, validate_mb = run_measured([casebook, "validate", "cases", "--data", "data"], hooked)
    build_s, build_mb = build_measured(hooked, "-d", "site")
    _plain(plain, hooked)
    plain_s, _ = build_measured(plain, "-d", "site")
    shutil.copy(ROOT / "mkdocs.offline.yml", hooked / "mkdocs.offline.yml")
    offline_s, _ = build_measured(hooked, "-f", "mkdocs.offline.yml", "-d", "site-offline")
    _, _ = run_measured([sys.executable, "-m", "casebook.package", "site-offline", "offline.zip"], hooked)
    indexed_text = _size(hooked / "cases") + sum(p.stat().st_size for p in (hooked / "docs").glob("**/*.md"))
    site = hooked / "site"
    sanitise_s = measure_sanitise(site)
    return {
        "cases": n,
        "validate_s": round(validate_s, 2),
        "validate_peak_mb": round(validate_mb),
        "build_hook_s": round(build_s, 2),
        "build_plain_s": round(plain_s, 2),
        "hook_overhead": round(build_s / plain_s - 1, 3),
        "sanitise_s": round(sanitise_s, 2),
        "sanitise_share": round(sanitise_s / build_s, 3),
        "build_peak_mb": round(build_mb),
        "search_index_bytes": _size(site / "search" / "search_index.json"),
        "indexed_text_bytes": indexed_text,
        "explore_data_bytes": _size(site / "assets" / "explore-data.js"),
        "site_bytes": _size(site),
        "offline_build_s": round(offline_s, 2),
        "offline_zip_bytes": _size(hooked / "offline.zip"),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(measure(n, Path(tmp)))
        print(f"measured N={n:,}", file=sys.stderr)
    real_sizes = [n for n in sizes if n <= REAL_LIMIT]
    real = []
    for n in real_sizes:
        real.append(measure_real(n))
        print(f"measured the real corpus plus {n:,} golemio copies", file=sys.stderr)
    results: dict[str, Any] = {"runs": rows, "real_corpus_runs": real}
    if 5000 in sizes:
        results["validate_vs_yaml_5000"] = measure_against_yaml(5000)
    if 1000 in sizes:
        full, loop = measure_edit_loop(1000)
        results["edit_loop_1000"] = {"full_build_s": round(full, 2), "save_to_page_s": [round(t, 2) for t in loop]}
    # Home page with its map and charts, HTML + inline SVG: the real corpus alone and with 1,000 copies.
    results["home_weight"] = [measure_home_weight(n) for n in (0, 1000)]
    by_n = {r["cases"]: r for r in rows}
    if 1000 in by_n and 5000 in by_n:
        results["build_5000_over_1000"] = round(by_n[5000]["build_hook_s"] / by_n[1000]["build_hook_s"], 2)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    mb = 1_000_000
    print(
        f"{'cases':>6} {'validate':>9} {'val MB':>7} {'hook':>7} {'plain':>7} {'over':>6} {'build MB':>8} "
        f"{'index MB':>8} {'text MB':>8} {'explore MB':>10} {'site MB':>8} {'offline':>8} {'zip MB':>7}"
    )
    for r in rows:
        print(
            f"{r['cases']:>6,} {r['validate_s']:>8.2f}s {r['validate_peak_mb']:>7} {r['build_hook_s']:>6.1f}s "
            f"{r['build_plain_s']:>6.1f}s {r['hook_overhead']:>6.0%} {r['build_peak_mb']:>8} "
            f"{r['search_index_bytes'] / mb:>8.1f} {r['indexed_text_bytes'] / mb:>8.1f} "
            f"{r['explore_data_bytes'] / mb:>10.2f} {r['site_bytes'] / mb:>8.1f} {r['offline_build_s']:>7.1f}s "
            f"{r['offline_zip_bytes'] / mb:>7.1f}"
        )
    for r in rows:
        share = f"{r['sanitise_share']:.1%}"
        print(f"N={r['cases']:,}: sanitising every page's HTML {r['sanitise_s']:.2f} s, {share} of the build")
    if "build_5000_over_1000" in results:
        print(f"build time N=5,000 / N=1,000: {results['build_5000_over_1000']}x (linear target <= 6.5x)")
    if "edit_loop_1000" in results:
        loop = results["edit_loop_1000"]
        median = sorted(loop["save_to_page_s"])[len(loop["save_to_page_s"]) // 2]
        print(
            f"edit loop N=1,000: save to rebuilt page {median:.1f} s vs full build {loop['full_build_s']:.1f} s "
            f"({median / loop['full_build_s']:.0%}; target < 50%)"
        )
    for r in results["home_weight"]:
        print(f"home page at {r['cases']:,} cases: {r['home_bytes'] / 1000:.1f} KB HTML+SVG (target < 150 KB)")
    print("\nReal corpus plus N copies of cases/golemio.md: hook against plain MkDocs + Material (bench/build.py)")
    print_table(real)
    if skipped := [n for n in sizes if n > REAL_LIMIT]:
        print(f"not run on the real corpus: N={', '.join(f'{n:,}' for n in skipped)} (keeps make bench under 10 min)")
    if "validate_vs_yaml_5000" in results:
        v = results["validate_vs_yaml_5000"]
        print(
            f"validate the real corpus + 5,000 golemio copies: {v['validate_s']:.2f} s against bare C-YAML parsing of "
            f"their front matter {v['bare_yaml_s']:.2f} s: {v['validate_over_yaml']:.2f}x (target <= 1.5x)"
        )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
