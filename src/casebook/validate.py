"""Validating a corpus: load every case and vocabulary, run every check, collect every diagnostic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from casebook.body import check_body_safety, check_citations, check_sections
from casebook.checks import Context, check_fields, check_soft_rules, did_you_mean
from casebook.diagnostics import Diagnostic, Severity, error, shown_path
from casebook.editorial import EDITORIAL_CHECKS, EDITORIAL_FILE, load_process_phrases
from casebook.evidence import check_evidence
from casebook.load import CaseFile, check_tree, find_case_files, load_case
from casebook.schema import SLUG_PATTERN
from casebook.text import check_body_text, check_text_fields
from casebook.vocab import Vocabularies, load_vocabularies

SLUG = re.compile(SLUG_PATTERN)
CASE_CHECKS = (check_fields, check_soft_rules, check_text_fields, *EDITORIAL_CHECKS)
# Warnings that appear by themselves as time passes. Builds report them without failing; the
# contributor's `casebook validate --strict` (and a scheduled review job) still count them.
TIME_DEPENDENT = frozenset({"stale-review", "stale-adoption"})
PARALLEL_FROM = 400  # below this many files, starting worker processes costs more than it saves
BODY_CHECKS = (check_sections, check_citations, check_body_safety, check_body_text, check_evidence)


@dataclass(slots=True)
class Corpus:
    """Every case that could be read, the vocabularies, and every diagnostic found."""

    cases: list[CaseFile]
    vocabs: Vocabularies
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def check_slug(case: CaseFile) -> Iterator[Diagnostic]:
    if not SLUG.fullmatch(case.slug):
        yield error(
            case.path,
            (1, 1),
            "slug",
            "",
            f"file name '{case.slug}.md' is not a valid slug",
            "rename it with lower-case letters a-z, digits 0-9 and hyphens, e.g. 'open-eplatform.md'",
        )


def check_unique_slugs(cases: list[CaseFile]) -> Iterator[Diagnostic]:
    first: dict[str, CaseFile] = {}
    for case in cases:
        other = first.setdefault(case.slug.lower(), case)
        if other is not case:
            yield error(
                case.path,
                (1, 1),
                "duplicate-slug",
                "",
                f"slug '{case.slug}' is already used by {other.path}",
                "slugs must be unique, ignoring case",
            )


def check_references(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    """`related` and `derived_from` name other cases that exist."""
    for key in ("related", "derived_from"):
        values = case.meta.get(key)
        for index, slug in enumerate(values if isinstance(values, list) else []):
            if not isinstance(slug, str) or not SLUG.fullmatch(slug):
                continue  # the field checks already report it
            pos = case.pos((key, index))
            if slug == case.slug:
                yield error(case.path, pos, "self-reference", key, f"a case cannot name itself ('{slug}')")
            elif slug not in ctx.slugs:
                yield error(
                    case.path,
                    pos,
                    "unknown-case",
                    key,
                    f"there is no case '{slug}'",
                    did_you_mean(slug, ctx.slugs) or "use the file name of a case in cases/, without .md",
                )


def check_derivation_cycles(cases: list[CaseFile]) -> Iterator[Diagnostic]:
    """No case is derived from itself, directly or through others."""
    parents = {
        c.slug: [s for s in c.meta.get("derived_from") or [] if isinstance(s, str) and s != c.slug]
        for c in cases
        if isinstance(c.meta.get("derived_from"), list)
    }
    by_slug = {c.slug: c for c in cases}
    for slug in sorted(parents):
        stack, seen = list(parents[slug]), set()
        while stack:
            current = stack.pop()
            if current == slug:
                yield error(
                    by_slug[slug].path,
                    by_slug[slug].pos(("derived_from",)),
                    "derivation-cycle",
                    "derived_from",
                    f"'{slug}' is derived from itself through other cases",
                    "remove the link that closes the loop",
                )
                break
            if current not in seen:
                seen.add(current)
                stack.extend(parents.get(current, []))


def check_case(case: CaseFile, ctx: Context) -> Iterator[Diagnostic]:
    yield from check_slug(case)
    for check in CASE_CHECKS:
        yield from check(case, ctx)
    yield from check_references(case, ctx)
    for body_check in BODY_CHECKS:
        yield from body_check(case)


def _load_and_check(files: list[Path], ctx: Context, slim: bool = False) -> tuple[list[CaseFile], list[Diagnostic]]:
    cases: list[CaseFile] = []
    diagnostics: list[Diagnostic] = []
    for path in files:
        case, problems = load_case(path, shown_path(path))
        diagnostics.extend(problems)
        if case is not None:
            diagnostics.extend(check_case(case, ctx))
            cases.append(case.slim() if slim else case)
    return cases, diagnostics


def _load_and_check_all(files: list[Path], ctx: Context, jobs: int) -> tuple[list[CaseFile], list[Diagnostic]]:
    """Per-file work, spread over `jobs` processes when the corpus is large enough to pay for them.

    Workers send back slim cases (what the corpus-wide checks need): shipping whole cases between
    processes costs more than checking them.
    """
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        return _load_and_check(files, ctx)
    # forkserver, not fork: `mkdocs serve` runs threads, and forking a threaded process is unsafe.
    with ProcessPoolExecutor(jobs, mp_context=get_context("forkserver")) as pool:
        chunks = [files[i::jobs] for i in range(jobs)]
        parts = list(pool.map(_load_and_check, chunks, [ctx] * jobs, [True] * jobs))
    cases = sorted((case for part in parts for case in part[0]), key=lambda c: c.path)
    return cases, [d for part in parts for d in part[1]]


def validate(paths: Iterable[Path], data_dir: Path, today: dt.date | None = None, jobs: int = 1) -> Corpus:
    """Check the cases under `paths` (files or folders) against the vocabularies in `data_dir`.

    A file named on its own is checked together with the other cases in its folder, since
    cross-references need the whole corpus; only the files named are reported. With `jobs` > 1 a
    large corpus is checked in parallel and the cases returned are slim (no body, no positions).
    """
    paths = list(paths)
    reported = find_case_files(paths)
    context_dirs = [p if p.is_dir() else p.parent for p in paths]
    files = sorted(set(find_case_files(context_dirs)) | {p for p in paths if not p.is_dir()})
    vocabs, diagnostics = load_vocabularies(data_dir)
    # A case that exists but cannot be read is still a case: others may name it.
    phrases, problems = load_process_phrases(data_dir)
    diagnostics.extend(problems)
    ctx = Context(vocabs, today or dt.date.today(), {p.stem for p in files}, phrases)
    cases, found = _load_and_check_all(files, ctx, jobs)
    diagnostics.extend(found)
    diagnostics.extend(check_unique_slugs(cases))
    diagnostics.extend(check_derivation_cycles(cases))
    for folder in {*(p for p in paths if p.is_dir()), data_dir}:
        diagnostics.extend(check_tree(folder))
    shown = {shown_path(p) for p in reported} | {v.path for v in vocabs.values()}
    shown |= {d.path for d in diagnostics if d.code == "file-type"}
    shown.add(shown_path(data_dir / EDITORIAL_FILE))
    kept = sorted({d for d in diagnostics if d.path in shown}, key=Diagnostic.sort_key)
    return Corpus(cases, vocabs, kept, len(reported))
