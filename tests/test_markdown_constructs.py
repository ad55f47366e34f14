"""Golden tests: each Markdown construct renders as CommonMark (+ GFM tables and footnotes)
says, its translatable units are plain inline text, and a translation replaces the text of a
unit without ever changing the structure around it."""

from __future__ import annotations

import re

import pytest

from catalogue.content.segments import segment
from catalogue.i18n.localise import Localiser
from catalogue.i18n.pofiles import Translation
from catalogue.mt.pseudo import pseudo
from catalogue.mt.tokens import protect
from catalogue.site.body import body_html


def flat(html: str) -> str:
    """The HTML without the newlines markdown-it writes between tags (easier to read here)."""
    return re.sub(r">\n+<", "><", str(html)).strip()


def render(body: str, translations: dict[str, str] | None = None) -> str:
    blocks = segment(body, "content/products/x.md", 1)
    if translations is None:
        return flat(body_html(blocks, Localiser("vi", ("vi",), "vi", {})))
    table = {source: Translation(text, "reviewed") for source, text in translations.items()}
    return flat(body_html(blocks, Localiser("en", ("en", "vi"), "vi", {"en": table})))


def units(body: str) -> list[str]:
    return [block.text.source for block in segment(body, "content/products/x.md", 1) if block.text]


def test_nested_lists_keep_their_nesting_and_each_item_is_a_unit():
    body = "- Vải\n  - thiều\n  - sớm\n- Mỳ"
    assert units(body) == ["Vải", "thiều", "sớm", "Mỳ"]
    assert render(body) == "<ul><li>Vải\n<ul><li>thiều</li><li>sớm</li></ul></li><li>Mỳ</li></ul>"
    assert render(body, {"thiều": "lychee", "Mỳ": "Noodles"}) == (
        '<ul><li><span lang="vi">Vải</span><ul><li>lychee</li><li lang="vi">sớm</li></ul></li><li>Noodles</li></ul>'
    )


def test_numbered_list_keeps_its_start_number():
    assert render("3. Ba\n4. Bốn") == '<ol start="3"><li>Ba</li><li>Bốn</li></ol>'
    assert render("1) Một\n2) Hai") == "<ol><li>Một</li><li>Hai</li></ol>"


def test_hard_breaks_both_ways():
    assert render("Dòng một\\\ndòng hai") == "<p>Dòng một<br>\ndòng hai</p>"
    assert render("Dòng một  \ndòng hai") == "<p>Dòng một<br>\ndòng hai</p>"
    assert render("Dòng một\\\ndòng hai", {"Dòng một\\\ndòng hai": "Line one  \nline two"}) == "<p>Line one<br>\nline two</p>"
    assert units("Dòng một\\\ndòng hai") == ["Dòng một\\\ndòng hai"]


def test_setext_headings_are_headings():
    assert render("Tiêu đề\n=======\n\nPhụ\n---") == "<h2>Tiêu đề</h2><h2>Phụ</h2>"
    assert render("## Cấp hai\n\n### Cấp ba") == "<h2>Cấp hai</h2><h3>Cấp ba</h3>"
    assert [b.kind for b in segment("Tiêu đề\n===", "x.md", 1) if b.text] == ["heading"]


def test_thematic_break_is_not_a_paragraph():
    assert render("Một\n\n---\n\nHai") == "<p>Một</p><hr><p>Hai</p>"
    assert render("***") == "<hr>"


def test_table_without_leading_pipe_keeps_alignment_and_is_translated_cell_by_cell():
    body = "Loại | Giá\n:-- | --:\nVải | 50.000"
    assert units(body) == ["Loại", "Giá", "Vải", "50.000"]
    expected = (
        '<table><thead><tr><th style="text-align:left">Loại</th><th style="text-align:right">Giá</th></tr></thead>'
        '<tbody><tr><td style="text-align:left">Vải</td><td style="text-align:right">50.000</td></tr></tbody></table>'
    )
    assert render(body) == expected
    translated = render(body, {"Loại": "Kind", "Giá": "Price", "Vải": "Lychee | *x*\n---", "50.000": "50,000"})
    assert '<th style="text-align:left">Kind</th>' in translated
    assert '<td style="text-align:left">Lychee | <em>x</em>\n---</td>' in translated  # a translation cannot add cells or rows
    assert translated.count("<tr>") == 2


def test_blockquote_is_translated_by_its_paragraphs():
    body = "> Một câu.\n>\n> Câu hai."
    assert units(body) == ["Một câu.", "Câu hai."]
    assert render(body) == "<blockquote><p>Một câu.</p><p>Câu hai.</p></blockquote>"
    assert render(body, {"Một câu.": "One.", "Câu hai.": "> Two."}) == (
        "<blockquote><p>One.</p><p>&gt; Two.</p></blockquote>"  # the translation's ">" is text
    )


def test_a_translation_cannot_make_blocks():
    body = "Đoạn.\n\n- Mục"
    translated = render(body, {"Đoạn.": "# Title\n\n- item\n\n```\ncode\n```", "Mục": "1. one\n2. two"})
    assert translated.startswith("<p># Title\n") and translated.count("<p>") == 1 and "<h" not in translated and "<pre>" not in translated
    assert translated.endswith("<ul><li>1. one\n2. two</li></ul>") and translated.count("<li>") == 1


def test_footnotes():
    body = "Vải thiều[^gi].\n\n[^gi]: Chỉ dẫn địa lý."
    assert units(body) == ["Vải thiều[^gi].", "Chỉ dẫn địa lý."]
    html = render(body, {"Vải thiều[^gi].": "Lychee[^gi].", "Chỉ dẫn địa lý.": "Geographical indication."})
    assert '<p>Lychee<sup class="footnote-ref"><a href="#fn1" id="fnref1" rel="noopener">[1]</a></sup>.</p>' in html
    assert (
        '<li id="fn1" class="footnote-item"><p>Geographical indication. <a href="#fnref1" class="footnote-backref" rel="noopener">' in html
    )


def test_autolinks():
    assert render("<https://example.org/a>") == '<p><a href="https://example.org/a" rel="noopener">https://example.org/a</a></p>'
    assert render("<lienhe@example.org>") == '<p><a href="mailto:lienhe@example.org" rel="noopener">lienhe@example.org</a></p>'


def test_code_keeps_tabs_and_is_not_translated():
    body = "```\nif x:\n\ty = 1\n```\n\n    thụt\tlề"
    assert units(body) == []
    assert render(body) == "<pre><code>if x:\n\ty = 1\n</code></pre><pre><code>thụt\tlề\n</code></pre>"


def test_image_alt_text_is_translated_on_its_own():
    body = '![Vải thiều chín đỏ](/images/vai.jpg "Vải")'
    assert units(body) == ["Vải thiều chín đỏ"]
    assert [b.text.note for b in segment(body, "x.md", 1) if b.text] == ["body image alt"]
    assert render(body) == '<p><img src="/images/vai.jpg" alt="Vải thiều chín đỏ" title="Vải"></p>'
    assert render(body, {"Vải thiều chín đỏ": 'Ripe "red" lychees'}) == (
        '<p><img src="/images/vai.jpg" alt="Ripe &quot;red&quot; lychees" title="Vải"></p>'
    )


def test_reference_links_resolve_across_blocks_in_source_and_translation():
    body = 'Xem [trang hợp tác xã][htx].\n\n- Và [đây][htx]\n\n[htx]: https://example.org/htx "HTX"'
    assert units(body) == ["Xem [trang hợp tác xã][htx].", "Và [đây][htx]"]
    link = '<a href="https://example.org/htx" title="HTX" rel="noopener">'
    assert render(body) == f"<p>Xem {link}trang hợp tác xã</a>.</p><ul><li>Và {link}đây</a></li></ul>"
    assert render(body, {"Xem [trang hợp tác xã][htx].": "See [the cooperative][htx]."}).startswith(
        f"<p>See {link}the cooperative</a>.</p>"
    )


def test_a_new_bullet_character_starts_a_new_list():
    assert render("- a\n- b\n* c") == "<ul><li>a</li><li>b</li></ul><ul><li>c</li></ul>"
    assert render("1. a\n2) b") == '<ol><li>a</li></ol><ol start="2"><li>b</li></ol>'


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[Nhắn tin](sms:+84912345678)", "sms:+84912345678"),
        ("[Gọi](tel:+84912345678)", "tel:+84912345678"),
        ("[Bản đồ](geo:21.38,106.55)", "geo:21.38,106.55"),
        ("[Tải](ftp://example.org/a.pdf)", "ftp://example.org/a.pdf"),
        ("[Chat](xmpp:htx@example.org)", "xmpp:htx@example.org"),
    ],
)
def test_links_with_other_safe_schemes_keep_their_href(markdown, href):
    assert f'href="{href}"' in render(markdown)


def test_unsafe_schemes_lose_their_href():
    html = render("[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) <javascript:alert(1)>")
    assert "<a" not in html  # left as text
    translated = render(
        "Xem.", {"Xem.": '[a](javascript:alert(1)) <a href="javascript:alert(1)" onclick="x()">b</a> <img src=x onerror=alert(1)>'}
    )
    assert 'href="javascript' not in translated and "onclick" not in translated and "onerror" not in translated


def test_a_fallback_unit_is_marked_with_its_language_where_it_stands():
    body = "# Tên\n\nĐoạn.\n\n| A |\n|---|\n| B |"
    html = render(body, {"Tên": "Name", "A": "A"})
    assert html == (
        '<h2>Name</h2><p lang="vi">Đoạn.</p><table><thead><tr><th>A</th></tr></thead><tbody><tr><td lang="vi">B</td></tr></tbody></table>'
    )


def test_units_keep_their_lines_in_the_file():
    body = "Một.\n\n| A | B |\n|---|---|\n| c | d |\n\n> Trích\n> dẫn\n\n- x\n  - y"
    found = [(b.text.source, b.text.location.line) for b in segment(body, "content/products/x.md", 7) if b.text]
    assert found == [("Một.", 7), ("A", 9), ("B", 9), ("c", 11), ("d", 11), ("Trích\ndẫn", 13), ("x", 16), ("y", 17)]


def test_machine_translation_keeps_the_markdown_of_a_unit():
    """Footnote references, reference-link labels, both hard breaks and backslash escapes are
    tokens: an engine cannot translate, reflow or drop them (the draft is refused if it does)."""
    text = "Vải[^gi] của [hợp tác xã][htx]  \nmới\\\nhái \\*"
    protected = protect(text)
    assert protected.originals == ("[^gi]", "[htx]", "  \n", "\\\n", "\\*")
    assert protected.text == "Vải{0} của [hợp tác xã]{1}{2}mới{3}hái {4}"
    body = f"{text}\n\n[htx]: https://example.org/htx\n\n[^gi]: Ghi chú."
    html = render(body, {text: pseudo(text)})
    assert '<a href="https://example.org/htx" rel="noopener">' in html and html.count("<br>") == 2 and 'href="#fn1"' in html


@pytest.mark.parametrize(
    ("translation", "html"),
    [
        ("**注意：**在当前版本中", "<p><strong>注意：</strong>在当前版本中</p>"),
        ("これは**「重要」**です。", "<p>これは<strong>「重要」</strong>です。</p>"),
        ("**주의:**현재", "<p><strong>주의:</strong>현재</p>"),
    ],
)
def test_emphasis_beside_cjk_punctuation_works(translation, html):
    assert render("**Lưu ý:** trong", {"**Lưu ý:** trong": translation}) == html


def test_footnote_anchors_are_named_after_their_entry_so_two_bodies_can_share_a_page():
    """Two bodies shown on one page never share a footnote's id."""
    body = "Vải[^1].\n\n[^1]: Ghi chú."
    pages = [flat(body_html(segment(body, "x.md", 1, doc=slug), Localiser("vi", ("vi",), "vi", {}))) for slug in ("vai", "mi")]
    assert 'href="#fn-vai-1" id="fnref-vai-1"' in pages[0] and '<li id="fn-vai-1" class="footnote-item">' in pages[0]
    assert 'href="#fn-mi-1" id="fnref-mi-1"' in pages[1]
