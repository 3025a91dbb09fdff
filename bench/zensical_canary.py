"""Zensical canary: how far `zensical build` is from the site MkDocs builds, as a JSON and Markdown report.

Usage: python bench/zensical_canary.py [--docs DIR] [--mkdocs-site DIR] [--out DIR] [--zensical EXE]
Zensical runs no hooks, so it is given the Markdown the hook would generate as plain files: by
default the engine's pages written beside docs/ (bench/build.py's `_plain`), or a folder given with
--docs (what `casebook generate --out DIR` will write). The reference is `mkdocs build --strict` of
the project (or --mkdocs-site). Report in --out (default bench/out/zensical-canary/): page counts,
pages only in one build, the links per page that differ, and requests to third-party hosts.
Exit code 1 when Zensical fails to build; a difference is reported, never a failure.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _plain
from validate import ENV, ROOT

# Attributes that make a browser fetch something when the page loads (not <a href>: a click does).
FETCHED = {"script": "src", "img": "src", "source": "src", "iframe": "src", "video": "src", "audio": "src"}
NOT_FETCHED_LINKS = {"canonical", "alternate", "author", "license", "next", "prev", "search"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?://[^'")\s]+)""")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LIMIT = 20  # items per list in the Markdown report; the JSON has all


class _Page(HTMLParser):
    """The links (<a href>) and the fetched URLs (scripts, styles, images, fonts, frames) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and not set(a.get("rel", "").split()) & NOT_FETCHED_LINKS:
            self.fetched.append(a.get("href", ""))
        elif tag in FETCHED:
            self.fetched.append(a.get(FETCHED[tag], ""))
        if "srcset" in a:
            self.fetched.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if "style" in a:
            self.fetched.extend(CSS_URL.findall(a["style"]))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.fetched.extend(CSS_URL.findall(data))


def inventory(site: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per page, its links resolved against the page's URL; per third-party URL, the files that fetch it."""
    own = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url", "")).netloc
    links: dict[str, list[str]] = {}
    third: dict[str, set[str]] = {}

    def note(url: str, where: str) -> None:
        host = urlsplit(url).netloc
        if url.startswith(("http://", "https://", "//")) and host != own:
            third.setdefault(url, set()).add(where)

    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        base = "/" + posixpath.dirname(name) + "/" if "/" in name else "/"
        # Same-page anchors stay as written, so one theme link counts once across pages.
        links[name] = sorted({href if href.startswith("#") else urljoin(base, href) for href in page.links})
        for url in page.fetched:
            note(url, name)
    for path in sorted(site.rglob("*.css")):
        for url in CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            note(url, path.relative_to(site).as_posix())
    return links, {url: sorted(files) for url, files in sorted(third.items())}


def _data_files(site: Path) -> set[str]:
    """Files that are not pages nor the theme's assets: feeds, sitemaps, the search index."""
    files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix != ".html")
    return {name for name in files if not name.startswith("assets/")}


def compare(mkdocs: Path, zensical: Path) -> dict[str, Any]:
    m_links, m_third = inventory(mkdocs)
    z_links, z_third = inventory(zensical)
    common = sorted(set(m_links) & set(z_links))
    differences = {}
    for page in common:
        only_m, only_z = (
            sorted(set(m_links[page]) - set(z_links[page])),
            sorted(set(z_links[page]) - set(m_links[page])),
        )
        if only_m or only_z:
            differences[page] = {"only_mkdocs": only_m, "only_zensical": only_z}
    by_href: dict[tuple[str, str], int] = {}
    for d in differences.values():
        for build in ("mkdocs", "zensical"):
            for href in d[f"only_{build}"]:
                by_href[build, href] = by_href.get((build, href), 0) + 1
    most = sorted(by_href.items(), key=lambda item: (-item[1], item[0]))
    return {
        "pages": {"mkdocs": len(m_links), "zensical": len(z_links), "in_both": len(common)},
        "only_in_mkdocs": sorted(set(m_links) - set(z_links)),
        "only_in_zensical": sorted(set(z_links) - set(m_links)),
        "data_files_only_in_mkdocs": sorted(_data_files(mkdocs) - _data_files(zensical)),
        "data_files_only_in_zensical": sorted(_data_files(zensical) - _data_files(mkdocs)),
        "links": {
            "pages_compared": len(common),
            "pages_differing": len(differences),
            "differences": differences,
            "by_href": [{"href": href, "only_in": build, "pages": n} for (build, href), n in most],
        },
        "third_party": {"mkdocs": m_third, "zensical": z_third},
    }


def _run(command: list[str], cwd: Path, log: Path) -> tuple[int, float]:
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=1200, env=ENV)
    log.write_text(ANSI.sub("", result.stdout + result.stderr), encoding="utf-8")
    return result.returncode, round(time.monotonic() - start, 2)


def _version(exe: str) -> str:
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    return ANSI.sub("", result.stdout).strip().splitlines()[-1] if result.returncode == 0 else "unknown"


def format_markdown(r: dict[str, Any]) -> str:
    def items(values: Iterable[str]) -> str:
        values = list(values)
        more = f"- … and {len(values) - LIMIT} more (see report.json)\n" if len(values) > LIMIT else ""
        return "".join(f"- `{v}`\n" for v in values[:LIMIT]) + more or "none\n"

    pages, links, third = r["pages"], r["links"], r["third_party"]
    differing = (
        f"{page}: {len(d['only_mkdocs'])} only in MkDocs, {len(d['only_zensical'])} only in Zensical"
        for page, d in links["differences"].items()
    )
    lines = [
        "# Zensical canary\n",
        f"Zensical {r['zensical_version']} (exit {r['zensical_exit']}, {r['zensical_issues']}, {r['zensical_s']} s) "
        f"against MkDocs {r['mkdocs_version']} ({r['mkdocs_s']} s), on {r['docs']}.\n",
        "| | MkDocs | Zensical |\n|---|---:|---:|",
        f"| HTML pages | {pages['mkdocs']} | {pages['zensical']} |",
        f"| third-party URLs fetched | {len(third['mkdocs'])} | {len(third['zensical'])} |\n",
        f"## Pages only MkDocs built ({len(r['only_in_mkdocs'])})\n",
        items(r["only_in_mkdocs"]),
        f"## Pages only Zensical built ({len(r['only_in_zensical'])})\n",
        items(r["only_in_zensical"]),
        "## Data files only in one build\n",
        items(
            [f"MkDocs: {f}" for f in r["data_files_only_in_mkdocs"]]
            + [f"Zensical: {f}" for f in r["data_files_only_in_zensical"]]
        ),
        f"## Links: {links['pages_differing']} of {links['pages_compared']} pages in both differ\n",
        items(differing),
        "The links that differ most often (on how many pages):\n",
        items(f"{d['href']} only in {d['only_in']}: {d['pages']}" for d in links["by_href"]),
    ]
    for build in ("zensical", "mkdocs"):
        lines += [f"## Third-party URLs fetched by the {build} build\n", items(third[build])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, help="a folder of Markdown with the generated pages already in it")
    parser.add_argument("--mkdocs-site", type=Path, help="an existing `mkdocs build` of the project")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "zensical-canary")
    local = Path(sys.executable).parent / "zensical"
    parser.add_argument("--zensical", default=str(local) if local.exists() else shutil.which("zensical"))
    args = parser.parse_args()
    if not (args.zensical and shutil.which(args.zensical)):
        parser.error(f"zensical not found ({args.zensical}); pip install -e '.[canary]' or give --zensical")
    out: Path = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    report: dict[str, Any] = {"zensical_version": _version(args.zensical), "mkdocs_version": version("mkdocs")}
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        plain.mkdir()
        if args.docs:
            shutil.copytree(args.docs, plain / "docs")
            config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
            config.pop("hooks", None)
            config["watch"] = []
            (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        else:
            _plain(plain, ROOT)  # the engine's pages and the inserts, written as files; no hook
        report["docs"] = str(args.docs or "docs/ + the engine's generated pages")
        code, report["zensical_s"] = _run([args.zensical, "build", "-f", "mkdocs.yml"], plain, out / "zensical.log")
        report["zensical_exit"] = code
        log = (out / "zensical.log").read_text(encoding="utf-8")
        report["zensical_issues"] = next((ln for ln in log.splitlines() if "issues found" in ln), "no issues line")
        if (plain / "site").exists():
            shutil.move(plain / "site", out / "zensical-site")
    if args.mkdocs_site:
        reference, report["mkdocs_s"] = args.mkdocs_site.resolve(), 0.0
    else:
        reference = out / "mkdocs-site"
        command = [str(mkdocs), "build", "--strict", "-d", str(reference)]
        mk_code, report["mkdocs_s"] = _run(command, ROOT, out / "mkdocs.log")
        if mk_code:
            print(f"mkdocs build failed, see {out / 'mkdocs.log'}", file=sys.stderr)
            return 2
    zensical_site = out / "zensical-site"
    zensical_site.mkdir(exist_ok=True)
    report |= compare(reference, zensical_site)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "report.md").write_text(format_markdown(report), encoding="utf-8")
    print((out / "report.md").read_text(encoding="utf-8").split("## Pages only")[0])
    print(f"report: {out / 'report.md'} and report.json")
    return 1 if code else 0


if __name__ == "__main__":
    sys.exit(main())
