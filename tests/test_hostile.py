"""A hostile contributor's corpus: every input is refused with a location, or published harmless.

Fixtures in tests/fixtures/hostile/ (see its README): body payloads by class (markup, attributes,
urls, css), front matter payloads (yaml, text, exports), benign look-alikes that must still pass, and
the file class (links, pipes, devices), which git cannot hold and is made here in each test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from casebook.check_docs import validate_docs
from casebook.diagnostics import Diagnostic, Severity
from casebook.render_markdown import render_markdown
from casebook.sanitise import find_removals, sanitise_html
from casebook.validate import validate
from helpers import CASE_FIXTURES, DATA, FIXTURES, build_site, make_project

HOSTILE = FIXTURES / "hostile"
BODY_CLASSES = ("markup", "attributes", "urls", "css")
FRONT_CLASSES = ("yaml", "text", "exports")
BASE = (CASE_FIXTURES / "valid" / "minimal.md").read_text(encoding="utf-8")
ANCHOR = "Running since 2020 [1].\n"
TODAY = dt.date(2026, 6, 1)
MARKER = "window.__pwned"
SAFETY_CODES = {
    "unsafe-html",
    "unsafe-url",
    "unsafe-style",
    "remote-media",
    "attr-list",
    "hidden-character",
    "too-long",
    "file-type",
    "file-size",
    "duplicate-key",
}
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };
"""


def fixtures(*classes: str) -> list[Path]:
    found = sorted(p for c in classes for p in (HOSTILE / c).iterdir() if p.suffix in (".md", ".yml"))
    assert found, f"no fixtures in {classes}"
    return found


def slug_of(path: Path) -> str:
    return f"hostile-{path.parent.name}-{path.stem}"


def case_text(path: Path) -> str:
    """The minimal valid case with the payload put in: in the body, or over the front matter fields it names."""
    payload = path.read_text(encoding="utf-8")
    if path.suffix == ".md":  # cited, so that only what the payload carries can be refused
        return BASE.replace(ANCHOR, ANCHOR + "\n" + cited(payload) + "\n")
    front, body = BASE[4:].split("\n---\n", 1)
    keys = set(re.findall(r"^([A-Za-z_]+):", payload, re.M))
    kept: list[str] = []
    skipping = False
    for line in front.splitlines():
        top = re.match(r"^([A-Za-z_]+):", line)
        if top:
            skipping = top.group(1) in keys
        if not skipping:
            kept.append(line)
    return "---\n" + "\n".join(kept) + "\n" + payload.rstrip("\n") + "\n---\n" + body


def cited(payload: str) -> str:
    """Each paragraph of `payload` with [1] at its end, where it changes nothing the payload carries:
    not on headings, fences or link definitions, and before a trailing attribute list."""
    out = []
    for paragraph in payload.rstrip("\n").split("\n\n"):
        lines = paragraph.split("\n")
        if not re.match(r"\s{0,3}(#|```|~~~|\[[^\]]+\]:)", lines[0]):
            target = 0 if len(lines) > 1 and re.fullmatch(r"\s*\{[^}]*\}\s*", lines[-1]) else len(lines) - 1
            lines[target] += " [1]"
        out.append("\n".join(lines))
    return "\n\n".join(out)


def payload_lines(path: Path, text: str) -> range:
    payload = path.read_text(encoding="utf-8").rstrip("\n")
    payload = cited(payload) if path.suffix == ".md" else payload
    start = text[: text.index(payload)].count("\n") + 1
    return range(start, start + payload.count("\n") + 1)


def run_validator(folder: Path) -> list[Diagnostic]:
    return validate([folder], DATA, today=TODAY).diagnostics


def accepted(path: Path, folder: Path) -> tuple[bool, str, list[Diagnostic]]:
    """Whether the validator accepts the case made from `path`; its text and errors."""
    text = case_text(path)
    folder = folder / slug_of(path)
    folder.mkdir()
    (folder / f"{slug_of(path)}.md").write_text(text, encoding="utf-8")
    errors = [d for d in run_validator(folder) if d.severity is Severity.ERROR]
    return not errors, text, errors


@pytest.mark.parametrize("path", fixtures(*BODY_CLASSES, "yaml", "text"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hostile_input_is_refused_at_its_location_or_left_to_the_browser_tests(tmp_path: Path, path: Path) -> None:
    ok, text, errors = accepted(path, tmp_path)
    if ok:
        return  # built into `hostile_site` and checked in Chromium below
    lines = payload_lines(path, text)
    at_payload = [d for d in errors if d.line in lines]
    assert at_payload, f"{path}: no error on its lines {list(lines)}: {errors}"
    if path.parent.name in BODY_CLASSES:  # not refused for some unrelated rule
        assert {d.code for d in at_payload} & SAFETY_CODES, at_payload


@pytest.mark.parametrize("path", fixtures("benign"), ids=lambda p: p.stem)
def test_benign_look_alikes_still_pass(tmp_path: Path, path: Path) -> None:
    (tmp_path / f"{slug_of(path)}.md").write_text(case_text(path), encoding="utf-8")
    assert [d for d in run_validator(tmp_path) if d.severity is Severity.ERROR] == []


def test_crlf_and_bom_still_pass(tmp_path: Path) -> None:
    text = "\ufeff" + case_text(HOSTILE / "benign" / "diacritics.md").replace("\n", "\r\n")
    (tmp_path / "crlf.md").write_bytes(text.encode("utf-8"))
    assert run_validator(tmp_path) == []


class _Attributes(HTMLParser):
    """Every (tag, attribute, value) of an HTML text, entities decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs] or [(tag, "", "")]


def test_sanitised_payloads_keep_no_script_style_or_remote_load() -> None:
    for path in fixtures(*BODY_CLASSES):
        clean = sanitise_html(render_markdown(path.read_text(encoding="utf-8")))
        assert find_removals(clean) == [], (path, clean)
        parser = _Attributes()
        parser.feed(clean)
        for tag, name, value in parser.found:
            assert tag not in ("script", "style", "iframe", "object", "embed", "svg", "form", "base", "meta", "link")
            assert not name.startswith("on") and name not in ("style", "srcset", "background", "poster"), (path, clean)
            url = re.sub(r"[\x00-\x20]", "", value).lower()
            assert not (name == "href" and re.match(r"(javascript|vbscript|data|file|blob):", url)), (path, clean)
            assert not (name == "src" and (":" in url.split("/")[0] or url.startswith(("//", "\\")))), (path, clean)


def _make_tree(root: Path) -> None:
    for name in ("cases", "data", "docs"):
        (root / name).mkdir()
    shutil.copy(CASE_FIXTURES / "valid" / "minimal.md", root / "cases" / "minimal.md")


FILE_CASES = {
    "link-to-passwd": lambda c: (c / "passwd.md").symlink_to("/etc/passwd"),
    "link-to-dev-zero": lambda c: (c / "zero.md").symlink_to("/dev/zero"),
    "link-to-valid-case": lambda c: (c / "copy.md").symlink_to(c / "minimal.md"),
    "named-pipe": lambda c: os.mkfifo(c / "pipe.md"),
    "folder-named-like-a-case": lambda c: (c / "folder.md").mkdir(),
    "linked-folder": lambda c: (c / "more").symlink_to(CASE_FIXTURES / "valid"),
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_files_that_are_not_regular_are_refused_without_reading_them(tmp_path: Path, name: str) -> None:
    _make_tree(tmp_path)
    FILE_CASES[name](tmp_path / "cases")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "casebook"), "validate", "cases", "--data", str(DATA)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,  # a pipe or /dev/zero that was read would hang or fill memory
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^cases/\S+:1:1: error: .*\[file-type\]$", result.stdout, re.M), result.stdout


def test_links_and_pipes_in_data_and_docs_are_refused(tmp_path: Path) -> None:
    _make_tree(tmp_path)
    (tmp_path / "docs" / "secrets.md").symlink_to("/proc/self/environ")
    (tmp_path / "docs" / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "docs" / "pipe.md")
    found = {(Path(d.path).name, d.code) for d in validate_docs(tmp_path / "docs")}
    assert {("secrets.md", "file-type"), ("passwd.txt", "file-type"), ("pipe.md", "file-type")} <= found
    data = tmp_path / "data"
    for vocab in DATA.glob("*.yml"):
        shutil.copy(vocab, data / vocab.name)
    (data / "domains.yml").unlink()
    (data / "domains.yml").symlink_to(DATA / "domains.yml")
    codes = {(Path(d.path).name, d.code) for d in validate([tmp_path / "cases"], data, today=TODAY).diagnostics}
    assert ("domains.yml", "file-type") in codes


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site plus every hostile input the validator accepts (harmless once escaped or cleaned)."""
    project = make_project(tmp_path_factory.mktemp("hostile-project"))
    scratch = tmp_path_factory.mktemp("scratch")
    passing = [p for p in fixtures(*BODY_CLASSES, *FRONT_CLASSES) if accepted(p, scratch)[0]]
    for path in passing:
        (project / "cases" / f"{slug_of(path)}.md").write_text(case_text(path), encoding="utf-8")
    site = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_exports_neutralise_formulas_and_stay_well_formed(hostile_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((hostile_site / "data" / "cases.csv").read_text(encoding="utf-8"))))
    cells = [cell for row in rows if row["slug"].startswith("hostile-exports") for cell in row.values()]
    assert cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell a spreadsheet would run"
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    ET.fromstring((hostile_site / "feed.xml").read_bytes())  # raises if malformed
    json.loads((hostile_site / "feed.json").read_text(encoding="utf-8"))
    for page in (hostile_site / "cases").glob("hostile-*/index.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S):
            json.loads(block)


def _sanitised_pages(site: Path) -> dict[str, Path]:
    """Every body payload, rendered and sanitised as the build does, inside a real case page."""
    template = (site / "cases" / "golemio" / "index.html").read_text(encoding="utf-8")
    start, end = template.index("<article"), template.index("</article>")
    pages = {}
    for path in fixtures(*BODY_CLASSES):
        article = '<article class="md-content__inner md-typeset"><h1>Payload</h1>'
        article += sanitise_html(render_markdown(path.read_text(encoding="utf-8")))
        folder = site / "cases" / f"zz-{path.parent.name}-{path.stem}"
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(template[:start] + article + template[end:], encoding="utf-8")
        pages[f"{path.parent.name}/{path.stem}"] = folder / "index.html"
    return pages


def _visit(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_timeout(50)
    return page.evaluate(
        """() => {
          const article = document.querySelector('article');
          const box = article ? article.getBoundingClientRect() : {width: 0, height: 0, left: 0, top: 0};
          const h1 = article && article.querySelector('h1');
          let covered = false;
          if (h1) {
            const r = h1.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
            covered = !(hit && (h1.contains(hit) || hit === h1));
          }
          return {pwned: window.__pwned || null, csp: window.__csp, width: box.width, height: box.height, covered,
                  hidden: getComputedStyle(document.body).display === 'none'};
        }"""
    )


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    page = browser.new_page()
    page.add_init_script(WATCH)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: d.dismiss())
    yield page, requests
    page.close()


def _foreign(requests: list[str], base: str) -> list[str]:
    if base.startswith("file:"):
        return [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    host = urlsplit(base).netloc
    return [u for u in requests if urlsplit(u).netloc != host and not u.startswith(("data:", "blob:", "about:"))]


def _serve(site: Path) -> Iterator[str]:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from _serve(hostile_site)


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_published_hostile_pages_run_no_script_load_nothing_and_stay_visible(
    hostile_site: Path, hostile_url: str, watched: tuple[Any, list[str]], scheme: str
) -> None:
    page, requests = watched
    pages = _sanitised_pages(hostile_site)
    built = {p.parent.name: p for p in (hostile_site / "cases").glob("hostile-*/index.html")}
    assert any(name.startswith("hostile-markup") for name in built), "no accepted payload was built"
    pages |= built
    assert len(pages) >= 100
    problems = {}
    for name, file in sorted(pages.items()):
        requests.clear()
        relative = file.relative_to(hostile_site).as_posix()
        url = file.as_uri() if scheme == "file" else hostile_url + relative
        state = _visit(page, url)
        foreign = _foreign(requests, url)
        if state["pwned"] or foreign or state["csp"] or state["hidden"] or state["covered"] or not state["height"]:
            problems[name] = {**state, "foreign": foreign}
    assert problems == {}


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_an_inline_script_that_bypassed_the_sanitiser_is_blocked_by_the_csp(
    hostile_site: Path, hostile_url: str, watched: tuple[Any, list[str]], scheme: str
) -> None:
    page, _ = watched
    finished: list[str] = []
    page.on("requestfinished", lambda r: finished.append(r.url))
    golemio = hostile_site / "cases" / "golemio" / "index.html"
    payload = f'<script>{MARKER}=1</script><img src="https://evil.invalid/x.png"><p style="display:none">s</p>'
    injected = golemio.read_text(encoding="utf-8").replace("</article>", payload + "</article>")
    target = hostile_site / "cases" / "golemio" / "injected.html"
    target.write_text(injected, encoding="utf-8")
    url = target.as_uri() if scheme == "file" else hostile_url + "cases/golemio/injected.html"
    state = _visit(page, url)
    assert state["pwned"] is None
    assert any(v.startswith("script-src") for v in state["csp"]), state["csp"]
    assert any("evil.invalid" in v for v in state["csp"]), state["csp"]
    assert _foreign(finished, url) == []  # the request was refused before it left the browser
