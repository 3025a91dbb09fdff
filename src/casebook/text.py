"""Text that can deceive: control, bidirectional and invisible characters, and text too long to be a title."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from casebook.checks import Context, key_name
from casebook.diagnostics import Diagnostic, error, visible
from casebook.load import CaseFile
from casebook.yamlpos import KeyPath

# C0 controls but tab and newline, DEL and C1 controls; bidi embeddings, overrides and isolates;
# zero-width and invisible formatting characters; line and paragraph separators.
HIDDEN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]"
)
# Front matter values are single lines: a newline or tab there can split a table row or a log line.
HIDDEN_IN_FIELD = re.compile(HIDDEN.pattern[:-1] + r"\t\n]")
MAX_LENGTH = {"title": 200, "summary": 600}
MAX_ITEM_LENGTH = {"takeaways": 200}  # each entry of these lists
MAX_TEXT = 2000  # any other single text value in the front matter (names, notes, source titles)


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def check_text_fields(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """No hidden characters in any front matter text; titles and summaries of a readable length."""
    for path, text in _strings(case.meta, ()):
        key = key_name(path)
        hidden = HIDDEN_IN_FIELD.search(text.rstrip("\n") if key.endswith("note") else text)
        if hidden:
            yield error(
                case.path,
                case.pos(path),
                "hidden-character",
                key,
                f"contains the invisible or control character {visible(hidden.group(0))} "
                f"(at character {hidden.start() + 1})",
                "delete it: such characters can reorder or hide text for readers",
            )
        limit = MAX_LENGTH.get(key) or MAX_ITEM_LENGTH.get(key.partition("[")[0], MAX_TEXT)
        if len(text) > limit:
            yield error(
                case.path,
                case.pos(path),
                "too-long",
                key,
                f"is {len(text):,} characters long; the limit is {limit:,}",
                "shorten it; the narrative belongs in the body",
            )


def check_body_text(case: CaseFile) -> Iterator[Diagnostic]:
    """The body may hold tabs and newlines, but no controls or direction overrides."""
    for m in HIDDEN.finditer(case.body):
        if m.group(0) in "\u200c\u200d":  # joiners shape some scripts and emoji: allowed in prose
            continue
        line = case.body.count("\n", 0, m.start())
        col = m.start() - (case.body.rfind("\n", 0, m.start()) + 1) + 1
        yield error(
            case.path,
            (case.body_line + line, col),
            "hidden-character",
            "body",
            f"contains the invisible or control character {visible(m.group(0))}",
            "delete it: such characters can reorder or hide text for readers",
        )
        return  # one is enough to point the way; the rest are usually pasted along with it
