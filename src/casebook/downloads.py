"""The downloads area: every file a reader can take away (offline edition, data, catalogue, citation),
each with its size and date, and which files outside the docs tree the site publishes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from casebook.index import Index
from casebook.markdown import file_url, h, html_list
from casebook.render_case import SiteInfo

ZIP = "downloads/ground-up-offline.zip"
ZIP_BUILT = "dist/ground-up-offline.zip"  # where `make offline` packs it, below the project root
CITATION_CFF = "data/CITATION.cff"
# path below the site root -> (name, what it holds)
DOWNLOADS = {
    ZIP: ("Offline edition (zip)", "The whole site, to read without a connection: unzip it and open START-HERE.html."),
    "data/cases.csv": ("Cases as CSV", "One row per case, for spreadsheets."),
    "data/cases.json": ("Cases as JSON", "Every case with all its fields."),
    "data/catalog.jsonld": ("DCAT-AP catalogue", "A description of this dataset for open data portals (JSON-LD)."),
    CITATION_CFF: ("CITATION.cff", "How to cite the knowledge base as a whole."),
}


def published_files(root: Path, site: SiteInfo) -> dict[str, Path]:
    """Files from outside the docs folder that the site publishes as they are: the citation file, and
    the offline zip when `make offline` has built it (never inside the offline edition itself)."""
    files = {CITATION_CFF: root / "CITATION.cff"}
    if site.directory_urls:
        files[ZIP] = root / ZIP_BUILT
    return {path: source for path, source in files.items() if source.is_file() and not source.is_symlink()}


def format_size(size: int) -> str:
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _size(content: str | Path) -> int:
    return content.stat().st_size if isinstance(content, Path) else len(content.encode("utf-8"))


def _date(path: str, content: str | Path, corpus_date: str) -> str:
    """The content's own date: CITATION.cff's `date-released` when it has one, else the corpus's newest."""
    if path == CITATION_CFF and isinstance(content, Path):
        found = re.search(r"^date-released:\s*['\"]?(\d{4}-\d{2}-\d{2})", content.read_text(encoding="utf-8"), re.M)
        if found:
            return found.group(1)
    return corpus_date


def render_downloads(index: Index, site: SiteInfo, files: Mapping[str, str | Path], source: str) -> str:
    """The downloads for the page built from `source`: each file's name, size, date and what it holds,
    as a list (a table would scroll sideways on a phone)."""
    corpus_date = index.reference_date.isoformat() if index.cases else ""
    items = []
    for path, (name, what) in DOWNLOADS.items():
        content = files.get(path)
        if content is None:
            if path == ZIP and not site.directory_urls and site.url:  # the offline edition: the latest, online
                items.append(
                    f'<a href="{h(site.url + ZIP)}"><strong>{h(name)}</strong></a>: the latest edition, online.'
                )
            elif path == ZIP:
                items.append(f"<strong>{h(name)}</strong>: not part of this build.")
            continue
        date = h(_date(path, content, corpus_date))
        items.append(
            f'<a href="{h(file_url(path, source))}"><strong>{h(name)}</strong></a> '
            f'<span class="gu-download-meta">({h(format_size(_size(content)))}, '
            f'<time datetime="{date}">{date}</time>)</span><br>{h(what)}'
        )
    return '<div class="gu-downloads">\n' + html_list(items) + "</div>\n"
