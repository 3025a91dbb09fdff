"""The open data exports, read from a real built site: complete, faithful, conformant, deterministic."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyshacl
import pytest
import rdflib
import yaml

from casebook.export import render_cases_csv, render_cases_json
from casebook.index import Index
from casebook.load import find_case_files, load_case
from casebook.render_case import SiteInfo, render_facts, render_jsonld, render_sources
from casebook.schema import FIELDS
from helpers import CASE_FIXTURES, DATA, ROOT, SITE_FIXTURES, build_site, make_project

SHAPES = ROOT / "tests" / "vendor" / "dcat-ap-3.0.0-SHACL.ttl"
EXPORTS = (
    "data/cases.json",
    "data/cases.csv",
    "data/case.schema.json",
    "data/cases.schema.json",
    "data/catalog.jsonld",
    "feed.xml",
    "feed.json",
)


@pytest.fixture(scope="module")
def front_matter() -> dict[str, dict]:  # type: ignore[type-arg]
    """Every case's front matter as written, read independently of the site build."""
    paths = [*find_case_files([ROOT / "cases"]), *SITE_FIXTURES]
    cases = {}
    for path in paths:
        case, problems = load_case(path, path.name)
        assert case is not None, problems
        cases[case.slug] = case.meta
    return cases


def test_cases_json_has_every_case_with_its_front_matter(built_site: Path, front_matter: dict) -> None:  # type: ignore[type-arg]
    records = json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert [r["slug"] for r in records] == sorted(front_matter)
    for record in records:
        meta = front_matter[record["slug"]]
        assert record["url"].endswith(f"/cases/{record['slug']}/")
        for f in FIELDS:
            value = record.get(f.name, [] if f.type == "list" else None)
            if f.name == "adoption":  # each figure gains a derived 'stale' mark
                assert all(isinstance(a.pop("stale"), bool) for a in value)
            assert value == meta.get(f.name, [] if f.type == "list" else None), (record["slug"], f.name)


def test_cases_csv_has_one_rfc4180_row_per_case(built_site: Path, front_matter: dict) -> None:  # type: ignore[type-arg]
    raw = (built_site / "data" / "cases.csv").read_bytes()
    assert raw.count(b"\r\n") >= len(front_matter) + 1
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [row["slug"] for row in rows] == sorted(front_matter)
    for row in rows:
        meta = front_matter[row["slug"]]
        assert row["title"] == meta["title"]
        assert row["summary"] == meta["summary"]
        assert row["countries"] == "; ".join(meta["countries"])
        assert row["started"] == str(meta["started"])
        assert row["sources"] == "; ".join(s["url"] for s in meta["sources"])


def test_catalogue_conforms_to_the_dcat_ap_3_shapes(built_site: Path, front_matter: dict) -> None:  # type: ignore[type-arg]
    data = rdflib.Graph().parse(built_site / "data" / "catalog.jsonld", format="json-ld")
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report
    catalog = json.loads((built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    dataset = catalog["dcat:dataset"][0]
    assert dataset["dct:issued"]["@value"] == min(m["published"] for m in front_matter.values())
    assert dataset["dct:modified"]["@value"] == max(m.get("updated") or m["published"] for m in front_matter.values())
    countries = {c for m in front_matter.values() for c in m["countries"]}
    assert len(dataset["dct:spatial"]) == len(countries)
    assert {d["dct:title"] for d in dataset["dcat:distribution"]} == {
        "cases.json",
        "cases.csv",
        "case.schema.json",
        "cases.schema.json",
        "catalog.jsonld",
    }


def test_feeds_have_one_entry_per_case_dated_from_the_content(built_site: Path, front_matter: dict) -> None:  # type: ignore[type-arg]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = ET.parse(built_site / "feed.xml").getroot()
    entries = atom.findall("a:entry", ns)
    assert len(entries) == len(front_matter)
    for entry in entries:
        slug = entry.findtext("a:id", namespaces=ns).rstrip("/").rsplit("/", 1)[1]  # type: ignore[union-attr]
        meta = front_matter[slug]
        assert entry.findtext("a:title", namespaces=ns) == meta["title"]
        assert entry.findtext("a:published", namespaces=ns) == f"{meta['published']}T00:00:00Z"
    feed = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == len(front_matter)


def test_every_page_links_the_feeds_in_its_head(built_site: Path) -> None:
    for page in ("index.html", "cases/golemio/index.html", "explore/index.html", "data/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert 'type="application/atom+xml"' in head and 'type="application/feed+json"' in head, page


def test_two_builds_give_byte_identical_exports(built_site: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    make_project(project, SITE_FIXTURES)
    again = tmp_path / "site"
    assert build_site(project, again).returncode == 0
    for name in EXPORTS:
        assert (again / name).read_bytes() == (built_site / name).read_bytes(), name


def test_export_command_writes_the_same_files_as_the_site(built_site: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    cases = tmp_path / "cases"
    cases.mkdir()
    for path in [*find_case_files([ROOT / "cases"]), *SITE_FIXTURES]:
        (cases / path.name).write_bytes(path.read_bytes())
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["site_url"]
    exe = Path(sys.executable).parent / "casebook"
    result = subprocess.run(
        [
            str(exe),
            "export",
            "--out",
            str(tmp_path / "out"),
            "--cases",
            str(cases),
            "--data",
            str(ROOT / "data"),
            "--site-url",
            site_url,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for name in EXPORTS:
        assert (tmp_path / "out" / name).read_bytes() == (built_site / name).read_bytes(), name


def test_citation_cff_describes_the_dataset() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["license"] == "CC-BY-4.0"
    assert cff["title"].startswith("Ground Up")


def _fixture_index(*paths: Path) -> Index:
    from casebook.vocab import load_vocabularies

    cases = []
    for path in paths:
        case, problems = load_case(path, path.name)
        assert case is not None, problems
        cases.append(case)
    return Index.build(cases, load_vocabularies(DATA)[0])


def test_adoption_figures_older_than_five_years_are_marked_everywhere() -> None:
    # The reference date is the newest date in the content (2025-02-01 here), never the clock.
    index = _fixture_index(
        CASE_FIXTURES / "valid" / "full.md", CASE_FIXTURES / "warnings" / "stale-adoption--newest-figure-from-2019.md"
    )
    assert str(index.reference_date) == "2025-02-01"
    records = {r["slug"]: r for r in json.loads(render_cases_json(index, SiteInfo()))}
    assert [a["stale"] for a in records["full"]["adoption"]] == [False]
    assert [a["stale"] for a in records["stale-adoption--newest-figure-from-2019"]["adoption"]] == [True, True]
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(render_cases_csv(index, SiteInfo())))}
    assert rows["full"]["adoption"] == "12 Swedish municipalities (2024)"
    assert rows["stale-adoption--newest-figure-from-2019"]["adoption"] == (
        "12 Swedish municipalities (2019, stale); 8 Swedish municipalities (2017, stale)"
    )
    assert "12 Swedish municipalities (2024, approximate)" in render_facts(index, "full")
    facts = render_facts(index, "stale-adoption--newest-figure-from-2019")
    assert "12 Swedish municipalities (as of 2019, approximate)<br>8 Swedish municipalities (as of 2017)" in facts


def test_sources_show_when_they_were_read_and_their_archived_copy() -> None:
    index = _fixture_index(CASE_FIXTURES / "valid" / "full.md")
    sources = render_sources(index.meta("full"))
    archived = "https://web.archive.org/web/20250201000000/https://example.net/report"
    assert f'Example Association, 2024-05-01. Accessed 2025-02-01 · <a href="{archived}">archived copy</a>.' in sources
    assert "Accessed" not in sources.splitlines()[2]  # <ol>, the first source, the second
    record = json.loads(render_cases_json(index, SiteInfo()))[0]
    assert record["sources"][0]["accessed"] == "2025-02-01" and record["sources"][0]["archived"] == archived
    jsonld = json.loads(render_jsonld(index, SiteInfo(), "full"))
    assert jsonld["citation"][0]["archivedAt"] == archived and "archivedAt" not in jsonld["citation"][1]


def _nulls(value: object, path: str = "") -> list[str]:
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nulls(v, f"{path}[{i}]")]
    return []


def test_each_published_data_file_validates_against_its_published_schema(built_site: Path) -> None:
    import jsonschema

    records = json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "cases.schema.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(records)]
    assert errors == []
    assert _nulls(records) == []  # an absent optional field is left out, never null
    case = json.loads((built_site / "data" / "case.schema.json").read_text(encoding="utf-8"))
    for record in records:  # and each record, less what the export adds, is a valid case
        front = {k: v for k, v in record.items() if k not in ("slug", "url")}
        front["adoption"] = [{k: v for k, v in a.items() if k != "stale"} for a in front["adoption"]]
        assert list(jsonschema.Draft202012Validator(case).iter_errors(front)) == [], record["slug"]


def test_json_ld_has_no_nulls_and_names_publisher_and_author(built_site: Path) -> None:
    pages = sorted((built_site / "cases").glob("*/index.html"))
    assert pages
    for page in pages:
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S):
            data = json.loads(block)
            assert _nulls(data) == [], page
            assert data["publisher"]["name"] and data["author"]["name"], page


def test_the_feed_names_its_language_and_each_entry_its_own_dates(built_site: Path, front_matter: dict) -> None:  # type: ignore[type-arg]
    root = ET.fromstring((built_site / "feed.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for entry in root.findall("a:entry", ns):
        slug = entry.findtext("a:id", namespaces=ns).rstrip("/").rsplit("/", 1)[-1]
        meta = front_matter[slug]
        assert entry.findtext("a:published", namespaces=ns) == f"{meta['published']}T00:00:00Z"
        assert entry.findtext("a:updated", namespaces=ns) == f"{meta.get('updated') or meta['published']}T00:00:00Z"


def test_a_case_whose_review_is_overdue_says_so_on_its_page(tmp_path: Path) -> None:
    minimal = (CASE_FIXTURES / "valid" / "minimal.md").read_text(encoding="utf-8")
    old = tmp_path / "old.md"
    old.write_text(minimal.replace("reviewed: 2025-01-10", "reviewed: 2020-01-10"), encoding="utf-8")
    (tmp_path / "new.md").write_text(minimal, encoding="utf-8")
    index = _fixture_index(old, tmp_path / "new.md")
    assert "2020-01-10 (review due)" in render_facts(index, "old")
    assert "(review due)" not in render_facts(index, "new")
