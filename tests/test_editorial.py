"""Editorial rules, case by case: the variants each rule must catch and the look-alikes it must leave."""

from __future__ import annotations

from pathlib import Path

from casebook.validate import validate
from conftest import CASE_FIXTURES, DATA, TODAY

FULL = (CASE_FIXTURES / "valid" / "full.md").read_text(encoding="utf-8")


def _codes(tmp_path: Path, text: str, data: Path = DATA) -> list[str]:
    (tmp_path / "case.md").write_text(text, encoding="utf-8")
    return [d.code for d in validate([tmp_path / "case.md"], data, TODAY).diagnostics]


def _without_links(text: str) -> str:
    return text.replace("related: [minimal]\n", "").replace("derived_from: [minimal]\n", "")


def test_paragraphs_lists_code_and_other_sections(tmp_path: Path) -> None:
    body = (
        "\n\nA cited list:\n\n- first [1]\n- second\n\n```\nno citation in code\n```\n\n<!-- a note -->\n\n---\n\n"
        "### A subsection\n\nUncited, inside Lessons.\n\n## Further reading\n\nOutside the six sections.\n"
    )
    text = _without_links(FULL).replace("Pooling demand works when hosting is pooled too [2].", "Pooled [2]." + body)
    diagnostics = validate([_write(tmp_path, text)], DATA, TODAY).diagnostics
    uncited = [d for d in diagnostics if d.code == "uncited-paragraph"]
    assert [(d.line, d.message) for d in uncited] == [
        (68, "the paragraph 'A cited list:' in '## Lessons' cites no source"),
        (83, "the paragraph 'Uncited, inside Lessons.' in '## Lessons' cites no source"),
    ]


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "case.md").write_text(text, encoding="utf-8")
    return tmp_path / "case.md"
