"""Benchmark the case explorer's filter latency in Chromium with N synthetic cases (default 5,000).

Usage: python bench/explore.py [N]. Renders the explorer markup and data with the engine into a
standalone page (the site's explore.js and CSS, no MkDocs build needed), opens it from file:// in
Debian's Chromium, and times each facet change from the click until the results are laid out.
A benchmark, never a test. Target: under 50 ms per change at 5,000 cases.
"""

from __future__ import annotations

import html
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casebook.index import Index
from casebook.render_explore import render_explore_data, render_explore_page
from casebook.validate import validate
from validate import ROOT, generate

CHROMIUM = "/usr/bin/chromium"
TIMING = """
async (selector) => {
  const box = document.querySelector(selector);
  const start = performance.now();
  box.click();                      // the change handler filters and re-renders synchronously
  document.body.getBoundingClientRect();  // force style and layout of the new results
  return performance.now() - start;
}
"""


def build_page(folder: Path, n: int) -> Path:
    cases = folder / "cases"
    cases.mkdir()
    generate(cases, n)
    corpus = validate([cases], ROOT / "data")
    index = Index.build(corpus.cases, corpus.vocabs)
    markup = render_explore_page(index).text
    explorer = re.search(r'<div id="gu-explorer".*</div>\n', markup, re.DOTALL)
    assert explorer is not None
    (folder / "explore-data.js").write_text(render_explore_data(index), encoding="utf-8")
    page = folder / "explore.html"
    css = (ROOT / "docs" / "assets" / "ground-up.css").as_uri()
    js = (ROOT / "docs" / "assets" / "explore.js").as_uri()
    page.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape("bench")}'
        f'</title><link rel="stylesheet" href="{css}"></head><body>{explorer.group(0)}'
        f'<script src="explore-data.js"></script><script src="{js}"></script></body></html>',
        encoding="utf-8",
    )
    return page


def main() -> None:
    from playwright.sync_api import sync_playwright

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_path = build_page(Path(tmp), n)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-slug]")
        boxes = page.eval_on_selector_all(
            "#gu-filters input[type=checkbox]", "els => els.map(e => `input[name='${e.name}'][value='${e.value}']`)"
        )
        timings = []
        for selector in boxes[:40] + boxes[:40]:  # tick then untick forty values
            timings.append(page.evaluate(TIMING, selector))
        browser.close()
    print(f"explorer, {n:,} cases, {len(timings)} facet changes in Chromium")
    print(
        f"  median {statistics.median(timings):.1f} ms, 95th percentile "
        f"{sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms, max {max(timings):.1f} ms (target < 50 ms)"
    )


if __name__ == "__main__":
    main()
