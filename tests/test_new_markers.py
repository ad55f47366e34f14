"""``new`` writes no plausible fact: what only a person can answer is left as a marker that
``check`` reports until it is replaced, and ``build`` refuses outside drafts."""

from __future__ import annotations

import re

import pytest

from catalogue.commands.cli import main
from catalogue.commands.new import SLUG_LENGTH
from catalogue.content.specs import MARKER


def run(root, *args, capsys):
    status = main(["--root", str(root), *args])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "fields"), [("product", {"stars", "category", "producer"}), ("producer", {"kind"}), ("experience", {"kind"})]
)
def test_every_marker_left_in_place_is_an_error(make_site, capsys, kind, fields):
    root = make_site()
    assert run(root, "new", kind, "Cà phê Cầu Đất", capsys=capsys)[0] == 0
    path = next(root.glob(f"content/{kind}s/ca-phe-cau-dat.md"))
    text = path.read_text(encoding="utf-8")
    assert set(re.findall(rf"^(\w+): {re.escape(MARKER)}", text, re.MULTILINE)) == fields
    assert "stars: 3" not in text and "category: food" not in text and "htx-a\n" not in text  # no plausible fact
    status, err = run(root, "check", capsys=capsys)
    assert status == 1
    reported = re.findall(rf"{path.relative_to(root).as_posix()}:\d+:\d+: error: (\w+): still \?\?\? as `new` wrote it", err)
    assert set(reported) == fields and len(reported) == len(fields)
    assert run(root, "build", "--no-search", capsys=capsys)[0] == 0  # a draft: build leaves it out
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    status, err = run(root, "build", "--no-search", capsys=capsys)
    assert status == 1 and "still ??? as `new` wrote it" in err  # outside drafts, build refuses it


def test_a_long_official_name_gets_a_readable_slug_and_is_accepted(make_site, capsys):
    root = make_site()
    name = (
        "Hợp tác xã sản xuất, kinh doanh dịch vụ nông nghiệp và phát triển nông thôn bền vững Cầu Đất: "
        "cà phê Arabica rang xay nguyên chất loại đặc biệt, đóng gói hút chân không, hộp quà tặng 500 g"
    )
    assert len(name) > 160
    assert run(root, "new", "product", name, capsys=capsys)[0] == 0
    (path,) = [p for p in root.glob("content/products/*.md") if p.stem != "my-chu"]
    assert len(path.stem) <= SLUG_LENGTH and not path.stem.endswith("-")
    text = path.read_text(encoding="utf-8")
    for key, value in {"stars": "4", "category": "beverages", "producer": "htx-a"}.items():
        text = text.replace(f"{key}: {MARKER}", f"{key}: {value}")
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    status, err = run(root, "check", capsys=capsys)
    assert status == 0, err


def test_new_takes_a_slug(make_site, capsys):
    root = make_site()
    assert run(root, "new", "product", "Trà Ô long", "--slug", "tra-o-long-cau-dat", capsys=capsys)[0] == 0
    assert (root / "content/products/tra-o-long-cau-dat.md").is_file()
    status, err = run(root, "new", "product", "Trà", "--slug", "Trà Ô", capsys=capsys)
    assert status == 1 and "--slug: error: 'Trà Ô' is not a slug" in err


@pytest.mark.parametrize("kind", ["product", "producer", "experience", "page"])
def test_new_writes_no_text_that_would_be_published_as_the_description(make_site, capsys, kind):
    """How to write a body is said in comments: an editor who publishes without writing one
    publishes no body, never the instructions."""
    root = make_site()
    assert run(root, "new", kind, "Cà phê Cầu Đất", capsys=capsys)[0] == 0
    path = next(root.glob(f"content/{kind}s/ca-phe-cau-dat.md"))
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n---\n")  # nothing after the front matter
    assert "one paragraph per idea" in text  # the advice is there, as a comment
    filled = text.replace("draft: true\n", "").replace(f"stars: {MARKER}", "stars: 4").replace(f"category: {MARKER}", "category: food")
    filled = filled.replace(f"producer: {MARKER}", "producer: htx-a").replace(
        f"kind: {MARKER}", f"kind: {'site' if kind == 'experience' else 'cooperative'}"
    )
    path.write_text(filled, encoding="utf-8")
    assert run(root, "build", "--no-search", capsys=capsys)[0] == 0
    page = next(root.glob("public/vi/**/ca-phe-cau-dat/index.html")).read_text(encoding="utf-8")
    assert "Viết mô tả" not in page and "Một mục danh sách" not in page and "Một tiêu đề nhỏ" not in page
