"""The `casebook` command line: validate, scaffold, export, check links, publish the JSON Schema and editor config."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from casebook import __version__
from casebook.check_docs import validate_docs
from casebook.diagnostics import Diagnostic, Severity, format_github, format_gitlab, format_json, format_text, summarise
from casebook.editor import render_frontmatter_config
from casebook.export import write_exports
from casebook.generate import check_project, generated_files, load_project, write_tree
from casebook.index import Index
from casebook.links import LinkClass, check_links, collect_links, format_result, render_report, summarise_links
from casebook.markdown import plural
from casebook.render_case import SiteInfo
from casebook.scaffold import ANSWERS, ESSENTIAL, Asker, ask_missing, next_steps, parse_answers, render_case
from casebook.schema import render_json_schema
from casebook.stats import render_stats
from casebook.validate import TIME_DEPENDENT, validate
from casebook.vocab import load_vocabularies

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "github", "gitlab")


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
    if not args.paths and Path(args.docs).is_dir():  # the whole project: its hand-written pages too
        diagnostics = sorted({*diagnostics, *validate_docs(Path(args.docs))}, key=Diagnostic.sort_key)
    if args.format in ("json", "gitlab"):
        sys.stdout.write(format_json(diagnostics) if args.format == "json" else format_gitlab(diagnostics))
    else:
        render = format_github if args.format == "github" else format_text
        for d in diagnostics:
            print(render(d))
    print(summarise(diagnostics, corpus.files), file=sys.stderr)
    failing = [
        d
        for d in diagnostics
        if d.severity is Severity.ERROR or (args.strict and (args.review or d.code not in TIME_DEPENDENT))
    ]
    return EXIT_PROBLEMS if failing else EXIT_OK


def cmd_generate_tree(args: argparse.Namespace) -> int:
    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"configuration '{config}' does not exist")
    project = load_project(config, Path(args.docs) if args.docs else None)
    index, diagnostics = check_project(project)
    for d in diagnostics:
        print(format_text(d), file=sys.stderr)
    if index is None:
        print("content errors, nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    files = generated_files(project, index)
    write_tree(files, Path(args.out))
    print(f"{plural(len(files), 'file')} written to {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    corpus = validate([_existing_dir(Path(args.cases), "cases")], _existing_dir(Path(args.data), "data"), args.today)
    sys.stdout.write(render_stats(corpus.cases, corpus.vocabs, args.today or dt.date.today()))
    return EXIT_OK


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_new(args: argparse.Namespace) -> int:
    cases = _existing_dir(Path(args.cases), "cases")
    vocabs, problems = load_vocabularies(_existing_dir(Path(args.data), "data"))
    if problems:
        for d in problems:
            print(format_text(d), file=sys.stderr)
        return EXIT_PROBLEMS
    today = args.today or dt.date.today()
    given = {name: getattr(args, name) for name in ANSWERS} | {"countries": ",".join(args.countries or []) or None}
    try:
        answers = parse_answers(given, vocabs, today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    def taken(slug: str) -> bool:
        return (cases / f"{slug}.md").exists()

    if answers.slug is not None and taken(answers.slug):
        print(f"casebook: {cases / answers.slug}.md already exists; not overwriting it", file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.no_input and _interactive() and any(getattr(answers, name) is None for name in ESSENTIAL):
        try:
            answers = ask_missing(answers, vocabs, Asker(), today, taken)
        except (EOFError, KeyboardInterrupt):
            print("\ncasebook: cancelled; nothing was written", file=sys.stderr)
            return EXIT_PROBLEMS
    if answers.slug is None:
        raise UsageError("give the new case's SLUG (or run 'casebook new' in a terminal to be asked)")
    target = cases / f"{answers.slug}.md"  # a slug typed at the prompt was checked there
    if answers.title is None:
        answers.title = answers.slug.replace("-", " ").capitalize()
    try:
        text = render_case((cases / "_template.md").read_text(encoding="utf-8"), answers, today)
    except (OSError, ValueError) as exc:
        print(f"casebook: cannot use {cases / '_template.md'}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    target.write_text(text, encoding="utf-8")
    print(next_steps(str(target)))
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    """`schema` and `frontmatter`: print, write or check a file generated from the vocabularies."""
    vocabs, problems = load_vocabularies(_existing_dir(Path(args.data), "data"))
    if problems:
        for d in problems:
            print(format_text(d), file=sys.stderr)
        return EXIT_PROBLEMS
    text = args.render(vocabs)
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).exists() else ""
        if current != text:
            print(
                f"casebook: {args.check} is out of date; run 'casebook {args.command} --write {args.check}'",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
    elif args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    corpus = validate([_existing_dir(Path(args.cases), "cases")], _existing_dir(Path(args.data), "data"))
    for d in corpus.errors:
        print(format_text(d), file=sys.stderr)
    if corpus.errors:
        print("casebook: not exporting a corpus with errors", file=sys.stderr)
        return EXIT_PROBLEMS
    site = SiteInfo(url=args.site_url.rstrip("/") + "/" if args.site_url else "")
    for path in write_exports(Index.build(corpus.cases, corpus.vocabs), site, Path(args.out)):
        print(path)
    return EXIT_OK


def cmd_check_links(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("cases")]
    for path in paths:
        if not path.exists():
            raise UsageError(f"'{path}' does not exist")
    if args.concurrency < 1 or args.timeout <= 0:
        raise UsageError("--concurrency must be at least 1 and --timeout more than 0")
    results = check_links(collect_links(paths), args.concurrency, args.timeout)
    for result in results:
        if result.link_class is not LinkClass.OK:
            print(format_result(result))
    if args.out:
        Path(args.out).write_text(render_report(results), encoding="utf-8")
    print(summarise_links(results), file=sys.stderr)
    return EXIT_PROBLEMS if any(r.link_class is LinkClass.BROKEN for r in results) else EXIT_OK


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
        "--docs",
        default="docs",
        help="folder of the hand-written pages, checked when no PATH is given (default: docs)",
    )
    v.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (compiler style), json, github (pull-request annotations) or gitlab (Code Quality report)",
    )
    v.add_argument(
        "--strict", action="store_true", help="fail on warnings too (except those that only time brings, see --review)"
    )
    v.add_argument(
        "--review",
        action="store_true",
        help="with --strict, fail also on warnings that appear as time passes (old reviews, old figures)",
    )
    v.add_argument("--today", type=_date, help="check dates as if today were YYYY-MM-DD")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser(
        "new",
        help="create a case file from the template (asks questions when run in a terminal)",
        description="Write cases/SLUG.md from cases/_template.md. Never overwrites a file. In a terminal, "
        "asks for whatever the flags leave out, offering the allowed terms as numbered choices.",
    )
    n.add_argument("slug", nargs="?", help="the case's permanent id and file name: lower-case letters, digits, hyphens")
    n.add_argument("--title", help="the case's title (default: from the slug)")
    n.add_argument("--summary", help="one or two plain sentences")
    n.add_argument("--country", dest="countries", action="append", metavar="CC", help="ISO code; repeat for more")
    n.add_argument("--domain", help="term from data/domains.yml")
    n.add_argument("--level", help="term from data/levels.yml")
    n.add_argument("--governance-model", help="term from data/governance-models.yml")
    n.add_argument("--status", help="term from data/statuses.yml")
    n.add_argument("--started", help="year the software or collaboration started")
    n.add_argument("--software", help="name of the software")
    n.add_argument("--organisation", help="name of the organisation that started it")
    n.add_argument("--organisation-type", help="term from data/organisation-types.yml")
    n.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")
    n.add_argument("--cases", default="cases", help="folder of the cases (default: cases)")
    n.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
    n.add_argument("--today", type=_date, help="date to use for published and reviewed")
    n.set_defaults(func=cmd_new)

    g = sub.add_parser("generate", help="write the whole generated docs tree (pages, data files, assets) into a folder")
    g.add_argument("--out", required=True, help="folder to write (replaced)")
    g.add_argument("--config", default="mkdocs.yml", help="site configuration to read site_url and the repository from")
    g.add_argument("--docs", help="folder of the hand-written pages (default: the configuration's docs_dir)")
    g.set_defaults(func=cmd_generate_tree)

    st = sub.add_parser("stats", help="figures about the corpus: countries, models, citations, old figures")
    st.add_argument("--cases", default="cases", help="folder of the cases (default: cases)")
    st.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
    st.add_argument("--today", type=_date, help="count figures as old relative to this date")
    st.set_defaults(func=cmd_stats)

    s = sub.add_parser(
        "schema",
        help="print or write the JSON Schema of a case",
        description="Generate the JSON Schema of the front matter from the field specs and the vocabularies.",
    )
    f = sub.add_parser(
        "frontmatter",
        help="print or write frontmatter.json, the Front Matter CMS configuration for VS Code",
        description="Generate the Front Matter CMS configuration (forms and dropdowns for case files in "
        "VS Code) from the field specs and the vocabularies.",
    )
    for generated, render in ((s, render_json_schema), (f, render_frontmatter_config)):
        generated.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
        group = generated.add_mutually_exclusive_group()
        group.add_argument("--write", metavar="FILE", help="write it to FILE")
        group.add_argument("--check", metavar="FILE", help="exit 1 if FILE is not up to date")
        generated.set_defaults(func=cmd_generate, render=render)

    e = sub.add_parser(
        "export",
        help="write the open data files (JSON, CSV, schema, DCAT-AP, feeds)",
        description="Write data/cases.json, data/cases.csv, data/case.schema.json, data/catalog.jsonld, "
        "feed.xml and feed.json under OUT, exactly as the site publishes them.",
    )
    e.add_argument("--out", required=True, help="folder to write into")
    e.add_argument("--cases", default="cases", help="folder of the cases (default: cases)")
    e.add_argument("--data", default="data", help="folder of the vocabularies (default: data)")
    e.add_argument("--site-url", default="", help="absolute URL of the site, used in links (default: relative)")
    e.set_defaults(func=cmd_export)

    k = sub.add_parser(
        "check-links",
        help="check that every source URL and archived copy still answers (uses the network)",
        description="Request every source URL and archived URL of the cases (HEAD, then GET when HEAD fails), "
        "following redirects. Classes: ok, redirected, broken (404, 410, no such host, connection refused) and "
        "suspect (403, 429, 5xx, time-outs). Exit 1 when a link is broken; suspect links are only reported.",
    )
    k.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders (default: cases)")
    k.add_argument("--out", metavar="FILE", help="write the JSON report to FILE")
    k.add_argument("--concurrency", type=int, default=8, metavar="N", help="requests at a time (default: 8)")
    k.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds per request (default: 10)")
    k.set_defaults(func=cmd_check_links)
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
