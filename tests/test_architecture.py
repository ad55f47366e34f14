"""The engine's shape: one route table that both the build and the preview answer from, no state
kept between builds, and stages that import only the stages before them."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import gc
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from catalogue.commands.serve import RELOAD_SCRIPT, Preview, make_server
from catalogue.publish.pipeline import build_site
from catalogue.publish.writer import MARKER
from catalogue.site.assemble import prepare
from catalogue.site.contexts import page_context
from catalogue.site.routes import route_table

from .conftest import ROOT

DAY = dt.date(2026, 6, 15)
STAGES = ("core", "content", "i18n", "mt", "site", "render", "publish", "commands")
PREVIEW_ONLY = "_translations/"  # serve links the translators' pages to the catalogs' lines: the one documented difference


def files_of(folder: Path) -> dict[str, bytes]:
    """The files of a build, but the marker the writer leaves for the next build (not a route)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER
    }


@pytest.fixture
def served_sample(sample_copy):
    preview = Preview(sample_copy, DAY)
    preview.reload()
    assert not preview.problems
    server = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", sample_copy
    server.shutdown()
    server.server_close()
    preview.reload()  # removes the search indexes it made


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_serve_answers_every_file_of_the_build_with_the_same_bytes(served_sample, tmp_path):
    url, root = served_sample
    public = tmp_path / "public"
    build_site(root, public, today=DAY)
    built = files_of(public)
    assert any(name.startswith("pagefind/") for name in built) and "sitemap.xml" in built and "_redirects" in built
    different = []
    for name, data in built.items():
        path = "/" + name.removesuffix("index.html")
        status, kind, body = get(url + path)
        if name.endswith(".html"):
            assert body.count(RELOAD_SCRIPT) == 1, name
            assert kind.startswith("text/html"), name
            body = body.replace(RELOAD_SCRIPT, b"", 1)
        if status != 200 or (body != data and not name.startswith(PREVIEW_ONLY)):
            different.append((name, status))
    assert different == []


def test_serve_answers_missing_pages_with_the_sites_own_404(served_sample):
    url, _ = served_sample
    status, _, body = get(url + "/fr/products/no-such-product/")
    assert status == 404 and b'lang="fr"' in body
    status, _, body = get(url + "/no-such-folder/")
    assert status == 404 and b"404" in body


def test_the_build_writes_exactly_the_route_table(sample_public):
    table = route_table(prepare(ROOT, DAY))
    written = {name for name in files_of(sample_public) if not name.startswith("pagefind/")}
    assert written == {route.file for route in table.routes}
    assert len(table.routes) == len({route.url for route in table.routes})


def test_two_builds_in_one_process_give_the_same_bytes(sample_copy, tmp_path):
    first = build_site(sample_copy, tmp_path / "one", today=DAY, search=False, force=True)
    second = build_site(sample_copy, tmp_path / "two", today=DAY, search=False, force=True)
    assert first.pages == second.pages > 500 and not second.up_to_date
    assert gc.get_freeze_count() == 0  # what a build exempts from the garbage collector is released
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_another_site_built_in_between_leaves_no_trace(sample_copy, multilingual, tmp_path):
    build_site(multilingual, tmp_path / "before", today=DAY, search=False)
    build_site(sample_copy, tmp_path / "sample-public", today=DAY, search=False)
    build_site(multilingual, tmp_path / "after", today=DAY, search=False, force=True)
    before = files_of(tmp_path / "before")
    assert before == files_of(tmp_path / "after")
    assert not any(b"vai-thieu-luc-ngan" in data for data in before.values())


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    """The catalogue packages a module imports (relative imports resolved)."""
    package = path.relative_to(root).with_suffix("").parts[:-1]  # ("catalogue", "site")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = (*base, *(node.module.split(".") if node.module else ()))
                names = [(*module, alias.name) for alias in node.names] if not node.module else [module]
            else:
                names = [tuple((node.module or "").split("."))]
            found |= {name[1] for name in names if len(name) > 1 and name[0] == "catalogue"}
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("catalogue.")}
    return found


def test_every_module_lives_in_a_stage_and_imports_only_earlier_stages():
    modules = sorted((ROOT / "catalogue").rglob("*.py"))
    upward = []
    for path in modules:
        parts = path.relative_to(ROOT / "catalogue").parts
        if len(parts) == 1:
            assert parts[0] in ("__init__.py", "__main__.py"), f"{path.name} belongs in a stage package"
            continue
        assert parts[0] in STAGES or parts[0] == "bundled_themes", parts
        stage = STAGES.index(parts[0])
        upward += [(path.name, parts[0], used) for used in imports_of(path) if used in STAGES and STAGES.index(used) > stage]
    assert upward == []


def test_the_import_check_sees_upward_imports_of_every_form(tmp_path):
    module = tmp_path / "catalogue/core/probe.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..site.urls import Urls\nfrom .. import render\nimport catalogue.mt.tokens\nfrom .files import read_text\n")
    assert imports_of(module, tmp_path) == {"site", "render", "mt", "core"}


def model_objects(value: object, seen: set[int] | None = None) -> list[str]:
    """Model objects (catalogue.content.model) anywhere inside a template context."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, str | bytes | int | float | bool | type(None)):
        return []
    seen.add(id(value))
    if type(value).__module__ == "catalogue.content.model":
        return [type(value).__name__]
    if isinstance(value, dict):
        return [found for item in value.items() for found in model_objects(item, seen)]
    if isinstance(value, list | tuple | set | frozenset):
        return [found for item in value for found in model_objects(item, seen)]
    if dataclasses.is_dataclass(value):
        return [found for item in dataclasses.fields(value) for found in model_objects(getattr(value, item.name), seen)]
    return []


def test_templates_receive_views_never_model_objects():
    site = prepare(ROOT, DAY)
    views = site.views("en")
    leaks = {}
    for page in site.graph.pages:
        context = page_context(views, site.graph, page)
        found = {key: model_objects(value) for key, value in context.items() if key not in ("lang", "page")}
        leaks.update({f"{page.kind} {key}": kinds for key, kinds in found.items() if kinds})
    assert leaks == {}


def test_the_view_check_finds_a_model_object():
    site = prepare(ROOT, DAY)
    assert model_objects({"x": [(1, site.catalogue.producers[0])]}) == ["Producer"]
