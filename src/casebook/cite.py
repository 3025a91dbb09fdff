"""How to cite a case: the text citation, BibTeX, CSL-JSON and RIS, all from its front matter and URL."""

from __future__ import annotations

import json
import re
from typing import Any

AUTHOR = "Ground Up contributors"
PUBLISHER = "Ground Up"
CONTAINER = "Ground Up: case studies of local governments collaborating on open source"
FORMATS = {"bib": "BibTeX", "json": "CSL-JSON", "ris": "RIS"}  # per-case files, by extension


def cite_path(slug: str, extension: str) -> str:
    return f"data/cite/{slug}.{extension}"


def _revised(meta: dict[str, Any]) -> str:
    return str(meta.get("updated") or meta["published"])


def _note(meta: dict[str, Any]) -> str:
    return f"Version of {_revised(meta)}; facts reviewed {meta['reviewed']}; CC BY 4.0"


def render_text_citation(url: str, meta: dict[str, Any]) -> str:
    return (
        f'{AUTHOR} ({meta["published"][:4]}). "{meta["title"]}". {CONTAINER}. '
        f"Version of {_revised(meta)}, facts reviewed {meta['reviewed']}. {url}"
    )


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text.replace("\\", "\\textbackslash "))


def render_bibtex(slug: str, url: str, meta: dict[str, Any]) -> str:
    return (
        f"@misc{{groundup-{slug},\n  author = {{{{{AUTHOR}}}}},\n"
        f"  title = {{{{{_bibtex_escape(meta['title'])}}}}},\n  year = {{{meta['published'][:4]}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n  note = {{{_note(meta)}}}\n}}"
    )


def _date_parts(date: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in date.split("-")]]}


def render_csl_json(slug: str, url: str, meta: dict[str, Any]) -> str:
    """A CSL-JSON list of one item, as Zotero, Pandoc and citeproc read it."""
    item = {
        "id": f"groundup-{slug}",
        "type": "webpage",
        "title": meta["title"],
        "author": [{"literal": AUTHOR}],
        "container-title": CONTAINER,
        "publisher": PUBLISHER,
        "issued": _date_parts(meta["published"]),
        "version": _revised(meta),
        "URL": url,
        "abstract": meta["summary"],
        "note": _note(meta),
        "language": "en",
    }
    return json.dumps([item], indent=2, ensure_ascii=False) + "\n"


def render_ris(url: str, meta: dict[str, Any]) -> str:
    """An RIS record (tags as RefMan defines them; CRLF line ends, as reference managers expect)."""
    published = meta["published"]
    lines = [
        ("TY", "ELEC"),
        ("AU", AUTHOR),
        ("TI", meta["title"]),
        ("T2", CONTAINER),
        ("PY", published[:4]),
        ("DA", published.replace("-", "/")),
        ("PB", PUBLISHER),
        ("UR", url),
        ("AB", meta["summary"]),
        ("N1", _note(meta)),
        ("LA", "en"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def render_citations(slug: str, url: str, meta: dict[str, Any]) -> dict[str, str]:
    """The case's citation files by path below the site root."""
    return {
        cite_path(slug, "bib"): render_bibtex(slug, url, meta) + "\n",
        cite_path(slug, "json"): render_csl_json(slug, url, meta),
        cite_path(slug, "ris"): render_ris(url, meta),
    }
