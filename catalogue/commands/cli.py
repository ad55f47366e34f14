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
import threading
import traceback
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from ..content.certificates import EXPIRY_WARNING_DAYS
from ..content.model import SECTIONS
from ..content.ocop import GROUP_SLUGS
from ..core.builddate import build_date
from ..core.problems import CatalogueError, Problem, relative
from ..core.wording import counted
from ..mt.engines import ENGINES
from .init import THEME_LANGUAGES

# Each command imports what it runs when it runs (below): ``status`` need not wait for the
# build's modules, nor ``extract`` for the server's; about 0.3 s a command.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
Say = Callable[[str], None]


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="the site folder, holding content/ (default: here)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print only problems")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="say more about each step")
    main = argparse.ArgumentParser(prog="catalogue", description="Build a multilingual product catalogue site.", parents=[common])
    commands = main.add_subparsers(dest="command", metavar="command")
    build = commands.add_parser("build", parents=[common], help="build the site into public/ (the default command)")
    build.add_argument("--out", type=Path, help="output folder (default: <root>/public, or <root>/public-pseudo with --pseudo)")
    build.add_argument("--pseudo", action="store_true", help="add the pseudo-languages en-XA and ar-XB, to find untranslated strings")
    build.add_argument("--force", action="store_true", help="rebuild even when no input changed since the last build")
    build.add_argument("--no-search", action="store_true", help="skip the search index (faster; for previews and benchmarks)")
    commands.add_parser("extract", parents=[common], help="write locales/*.pot and update every language's .po files")
    translate = commands.add_parser("translate", parents=[common], help="fill missing translations with machine drafts (marked fuzzy)")
    translate.add_argument("--lang", type=_codes, default=(), help="languages to draft, comma-separated (default: all but the source)")
    translate.add_argument("--engine", choices=ENGINES, help="translation engine (default: translation.engine in site.yaml, else google)")
    translate.add_argument("--limit", type=_positive, help="draft at most this many messages in this run")
    translate.add_argument("--dry-run", action="store_true", help="say what would be translated; contact no service, write nothing")
    status = commands.add_parser("status", parents=[common], help="translation progress per language and entry")
    status.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    status.add_argument("--min-coverage", type=_percent, metavar="PERCENT", help="exit 1 if a language has less reviewed text than this")
    status.add_argument("--entries", action="store_true", help="also list every entry that is not fully reviewed")
    status.add_argument("--lang", type=_codes, default=(), help="only these languages, comma-separated (default: all)")
    check_command = commands.add_parser("check", parents=[common], help="report problems in content, configuration, catalogs and links")
    check_command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_command.add_argument(
        "--format", choices=("text", "json"), default="text", help="json: one object per problem, for CI annotations"
    )
    check_command.add_argument("--certificates", action="store_true", help="print expired and soon-expiring OCOP certificates as a table")
    check_command.add_argument(
        "--expiry-days",
        type=_positive,
        default=EXPIRY_WARNING_DAYS,
        metavar="DAYS",
        help="warn of certificates expiring within DAYS (default 90)",
    )
    init = commands.add_parser("init", parents=[common], help="start a new site in DIR that builds at once")
    init.add_argument("dir", type=Path, help="the new site's folder (new or empty)")
    init.add_argument("--languages", type=_codes, help=f"language codes, the editors' first (default: {','.join(THEME_LANGUAGES)})")
    init.add_argument("--title", help="the site's title in its first language")
    init.add_argument("--base-url", help="where the site will live, e.g. https://ocop.example.org/")
    new = commands.add_parser("new", parents=[common], help="start a new entry (marked draft) with every field explained")
    new.add_argument("kind", choices=tuple(SECTIONS), help="what to create")
    new.add_argument("name", help="its name in Vietnamese; the file name (slug) is made from it")
    new.add_argument("--slug", default="", help="the file name and address to use (default: made from the name, at most 60 characters)")
    importing = commands.add_parser("import", parents=[common], help="create or update products from a spreadsheet (CSV or XLSX)")
    importing.add_argument("file", type=Path, help="a .csv or .xlsx file whose first row names the columns")
    importing.add_argument("--mapping", type=Path, help="a YAML file: column header -> field (default: the export's column names)")
    importing.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD", help="map one column (repeatable)")
    importing.add_argument("--sheet", default="", help="the sheet of an .xlsx file (default: the first)")
    importing.add_argument("--write", action="store_true", help="write the changes (default: a dry run that prints them)")
    importing.add_argument("--force", action="store_true", help="replace bodies that were written by hand")
    serve = commands.add_parser("serve", parents=[common], help="live preview on 127.0.0.1 that rebuilds and reloads on every change")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)")
    schema = commands.add_parser("schema", parents=[common], help="write JSON Schemas of the entry formats (for editors)")
    schema.add_argument("--out", type=Path, help="folder to write to (default: <root>/schemas)")
    brochure = commands.add_parser("brochure", parents=[common], help="print the brochure to PDF files with headless Chromium")
    brochure.add_argument("--out", type=Path, help="folder to write to (default: <root>/brochures)")
    brochure.add_argument("--lang", type=_codes, default=(), help="languages to print, comma-separated (default: all)")
    brochure.add_argument(
        "--group",
        type=_codes,
        default=(),
        help=f"print these groups' brochures instead of the whole one, comma-separated ({', '.join(GROUP_SLUGS)})",
    )
    glossary = commands.add_parser("glossary", parents=[common], help="export locales/glossary.yaml as TBX and CSV (Weblate, CAT tools)")
    glossary.add_argument("--out", type=Path, help="folder to write to (default: <root>/glossary-export)")
    return main


def coloured(problem: Problem) -> str:
    """A problem's line, its severity in colour on a terminal (never in logs, nor with NO_COLOR)."""
    text = str(problem)
    if not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        return text
    colour = "31" if problem.severity == "error" else "33"
    return text.replace(f": {problem.severity}: ", f": \033[1;{colour}m{problem.severity}\033[0m: ", 1)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 0 to 65535, got {value}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _percent(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("must be a percentage from 0 to 100")
    return value


def now() -> dt.datetime:
    return dt.datetime.combine(build_date(), dt.time(), tzinfo=dt.UTC)


def run_build(args: argparse.Namespace, root: Path, say: Say) -> int:
    from ..publish.pipeline import build_site

    pseudo = getattr(args, "pseudo", False)
    out = (getattr(args, "out", None) or root / ("public-pseudo" if pseudo else "public")).resolve()
    verbose = getattr(args, "verbose", False)
    detail = (lambda line: say(f"  {line}")) if verbose else (lambda _: None)
    bar = not getattr(args, "quiet", False) and not verbose
    options = {"force": getattr(args, "force", False), "search": not getattr(args, "no_search", False)}
    built = build_site(root, out, say=detail, pseudo=pseudo, bar=bar, **options)
    if built.up_to_date:
        say(f"Nothing changed since the last build: {out} is up to date ({built.seconds:.2f} s; --force rebuilds).")
        return EXIT_OK
    say(f"Built {built.pages} pages in {built.languages} languages ({built.files} files) in {built.seconds:.2f} s -> {out}")
    return EXIT_OK


def run_extract(args: argparse.Namespace, root: Path, say: Say) -> int:
    from ..i18n.extract import extract

    report = extract(root, now(), bar=not getattr(args, "quiet", False))
    theme, content = report.templates["messages"], report.templates["content"]
    say(f"Extracted {theme} theme strings and {content} content texts; {counted(len(report.written), 'file')} changed.")
    if getattr(args, "verbose", False):
        for path in report.written:
            say(f"  wrote {path}")
    return EXIT_OK


def run_translate(args: argparse.Namespace, root: Path, say: Say) -> int:
    from ..mt.translate import Options, translate

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
    from ..i18n.status import site_status, table

    config, statuses = site_status(root)
    unknown = [code for code in args.lang if code not in config.languages]
    if unknown:
        known = ", ".join(config.languages)
        print(f"catalogue status: not a language of the site: {', '.join(unknown)} (the site has {known})", file=sys.stderr)
        return EXIT_USAGE
    statuses = [status for status in statuses if not args.lang or status.code in args.lang]
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
    from ..content.certificates import certificate_rows, certificate_table
    from ..content.sources import load_catalogue
    from .check import check

    if args.certificates:
        rows = certificate_rows(load_catalogue(root), build_date(), args.expiry_days)
        print(certificate_table(rows) if rows else f"No OCOP certificate has expired or expires within {args.expiry_days} days.")
        return EXIT_OK
    problems = check(root, build_date(), args.expiry_days)
    if args.strict:
        problems = [replace(problem, severity="error") for problem in problems]
    if args.format == "json":
        print(json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            print(coloured(problem), file=sys.stderr)
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    say(f"{counted(errors, 'error')}, {counted(warnings, 'warning')}.")
    return EXIT_PROBLEMS if errors else EXIT_OK


def ask(question: str, default: str = "") -> str:
    """One answer from the person at the terminal (the default on an empty line)."""
    answer = input(f"{question}{f' [{default}]' if default else ''}: ").strip()
    return answer or default


def run_init(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .init import InitOptions, init_site

    terminal = sys.stdin.isatty()
    languages, title, base_url = args.languages, args.title, args.base_url
    if not terminal and (title is None or base_url is None):
        print("catalogue init: --title and --base-url are needed when not asked on a terminal", file=sys.stderr)
        return EXIT_USAGE
    if languages is None:
        languages = _codes(ask("Languages, the editors' first", ",".join(THEME_LANGUAGES))) if terminal else THEME_LANGUAGES
    if title is None:
        title = ask(f"Title of the site in {languages[0] if languages else 'its first language'}")
    if base_url is None:
        base_url = ask("Address where it will be published (base URL)", "https://")
    folder = args.dir.resolve()
    init_site(folder, InitOptions(tuple(languages), title, base_url))
    say(
        f'Created a new site in {folder}. Next, in that folder: `catalogue new product "Tên sản phẩm"` starts an entry,'
        " `catalogue serve` shows it as you write, `catalogue build` writes the site into public/."
    )
    if "\ncatalogue @" not in (folder / "requirements.txt").read_text(encoding="utf-8"):
        say("requirements.txt: write the address of the engine's repository there before publishing (the Pages workflow installs it).")
    for code in languages:
        if code not in THEME_LANGUAGES:
            say(
                f"{code}: the theme has no translation for this language: its interface is in English until"
                f" locales/{code.replace('-', '_')}/LC_MESSAGES/messages.po translates it"
                " (`catalogue extract` writes it, `catalogue translate` drafts it)."
            )
    return EXIT_OK


def run_new(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .new import new_entry

    path = new_entry(root, args.kind, args.name, args.slug)
    say(f"Created {path.relative_to(root).as_posix()} (marked draft: `serve` shows it, `build` leaves it out).")
    return EXIT_OK


def run_import(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .importing import import_file, load_mapping

    mapping = load_mapping(args.mapping, tuple(args.map))
    report = import_file(root, args.file, mapping, args.sheet, args.write, args.force)
    verb = "" if report.written else "would "
    for path in report.created:
        print(f"{path}: {verb}create")
    for path, changed in report.updated:
        print(f"{path}: {verb}update {', '.join(changed)}")
    for problem in report.kept_bodies:
        print(coloured(problem), file=sys.stderr)
    if report.ignored:
        say(f"Columns with no field (ignored): {', '.join(report.ignored)}")
    counts = f"{len(report.created)} to create, {len(report.updated)} to update, {report.unchanged} unchanged"
    say(f"{counts}." if report.written else f"{counts}; dry run: nothing was written (--write writes).")
    return EXIT_OK


def run_serve(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .serve import Preview, make_server, watch

    preview = Preview(root, build_date())
    preview.reload()
    try:
        server = make_server(preview, "127.0.0.1", args.port)
    except OSError as error:
        print(f"127.0.0.1:{args.port}: error: cannot serve there: {error.strerror} (--port 0 picks a free port)", file=sys.stderr)
        return EXIT_PROBLEMS
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop, say), daemon=True)
    watcher.start()
    host, port = server.server_address[:2]
    state = f"{len(preview.problems)} problems shown in the browser" if preview.problems else "drafts included"
    print(f"Serving http://{host}:{port}/ ({state}); press Ctrl+C to stop.", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
    return EXIT_OK


def run_schema(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .schema import write_schemas

    for path in write_schemas((args.out or root / "schemas").resolve(), root):
        say(f"wrote {path}")
    return EXIT_OK


def run_brochure(args: argparse.Namespace, root: Path, say: Say) -> int:
    from .brochure import BrochureError, write_brochures

    unknown = [slug for slug in args.group if slug not in GROUP_SLUGS]
    if unknown:
        print(f"catalogue brochure: not a group: {', '.join(unknown)} (the groups are {', '.join(GROUP_SLUGS)})", file=sys.stderr)
        return EXIT_USAGE
    out = (args.out or root / "brochures").resolve()
    try:
        written = write_brochures(root, out, build_date(), args.lang, args.group, say)
    except BrochureError as error:
        print(f"catalogue brochure: error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not written:
        print("catalogue brochure: error: no product in the groups asked for; nothing to print", file=sys.stderr)
        return EXIT_PROBLEMS
    say(f"Printed {counted(len(written), 'PDF')} -> {out}")
    return EXIT_OK


def run_glossary(args: argparse.Namespace, root: Path, say: Say) -> int:
    from ..content.config import load_config
    from ..core.files import atomic_write
    from ..i18n.glossary import load_glossary
    from ..i18n.glossary_export import exports

    out = (args.out or root / "glossary-export").resolve()
    for name, data in exports(load_glossary(root), load_config(root)).items():
        atomic_write(out / name, data)
        say(f"wrote {out / name}")
    return EXIT_OK


COMMANDS = {
    None: run_build,
    "glossary": run_glossary,
    "brochure": run_brochure,
    "build": run_build,
    "check": run_check,
    "init": run_init,
    "new": run_new,
    "import": run_import,
    "serve": run_serve,
    "schema": run_schema,
    "extract": run_extract,
    "translate": run_translate,
    "status": run_status,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    say: Say = (lambda _: None) if getattr(args, "quiet", False) else (lambda text: print(text, file=sys.stderr))
    root = getattr(args, "root", Path(".")).resolve()
    if args.command != "init" and not root.is_dir():
        print(f"{root}: error: no such folder (the site folder, given by --root or the current folder)", file=sys.stderr)
        return 1
    try:
        return COMMANDS[args.command](args, root, say)
    except CatalogueError as error:
        for problem in error.problems:
            print(coloured(problem), file=sys.stderr)
        errors = sum(1 for p in error.problems if p.severity == "error")
        print(f"{counted(errors, 'problem')} found; nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("Interrupted; what was written so far is complete and kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # a fault of the machine: disk full, file too large, read-only folder
        print(f"{_where(error, root)}: error: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as error:  # the last resort: a bug, said in one line with where it happened
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        bug = f"{type(error).__name__}: {error} (at {where}); this is a bug in catalogue, please report it"
        print(f"catalogue: error: {bug}", file=sys.stderr)
        return EXIT_PROBLEMS


def _where(error: OSError, root: Path) -> str:
    """The file an OSError is about, relative to the site when it is inside."""
    if not error.filename:
        return "catalogue"
    return relative(Path(os.fsdecode(error.filename)).absolute(), root)
