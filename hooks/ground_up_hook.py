"""MkDocs adapter for the casebook engine: validate before MkDocs touches the site folder.

Kept thin on purpose: every decision lives in `casebook`, which never imports MkDocs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from casebook.diagnostics import Severity, format_text, summarise
from casebook.validate import validate

log = logging.getLogger("mkdocs.hooks.ground_up")


def on_pre_build(config: Any) -> None:
    """Runs before MkDocs cleans `site_dir`, so a bad case never wipes a good build."""
    root = Path(config["config_file_path"]).parent
    corpus = validate([root / "cases"], root / "data")
    for d in corpus.diagnostics:
        if d.severity is Severity.ERROR:
            print(format_text(d), file=sys.stderr)
        else:
            log.warning(format_text(d))  # fails `mkdocs build --strict`
    if corpus.errors:
        raise PluginError(f"content errors, nothing was built: {summarise(corpus.diagnostics, corpus.files)}")
