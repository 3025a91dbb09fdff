"""Benchmark `casebook validate` on N synthetic, valid cases (deterministic), N = 1,000 and 5,000.

Usage: python bench/validate.py [N ...]. Prints wall time and peak memory of the command; a
benchmark, never a test. Target: 5,000 cases in under 3 s and under 300 MB on a 2-core machine.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
sys.path.insert(0, str(ROOT / "src"))

from casebook.vocab import load_vocabularies  # noqa: E402

WORDS = [
    "municipality",
    "region",
    "platform",
    "shared",
    "open",
    "source",
    "service",
    "citizens",
    "council",
    "data",
    "transport",
    "association",
    "supplier",
    "procurement",
    "maintenance",
    "community",
    "licence",
    "hosting",
    "budget",
    "users",
]
SECTIONS = ("Context", "How they collaborate", "Technology", "Outcomes", "Challenges", "Lessons")


def _prose(rng: random.Random, words: int, sources: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return f"{text.capitalize()} [{rng.randint(1, sources)}]."


def render_case(i: int, n: int, rng: random.Random, terms: dict[str, list[str]]) -> str:
    """One realistic case: full front matter and about 1,200 words of body."""
    sources = 4
    related = sorted({f"case-{rng.randrange(n):05d}" for _ in range(3)} - {f"case-{i:05d}"})
    front = (
        f"""---
title: Synthetic case {i}
summary: A synthetic case number {i} used to measure how fast the casebook validates a large corpus.
status: {rng.choice(terms["statuses"])}
domain: {rng.choice(terms["domains"])}
countries: [{", ".join(rng.sample(["CZ", "DK", "SE", "FI", "ES", "NL", "DE", "IT", "FR", "SI"], 2))}]
level: {rng.choice(terms["levels"])}
started: {rng.randint(2000, 2024)}
governance_model: {rng.choice(terms["governance-models"])}
mechanisms: [{", ".join(rng.sample(terms["mechanisms"], 3))}]
recommendations: [{", ".join(rng.sample(terms["recommendations"], 2))}]
software:
  - name: Platform {i % 300}
    repository: https://code.example.net/platform-{i % 300}
    licence: {rng.choice(["EUPL-1.2", "MIT", "AGPL-3.0-or-later", "EUPL-1.2 OR GPL-3.0-or-later"])}
organisations:
  - name: Municipality {i}
    role: initiator
    type: municipality
    country: CZ
  - name: Supplier {i % 50}
    role: supplier
    type: company
adoption:
  - count: {rng.randint(1, 400)}
    unit: municipalities
    as_of: 2024
sources:
"""
        + "".join(
            f"  - title: Source {s}\n    url: https://news.example.net/{i}/{s}\n    date: 2024-0{s}-01\n"
            for s in range(1, sources + 1)
        )
        + f"""related: [{", ".join(related)}]
derived_from: []
published: 2025-01-10
reviewed: 2025-06-01
---
"""
    )
    body = "".join(
        f"\n## {title}\n\n" + "\n\n".join(_prose(rng, 50, sources) for _ in range(4)) + "\n" for title in SECTIONS
    )
    cites = " ".join(f"[{s}]" for s in range(1, sources + 1))
    return front + body + f"\nAll sources: {cites}\n"


def generate(folder: Path, n: int) -> None:
    vocabs, _ = load_vocabularies(ROOT / "data")
    terms = {name: sorted(v.terms) for name, v in vocabs.items()}
    rng = random.Random(20261129)
    for i in range(n):
        (folder / f"case-{i:05d}.md").write_text(render_case(i, n, rng, terms), encoding="utf-8")


def generate_copies(folder: Path, n: int, model: str = "golemio") -> None:
    """The real corpus (cases/*.md) plus N copies of one real case, `golemio-0001` to `golemio-N`, each with
    its own slug and title; the model's `related` and `derived_from` are empty, so every copy validates."""
    for case in sorted((ROOT / "cases").glob("*.md")):
        shutil.copy(case, folder / case.name)
    text = (ROOT / "cases" / f"{model}.md").read_text(encoding="utf-8")
    for i in range(1, n + 1):
        copy = re.sub(r"^title: (.*)$", rf"title: \1 {i:04d}", text, count=1, flags=re.MULTILINE)
        (folder / f"{model}-{i:04d}.md").write_text(copy, encoding="utf-8")


# Runs a command and reports its peak memory: the wrapper's only children are the measured processes.
_PEAK = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def run_measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB of the largest process) of `command`."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _PEAK, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1]) / 1024


def measure(n: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        folder.mkdir()
        generate(folder, n)
        exe = Path(sys.executable).parent / "casebook"
        return run_measured([str(exe), "validate", str(folder), "--data", str(ROOT / "data"), "--strict"], ROOT)


# The floor for validation: read each case file and parse its front matter with LibYAML (C), nothing more.
_BARE_YAML = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.md")):
    text = path.read_text(encoding="utf-8")
    yaml.load(text[4 : text.index("\\n---", 4)], Loader=yaml.CSafeLoader)
"""


def measure_against_yaml(n: int) -> dict[str, float]:
    """`casebook validate` of the real corpus plus N golemio copies against bare C-YAML parsing of the
    same files' front matter, each a fresh process, side by side (target: at most 1.5x)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        folder.mkdir()
        generate_copies(folder, n)
        exe = Path(sys.executable).parent / "casebook"
        validate_s, validate_mb = run_measured([str(exe), "validate", str(folder), "--data", str(ROOT / "data")], ROOT)
        yaml_s, _ = run_measured([sys.executable, "-c", _BARE_YAML, str(folder)], ROOT)
    return {
        "copies": n,
        "validate_s": round(validate_s, 2),
        "validate_peak_mb": round(validate_mb),
        "bare_yaml_s": round(yaml_s, 2),
        "validate_over_yaml": round(validate_s / yaml_s, 2),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    print(f"{'cases':>7}  {'seconds':>8}  {'peak MB':>8}")
    for n in sizes:
        seconds, megabytes = measure(n)
        print(f"{n:>7,}  {seconds:>8.2f}  {megabytes:>8.0f}")
    real = measure_against_yaml(5000)
    print(
        f"real corpus + 5,000 golemio copies: validate {real['validate_s']:.2f} s, bare C-YAML "
        f"{real['bare_yaml_s']:.2f} s: {real['validate_over_yaml']:.2f}x (target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
