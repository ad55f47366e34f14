"""Build the whole site: read and check it, lay out its routes, write them all and index each
language for search, swap the result in.

Nothing is written until everything has been read and checked, and the output folder is
replaced only when every file was made.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.builddate import build_date
from ..core.problems import CatalogueError, Location
from ..core.progress import Progress
from ..core.workers import frozen_heap, in_workers
from ..render.maker import Maker
from ..site.assemble import prepare
from ..site.pagegraph import entry_of
from ..site.routes import Route, RouteTable, route_table
from .fingerprint import Fingerprint
from .search import index_language, searched
from .writer import SiteWriter, refuse_unsafe_output

Say = Callable[[str], None]
CHUNK = 200  # shared files of one kind per task: small enough to fill the worker that finishes its languages first


@dataclass(frozen=True)
class BuildReport:
    pages: int
    languages: int
    files: int
    seconds: float
    up_to_date: bool = False  # nothing changed since the last build: nothing was done


def write_routes(table: RouteTable, maker: Maker, writer: SiteWriter, say: Say, progress: Progress, search: bool = True) -> int:
    """Every route into the writer: each language's files (then, with ``search``, its search
    index, made by the same worker while the others still render), then the shared files (QR
    codes, social cards, short-link pages...) in chunks of one kind, which fill whichever worker
    is free: nothing is left to this process after the pool. Returns the number of pages."""
    languages = [table.of_language(code) for code in maker.site.config.languages]
    kinds: dict[str, list[Route]] = {}
    for route in table.shared:
        kinds.setdefault(route.kind, []).append(route)
    shared = [tuple(routes[start : start + CHUNK]) for routes in kinds.values() for start in range(0, len(routes), CHUNK)]
    tasks = [*languages, *shared]

    def write(task: tuple[Route, ...]) -> tuple[int, str]:
        for route in task:
            writer.write(route.file, made(maker, route))
        note = ""
        if search and task and task[0].language:
            folder = maker.site.config.languages[task[0].language].folder
            note = index_language(writer.temp, folder, [route for route in task if searched(route)])
        return sum(route.is_page for route in task), note

    pages = 0
    for task, (rendered, note) in in_workers(tasks, write):
        if task and task[0].language:
            pages += rendered
            progress.advance(rendered)
            say(f"{task[0].language}: {rendered} pages" + (f"; {note}" if note else ""))
    return pages


def made(maker: Maker, route: Route) -> bytes:
    """The bytes of a route; a failure that is no problem of the site's files (those are
    CatalogueErrors already, and faults of the disk OSErrors) is reported as a problem of the
    entry the page shows, as a bug, so that the workers end cleanly with one line."""
    try:
        return maker.make(route)
    except (CatalogueError, OSError):
        raise
    except Exception as error:
        entry = entry_of(route.page, maker.site.index) if route.language else None
        where = entry.source if entry else Location(route.file)
        message = f"{route.url} could not be made ({type(error).__name__}: {error}); this is a bug in catalogue, please report it"
        raise CatalogueError([where.problem("", message)]) from None


def build_site(
    root: Path,
    out: Path,
    today: dt.date | None = None,
    say: Say = lambda _: None,
    pseudo: bool = False,
    bar: bool = False,
    force: bool = False,
    search: bool = True,
) -> BuildReport:
    """Build the site into ``out``; with ``pseudo``, add the pseudo-languages en-XA and ar-XB.

    ``say`` receives a line per stage (for --verbose); ``bar`` shows a progress bar of pages.
    When no input changed since the last build of ``out`` (and not ``force``), nothing is done.
    """
    started = time.perf_counter()
    today = today or build_date()
    fingerprint = Fingerprint(root, out, f"{today.isoformat()} pseudo={pseudo} search={search}")
    if not force and fingerprint.unchanged():
        SiteWriter(out).remove_stale()
        return BuildReport(0, 0, 0, time.perf_counter() - started, up_to_date=True)
    site = prepare(root, today, pseudo)
    refuse_unsafe_output(root, out, earlier_build=fingerprint.path.is_file())
    table = route_table(site)
    progress = Progress(len(site.graph.pages) * len(site.config.languages), "build", enabled=bar)
    fingerprint.forget()
    with frozen_heap(), SiteWriter(out) as writer:
        pages = write_routes(table, Maker(site), writer, say, progress, search)
    fingerprint.save()
    return BuildReport(pages, len(site.config.languages), len(table.routes), time.perf_counter() - started)
