"""Editor tools: new, check (all problems, strict, JSON, certificates), serve (live preview,
errors in the page, recovery, drafts) and the JSON Schemas."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import urllib.error
import urllib.request

import jsonschema
import pytest
import yaml

from catalogue.commands.cli import main
from catalogue.commands.schema import schemas
from catalogue.commands.serve import Preview, make_server, watch
from catalogue.content.entries import SPECS
from catalogue.content.model import SECTIONS as KINDS
from catalogue.content.sources import load_catalogue
from catalogue.publish.pipeline import build_site

from .conftest import PRODUCT, ROOT

NAMES = {  # between them, every Vietnamese letter with a diacritic, in both cases
    "Mỳ Chũ Xuân Trường": "my-chu-xuan-truong",
    "Đặc sản ăn âm ê ô ơ ư đ": "dac-san-an-am-e-o-o-u-d",
    "Á À Ả Ã Ạ Ắ Ằ Ẳ Ẵ Ặ Ấ Ầ Ẩ Ẫ Ậ É È Ẻ Ẽ Ẹ Ế Ề Ể Ễ Ệ": "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-e-e-e-e-e-e-e-e-e-e",
    "Í Ì Ỉ Ĩ Ị Ó Ò Ỏ Õ Ọ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ": "i-i-i-i-i-o-o-o-o-o-o-o-o-o-o-o-o-o-o-o",
    "Ú Ù Ủ Ũ Ụ Ứ Ừ Ử Ữ Ự Ý Ỳ Ỷ Ỹ Ỵ Đ": "u-u-u-u-u-u-u-u-u-u-y-y-y-y-y-d",
    "à ả ã á ạ ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ è ẻ ẽ é ẹ ề ể ễ ế ệ": "a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-e-e-e-e-e-e-e-e-e-e",
    "ì ỉ ĩ í ị ò ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ù ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ": "i-i-i-i-i-o-o-o-o-o-o-o-o-o-o-o-o-o-o-o-u-u-u-u-u-u-u-u-u-u",  # cut at 60
}


def run(root, *args, capsys):
    status = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- new -------------------------------------------------------------------------------


ANSWERS = {"stars": "4", "category": "food", "producer": "htx-a", "kind": "cooperative"}


def answered(path, kind: str = "product") -> None:
    """Replace `new`'s markers as an editor would."""
    text = path.read_text(encoding="utf-8")
    for key, value in ANSWERS.items():
        text = text.replace(f"{key}: ???", f"{key}: {value if key != 'kind' or kind == 'producer' else 'site'}")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("name", "slug"), list(NAMES.items()))
def test_new_product_slug_from_every_diacritic(make_site, capsys, name, slug):
    root = make_site()
    status, _, err = run(root, "new", "product", name, capsys=capsys)
    assert status == 0, err
    path = root / f"content/products/{slug}.md"
    assert path.is_file() and "dj" not in path.name
    answered(path)
    product = next(p for p in load_catalogue(root, include_drafts=True).products if p.slug == slug)
    assert product.name.source == name and product.draft
    assert slug not in {p.slug for p in load_catalogue(root).products}  # a draft is not built


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_entry_has_every_field_and_loads(make_site, capsys, kind):
    root = make_site()
    assert run(root, "new", kind, "Đồi chè: Bản Ven", capsys=capsys)[0] == 0
    path = root / f"content/{KINDS[kind]}/doi-che-ban-ven.md"
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---\n")[0]
    keys = set(re.findall(r"^#? ?(\w+):", front, re.MULTILINE))
    assert set(SPECS[KINDS[kind]][1].fields) <= keys
    answered(path, kind)
    assert {entry.slug for entry in load_catalogue(root, include_drafts=True).entries()} >= {"doi-che-ban-ven"}


def test_new_refuses_to_overwrite(make_site, capsys):
    root = make_site()
    before = (root / "content/products/my-chu.md").read_text(encoding="utf-8")
    status, _, err = run(root, "new", "product", "Mỳ Chũ", capsys=capsys)
    assert status == 1
    assert "content/products/my-chu.md: error: already exists: not overwritten" in err
    assert (root / "content/products/my-chu.md").read_text(encoding="utf-8") == before


# --- check -----------------------------------------------------------------------------


def test_check_clean_site_exits_0(multilingual, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")  # 1 June 2025: the fixture's certificate is valid
    status, _, err = run(multilingual, "check", capsys=capsys)
    assert (status, err.strip().splitlines()[-1]) == (0, "0 errors, 0 warnings."), err


def test_check_reports_everything_at_once(make_site, capsys):
    root = make_site(
        {
            "content/products/my-chu.md": PRODUCT.replace("stars: 4", "stars: 9").replace("Mô tả.", "Xem [trang](/products/khong-co/)."),
            "content/producers/htx-a.md": "---\nname: A\nkind: cooperative\nrepresentitive: X\n---\n",
            "locales/en/LC_MESSAGES/content.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "x"\nmsgstr "unclosed\n',
        }
    )
    status, _, err = run(root, "check", capsys=capsys)
    lines = err.strip().splitlines()  # the theme's catalogs translate its interface: no messages.po is missing
    assert status == 1
    assert lines == [
        "content/producers/htx-a.md:4:1: error: representitive: unknown key (did you mean 'representative'?)",
        "content/products/my-chu.md:3:8: error: stars: must be from 3 to 5, got 9",
        "locales/en/LC_MESSAGES/content.po:6: error: msgstr: the string is not closed by a double quote",
        "3 errors, 0 warnings.",
    ]


def test_check_broken_internal_link(make_site, capsys):
    root = make_site(
        {
            "content/products/my-chu.md": PRODUCT.replace(
                "Mô tả.", "Mô tả.\n\nXem [nhà sản xuất](/producers/htx-b/) và [đây](/producers/htx-a/)."
            )
        }
    )
    status, _, err = run(root, "check", capsys=capsys)
    assert status == 1
    assert "content/products/my-chu.md:9: error: body: broken link: no page at /producers/htx-b/" in err
    assert "/producers/htx-a/" not in err


def test_site_links_lead_to_the_page_in_each_language(make_site):
    root = make_site({"content/products/my-chu.md": PRODUCT.replace("Mô tả.", "Xem [nhà sản xuất](/producers/htx-a/).")})
    build_site(root, root / "public")
    assert 'href="/en/producers/htx-a/"' in (root / "public/en/products/my-chu/index.html").read_text(encoding="utf-8")
    assert 'href="/vi/producers/htx-a/"' in (root / "public/vi/products/my-chu/index.html").read_text(encoding="utf-8")


def test_check_strict_json_and_certificates(make_site, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp())))
    certificate = "certificate: {number: A-1, issuer: UBND, issued: 2023-12-01, expires: 2026-12-15}"
    old = "certificate: {number: B-2, issuer: UBND, issued: 2022-01-01, expires: 2025-01-01}"
    root = make_site(
        {
            "content/products/my-chu.md": PRODUCT.replace("stars: 4", f"stars: 4\n{certificate}"),
            "content/products/vai.md": PRODUCT.replace("name: Mỳ Chũ", "name: Vải").replace("stars: 4", f"stars: 5\n{old}"),
        }
    )
    status, _, err = run(root, "check", capsys=capsys)
    assert status == 0
    assert "content/products/my-chu.md:4:62: warning: certificate: OCOP certificate A-1 expires on 2026-12-15, in 44 days" in err
    assert (
        "content/products/vai.md:4:62: warning: certificate: OCOP certificate B-2 expired on 2025-01-01: the product awaits re-evaluation"
        in err
    )
    assert run(root, "check", "--strict", capsys=capsys)[0] == 1
    assert run(root, "check", "--expiry-days", "30", capsys=capsys)[2].count("certificate:") == 1
    status, out, _ = run(root, "check", "--format", "json", capsys=capsys)
    problems = json.loads(out)
    assert {p["severity"] for p in problems} == {"warning"} and problems[0]["path"] == "content/products/my-chu.md"
    assert problems[0]["line"] == 4 and problems[0]["field"] == "certificate"
    status, out, _ = run(root, "check", "--certificates", capsys=capsys)
    assert out.splitlines()[0].split() == ["product", "producer", "stars", "number", "expires", "status"]
    assert "Vải" in out.splitlines()[1] and "expired" in out.splitlines()[1]
    assert "in 44 days" in out.splitlines()[2]


def test_check_usage_error_exits_2(make_site):
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(make_site()), "check", "--format", "xml"])
    assert exit_.value.code == 2


# --- serve -----------------------------------------------------------------------------


@pytest.fixture
def served(multilingual):
    preview = Preview(multilingual, dt.date(2026, 6, 15))
    preview.reload()
    server = make_server(preview, "127.0.0.1", 0)
    stop, watching = threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True),
        threading.Thread(target=watch, args=(preview, stop, lambda _: watching.set()), daemon=True),
    ]
    for thread in threads:
        thread.start()
    probe = multilingual / "content/watcher-ready.txt"  # changed until the watcher reports it: then it sees every change
    for attempt in range(100):
        probe.write_text(str(attempt), encoding="utf-8")
        if watching.wait(0.1):
            break
    assert watching.is_set(), "the watcher never saw a change"
    probe.unlink()
    yield f"http://127.0.0.1:{server.server_address[1]}/shop", multilingual  # the fixture's base path
    stop.set()
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, condition, seconds: float = 10.0) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    while True:
        status, body = fetch(url)
        if condition(status, body) or time.monotonic() > deadline:
            return status, body
        time.sleep(0.1)


def test_serve_shows_edits_errors_and_recovery(served):
    url, root = served
    page = url + "/en/products/my-chu/"
    status, body = fetch(page)
    assert status == 200 and "Chũ noodles" in body and "/__livereload.js" in body
    product = root / "content/products/my-chu.md"
    original = product.read_text(encoding="utf-8")
    product.write_text(original.replace("stars: 4", "stars: 5"), encoding="utf-8")
    status, body = wait_for(page, lambda s, b: 'aria-label="5 stars"' in b)
    assert status == 200 and 'aria-label="5 stars"' in body
    product.write_text(original.replace("stars: 4", "stars: 7"), encoding="utf-8")
    status, body = wait_for(page, lambda s, b: s == 500)
    assert status == 500
    assert "content/products/my-chu.md:4:8: error: stars: must be from 3 to 5, got 7" in body.replace("&#x27;", "'")
    product.write_text(original, encoding="utf-8")
    status, body = wait_for(page, lambda s, b: s == 200)
    assert status == 200 and 'aria-label="4 stars"' in body


def test_serve_shows_a_translation_edit_and_its_undo(served):
    """Edited catalogs are read again; what was derived from the old one is not reused."""
    url, root = served
    page = url + "/en/products/my-chu/"
    catalog = root / "locales/en/LC_MESSAGES/content.po"
    original = catalog.read_text(encoding="utf-8")
    catalog.write_text(original.replace('msgstr "Chũ noodles"', 'msgstr "Chũ rice vermicelli"'), encoding="utf-8")
    status, body = wait_for(page, lambda s, b: "Chũ rice vermicelli" in b)
    assert status == 200 and "Chũ rice vermicelli" in body
    catalog.write_text(original, encoding="utf-8")
    status, body = wait_for(page, lambda s, b: "Chũ noodles" in b)
    assert "Chũ noodles" in body and "Chũ rice vermicelli" not in body


def test_serve_shows_drafts_and_the_translators_page(served):
    url, root = served
    (root / "content/products/moi.md").write_text(
        PRODUCT.replace("name: Mỳ Chũ", "name: Sản phẩm mới\ndraft: true").replace("htx-a", "htx-thu"), encoding="utf-8"
    )
    status, body = wait_for(url + "/vi/products/moi/", lambda s, b: s == 200)
    assert status == 200 and 'class="notice"' in body and "Sản phẩm mới" in body
    status, body = fetch(url + "/_translations/")
    assert status == 200 and 'href="/shop/_translations/en/"' in body
    status, body = fetch(url + "/_translations/en/")
    assert status == 200
    link = re.search(r'href="(/__source/locales/en/LC_MESSAGES/content.po)#L(\d+)"', body)
    assert link is not None
    status, source = fetch(url.removesuffix("/shop") + link.group(1))
    assert status == 200 and f'id="L{link.group(2)}"' in source
    build_site(root, root / "public")
    assert not (root / "public/vi/products/moi").exists()


# --- JSON Schema -----------------------------------------------------------------------


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    return json.loads(json.dumps(data, default=str))  # dates as editors' YAML tools see them


def test_json_schema_accepts_every_sample_entry():
    all_schemas = schemas()
    names = {"products": "product", "producers": "producer", "experiences": "experience", "pages": "page"}
    for section, name in names.items():
        validator = jsonschema.Draft202012Validator(all_schemas[f"{name}.schema.json"])
        for path in sorted((ROOT / "content" / section).glob("*.md")):
            errors = list(validator.iter_errors(front_matter(path)))
            assert errors == [], (path.name, [e.message for e in errors])
    site = yaml.safe_load((ROOT / "content/site.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(all_schemas["site.schema.json"]).validate(json.loads(json.dumps(site, default=str)))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("stars: 5", "stars: 6"), "6 is greater than the maximum of 5"),
        (("category: food", "category: fruit"), "'fruit' is not one of"),
        (("featured: true", "featured: true\nstar: 5"), "Additional properties are not allowed ('star' was unexpected)"),
        (("  unit: kg", "  unit: Tonne"), "'Tonne' does not match"),  # units may be the site's own: a code, checked by the build
        (("producer: htx-hong-xuan\n", ""), "'producer' is a required property"),
    ],
)
def test_json_schema_rejects_broken_entries(change, expected):
    validator = jsonschema.Draft202012Validator(schemas()["product.schema.json"])
    text = (ROOT / "content/products/vai-thieu-luc-ngan.md").read_text(encoding="utf-8").replace(*change)
    data = json.loads(json.dumps(yaml.safe_load(text.split("---\n")[1]), default=str))
    assert any(expected in error.message for error in validator.iter_errors(data))


def test_schema_command_writes_the_files(make_site, capsys):
    root = make_site()
    assert run(root, "schema", capsys=capsys)[0] == 0
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(schemas())
