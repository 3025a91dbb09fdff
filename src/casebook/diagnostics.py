"""The one Diagnostic type and its renderings (text, JSON, GitHub annotations, GitLab Code Quality)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from casebook.codes import CODES
from casebook.markdown import plural


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem in a file, located by line and column (both 1-based)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    key: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


def _registered(code: str) -> str:
    if code not in CODES:
        raise ValueError(f"diagnostic code {code!r} is not in casebook.codes.CODES")
    return code


def error(path: str, pos: tuple[int, int], code: str, key: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], Severity.ERROR, _registered(code), key, message, hint)


def warning(path: str, pos: tuple[int, int], code: str, key: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, pos[0], pos[1], Severity.WARNING, _registered(code), key, message, hint)


# Control, bidi and invisible characters, shown escaped so that no message can forge a second line,
# colour a terminal or reorder what a reviewer reads (kept in sync with casebook.text.HIDDEN).
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]")


def visible(text: str) -> str:
    return _HIDDEN.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _describe(d: Diagnostic) -> str:
    key = f"{d.key}: " if d.key else ""
    hint = f" ({d.hint})" if d.hint else ""
    return visible(f"{key}{d.message}{hint}")


def format_text(d: Diagnostic) -> str:
    """Compiler-style: `cases/x.md:14:19: error: key: message (hint) [code]`."""
    return f"{visible(d.path)}:{d.line}:{d.col}: {d.severity}: {_describe(d)} [{d.code}]"


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [{**asdict(d), "severity": str(d.severity)} for d in diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _escape_github(value: str, *, prop: bool) -> str:
    # Workflow-command escaping as in @actions/core: %, CR, LF always; ':' and ',' in properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    fields = (("file", visible(d.path)), ("line", d.line), ("col", d.col), ("title", d.code))
    props = ",".join(f"{name}={_escape_github(str(value), prop=True)}" for name, value in fields)
    return f"::{d.severity} {props}::{_escape_github(_describe(d), prop=False)}"


def format_gitlab(diagnostics: Iterable[Diagnostic]) -> str:
    """A GitLab Code Quality report: the merge-request widget shows each problem on its line.

    The fingerprint leaves out the line, so a problem that only moves is not reported as new; the
    occurrence number keeps identical problems in one file apart.
    """
    seen: dict[tuple[str, str, str, str], int] = {}
    items = []
    for d in diagnostics:
        identity = (d.path, d.code, d.key, d.message)
        seen[identity] = occurrence = seen.get(identity, 0) + 1
        digest = hashlib.sha256("\0".join((*identity, str(occurrence))).encode("utf-8")).hexdigest()
        items.append(
            {
                "description": _describe(d),
                "check_name": d.code,
                "fingerprint": digest,
                "severity": "major" if d.severity is Severity.ERROR else "minor",
                "location": {"path": d.path, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def summarise(diagnostics: Iterable[Diagnostic], files: int) -> str:
    diags = list(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = len(diags) - errors
    return f"{plural(files, 'file')} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"


def shown_path(path: Path) -> str:
    """The path as a reader types it: relative to the working folder when inside it."""
    try:
        return Path(os.path.relpath(path)).as_posix() if path.is_absolute() else path.as_posix()
    except ValueError:
        return path.as_posix()
