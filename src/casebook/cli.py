"""The `casebook` command line: validate cases, scaffold a new case, publish the JSON Schema."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from casebook import __version__
from casebook.diagnostics import Severity, format_github, format_json, format_text, summarise
from casebook.schema import SLUG_PATTERN, render_json_schema
from casebook.validate import SLUG, validate
from casebook.vocab import load_vocabularies

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "github")


class UsageError(Exception):
    """Bad arguments: reported in one line, exit code 2."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _existing_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise UsageError(f"{what} folder '{path}' does not exist")
    return path


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("cases")]
    for path in paths:
        if not path.exists():
            raise UsageError(f"'{path}' does not exist")
    corpus = validate(paths, _existing_dir(Path(args.data), "data"), args.today, jobs=os.cpu_count() or 1)
    diagnostics = corpus.diagnostics
    if args.format == "json":
        sys.stdout.write(format_json(diagnostics))
    else:
        render = format_github if args.format == "github" else format_text
        for d in diagnostics:
            print(render(d))
    print(summarise(diagnostics, corpus.files), file=sys.stderr)
    failing = [d for d in diagnostics if args.strict or d.severity is Severity.ERROR]
    return EXIT_PROBLEMS if failing else EXIT_OK


def render_new_case(template: str, title: str, today: dt.date) -> str:
    """The template with a title and today's dates filled in; other placeholders stay for the author."""
    lines = []
    for line in template.splitlines(keepends=True):
        if line.startswith("title:"):
            line = f"title: {json.dumps(title, ensure_ascii=False)}\n"
        elif line.startswith(("published:", "reviewed:")):
            line = f"{line.split(':', 1)[0]}: {today.isoformat()}\n"
        lines.append(line)
    return "".join(lines)


def cmd_new(args: argparse.Namespace) -> int:
    if not SLUG.match(args.slug):
        raise UsageError(f"'{args.slug}' is not a valid slug (pattern {SLUG_PATTERN}), e.g. 'open-eplatform'")
    cases = _existing_dir(Path(args.cases), "cases")
    target = cases / f"{args.slug}.md"
    if target.exists():
        print(f"casebook: {target} already exists; not overwriting it", file=sys.stderr)
        return EXIT_PROBLEMS
    template = (cases / "_template.md").read_text(encoding="utf-8")
    title = args.title or args.slug.replace("-", " ").capitalize()
    target.write_text(render_new_case(template, title, args.today or dt.date.today()), encoding="utf-8")
    print(
        f"Created {target}.\nNext steps:\n"
        f"  1. Replace every TODO and fill in the fields (reference: data/case.schema.json).\n"
        f"  2. Write the six sections in your own words, citing sources as [1], [2], ...\n"
        f"  3. Check it: casebook validate {target}\n"
        f"  4. Open a pull request."
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    vocabs, problems = load_vocabularies(_existing_dir(Path(args.data), "data"))
    if problems:
        for d in problems:
            print(format_text(d), file=sys.stderr)
        return EXIT_PROBLEMS
    schema = render_json_schema(vocabs)
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).exists() else ""
        if current != schema:
            print(f"casebook: {args.check} is out of date; run 'casebook schema --write {args.check}'", file=sys.stderr)
            return EXIT_PROBLEMS
    elif args.write:
        Path(args.write).write_text(schema, encoding="utf-8")
    else:
        sys.stdout.write(schema)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Validate and scaffold Ground Up case files (Markdown with YAML front matter).",
        epilog="Exit codes: 0 clean, 1 problems found (errors; warnings too with --strict), 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check case files and report every problem",
        description="Check the cases and vocabularies; report every problem of every file as "
        "PATH:LINE:COL: SEVERITY: FIELD: message (hint) [code].",
    )
    v.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="case files or folders (default: cases); a file is checked with the rest of its folder",
    )
    v.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
    v.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (compiler style), json, or github (pull-request annotations)",
    )
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    v.add_argument("--today", type=_date, help="check dates as if today were YYYY-MM-DD")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser(
        "new",
        help="create a case file from the template",
        description="Write cases/SLUG.md from cases/_template.md. Never overwrites a file.",
    )
    n.add_argument("slug", help="the case's permanent id and file name: lower-case letters, digits, hyphens")
    n.add_argument("--title", help="the case's title (default: from the slug)")
    n.add_argument("--cases", default="cases", help="folder of the cases (default: cases)")
    n.add_argument("--today", type=_date, help="date to use for published and reviewed")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser(
        "schema",
        help="print or write the JSON Schema of a case",
        description="Generate the JSON Schema of the front matter from the field specs and the vocabularies.",
    )
    s.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
    group = s.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="write it to FILE")
    group.add_argument("--check", metavar="FILE", help="exit 1 if FILE is not up to date")
    s.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
