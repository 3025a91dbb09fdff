"""WCAG 2.1 AA in real Chromium: axe-core on every page type, keyboard use with visible focus."""

from __future__ import annotations

import json
from typing import Any

import pytest

from helpers import ROOT
from test_offline import PAGE_TYPES

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_has_no_serious_accessibility_violation(
    browser: Any, served_site: str, kind: str, scheme: str
) -> None:
    page = browser.new_page(color_scheme=scheme)
    page.goto(served_site + PAGE_TYPES[kind])
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the CSP forbids inline scripts
    result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    page.close()
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{kind} ({scheme}):\n{_report(blocking)}"
    assert result["passes"], json.dumps(result)[:500]  # axe really ran


def test_focus_is_visible_on_explorer_and_compare_controls(browser: Any, served_site: str) -> None:
    page = browser.new_page()
    page.goto(served_site + "explore/")
    page.focus('input[name="country"]')
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.goto(served_site + "compare/")
    page.keyboard.press("Tab")
    for _ in range(40):  # tab into the table's first case link
        if page.evaluate("() => !!document.activeElement.closest('.gu-compare')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.gu-compare')")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] != "none" and style[1] != "0px"
    page.close()
