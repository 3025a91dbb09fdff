"""The site's Markdown configuration, in one place, so the validator renders bodies as readers see them."""

from __future__ import annotations

from functools import cache
from typing import Any

import markdown

# Must match what MkDocs runs: `markdown_extensions` in mkdocs.yml plus the ones MkDocs always adds
# (toc, tables, fenced_code); a test compares them. Tables use the `align` attribute rather than
# inline styles, which the HTML allowlist removes.
EXTENSIONS: list[str] = ["attr_list", "md_in_html", "tables", "toc", "fenced_code"]
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {"tables": {"use_align_attribute": True}, "toc": {"permalink": True}}


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render_markdown(text: str) -> str:
    """HTML for `text`, converted with the extensions and settings the site uses."""
    return str(_converter().reset().convert(text))
