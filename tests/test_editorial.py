"""Editorial rules, case by case: the variants each rule must catch and the look-alikes it must leave."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from casebook.editorial import corpus_date, is_stale
from casebook.validate import validate
from helpers import CASE_FIXTURES, DATA, TODAY

FULL = (CASE_FIXTURES / "valid" / "full.md").read_text(encoding="utf-8")


def _codes(tmp_path: Path, text: str, data: Path = DATA) -> list[str]:
    (tmp_path / "case.md").write_text(text, encoding="utf-8")
    return [d.code for d in validate([tmp_path / "case.md"], data, TODAY).diagnostics]


def _without_links(text: str) -> str:
    return text.replace("related: [minimal]\n", "").replace("derived_from: [minimal]\n", "")


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("Open ePlatform (Sweden)", True),
        ("Open ePlatform, Sweden", True),
        ("Open ePlatform \u2013 Sweden", True),
        ("Open ePlatform - Norway", True),
        ("Shared forms in Sweden and Norway", True),
        ("Shared forms in the Netherlands", True),
        ("Publik (Entr'ouvert, France)", True),
        ("Open ePlatform (SE)", True),
        ("Lutece (City of Paris)", False),
        ("Decidim (Barcelona)", False),
        ("OS2borgerPC and MedborgarPC", False),
        ("Open ePlatform (IN)", False),  # a code counts only when it is one of the case's countries
        ("Living in Sweden's towns", False),
    ],
)
def test_title_country_suffixes(tmp_path: Path, title: str, flagged: bool) -> None:
    text = _without_links(FULL).replace("title: Shared e-service platform", f'title: "{title}"')
    assert ("title-country" in _codes(tmp_path, text)) is flagged


@pytest.mark.parametrize(
    ("licence", "flagged"),
    [
        ("GPL-3.0", True),
        ("gpl-3.0", True),
        ("LGPL-2.1+", True),
        ("MIT AND (LGPL-3.0 OR EUPL-1.2)", True),
        ("GPL-2.0 WITH Classpath-exception-2.0", True),
        ("StandardML-NJ", True),
        ("wxWindows", True),
        ("AGPL-3.0-or-later", False),
        ("GPL-2.0-only WITH Classpath-exception-2.0", False),
        ("EUPL-1.2", False),
        ("Net-SNMP", False),
    ],
)
def test_deprecated_licence_ids(tmp_path: Path, licence: str, flagged: bool) -> None:
    text = _without_links(FULL).replace("EUPL-1.2 OR AGPL-3.0-or-later", licence)
    codes = _codes(tmp_path, text)
    assert ("deprecated-licence" in codes) is flagged
    assert "licence" not in codes  # one value, one rule


def test_a_licence_the_spdx_check_refuses_is_left_to_it(tmp_path: Path) -> None:
    codes = _codes(tmp_path, _without_links(FULL).replace("EUPL-1.2 OR AGPL-3.0-or-later", "GPLv3"))
    assert "licence" in codes and "deprecated-licence" not in codes


def test_paragraphs_lists_code_and_other_sections(tmp_path: Path) -> None:
    body = (
        "\n\nA cited list:\n\n- first [1]\n- second\n\n```\nno citation in code\n```\n\n<!-- a note -->\n\n---\n\n"
        "### A subsection\n\nUncited, inside Lessons.\n\n## Further reading\n\nOutside the six sections.\n"
    )
    text = _without_links(FULL).replace("Pooling demand works when hosting is pooled too [2].", "Pooled [2]." + body)
    diagnostics = validate([_write(tmp_path, text)], DATA, TODAY).diagnostics
    uncited = [d for d in diagnostics if d.code == "uncited-paragraph"]
    assert [(d.line, d.message) for d in uncited] == [
        (70, "the paragraph 'A cited list:' in '## Lessons' cites no source"),
        (85, "the paragraph 'Uncited, inside Lessons.' in '## Lessons' cites no source"),
    ]


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "case.md").write_text(text, encoding="utf-8")
    return tmp_path / "case.md"


def test_stale_is_more_than_five_years() -> None:
    assert not is_stale(2021, dt.date(2026, 12, 31))
    assert is_stale(2020, dt.date(2026, 1, 1))


def test_the_reference_date_is_the_newest_date_in_the_content() -> None:
    metas = [{"published": "2025-01-10", "reviewed": "2026-02-01"}, {"published": "2025-03-01", "updated": "2025-04"}]
    assert corpus_date(metas) == dt.date(2026, 2, 1)


def test_a_fork_changes_the_process_phrases_by_editing_yaml(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = _without_links(FULL).replace("Pooling demand works", "As far as we know, pooling demand works")
    (tmp_path / "cases").mkdir()
    assert "process-phrase" not in _codes(tmp_path / "cases", text, data)
    (data / "editorial.yml").write_text(
        "process_phrases:\n  - phrase: as far as we know\n    instead: say which source says so\n", encoding="utf-8"
    )
    corpus = validate([_write(tmp_path / "cases", text)], data, TODAY)
    assert [(d.code, d.hint) for d in corpus.diagnostics] == [("process-phrase", "say which source says so")]
    (data / "editorial.yml").write_text("process_phrases:\n  - instead: no phrase\n", encoding="utf-8")
    corpus = validate([tmp_path / "cases" / "case.md"], data, TODAY)
    assert [(Path(d.path).name, d.line, d.code) for d in corpus.diagnostics] == [("editorial.yml", 2, "editorial")]


def test_an_ended_case_keeps_its_old_figures_without_a_warning(tmp_path: Path) -> None:
    stale = (CASE_FIXTURES / "warnings" / "stale-adoption--newest-figure-from-2019.md").read_text(encoding="utf-8")
    assert "stale-adoption" in _codes(tmp_path, stale)
    assert "stale-adoption" not in _codes(tmp_path, stale.replace("status: active", "status: ended"))
