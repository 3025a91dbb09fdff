"""Citation formats of one case, from its front matter: text, BibTeX, CSL-JSON, RIS."""

from __future__ import annotations

import json

from casebook.cite import cite_path, render_bibtex, render_citations, render_csl_json, render_ris, render_text_citation

URL = "https://example.org/cases/x/"
META = {
    "title": 'A & B: "50%" {shared}',
    "summary": "Two towns share one tool.",
    "published": "2025-01-10",
    "updated": "2025-03-01",
    "reviewed": "2025-04-02",
}


def test_text_citation_names_version_review_and_address() -> None:
    text = render_text_citation(URL, META)
    assert text.startswith('Ground Up contributors (2025). "A & B: "50%" {shared}".')
    assert "Version of 2025-03-01, facts reviewed 2025-04-02." in text and text.endswith(URL)


def test_bibtex_escapes_what_latex_would_read() -> None:
    bib = render_bibtex("x", URL, META)
    assert bib.startswith("@misc{groundup-x,\n") and bib.endswith("\n}")
    assert r"title = {{A \& B: " in bib and r"50\%" in bib and r"\{shared\}" in bib


def test_csl_json_is_a_list_of_one_item_that_reference_managers_read() -> None:
    (item,) = json.loads(render_csl_json("x", URL, META))
    assert item["id"] == "groundup-x" and item["type"] == "webpage" and item["URL"] == URL
    assert item["title"] == META["title"] and item["author"] == [{"literal": "Ground Up contributors"}]
    assert item["issued"] == {"date-parts": [[2025, 1, 10]]} and item["version"] == "2025-03-01"


def test_ris_has_its_tags_in_order_with_crlf_and_ends_the_record() -> None:
    ris = render_ris(URL, META)
    lines = ris.split("\r\n")
    assert "\n" not in ris.replace("\r\n", "")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    tags = [line[:2] for line in lines[:-1]]
    assert tags == ["TY", "AU", "TI", "T2", "PY", "DA", "PB", "UR", "AB", "N1", "LA", "ER"]
    assert "DA  - 2025/01/10" in lines and f"UR  - {URL}" in lines


def test_each_case_gets_three_files_under_data_cite() -> None:
    files = render_citations("x", URL, META)
    assert (
        sorted(files)
        == [cite_path("x", ext) for ext in ("bib", "json", "ris")]
        == [
            "data/cite/x.bib",
            "data/cite/x.json",
            "data/cite/x.ris",
        ]
    )
