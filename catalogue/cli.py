"""The command line: ``python build.py [command]`` and the ``catalogue`` command.

Exit status: 0 success, 1 problems in the site (each printed as path:line: message),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .check import check
from .extract import extract
from .machine import ENGINES
from .pipeline import build_date, build_site
from .problems import CatalogueError
from .status import site_status, table
from .translate import Options, translate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Say = Callable[[str], None]


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="the site folder, holding content/ (default: here)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only problems")
    main = argparse.ArgumentParser(prog="catalogue", description="Build a multilingual product catalogue site.", parents=[common])
    commands = main.add_subparsers(dest="command", metavar="command")
    build = commands.add_parser("build", parents=[common], help="build the site into public/ (the default command)")
    build.add_argument("--out", type=Path, help="output folder (default: <root>/public, or <root>/public-pseudo with --pseudo)")
    build.add_argument("--pseudo", action="store_true", help="add the pseudo-languages en-XA and ar-XB, to find untranslated strings")
    commands.add_parser("extract", parents=[common], help="write locales/*.pot and update every language's .po files")
    translate = commands.add_parser("translate", parents=[common], help="fill missing translations with machine drafts (marked fuzzy)")
    translate.add_argument("--lang", type=_codes, default=(), help="languages to draft, comma-separated (default: all but the source)")
    translate.add_argument("--engine", choices=ENGINES, help="translation engine (default: translation.engine in site.yaml, else google)")
    translate.add_argument("--limit", type=_positive, help="draft at most this many messages in this run")
    translate.add_argument("--dry-run", action="store_true", help="say what would be translated; contact no service, write nothing")
    status = commands.add_parser("status", parents=[common], help="translation progress per language and entry")
    status.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    status.add_argument("--min-coverage", type=float, metavar="PERCENT", help="exit 1 if a language has less reviewed text than this")
    status.add_argument("--entries", action="store_true", help="also list every entry that is not fully reviewed")
    commands.add_parser("check", parents=[common], help="report problems in content, configuration and catalogs")
    return main


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def now() -> dt.datetime:
    return dt.datetime.combine(build_date(), dt.time(), tzinfo=dt.UTC)


def run_build(args: argparse.Namespace, root: Path, say: Say) -> int:
    pseudo = getattr(args, "pseudo", False)
    out = (getattr(args, "out", None) or root / ("public-pseudo" if pseudo else "public")).resolve()
    built = build_site(root, out, progress=lambda line: say(f"  {line}"), pseudo=pseudo)
    say(f"Built {built.pages} pages in {built.languages} languages ({built.files} files) in {built.seconds:.2f} s -> {out}")
    return EXIT_OK


def run_extract(args: argparse.Namespace, root: Path, say: Say) -> int:
    report = extract(root, now())
    theme, content = report.templates["messages"], report.templates["content"]
    say(f"Extracted {theme} theme strings and {content} content texts; {len(report.written)} files changed.")
    for path in report.written:
        say(f"  wrote {path}")
    return EXIT_OK


def run_translate(args: argparse.Namespace, root: Path, say: Say) -> int:
    options = Options(languages=args.lang, engine=args.engine or "", limit=args.limit, dry_run=args.dry_run)
    try:
        report = translate(root, options, now(), show_progress=not getattr(args, "quiet", False))
    except ValueError as error:
        print(f"catalogue translate: {error}", file=sys.stderr)
        return EXIT_USAGE
    if options.dry_run:
        for code, count in report.planned.items():
            say(f"{code}: would draft {count} messages")
        say(f"{sum(report.planned.values())} messages, {report.characters:,} characters; nothing was sent or written (dry run).")
        return EXIT_OK
    for code, count in report.drafted.items():
        say(f"{code}: {count} drafted")
    skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(report.skipped.items())) or "none"
    failed = sum(1 for problem in report.failed if problem.line)
    say(f"drafted {sum(report.drafted.values())}; skipped {sum(report.skipped.values())} ({skipped}); failed {failed}")
    for problem in report.failed:
        print(problem, file=sys.stderr)
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def run_status(args: argparse.Namespace, root: Path, say: Say) -> int:
    config, statuses = site_status(root)
    if args.format == "json":
        print(json.dumps({"languages": [status.as_dict() for status in statuses]}, ensure_ascii=False, indent=2))
    else:
        print(table(statuses, entries=args.entries))
    if args.min_coverage is None:
        return EXIT_OK
    below = [s for s in statuses if s.code != config.source_language and s.total.coverage < args.min_coverage]
    for status in below:
        print(f"{status.code}: {status.total.coverage:.1f}% reviewed, below {args.min_coverage:g}%", file=sys.stderr)
    return EXIT_PROBLEMS if below else EXIT_OK


def run_check(args: argparse.Namespace, root: Path, say: Say) -> int:
    problems = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for problem in problems if problem.severity == "error")
    say(f"{errors} errors, {len(problems) - errors} warnings.")
    return EXIT_PROBLEMS if errors else EXIT_OK


COMMANDS = {
    None: run_build,
    "check": run_check,
    "build": run_build,
    "extract": run_extract,
    "translate": run_translate,
    "status": run_status,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    say: Say = (lambda _: None) if getattr(args, "quiet", False) else (lambda text: print(text, file=sys.stderr))
    root = getattr(args, "root", Path(".")).resolve()
    try:
        return COMMANDS[args.command](args, root, say)
    except CatalogueError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in error.problems if p.severity == "error")
        print(f"{errors} problem{'s' if errors != 1 else ''} found; nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Interrupted; what was written so far is complete and kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
