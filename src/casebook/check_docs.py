"""Checks on the hand-written pages in docs/: they are repository content too, and as untrusted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from casebook.body import check_body_safety
from casebook.diagnostics import Diagnostic, error, shown_path
from casebook.load import CaseFile, check_tree, read_regular, split_front_matter
from casebook.sanitise import FORM_PAGES
from casebook.yamlpos import Located, load_located

# Front matter a hand-written page may set. Not `jsonld` (printed raw into a script element).
PAGE_KEYS = frozenset({"title", "description", "hide", "search", "scripts"})
SCRIPT = re.compile(r"assets/[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.js")
UNSAFE_TEXT = re.compile(r"[<>\"]")
SKIPPED = ("overrides",)  # theme templates, not pages


def load_page(path: Path, shown: str) -> tuple[CaseFile | None, list[Diagnostic]]:
    data, refused = read_regular(path, shown)
    if data is None:
        return None, [refused] if refused else []
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None, [error(shown, (1, 1), "encoding", "", "the page is not valid UTF-8", "save it as UTF-8")]
    if not text.startswith("---\n"):
        return CaseFile(shown, path.stem, {}, Located({}), text, 1), []
    parts = split_front_matter(text, shown)
    if isinstance(parts, Diagnostic):
        return None, [parts]
    front, body, body_line = parts
    located, problems = load_located(front, first_line=2)
    if located is None or not isinstance(located.data, dict):
        return None, [error(shown, p.pos, p.code, "", p.message, p.hint) for p in problems]
    return CaseFile(shown, path.stem, located.data, located, body, body_line), []


def check_page_meta(page: CaseFile) -> Iterator[Diagnostic]:
    for key, value in page.meta.items():
        if key not in PAGE_KEYS:
            yield error(
                page.path,
                page.key_pos((key,)),
                "page-field",
                key,
                f"'{key}' is not a field a hand-written page may set",
                f"allowed: {', '.join(sorted(PAGE_KEYS))}",
            )
        elif key in ("title", "description") and (not isinstance(value, str) or UNSAFE_TEXT.search(value)):
            yield error(
                page.path, page.pos((key,)), "unsafe-html", key, f"'{key}' must be plain text without <, > or \"", ""
            )
    scripts = page.meta.get("scripts")
    for index, script in enumerate(scripts if isinstance(scripts, list) else [scripts] if scripts else []):
        if not isinstance(script, str) or not SCRIPT.fullmatch(script):
            yield error(
                page.path,
                page.pos(("scripts", index)),
                "page-field",
                "scripts",
                f"script {script!r} is not a file of this site under assets/",
                "scripts must be files such as assets/explore.js",
            )


def validate_docs(docs_dir: Path) -> list[Diagnostic]:
    """Every problem in the hand-written pages: file types, front matter, and unsafe rendered HTML."""
    diagnostics = list(check_tree(docs_dir))
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if relative.parts[0] in SKIPPED or not path.is_file() or path.is_symlink():
            continue  # check_tree reports links and other non-regular files
        page, problems = load_page(path, shown_path(path))
        diagnostics.extend(problems)
        if page is not None:
            diagnostics.extend(check_page_meta(page))
            diagnostics.extend(check_body_safety(page, forms=relative.as_posix() in FORM_PAGES))
    return sorted(set(diagnostics), key=Diagnostic.sort_key)
