"""Benchmark the contributor's edit loop: save a case under `mkdocs serve`, wait for the rebuilt page.

Usage: python bench/edit_loop.py [N] (default 1000). Generates N synthetic cases, starts
`mkdocs serve` on 127.0.0.1, then edits one case several times and measures the time from saving
the file to the served page showing the change; compares it with a full `mkdocs build`.
A benchmark, never a test. Target at N=1,000: under half the time of a full build.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _project, _time_build
from validate import ENV


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, marker: str, timeout: float) -> float:
    """Poll `url` until its body contains `marker`; return when that happened."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode("utf-8"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{marker!r} never appeared at {url}")


def measure(n: int, edits: int = 3) -> tuple[float, list[float]]:
    """(full build seconds, save-to-rebuilt-page seconds for each edit)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        _project(project, n)
        full = _time_build(project)
        port = _free_port()
        exe = Path(sys.executable).parent / "mkdocs"
        server = subprocess.Popen(
            [str(exe), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            case = project / "cases" / "case-00010.md"
            url = f"http://127.0.0.1:{port}/ground-up/cases/case-00010/"
            _wait_for(url, "Synthetic case 10", timeout=600)
            timings = []
            for edit in range(edits):
                text = case.read_text(encoding="utf-8")
                case.write_text(
                    text.replace("title: Synthetic case 10", f"title: Synthetic case 10 edit {edit}", 1)
                    if edit == 0
                    else text.replace(f"edit {edit - 1}", f"edit {edit}", 1),
                    encoding="utf-8",
                )
                saved = time.perf_counter()
                timings.append(_wait_for(url, f"Synthetic case 10 edit {edit}", timeout=600) - saved)
            return full, timings
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    full, timings = measure(n)
    loop = statistics.median(timings)
    print(
        f"edit loop, {n:,} cases: full build {full:.1f} s; save to rebuilt page "
        f"{', '.join(f'{t:.1f}' for t in timings)} s (median {loop:.1f} s, {loop / full:.0%} of a full build)"
    )


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    main()
