"""Weight of the home page with its pictures: the HTML file (inline SVG included) of the real corpus
plus N copies of cases/golemio.md, built with the hook. Target: under 150 KB uncompressed (issue 17).

    python bench/pictures.py [N ...]    # default: 0 (the real corpus alone) and 1,000 copies
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _project, build_measured

LIMIT = 150_000


def measure(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        _project(project, n, real=True)
        build_measured(project, "-d", "site")
        html = (project / "site" / "index.html").read_text(encoding="utf-8")
        cases = len(list((project / "cases").glob("[!_]*.md")))
    svg = sum(
        len(m.encode("utf-8"))
        for m in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="gu-svg".*?</svg>', html, re.S)
    )
    size = len(html.encode("utf-8"))
    return {"copies": n, "cases": cases, "home_bytes": size, "home_svg_bytes": svg, "under_limit": size < LIMIT}


def main() -> None:
    for n in [int(a) for a in sys.argv[1:]] or [0, 1000]:
        r = measure(n)
        print(
            f"{r['cases']:>6,} cases: home page {r['home_bytes'] / 1000:.1f} KB, of which pictures' SVG "
            f"{r['home_svg_bytes'] / 1000:.1f} KB ({'under' if r['under_limit'] else 'OVER'} {LIMIT // 1000} KB)"
        )


if __name__ == "__main__":
    main()
