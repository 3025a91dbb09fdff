"""The edit loop: under `mkdocs serve`, saving a case updates its page and every page that shows it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import make_project


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(url: str, text: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _get(url)
        if text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}")


def _article(html: str) -> str:
    match = re.search(r"<article.*?</article>", html, re.DOTALL)
    assert match, html[:200]
    return match.group(0)


def test_saving_a_case_rebuilds_it_and_the_pages_that_list_it(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).parent / "mkdocs"
    log = tmp_path / "serve.log"
    log_file = log.open("w")
    server = subprocess.Popen(
        [str(exe), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/ground-up/"
        _wait(base + "cases/golemio/", "<h1")
        untouched = _get(base + "cases/decidim/")
        case = project / "cases" / "golemio.md"
        case.write_text(
            re.sub(
                r"^title: .*$", "title: Golemio renamed", case.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE
            ),
            encoding="utf-8",
        )
        _wait(base + "cases/golemio/", "Golemio renamed")
        _wait(base + "governance/municipal-company/", "Golemio renamed")  # a page that lists the case
        assert "Golemio renamed" in _get(base + "cases/index.html") + _get(base + "cases/")
        index = json.loads(_wait(base + "search/search_index.json", "Golemio renamed"))
        assert any(doc["location"].startswith("cases/decidim/") for doc in index["docs"])  # kept, not lost
        assert _article(_get(base + "cases/decidim/")) == _article(untouched)

        # A broken case: the error is shown and the last good site is still served.
        renamed = case.read_text(encoding="utf-8")
        case.write_text(renamed.replace("governance_model: municipal-company", "governance_model: nonsense"), "utf-8")
        deadline = time.monotonic() + 120
        while "[unknown-term]" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "cases/golemio.md:" in log.read_text(encoding="utf-8")
        shown = _wait(base + "cases/golemio/", "gu-build-error")
        assert "Golemio renamed" in shown and "nonsense" in shown  # the last good page, and the error
        assert "gu-build-error" in _wait(base + "cases/decidim/", "gu-build-error")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log_file.close()
