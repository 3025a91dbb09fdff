"""Faster `mkdocs serve` rebuilds: reuse the HTML and search entries of pages whose inputs did not change.

Only under `mkdocs serve` (never for `mkdocs build`, whose output must not depend on history).
A page's Markdown is converted again only when its text, or the set of files it can link to,
changed; its search entries are recomputed only when its HTML or title changed. This reaches into
MkDocs' Page.render and Material's SearchIndex, so it is kept here, apart from the adapter, and
switches itself off if either is not what it expects.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import casebook

log = logging.getLogger("mkdocs.hooks.serve_cache")
_RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
_state: dict[str, Any] = {"files": "", "renders": {}, "entries": {}, "installed": False}


def _digest(*parts: object) -> str:
    return hashlib.blake2b("\0".join(map(str, parts)).encode("utf-8"), digest_size=16).hexdigest()


def _install() -> None:
    original_render = Page.render

    def render(self: Page, config: MkDocsConfig, files: Files) -> None:
        key = _digest(_state["files"], self.markdown)
        hit = _state["renders"].get(self.file.src_uri)
        if hit and hit[0] == key:
            for name, value in zip(_RENDERED, hit[1], strict=True):
                setattr(self, name, value)
            return
        original_render(self, config, files)
        _state["renders"][self.file.src_uri] = (key, tuple(getattr(self, n, None) for n in _RENDERED))

    Page.render = render  # type: ignore[method-assign]
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    original_add = SearchIndex.add_entry_from_context

    def add_entry_from_context(self: Any, page: Page) -> None:
        key = _digest(page.content, page.title, page.meta.get("title"), page.meta.get("search"))
        hit = _state["entries"].get(page.url)
        if hit and hit[0] == key:
            self.entries.extend(hit[1])
            return
        start = len(self.entries)
        original_add(self, page)
        _state["entries"][page.url] = (key, list(self.entries[start:]))

    SearchIndex.add_entry_from_context = add_entry_from_context


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve" and not _state["installed"]:
        _install()
        _state["installed"] = True


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # A page renders the same only if the set of files it can link to and the configuration (Markdown
    # extensions, theme, URL style) are the same: both are part of every cached page's key.
    settings = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    _state["files"] = _digest(casebook.__version__, settings, *sorted((f.src_uri, f.dest_uri) for f in files))
    return files
