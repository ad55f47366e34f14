"""``catalogue import``: products from CSV and XLSX, dry run first, every bad row at its cell,
hand-written bodies kept, and export -> import -> export round trips."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from catalogue.commands.cli import main

HEADER = "slug,name,stars,group,producer,commune,commune_type,former_district,former_district_type,province,season,price_min,price_max,currency,unit\n"
ROWS = (
    "che-xanh,Chè xanh Tân Cương,4,beverages,htx-a,Lâm Viên,phuong,Đà Lạt,thanh_pho,Lâm Đồng,3 4 5,120000,250000,VND,kg\n"
    "mat-ong-rung,Mật ong rừng,3,food,htx-a,Tà Nung,,,,Lâm Đồng,,,,,\n"
    'cong-thuc,"=Công thức, không phải công thức",3,food,htx-a,,,,,,,,,,\n'  # a name a spreadsheet would run
)


def run(root, *args, capsys):
    status = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*.md"))}


def test_a_dry_run_prints_what_it_would_do_and_writes_nothing(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "list.csv"
    sheet.write_text(HEADER + ROWS, encoding="utf-8")
    before = snapshot(root)
    status, out, err = run(root, "import", str(sheet), capsys=capsys)
    assert status == 0, err
    assert "content/products/che-xanh.md: would create" in out and "content/products/mat-ong-rung.md: would create" in out
    assert "dry run: nothing was written" in err and snapshot(root) == before
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert status == 0 and "content/products/che-xanh.md: create" in out
    text = (root / "content/products/che-xanh.md").read_text(encoding="utf-8")
    assert "commune_type: phuong" in text and "former_district_type: thanh_pho" in text
    assert run(root, "build", "--no-search", capsys=capsys)[0] == 0
    page = (root / "public/vi/products/che-xanh/index.html").read_text(encoding="utf-8")
    assert "phường Lâm Viên" in page and "thành phố Đà Lạt cũ" in page
    # the same file again changes nothing
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert out == "" and "0 to create, 0 to update, 3 unchanged" in err


def test_every_bad_row_is_reported_at_its_cell_and_nothing_is_written(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "list.csv"
    bad = "sai-1,Sai một,six,food,htx-a,,,,,,,,,,\nsai-2,Sai hai,4,food,htx-khong-co,,,,,,13,,,,\nsai-3,Sai ba,4,drinks,htx-a,,,,,,,5,1,VND,kg\n"
    sheet.write_text(HEADER + bad, encoding="utf-8")
    before = snapshot(root)
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert status == 1 and out == ""
    lines = err.strip().splitlines()
    path = str(sheet)
    assert f"{path}:2:3: error: stars: expected a whole number, got 'six'" in lines
    assert f"{path}:3:5: error: producer: no producer 'htx-khong-co' in content/producers/" in lines
    assert any(line.startswith(f"{path}:3:11: error: season") for line in lines)
    assert any(line.startswith(f"{path}:4:4: error: group: unknown value") for line in lines)
    assert any(line.startswith(f"{path}:4:13: error: price_max: must not be below min") for line in lines)
    assert snapshot(root) == before


def test_a_hand_written_body_is_kept_without_force(make_site, tmp_path, capsys):
    root = make_site()
    product = root / "content/products/my-chu.md"
    before = product.read_text(encoding="utf-8")
    sheet = tmp_path / "list.csv"
    sheet.write_text("slug,description\nmy-chu,Một mô tả khác.\n", encoding="utf-8")
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert status == 0 and "its body was written by hand: kept (--force replaces it)" in err
    assert product.read_text(encoding="utf-8") == before
    status, out, err = run(root, "import", str(sheet), "--write", "--force", capsys=capsys)
    assert "content/products/my-chu.md: update body" in out
    assert product.read_text(encoding="utf-8").endswith("---\nMột mô tả khác.\n")


def test_xlsx_with_a_mapping_of_vietnamese_headers(make_site, tmp_path, capsys):
    root = make_site()
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên sản phẩm", "Hạng sao", "Nhóm", "Chủ thể", "Giá từ", "Giá đến", "Tiền tệ", "Đơn vị", "Ghi chú nội bộ"])
    sheet.append(["Cà phê Cầu Đất", 4, "beverages", "htx-a", 200000, 350000.0, "VND", "kg", "không nhập"])
    book.save(tmp_path / "ds.xlsx")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "Tên sản phẩm: name\nHạng sao: stars\nNhóm: group\nChủ thể: producer\nGiá từ: price_min\nGiá đến: price_max\nTiền tệ: currency\nĐơn vị: unit\n",
        encoding="utf-8",
    )
    status, out, err = run(root, "import", str(tmp_path / "ds.xlsx"), "--mapping", str(mapping), "--write", capsys=capsys)
    assert status == 0, err
    assert "content/products/ca-phe-cau-dat.md: create" in out and "Ghi chú nội bộ" in err  # an unmapped column is named
    text = (root / "content/products/ca-phe-cau-dat.md").read_text(encoding="utf-8")
    assert "max: 350000\n" in text and "stars: 4\n" in text


def test_an_update_changes_only_what_changed_and_keeps_the_rest(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "list.csv"
    sheet.write_text(HEADER + ROWS, encoding="utf-8")
    run(root, "import", str(sheet), "--write", capsys=capsys)
    path = root / "content/products/mat-ong-rung.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n", "---\n# ghi chú của biên tập viên\n", 1) + "Mô tả viết tay.\n", encoding="utf-8"
    )
    edited = path.read_text(encoding="utf-8")
    sheet.write_text(HEADER + ROWS.replace("Mật ong rừng,3", "Mật ong rừng,4"), encoding="utf-8")
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert out.strip() == "content/products/mat-ong-rung.md: update stars"
    text = path.read_text(encoding="utf-8")
    assert "stars: 4" in text and text.endswith("Mô tả viết tay.\n")
    assert (root / "content/products/che-xanh.md").read_text(encoding="utf-8") != edited


def test_export_import_export_round_trips(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "list.csv"
    sheet.write_text(HEADER + ROWS, encoding="utf-8")
    run(root, "import", str(sheet), "--write", capsys=capsys)
    assert run(root, "build", "--no-search", capsys=capsys)[0] == 0
    exported = (root / "public/vi/catalogue.csv").read_bytes()
    (tmp_path / "export.csv").write_bytes(exported)
    before = snapshot(root)
    status, out, err = run(root, "import", str(tmp_path / "export.csv"), "--write", capsys=capsys)
    assert status == 0 and out == "" and "0 to create, 0 to update, 4 unchanged" in err
    assert snapshot(root) == before
    assert run(root, "build", "--no-search", "--force", capsys=capsys)[0] == 0
    assert (root / "public/vi/catalogue.csv").read_bytes() == exported
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert {row["slug"]: row["commune_type"] for row in rows}["che-xanh"] == "phuong"
    assert {row["slug"]: row["name"] for row in rows}["cong-thuc"] == "'=Công thức, không phải công thức"  # neutralised, and read back


def test_a_mapping_file_outside_the_site_is_read(make_site, tmp_path_factory, capsys):
    root = make_site()
    elsewhere = tmp_path_factory.mktemp("downloads")
    (elsewhere / "ds.csv").write_text("Tên sản phẩm,Hạng sao,Nhóm,Chủ thể\nCà phê Cầu Đất,4,beverages,htx-a\n", encoding="utf-8")
    (elsewhere / "cot.yaml").write_text("Tên sản phẩm: name\nHạng sao: stars\nNhóm: group\nChủ thể: producer\n", encoding="utf-8")
    status, out, err = run(root, "import", str(elsewhere / "ds.csv"), "--mapping", str(elsewhere / "cot.yaml"), capsys=capsys)
    assert status == 0, err
    assert "content/products/ca-phe-cau-dat.md: would create" in out


def test_a_bad_mapping_is_one_line_at_its_file_and_line(make_site, tmp_path, capsys):
    root = make_site()
    (tmp_path / "ds.csv").write_text("Tên,Sao\nA,3\n", encoding="utf-8")
    (tmp_path / "cot.yaml").write_text("Tên: name\nSao: [stars\n", encoding="utf-8")
    status, out, err = run(root, "import", str(tmp_path / "ds.csv"), "--mapping", str(tmp_path / "cot.yaml"), capsys=capsys)
    assert status == 1 and len(err.strip().splitlines()) == 2, err  # the problem, then the count
    assert err.startswith(f"{tmp_path / 'cot.yaml'}:3:")
    (tmp_path / "cot.yaml").write_text("Tên: name\nSao: star\n", encoding="utf-8")
    status, out, err = run(root, "import", str(tmp_path / "ds.csv"), "--mapping", str(tmp_path / "cot.yaml"), capsys=capsys)
    assert status == 1
    assert err.startswith(f"{tmp_path / 'cot.yaml'}:2:6: error: Sao: unknown field 'star' (did you mean 'stars'?)"), err


def test_a_problem_is_reported_at_the_column_of_its_own_field(make_site, tmp_path, capsys):
    root = make_site()
    sheet = tmp_path / "list.csv"
    # commune_type is wrong (not commune); the currency has no column at all
    sheet.write_text(
        "name,stars,group,producer,commune,commune_type,price_min,price_max\nChè,4,food,htx-a,Lâm Viên,thon,1000,2000\n", encoding="utf-8"
    )
    status, out, err = run(root, "import", str(sheet), capsys=capsys)
    assert status == 1
    lines = err.strip().splitlines()
    assert any(line.startswith(f"{sheet}:2:6: error: commune_type: unknown value 'thon'") for line in lines), err
    assert f"{sheet}:2: error: price.currency: is required (no column for it: add a 'currency' column)" in lines, err


def refused(root, sheet, text, capsys) -> str:
    """What import says of a spreadsheet it refuses."""
    sheet.write_text(text, encoding="utf-8")
    status, out, err = run(root, "import", str(sheet), capsys=capsys)
    assert status == 1 and out == "", err
    return err


def test_a_row_without_a_name_says_so(make_site, tmp_path, capsys):
    sheet = tmp_path / "list.csv"
    err = refused(make_site(), sheet, "name,stars,group,producer\n,4,food,htx-a\n", capsys)
    assert f"{sheet}:2:1: error: name: is empty: every row needs a name (or a slug)" in err, err
    assert "None" not in err


def test_a_column_named_twice_is_an_error(make_site, tmp_path, capsys):
    sheet = tmp_path / "list.csv"
    err = refused(make_site(), sheet, "name,stars,group,producer,stars\nChè,4,food,htx-a,5\n", capsys)
    assert f"{sheet}:1:5: error: stars: a second column for the field 'stars'" in err, err


def test_problems_with_and_without_a_column_on_one_line_are_sorted():
    from catalogue.core.problems import CatalogueError, Problem

    error = CatalogueError([Problem("a.csv", 2, 3, "", "x"), Problem("a.csv", 2, None, "", "y")])
    assert [p.message for p in error.problems] == ["y", "x"]


def test_a_vietnamese_spreadsheet_s_numbers_dates_and_separators(make_site, tmp_path, capsys):
    """Excel in Vietnamese saves CSV with ';' between cells, '130.000' for a number and
    '20/10/2024' for a date: all read as they mean."""
    root = make_site()
    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "name;stars;group;producer;price_min;price_max;currency;unit;certificate_number;certificate_issuer;certificate_issued\n"
        "Chè Cầu Đất;4;beverages;htx-a;130.000;1.250.000;VND;kg;12/QĐ-UBND;UBND tỉnh Lâm Đồng;20/10/2024\n",
        encoding="utf-8",
    )
    status, out, err = run(root, "import", str(sheet), "--write", capsys=capsys)
    assert status == 0, err
    text = (root / "content/products/che-cau-dat.md").read_text(encoding="utf-8")
    assert "min: 130000\n" in text and "max: 1250000\n" in text and "issued: 2024-10-20\n" in text
    sheet.write_text("name,stars,group,producer,price_min,price_max\nChè,4,food,htx-a,130.5,2\n", encoding="utf-8")
    status, out, err = run(root, "import", str(sheet), capsys=capsys)
    assert status == 1 and f"{sheet}:2:5: error: price_min: expected a whole number, got '130.5'" in err


def test_title_rows_above_the_header_are_skipped(make_site, tmp_path, capsys):
    """A province's list usually opens with its title (merged cells) above the header."""
    root = make_site()
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH SẢN PHẨM OCOP TỈNH LÂM ĐỒNG NĂM 2025"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Tên sản phẩm", "stars", "group", "producer"])
    sheet.append(["Cà phê Cầu Đất", 4, "beverages", "htx-a"])
    sheet.append(["Chè Cầu Đất", "sáu", "beverages", "htx-a"])
    book.save(tmp_path / "ds.xlsx")
    status, out, err = run(root, "import", str(tmp_path / "ds.xlsx"), "--map", "Tên sản phẩm=name", capsys=capsys)
    assert status == 1
    assert err.startswith(f"{tmp_path / 'ds.xlsx'}:5:2: error: stars: expected a whole number, got 'sáu'"), err


def test_an_error_crosses_a_process_boundary_whole():
    import pickle

    from catalogue.core.problems import CatalogueError, Problem

    error = pickle.loads(pickle.dumps(CatalogueError([Problem("a.html", 3, None, "", "template error"), Problem("a.html", 3, 2, "", "x")])))
    assert [str(p) for p in error.problems] == ["a.html:3: error: template error", "a.html:3:2: error: x"]


def test_a_folder_or_a_sheet_of_a_csv_is_refused_for_what_it_is(make_site, tmp_path, capsys):
    root = make_site()
    status, out, err = run(root, "import", str(tmp_path / "content"), capsys=capsys)
    assert status == 1 and f"{tmp_path / 'content'}: error: is a folder: name a .csv or .xlsx file" in err, err
    sheet = tmp_path / "list.csv"
    sheet.write_text("name\nChè\n", encoding="utf-8")
    status, out, err = run(root, "import", str(sheet), "--sheet", "Sheet2", capsys=capsys)
    assert status == 1 and f"{sheet}: error: --sheet: a CSV file has no sheets" in err, err
