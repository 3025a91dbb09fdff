"""Open data exports of the corpus: JSON, CSV, DCAT-AP 3.0 catalogue, Atom and JSON feeds, citation files.

Every export is deterministic: sorted, stable key order, '\\n' line ends (CSV: '\\r\\n' as RFC 4180
asks), and dates only from the content, never from the clock or git.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pycountry

from casebook.cite import render_citations
from casebook.editorial import is_stale
from casebook.index import Index
from casebook.render_case import SiteInfo, case_url
from casebook.schema import FIELDS, render_json_schema, render_records_schema

TITLE = "Ground Up: case studies of local governments collaborating on open source"
DESCRIPTION = (
    "Case studies of how local and regional governments in Europe collaborate on open source to build "
    "sovereign public digital infrastructure, with governance models, mechanisms and recommendations."
)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
EU = "http://publications.europa.eu/resource/authority/"
THEMES = (("GOVE", "Government and public sector"), ("TECH", "Science and technology"))  # EU data themes
MEDIA_TYPES = {
    "cases.json": "application/json",
    "cases.csv": "text/csv",
    "case.schema.json": "application/schema+json",
    "cases.schema.json": "application/schema+json",
    "catalog.jsonld": "application/ld+json",
}
FILE_TYPES = {
    "cases.json": "JSON",
    "cases.csv": "CSV",
    "case.schema.json": "JSON",
    "cases.schema.json": "JSON",
    "catalog.jsonld": "JSON_LD",
}


def case_record(index: Index, site: SiteInfo, slug: str) -> dict[str, Any]:
    """All front matter fields in schema order, plus slug and URL."""
    meta = index.meta(slug)
    record: dict[str, Any] = {"slug": slug, "url": case_url(site, slug)}
    for f in FIELDS:  # optional fields a case leaves out are left out here too (never null)
        value = meta.get(f.name, [] if f.type == "list" else None)
        if value is not None:
            record[f.name] = value
    # Derived, not written: whether each figure is over five years older than the corpus's newest date.
    record["adoption"] = [a | {"stale": is_stale(a["as_of"], index.reference_date)} for a in record["adoption"]]
    return record


def render_cases_json(index: Index, site: SiteInfo) -> str:
    records = [case_record(index, site, slug) for slug in index.cases]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


LANGUAGE = "en"  # the language of the content; a fork writing in another language changes it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise_formula("; ".join(_cell(v) for v in value))
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in value.items() if v not in (None, ""))
    return neutralise_formula(str(value)) if isinstance(value, str) else str(value)


def neutralise_formula(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's rule)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def xml_text(text: object) -> str:
    """Text escaped for XML 1.0, without the characters XML cannot carry at all (C0 controls)."""
    return escape(XML_INVALID.sub("", str(text)))


CSV_OBJECT_COLUMNS: dict[str, Callable[[dict[str, Any]], str]] = {
    "software": lambda s: f"{s['name']} ({s.get('licence') or 'licence not stated'})",
    "organisations": lambda o: f"{o['name']} ({o['role']})",
    "adoption": lambda a: f"{a['count']} {a['unit']} ({a['as_of']}{', stale' if a['stale'] else ''})",
    "sources": lambda s: s["url"],
    "recommendations": lambda r: r["id"],
}


def render_cases_csv(index: Index, site: SiteInfo) -> str:
    """One row per case; lists joined with '; '; software, organisations, adoption, sources summarised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["slug", "url", *(f.name for f in FIELDS)]
    writer.writerow(header)
    for slug in index.cases:
        record = case_record(index, site, slug)
        row = []
        for name in header:
            value = record.get(name)
            if name in CSV_OBJECT_COLUMNS:
                value = [CSV_OBJECT_COLUMNS[name](item) for item in value or []]
            row.append(_cell(value))
        writer.writerow(row)
    return out.getvalue()


def _alpha3(code: str) -> str:
    """The EU country authority table is keyed by ISO 3166-1 alpha-3."""
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else code


def _dates(index: Index) -> tuple[str, str]:
    published = [index.meta(s)["published"] for s in index.cases]
    modified = [index.meta(s).get("updated") or index.meta(s)["published"] for s in index.cases]
    return (min(published), max(modified)) if published else ("2025-01-01", "2025-01-01")


def render_catalog(index: Index, site: SiteInfo) -> str:
    """A DCAT-AP 3.0 catalogue of one dataset (the corpus) and its distributions, as JSON-LD."""
    base = site.url or "./"
    issued, modified = _dates(index)
    countries = sorted({c for s in index.cases for c in index.meta(s)["countries"]})
    spatial = [{"@id": f"{EU}country/{_alpha3(c)}", "@type": "dct:Location"} for c in countries]
    publisher = {"@id": f"{base}#publisher", "@type": "foaf:Agent", "foaf:name": "Ground Up contributors"}
    licence = {"@id": LICENCE, "@type": "dct:LicenseDocument"}
    date = {"@type": "xsd:date"}
    distributions = []
    for name, media in MEDIA_TYPES.items():
        distributions.append(
            {
                "@id": f"{base}data/{name}#distribution",
                "@type": "dcat:Distribution",
                "dct:title": name,
                "dcat:accessURL": {"@id": f"{base}data/{name}", "@type": "rdfs:Resource"},
                "dcat:downloadURL": {"@id": f"{base}data/{name}", "@type": "rdfs:Resource"},
                "dcat:mediaType": {
                    "@id": f"https://www.iana.org/assignments/media-types/{media}",
                    "@type": "dct:MediaType",
                },
                "dct:format": {"@id": f"{EU}file-type/{FILE_TYPES[name]}", "@type": "dct:MediaTypeOrExtent"},
                "dct:license": licence,
            }
        )
    dataset = {
        "@id": f"{base}data/#dataset",
        "@type": "dcat:Dataset",
        "dct:title": {"@value": TITLE, "@language": "en"},
        "dct:description": {"@value": DESCRIPTION, "@language": "en"},
        "dct:publisher": publisher,
        "dct:issued": date | {"@value": issued},
        "dct:modified": date | {"@value": modified},
        "dcat:theme": [
            {
                "@id": f"{EU}data-theme/{code}",
                "@type": "skos:Concept",
                "skos:prefLabel": {"@value": label, "@language": "en"},
            }
            for code, label in THEMES
        ],
        "dct:spatial": spatial,
        "dcat:landingPage": {"@id": base, "@type": "foaf:Document"},
        "dcat:keyword": sorted(index.vocabs["domains"].name_of(d) for d in index.by_domain),
        "dcat:distribution": distributions,
    }
    catalog = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        },
        "@id": f"{base}data/catalog.jsonld#catalog",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Ground Up open data catalogue", "@language": "en"},
        "dct:description": {"@value": "The Ground Up case corpus and its downloads.", "@language": "en"},
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:modified": date | {"@value": modified},
        "foaf:homepage": {"@id": base, "@type": "foaf:Document"},
        "dcat:dataset": [dataset],
    }
    return json.dumps(catalog, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _entries(index: Index) -> list[str]:
    """Cases, newest change first."""
    return sorted(
        index.cases, key=lambda s: (index.meta(s).get("updated") or index.meta(s)["published"], s), reverse=True
    )


def render_atom(index: Index, site: SiteInfo) -> str:
    _, modified = _dates(index)
    base = site.url or "./"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{LANGUAGE}">',
        f"  <title>{xml_text(TITLE)}</title>",
        f"  <id>{xml_text(base)}</id>",
        f'  <link rel="alternate" href="{xml_text(base)}"/>',
        f'  <link rel="self" href="{xml_text(base)}feed.xml"/>',
        f"  <updated>{modified}T00:00:00Z</updated>",
        "  <author><name>Ground Up contributors</name></author>",
        f"  <rights>CC BY 4.0 ({xml_text(LICENCE)})</rights>",
    ]
    for slug in _entries(index):
        meta, url = index.meta(slug), case_url(site, slug)
        updated = meta.get("updated") or meta["published"]
        lines += [
            "  <entry>",
            f"    <title>{xml_text(meta['title'])}</title>",
            f"    <id>{xml_text(url)}</id>",
            f'    <link rel="alternate" href="{xml_text(url)}"/>',
            f"    <published>{meta['published']}T00:00:00Z</published>",
            f"    <updated>{updated}T00:00:00Z</updated>",
            f"    <summary>{xml_text(meta['summary'])}</summary>",
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>"]) + "\n"


def render_json_feed(index: Index, site: SiteInfo) -> str:
    base = site.url or "./"
    items = []
    for slug in _entries(index):
        meta, url = index.meta(slug), case_url(site, slug)
        items.append(
            {
                "id": url,
                "url": url,
                "title": meta["title"],
                "summary": meta["summary"],
                "content_text": meta["summary"],
                "date_published": f"{meta['published']}T00:00:00Z",
                "date_modified": f"{meta.get('updated') or meta['published']}T00:00:00Z",
                "tags": [meta["domain"], meta["governance_model"], *meta["countries"]],
            }
        )
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "home_page_url": base,
        "feed_url": f"{base}feed.json",
        "description": DESCRIPTION,
        "language": "en",
        "authors": [{"name": "Ground Up contributors"}],
        "items": items,
    }
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"


def render_exports(index: Index, site: SiteInfo) -> dict[str, str]:
    """Every data file, keyed by its path below the site root."""
    citations = {
        path: text
        for slug in index.cases
        for path, text in render_citations(slug, case_url(site, slug), index.meta(slug)).items()
    }
    return citations | {
        "data/cases.json": render_cases_json(index, site),
        "data/cases.csv": render_cases_csv(index, site),
        "data/case.schema.json": render_json_schema(index.vocabs),
        "data/cases.schema.json": render_records_schema(index.vocabs),
        "data/catalog.jsonld": render_catalog(index, site),
        "feed.xml": render_atom(index, site),
        "feed.json": render_json_feed(index, site),
    }


def write_exports(index: Index, site: SiteInfo, out: Path) -> list[Path]:
    written = []
    for name, text in render_exports(index, site).items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written
