"""Spreadsheets as rows of cells: CSV (UTF-8, with or without a byte-order mark; cells
separated by ',', ';' or tabs, whichever the header row uses most) and XLSX
(openpyxl). The first row names the columns; every cell keeps its row and column, so a
problem can be reported as ``file:row:column``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import CatalogueError, Problem

Cell = str | int | float | bool | dt.date | None


@dataclass(frozen=True)
class Table:
    path: str  # as given, for messages
    columns: tuple[str, ...]  # the header row, trimmed
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row number in the file, cells)
    header_row: int = 1  # its number in the file (empty rows before it are skipped)


def read_table(path: Path, shown: str, sheet: str = "", is_header: Callable[[tuple[str, ...]], bool] | None = None) -> Table:
    """The rows of a .csv or .xlsx file; empty rows are skipped, and so are rows above the
    first one ``is_header`` accepts (a title above the header), when one does."""
    if not path.is_file():
        raise CatalogueError([Problem(shown, None, None, "", "is a folder: name a .csv or .xlsx file" if path.is_dir() else "not found")])
    suffix = path.suffix.lower()
    if suffix == ".csv" and sheet:
        raise CatalogueError([Problem(shown, None, None, "--sheet", "a CSV file has no sheets")])
    if suffix == ".csv":
        grid = _csv_rows(path, shown)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_rows(path, shown, sheet)
    else:
        raise CatalogueError([Problem(shown, None, None, "", "expected a .csv or .xlsx file")])
    numbered = [(number, _nfc(cells)) for number, cells in enumerate(grid, start=1) if any(_present(cell) for cell in cells)]
    if not numbered:
        raise CatalogueError([Problem(shown, 1, None, "", "has no header row: the first row must name the columns")])
    start = next((index for index, (_, cells) in enumerate(numbered) if is_header and is_header(_names(cells))), 0)
    (header_row, header), rows = numbered[start], numbered[start + 1 :]
    columns = _names(header)
    width = len(columns)
    cells = tuple((number, tuple(cells[:width]) + (None,) * (width - len(cells))) for number, cells in rows)
    return Table(shown, columns, cells, header_row)


def _names(cells: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(str(cell).strip() if cell is not None else "" for cell in cells)


def _nfc(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """Text is NFC from the moment it is read: a header typed in NFD still matches its mapping."""
    return tuple(unicodedata.normalize("NFC", cell) if isinstance(cell, str) else cell for cell in row)


def _present(cell: Cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _csv_rows(path: Path, shown: str) -> list[tuple[Cell, ...]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueError([Problem(shown, line, None, "", "is not UTF-8 text: save it as 'CSV UTF-8'")]) from None
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # Excel writes ';' where the decimal mark is ','
    try:
        return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise CatalogueError([Problem(shown, None, None, "", f"is not valid CSV: {error}")]) from None


def _xlsx_rows(path: Path, shown: str, sheet: str) -> list[tuple[Cell, ...]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CatalogueError([Problem(shown, None, None, "", f"is not a readable .xlsx workbook: {error}")]) from None
    if sheet and sheet not in book.sheetnames:
        raise CatalogueError([Problem(shown, None, None, "", f"no sheet {sheet!r} (it has {', '.join(book.sheetnames)})")])
    rows = [tuple(_plain(cell) for cell in row) for row in (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)]
    book.close()
    return rows


def _plain(cell: object) -> Cell:
    if isinstance(cell, dt.datetime):
        return cell.date() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, (str, int, float, bool, dt.date)) or cell is None:
        return cell
    return str(cell)
