"""Publishing a build atomically: the site folder changes only when a whole build has succeeded.

A generator writes into a staging folder beside the site folder; `swap_in` replaces the site with it
in two renames. A failed or killed build leaves the previous site untouched (and at worst a stale
staging folder, removed by the next build).
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

STAGING_SUFFIX = ".staging"
PREVIOUS_SUFFIX = ".previous"


def staging_path(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + STAGING_SUFFIX)


def staging_dir(site_dir: Path) -> Path:
    """A fresh, empty staging folder beside `site_dir` (same file system, so renames are atomic)."""
    staging = staging_path(site_dir)
    discard(staging)
    staging.mkdir(parents=True)
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make `staging` the site: the old site is moved aside, the new one renamed into place."""
    previous = site_dir.with_name(site_dir.name + PREVIOUS_SUFFIX)
    discard(previous)
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(staging, site_dir)
    discard(previous)


def discard(folder: Path) -> None:
    """Remove a staging or previous folder left by an earlier build (never follows a link)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def render_build_errors(lines: list[str]) -> str:
    """A notice for the preview (`mkdocs serve`): the content errors, above the last good version."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    count = f"{len(lines)} content error{'s' if len(lines) != 1 else ''}"
    return (
        f'<div class="gu-build-error" role="alert"><p><strong>{count}: this preview shows the last good '
        f"version.</strong> Fix the file and save; the page reloads.</p><ul>{items}</ul></div>\n"
    )
