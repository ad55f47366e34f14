"""The command line: ``python build.py [command]`` and the ``catalogue`` command.

Exit status: 0 success, 1 problems in the site (each printed as path:line: message),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .extract import extract
from .pipeline import build_date, build_site
from .problems import CatalogueError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="the site folder, holding content/ (default: here)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only problems")
    main = argparse.ArgumentParser(prog="catalogue", description="Build a multilingual product catalogue site.", parents=[common])
    commands = main.add_subparsers(dest="command", metavar="command")
    build = commands.add_parser("build", parents=[common], help="build the site into public/ (the default command)")
    build.add_argument("--out", type=Path, help="output folder (default: <root>/public)")
    commands.add_parser("extract", parents=[common], help="write locales/*.pot and update every language's .po files")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    quiet = getattr(args, "quiet", False)
    say = (lambda _: None) if quiet else (lambda text: print(text, file=sys.stderr))
    root = getattr(args, "root", Path(".")).resolve()
    try:
        if args.command == "extract":
            now = dt.datetime.combine(build_date(), dt.time(), tzinfo=dt.UTC)
            report = extract(root, now)
            counts = ", ".join(f"{count} {domain} messages" for domain, count in report.templates.items())
            say(f"Extracted {counts}; {len(report.written)} files changed.")
            for path in report.written:
                say(f"  wrote {path}")
            return EXIT_OK
        out = (getattr(args, "out", None) or root / "public").resolve()
        built = build_site(root, out, progress=lambda line: say(f"  {line}"))
        say(f"Built {built.pages} pages in {built.languages} languages ({built.files} files) in {built.seconds:.2f} s -> {out}")
        return EXIT_OK
    except CatalogueError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in error.problems if p.severity == "error")
        print(f"{errors} problem{'s' if errors != 1 else ''} found; nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Interrupted; the previous output is unchanged.", file=sys.stderr)
        return 130
