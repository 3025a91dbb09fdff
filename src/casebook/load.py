"""Reading case files from disk: bytes to front matter with positions and a Markdown body."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.diagnostics import Diagnostic, error, shown_path
from casebook.yamlpos import KeyPath, Located, Pos, load_located

MAX_BYTES = 1024 * 1024
_BOM = "\ufeff"
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(slots=True)
class CaseFile:
    """One case as written: its slug, front matter (with positions) and body."""

    path: str
    slug: str
    meta: dict[str, Any]
    located: Located
    body: str
    body_line: int

    def pos(self, path: KeyPath) -> Pos:
        return self.located.value_pos(path)

    def key_pos(self, path: KeyPath) -> Pos:
        return self.located.key_pos(path)

    def slim(self) -> CaseFile:
        """Only what corpus-wide checks need: cheap to send between processes."""
        links: dict[str, Any] = {k: self.meta[k] for k in ("related", "derived_from") if k in self.meta}
        positions: dict[KeyPath, Pos] = {
            p: self.located.values[p] for p in (("derived_from",),) if p in self.located.values
        }
        return CaseFile(self.path, self.slug, links, Located(links, positions), "", self.body_line)


CONTENT_SUFFIXES = (".md", ".yml", ".yaml", ".json")


def is_case_file(path: Path) -> bool:
    """Markdown files are cases unless their name starts with `_` (templates, drafts)."""
    return path.suffix == ".md" and not path.name.startswith("_")


def find_case_files(paths: Iterable[Path]) -> list[Path]:
    """Case files named directly or found (recursively) in the folders given, sorted.

    Anything named like a case counts, whatever it is (a link, a folder, a pipe), so that
    `read_regular` can refuse it with a located error instead of it being skipped or followed.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found.update(p for p in path.rglob("*.md") if is_case_file(p) and not _inside_link(p, path))
        else:
            found.add(path)
    return sorted(found)


def _inside_link(path: Path, root: Path) -> bool:
    return any(parent.is_symlink() for parent in path.relative_to(root).parents if parent != Path("."))


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(shown: str, kind: str) -> Diagnostic:
    return error(
        shown,
        (1, 1),
        "file-type",
        "",
        f"'{shown}' is {kind}; only regular files are read and published",
        "replace it with an ordinary file committed to the repository",
    )


def read_regular(path: Path, shown: str, limit: int = MAX_BYTES) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a regular file of at most `limit` bytes, or why it is refused.

    Links, pipes, devices and folders are refused before anything is read (a pipe would block and
    a link to /dev/zero would never end), and no more than `limit` + 1 bytes are ever read.
    """
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            return None, _not_regular(shown, _kind(mode))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped between lstat and open
                return None, _not_regular(shown, "not a regular file")
            data = handle.read(limit + 1)
    except OSError as exc:
        return None, error(shown, (1, 1), "read", "", f"cannot read the file: {exc.strerror}", "check its permissions")
    if len(data) > limit:
        return None, error(
            shown,
            (1, 1),
            "file-size",
            "",
            f"the file is larger than {limit // 1024:,} KiB, the limit",
            "shorten the narrative or move material to sources",
        )
    return data, None


def check_tree(root: Path) -> Iterator[Diagnostic]:
    """Under a content folder, everything is a regular file or a plain folder not named like a file."""
    if not root.exists() and not root.is_symlink():
        return
    if root.is_symlink():
        yield _not_regular(shown_path(root), "a symbolic link")
        return
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                if path.suffix in CONTENT_SUFFIXES:
                    yield _not_regular(shown_path(path), "a folder named like a content file")
            elif not stat.S_ISREG(mode):
                yield _not_regular(shown_path(path), _kind(mode))
        dirs[:] = sorted(d for d in dirs if not (Path(folder) / d).is_symlink())


def _decode(data: bytes, shown: str) -> tuple[str | None, Diagnostic | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, error(
            shown,
            (line, col),
            "encoding",
            "",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8",
        )
    if text.startswith(_BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def split_front_matter(text: str, shown: str) -> tuple[str, str, int] | Diagnostic:
    """(front matter, body, line of the body's first line), or why the file has no front matter."""
    if not text.startswith("---\n"):
        return error(
            shown,
            (1, 1),
            "front-matter",
            "",
            "the file must start with a front matter block",
            "put '---' on the first line, the fields, then '---' again",
        )
    end = _FENCE.search(text, 4)
    if end is None:
        return error(
            shown,
            (1, 1),
            "front-matter",
            "",
            "the front matter block is never closed",
            "add a line '---' after the last field",
        )
    closing_line = text.count("\n", 0, end.start()) + 1
    body = text[end.end() + 1 :]
    return text[4 : end.start()], body, closing_line + 1


def load_case(path: Path, shown: str) -> tuple[CaseFile | None, list[Diagnostic]]:
    """Read one case file; on failure return None and every problem found."""
    data, refused = read_regular(path, shown)
    if data is None:
        return None, [refused] if refused else []
    text, problem = _decode(data, shown)
    if text is None:
        return None, [problem] if problem else []
    parts = split_front_matter(text, shown)
    if isinstance(parts, Diagnostic):
        return None, [parts]
    front, body, body_line = parts
    located, problems = load_located(front, first_line=2)
    if located is None:
        return None, [error(shown, p.pos, p.code, "", p.message, p.hint) for p in problems]
    if not isinstance(located.data, dict):
        return None, [
            error(shown, (2, 1), "front-matter", "", "the front matter must be a set of 'field: value' lines")
        ]
    return CaseFile(shown, path.stem, located.data, located, body, body_line), []
