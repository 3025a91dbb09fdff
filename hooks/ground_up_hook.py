"""MkDocs adapter for the casebook engine; every event is one call into the engine.

Kept thin on purpose: `casebook` decides and renders, and never imports MkDocs.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from casebook.check_docs import validate_docs
from casebook.diagnostics import Severity, format_text, summarise
from casebook.downloads import published_files
from casebook.generate import fill_inserts, hand_written_edit_url, inserts_for, site_info
from casebook.index import Index
from casebook.markdown import compact_search_index
from casebook.pictures import recording
from casebook.publish import discard, render_build_errors, staging_dir, staging_path, swap_in
from casebook.rawblocks import restore, search_view, stash
from casebook.render_site import render_assets, render_site
from casebook.sanitise import safe_text, sanitise_page
from casebook.validate import TIME_DEPENDENT, validate

log = logging.getLogger("mkdocs.hooks.ground_up")
# ProperDocs answers `mkdocs.*` imports from its own package and logs its warnings under
# "properdocs", above "mkdocs": strict mode is counted at the top logger of whichever is running.
_GENERATOR_LOG = MkDocsConfig.__module__.partition(".")[0]
_state: dict[str, Any] = {}


class _WarningCount(logging.Handler):
    """Counts warnings as MkDocs' strict mode does, to know whether this build will be refused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build into a staging folder; the site folder is replaced only when the whole build succeeds."""
    site = Path(config.site_dir)
    _state["site_dir"] = site
    config.site_dir = str(staging_dir(site))
    _state["warnings"] = counter = _WarningCount()
    logging.getLogger(_GENERATOR_LOG).addHandler(counter)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate every case, vocabulary and hand-written page; nothing is built when one has errors."""
    root = Path(config.config_file_path).parent
    corpus = validate([root / "cases"], root / "data")
    corpus.diagnostics.extend(validate_docs(Path(config.docs_dir)))
    for d in corpus.diagnostics:
        if d.severity is Severity.ERROR:
            print(format_text(d), file=sys.stderr)
        elif d.code in TIME_DEPENDENT:
            log.info(format_text(d))  # a build must not start failing on a date with no change
        else:
            log.warning(format_text(d))  # fails `mkdocs build --strict`
    errors = [d for d in corpus.diagnostics if d.severity is Severity.ERROR]
    if errors and _state.get("serving") and "index" in _state:
        # Under `mkdocs serve`, keep the last good content on screen and say what is wrong on every page.
        log.error(f"content errors, showing the last good version: {summarise(corpus.diagnostics, corpus.files)}")
        _state["errors"] = [format_text(d) for d in errors]
        return
    if errors:
        raise PluginError(f"content errors, nothing was built: {summarise(corpus.diagnostics, corpus.files)}")
    _state["errors"] = []
    _state["index"] = Index.build(corpus.cases, corpus.vocabs)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, new_file_url = site_info(config)
    index: Index = _state["index"]
    root = Path(config.config_file_path).parent
    assets = render_assets(index, site, new_file_url)
    published = published_files(root, site)
    with recording() as drawn:  # the pictures the engine draws: the only SVG the sanitiser keeps
        pages = render_site(index, site)
        _state["inserts"] = inserts_for(root / "cases", index, site, {**assets, **published})
    _state["pictures"] = frozenset(drawn)
    for page in pages:
        files.append(File.generated(config, page.path, content=page.text))
    for path, text in assets.items():
        files.append(File.generated(config, path, content=text))
    for path, source in published.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The engine's HTML blocks wait outside while Markdown converts the rest (see casebook.rawblocks).
    markdown, _state.setdefault("raw", {})[page.file.src_uri] = stash(fill_inserts(markdown, _state["inserts"]))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Every page built from repository content passes the HTML allowlist, and so do its titles."""
    for item in _walk(page.toc):
        item.title = safe_text(item.title)
    notice = render_build_errors(_state["errors"]) if _state.get("errors") else ""
    html = restore(html, _state["raw"].pop(page.file.src_uri, {}))
    return notice + sanitise_page(html, page.file.src_uri, _state["pictures"])


def _walk(items: Any) -> Any:
    for item in items:
        yield item
        yield from _walk(item.children)


@event_priority(-100)  # last, after the search and offline plugins have written their files
def on_post_build(config: MkDocsConfig) -> None:
    """Compact the search index, then swap the finished build in (unless strict mode will refuse it)."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.exists():
        path.write_text(compact_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")
    counter: _WarningCount = _state["warnings"]
    logging.getLogger(_GENERATOR_LOG).removeHandler(counter)
    if config.strict and counter.count:
        return  # MkDocs aborts right after this event; on_build_error discards the staging folder
    swap_in(Path(config.site_dir), _state["site_dir"])
    config.site_dir = str(_state["site_dir"])


def on_build_error(error: Exception) -> None:
    """A failed build leaves the previous site as it was."""
    counter = _state.get("warnings")
    if counter is not None:
        logging.getLogger(_GENERATOR_LOG).removeHandler(counter)
    if "site_dir" in _state:
        discard(staging_path(_state["site_dir"]))


@event_priority(50)  # before the search plugin indexes the page
def _before_search(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Search reads the page without what it would skip anyway (casebook.rawblocks.search_view)."""
    _state["full_content"] = page.content
    page.content = search_view(page.content or "")
    # Generated pages carry their edit link (to cases/) in their front matter; hand-written ones in docs/.
    site, _ = site_info(config)
    page.edit_url = (
        page.meta.get("edit_url") if page.file.generated_by else hand_written_edit_url(site, page.file.src_uri)
    )
    return context


@event_priority(-50)  # after the search plugin, which drops the data-search-* attributes of what readers get
def _after_search(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    full = _state.pop("full_content") or ""
    page.content = _SEARCH_ATTRIBUTES.sub("", full) if _SEARCH_PLUGINS & set(config.plugins) else full
    return context


on_page_context = CombinedEvent(_before_search, _after_search)
# Material's search plugin removes these from the page it has indexed (material/plugins/search/plugin.py).
_SEARCH_PLUGINS = {"search", "material/search"}
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
