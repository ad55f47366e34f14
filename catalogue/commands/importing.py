"""``import``: products from a spreadsheet (CSV or XLSX), created or updated as entries.

Columns are the fields of the export (``catalogue.csv``), so an export imports back as it is;
a mapping (a YAML file, or ``--map "Tên sản phẩm=name"``) names other headers. Each row is
checked exactly as an entry is, and every problem is reported as ``file:row:column``. A run
is a dry run unless ``--write``: it prints what it would create and change. Nothing is
written while any row is wrong; a body someone wrote is never replaced without ``--force``;
an entry whose facts do not change is not touched (its comments stay).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.entries import read_entry
from ..content.sources import CONTENT, entry_files
from ..content.tables import Cell, Table, read_table
from ..core.files import atomic_write, read_text
from ..core.problems import CatalogueError, Problem, did_you_mean, relative
from ..core.slugs import is_slug
from ..core.yamlsource import parse_yaml, split_front_matter
from ..site.exports import neutralised
from .new import short_slug

# import field -> where it goes in a product's front matter ("" for the slug and the body)
FIELDS: dict[str, tuple[str, ...]] = {
    "slug": (),
    "name": ("name",),
    "summary": ("summary",),
    "stars": ("stars",),
    "group": ("category",),
    "producer": ("producer",),
    "featured": ("featured",),
    "tags": ("tags",),
    "commune": ("origin", "commune"),
    "commune_type": ("origin", "commune_type"),
    "former_district": ("origin", "former_district"),
    "former_district_type": ("origin", "former_district_type"),
    "province": ("origin", "province"),
    "former_province": ("origin", "former_province"),
    "latitude": ("origin", "geo", "0"),
    "longitude": ("origin", "geo", "1"),
    "season": ("season",),
    "price_min": ("price", "min"),
    "price_max": ("price", "max"),
    "currency": ("price", "currency"),
    "unit": ("price", "unit"),
    "certificate_number": ("certificate", "number"),
    "certificate_issuer": ("certificate", "issuer"),
    "certificate_issued": ("certificate", "issued"),
    "certificate_expires": ("certificate", "expires"),
    "export_markets": ("export", "markets"),
    "export_standards": ("export", "standards"),
    "geographic_indication": ("export", "geographic_indication"),
    "description": (),
}
WHOLE = {"stars", "price_min", "price_max"}
DECIMAL = {"latitude", "longitude"}
DATES = {"certificate_issued", "certificate_expires"}
DEFAULT_TYPES = {"commune_type": "xa", "former_district_type": "huyen"}
LISTS = {"export_markets": ";", "export_standards": ";", "tags": ";"}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)  # path, changed fields
    unchanged: int = 0
    kept_bodies: list[Problem] = field(default_factory=list)
    ignored: tuple[str, ...] = ()  # columns with no field
    written: bool = False


def load_mapping(path: Path | None, pairs: tuple[str, ...]) -> dict[str, str]:
    """Spreadsheet header -> import field, from a YAML file and ``--map`` options."""
    mapping = _mapping_file(path) if path is not None else {}
    wrong = []
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep:
            raise CatalogueError([Problem("--map", None, None, "", f"expected HEADER=FIELD, got {pair!r}")])
        header, name = unicodedata.normalize("NFC", header.strip()), name.strip()
        if name not in FIELDS:
            wrong.append(Problem("--map", None, None, header, f"unknown field {name!r}{did_you_mean(name, FIELDS)}"))
        mapping[header] = name
    if wrong:
        raise CatalogueError(wrong)
    return mapping


def _mapping_file(path: Path) -> dict[str, str]:
    """A mapping file, wherever the user keeps it (like the spreadsheet itself); its problems
    at their lines."""
    shown = str(path)
    if not path.is_file():
        raise CatalogueError([Problem(shown, None, None, "", "not found")])
    try:
        text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogueError([Problem(shown, None, None, "", "is not UTF-8 text")]) from None
    document, problems = parse_yaml(text, shown)
    if problems or document is None:
        raise CatalogueError(problems)
    if document.root is None:
        return {}
    if not isinstance(document.root, yaml.MappingNode):
        raise CatalogueError([document.where(document.root).problem("", "expected column headers and their fields (Tên sản phẩm: name)")])
    mapping: dict[str, str] = {}
    wrong = []
    for key, value in document.root.value:
        header = str(key.value).strip()
        name = str(value.value).strip() if isinstance(value, yaml.ScalarNode) else ""
        if name not in FIELDS:
            wrong.append(document.where(value).problem(header, f"unknown field {name!r}{did_you_mean(name, FIELDS)}"))
        mapping[header] = name
    if wrong:
        raise CatalogueError(wrong)
    return mapping


def import_field(entry_field: str) -> str:
    """The import field (column) that writes an entry's field ("origin.commune_type" ->
    "commune_type", "tags[1]" -> "tags"), or "" when no column does."""
    for name, target in FIELDS.items():
        dotted = ".".join(target[:2])
        if target and (entry_field == dotted or entry_field.startswith((f"{dotted}.", f"{dotted}["))):
            return name
    return ""


def _text(cell: Cell) -> str:
    """A cell as text; the quote the export puts before a formula-like cell is taken off."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = "" if cell is None else str(cell)
    if text.startswith("'") and neutralised(text[1:]) == text:
        text = text[1:]
    return text.strip()


def _value(name: str, cell: Cell) -> Any:
    """A cell as the value its field takes; raises ValueError with what was expected."""
    text = _text(cell)
    if name in WHOLE:
        digits = re.sub(r"(?<=\d)[.,\s\u00a0](?=\d{3}(?:\D|$))", "", text)  # "1.250.000", "25,000", "25 000"
        if isinstance(cell, bool) or not re.fullmatch(r"\d+", digits):
            raise ValueError(f"expected a whole number, got {text!r}")
        return int(digits)
    if name in DECIMAL:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"expected a number, got {text!r}") from None
    if name in DATES:
        if isinstance(cell, dt.date):
            return cell
        day_first = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)  # 20/10/2024, as Vietnam writes dates
        try:
            return dt.date(*map(int, day_first.groups()[::-1])) if day_first else dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"expected a date YYYY-MM-DD or DD/MM/YYYY, got {text!r}") from None
    if name == "season":
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
        if not all(part.isdigit() for part in parts):
            raise ValueError(f"expected month numbers separated by spaces, got {text!r}")
        return [int(part) for part in parts]
    if name in DEFAULT_TYPES:
        return None if text == DEFAULT_TYPES[name] else text  # the default is not written
    if name == "featured":
        if text.lower() not in ("true", "false", "yes", "no", "x", "1", "0"):
            raise ValueError(f"expected true or false, got {text!r}")
        return text.lower() in ("true", "yes", "x", "1")
    if name in LISTS:
        return [part.strip() for part in text.split(LISTS[name]) if part.strip()]
    return text


def _set(front: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set (or, for None, remove) a value at ``path``; empty mappings that remain go too."""
    if path[-1] in ("0", "1"):  # one coordinate of a [latitude, longitude] pair
        place = front.setdefault(path[0], {})
        geo = list(place.get("geo") or [None, None])
        geo[int(path[-1])] = value
        if geo == [None, None]:
            place.pop("geo", None)
        else:
            place["geo"] = geo
    elif len(path) == 2:
        group = front.setdefault(path[0], {})
        if not isinstance(group, dict):
            group = front[path[0]] = {}
        if value is None:
            group.pop(path[1], None)
        else:
            group[path[1]] = value
    elif value is None:
        front.pop(path[0], None)
    else:
        front[path[0]] = value
    if len(path) > 1 and not front.get(path[0]):
        front.pop(path[0], None)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{prefix}{key}.").items()}
    return {prefix.rstrip("."): value}


class _Dumper(yaml.SafeDumper):
    """Front matter as editors write it: mappings as blocks, short lists on one line."""

    def represent_list(self, data: list) -> yaml.Node:  # type: ignore[override]
        flat = all(not isinstance(item, (dict, list)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(list, _Dumper.represent_list)


def entry_text(front: dict[str, Any], body: str) -> str:
    dumped = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)
    return f"---\n{dumped}---\n{body.strip()}\n" if body.strip() else f"---\n{dumped}---\n"


@dataclass(frozen=True)
class Existing:
    path: Path
    front: dict[str, Any]
    body: str


def _existing(root: Path, path: Path) -> Existing | None | Problem:
    text, problems = read_text(path, root)
    if problems or text is None:
        return problems[0] if problems else None
    front, body, _, problems = split_front_matter(text, relative(path, root))
    try:
        loaded = yaml.safe_load(front) if not problems else None
    except yaml.YAMLError:
        loaded = None
    if not isinstance(loaded, dict):
        return Problem(relative(path, root), None, None, "", "cannot be updated from the spreadsheet: fix its own errors first")
    return Existing(path, loaded, body)


@dataclass
class Plan:
    """What the rows of one table would do, and what is wrong with them."""

    table: Table
    fields: dict[int, str]  # column index -> import field
    root: Path
    force: bool
    report: ImportReport
    problems: list[Problem] = field(default_factory=list)
    texts: dict[Path, str] = field(default_factory=dict)

    def at(self, row: int, name: str, message: str, severity: str = "error") -> Problem:
        """A problem at the row's cell of ``name`` (its first cell when there is no such column)."""
        index = next((i for i, f in self.fields.items() if f == name), 0)
        return Problem(self.table.path, row, index + 1, self.table.columns[index] if self.table.columns else "", message, severity)

    def values(self, row: int, cells: tuple[Cell, ...]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for index, name in self.fields.items():
            try:
                values[name] = _value(name, cells[index]) if _text(cells[index]) else None
            except ValueError as error:
                self.problems.append(self.at(row, name, str(error)))
        return values

    def body(self, row: int, path: Path, existing: Existing | None, description: str | None) -> str:
        body = existing.body if existing else ""
        if description is None or description.strip() == body.strip():
            return body
        if body.strip() and not self.force:
            message = f"{relative(path, self.root)}: its body was written by hand: kept (--force replaces it)"
            self.report.kept_bodies.append(self.at(row, "description", message, "warning"))
            return body
        return description

    def check(self, row: int, slug: str, path: Path, text: str) -> None:
        """The entry as it would be written, read as every entry is; its problems at their cells,
        or, for a field no column writes, at the row with the field's name and the column to add."""
        for problem in read_entry("products", slug, relative(path, self.root), text)[1]:
            if problem.severity != "error":
                continue
            column = import_field(problem.field)
            if column in self.fields.values():
                self.problems.append(self.at(row, column, problem.message))
            else:
                hint = f" (no column for it: add a '{column}' column)" if column else ""
                self.problems.append(Problem(self.table.path, row, None, problem.field, problem.message + hint))

    def row(self, row: int, cells: tuple[Cell, ...], files: dict[str, Path], producers: set[str]) -> None:
        before = len(self.problems)
        values = self.values(row, cells)
        cells_read = len(self.problems) == before
        key = "slug" if "slug" in self.fields.values() else "name"
        if not values.get("slug") and not values.get("name"):
            if cells_read:
                column = "name" if "name" in self.fields.values() else key
                self.problems.append(self.at(row, column, "is empty: every row needs a name (or a slug)"))
            return
        slug = values.get("slug") or short_slug(str(values.get("name") or ""))
        if not is_slug(slug):
            self.problems.append(self.at(row, key, f"cannot make a slug from {slug or values.get('name')!r}: add a slug column"))
            return
        producer = values.get("producer")
        if producer and producer not in producers:
            self.problems.append(
                self.at(row, "producer", f"no producer '{producer}' in content/producers/{did_you_mean(producer, producers)}")
            )
        path = files.get(slug, self.root / CONTENT / "products" / f"{slug}.md")
        existing = _existing(self.root, path) if path.exists() else None
        if path in self.texts or isinstance(existing, Problem):
            message = f"a second row for '{slug}'" if path in self.texts else f"{existing.path}: {existing.message}"  # type: ignore[union-attr]
            self.problems.append(self.at(row, key, message))
            return
        front = dict(existing.front) if existing else {}
        for name, value in values.items():
            if FIELDS[name]:
                _set(front, FIELDS[name], value)
        body = self.body(row, path, existing, values.get("description"))
        text = entry_text(front, body)
        if cells_read:  # a cell already wrong would only be reported twice
            self.check(row, slug, path, text)
        where = relative(path, self.root)
        if existing is None:
            self.report.created.append(where)
            self.texts[path] = text
            return
        old, new = _flat(existing.front), _flat(front)
        changed = sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
        changed += ["body"] if body.strip() != existing.body.strip() else []
        if changed:
            self.report.updated.append((where, changed))
            self.texts[path] = text
        else:
            self.report.unchanged += 1


def import_table(root: Path, table: Table, mapping: dict[str, str], write: bool = False, force: bool = False) -> ImportReport:
    """Create or update one product per row; raises CatalogueError with every bad row."""
    named = {index: mapping.get(column, column) for index, column in enumerate(table.columns)}
    fields = {index: name for index, name in named.items() if name in FIELDS}
    report = ImportReport(ignored=tuple(column for index, column in enumerate(table.columns) if index not in fields and column))
    if not {"name", "slug"} & set(fields.values()):
        message = "needs a 'name' or a 'slug' column (or a mapping that names one)"
        raise CatalogueError([Problem(table.path, table.header_row, None, "", message)])
    first: dict[str, int] = {}
    twice = [
        Problem(table.path, table.header_row, index + 1, table.columns[index], f"a second column for the field {name!r}")
        for index, name in fields.items()
        if first.setdefault(name, index) != index
    ]
    if twice:
        raise CatalogueError(twice)
    plan = Plan(table, fields, root, force, report)
    files = {path.stem: path for path in entry_files(root, "products")}
    producers = {path.stem for path in entry_files(root, "producers")}
    for row, cells in table.rows:
        plan.row(row, cells, files, producers)
    if plan.problems:
        raise CatalogueError(plan.problems)
    if write:
        for path, text in plan.texts.items():
            atomic_write(path, text.encode("utf-8"))
        report.written = True
    return report


def import_file(root: Path, file: Path, mapping: dict[str, str], sheet: str = "", write: bool = False, force: bool = False) -> ImportReport:
    table = read_table(file, str(file), sheet, lambda columns: any(mapping.get(column, column) in FIELDS for column in columns))
    return import_table(root, table, mapping, write, force)
