"""MkDocs adapter for the casebook engine; every event is one call into the engine.

Kept thin on purpose: `casebook` decides and renders, and never imports MkDocs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from casebook.diagnostics import Severity, format_text, summarise
from casebook.editor import NEW_FILE_URL
from casebook.index import Index
from casebook.markdown import compact_search_index
from casebook.render_case import SiteInfo
from casebook.render_overview import render_inserts
from casebook.render_site import render_assets, render_site
from casebook.validate import validate

log = logging.getLogger("mkdocs.hooks.ground_up")
_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate before MkDocs cleans `site_dir`, so a bad case never wipes a good build."""
    root = Path(config.config_file_path).parent
    corpus = validate([root / "cases"], root / "data")
    for d in corpus.diagnostics:
        if d.severity is Severity.ERROR:
            print(format_text(d), file=sys.stderr)
        else:
            log.warning(format_text(d))  # fails `mkdocs build --strict`
    if corpus.errors:
        raise PluginError(f"content errors, nothing was built: {summarise(corpus.diagnostics, corpus.files)}")
    _state["index"] = Index.build(corpus.cases, corpus.vocabs)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = SiteInfo(url=config.site_url or "", edit_base=_edit_base(config))
    index: Index = _state["index"]
    for page in render_site(index, site):
        files.append(File.generated(config, page.path, content=page.text))
    for path, text in render_assets(index, site, _new_file_url(config)).items():
        files.append(File.generated(config, path, content=text))
    template = Path(config.config_file_path).parent / "cases" / "_template.md"
    _state["inserts"] = render_inserts(index, template.read_text(encoding="utf-8") if template.exists() else "")
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, block in _state["inserts"].items():
        markdown = markdown.replace(marker, block)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Compact the search index: paragraph tags in every entry's text weigh more than they help."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.exists():
        path.write_text(compact_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")


def _new_file_url(config: MkDocsConfig) -> str:
    repo = config.extra.get("source_repository", "")
    return f"{repo.rstrip('/')}/new/{config.extra.get('source_branch', 'main')}/cases" if repo else NEW_FILE_URL


def _edit_base(config: MkDocsConfig) -> str:
    repo = config.extra.get("source_repository", "")
    return f"{repo.rstrip('/')}/edit/{config.extra.get('source_branch', 'main')}/" if repo else ""


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    # Generated pages are edited at their source in cases/; hand-written ones in docs/.
    edit_base = _edit_base(config)
    hand_written = f"{edit_base}docs/{page.file.src_uri}" if edit_base else None
    page.edit_url = page.meta.get("edit_url") if page.file.generated_by else hand_written
    return context
