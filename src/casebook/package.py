"""Packing a built site for offline readers: drop what it does not use, then a reproducible zip."""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Iterable
from pathlib import Path

from casebook.markdown import plural

# Fixed timestamp and permissions, so the same site always packs to the same bytes.
ZIP_DATE = (2025, 1, 1, 0, 0, 0)
# What an offline Material for MkDocs build leaves that no page uses: source maps, the sitemap, the
# JSON search index (the offline plugin inlines it as search_index.js), stemmers for other
# languages than English, and the 404 page (no server to serve it).
MATERIAL_OFFLINE_UNUSED = ("*.map", "sitemap.xml*", "search/search_index.json", "assets/javascripts/lunr/*", "404.html")


def prune(site: Path, patterns: Iterable[str]) -> list[Path]:
    """Delete files whose path below `site` matches any glob; return what was deleted."""
    patterns = list(patterns)
    removed = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and any(fnmatch.fnmatch(relative, p) for p in patterns):
            path.unlink()
            removed.append(path)
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed


START_HERE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url={folder}/index.html">
<title>Ground Up: start here</title>
</head>
<body>
<h1>Ground Up, offline edition</h1>
<p><a href="{folder}/index.html">Open the knowledge base</a> (the file {folder}/index.html).</p>
<p>Keep the folder {folder} next to this file: the pages link to each other inside it.</p>
</body>
</html>
"""
README = """Ground Up: case studies of local governments collaborating on open source
Offline edition

To read it, open START-HERE.html in a web browser (double-click it), or open
{folder}/index.html. Everything works without a connection, search included.
Unzip the whole archive first: the pages link to each other inside the folder {folder}.

The data files are in {folder}/data/: cases.csv, cases.json, the DCAT-AP catalogue
catalog.jsonld and CITATION.cff. Content: CC BY 4.0 (credit "Ground Up contributors").
Code: EUPL-1.2. The latest edition is on the website, under Data > Downloads.
"""


def write_zip(site: Path, target: Path, folder: str) -> int:
    """Zip every file of `site` under a top folder `folder`, with START-HERE.html and README.txt beside
    that folder (what a reader sees first on opening the zip); return the zip's size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in (("START-HERE.html", START_HERE), ("README.txt", README)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            newline = "\r\n" if name.endswith(".txt") else "\n"  # Notepad on older Windows wants CRLF
            archive.writestr(info, text.format(folder=folder).replace("\n", newline).encode("utf-8"))
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    """`python -m casebook.package SITE ZIP --drop GLOB ...`, used by `make offline`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m casebook.package", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("zip", type=Path, help="the zip file to write")
    parser.add_argument(
        "--drop",
        action="append",
        metavar="GLOB",
        help="files the site does not use (default: what Material's offline build leaves unused)",
    )
    parser.add_argument("--folder", default="ground-up", help="top folder inside the zip (default: ground-up)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"'{args.site}' is not a built site (no index.html)")
    removed = prune(args.site, args.drop or MATERIAL_OFFLINE_UNUSED)
    size = write_zip(args.site, args.zip, args.folder)
    print(f"dropped {plural(len(removed), 'unused file')}; wrote {args.zip} ({size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
