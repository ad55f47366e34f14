"""Markdown bodies cut into translatable units, and assembled back into HTML."""

from __future__ import annotations

from catalogue.content.segments import segment
from catalogue.i18n.localise import Localiser
from catalogue.i18n.pofiles import Translation
from catalogue.site.body import body_html

BODY = """Đoạn **một**,
hai dòng.

## Cách dùng

- Mục một
- Mục hai
  tiếp tục

1. Bước một

```
mã
không dịch
```

> Trích dẫn
"""


def test_units_kinds_texts_and_lines():
    blocks = segment(BODY, "content/products/x.md", 10)
    summary = [(b.kind, b.text.source, b.text.location.line, b.text.note) for b in blocks if b.text]
    assert summary == [
        ("paragraph", "Đoạn **một**,\nhai dòng.", 10, "body ¶1"),
        ("heading", "Cách dùng", 13, "body heading"),
        ("item", "Mục một", 15, "body list item"),
        ("item", "Mục hai\ntiếp tục", 16, "body list item"),
        ("item", "Bước một", 19, "body list item"),
        ("quote", "Trích dẫn", 26, "body quote ¶6"),
    ]
    code = next(b for b in blocks if b.kind == "quote").markup
    assert "<pre><code>mã\nkhông dịch\n</code></pre>" in code  # code is markup: never a unit


def test_fenced_code_with_blank_lines_stays_one_block():
    blocks = segment("```\na\n\nb\n```\n\nSau.", "x.md", 1)
    assert [(b.kind, b.text.source) for b in blocks if b.text] == [("paragraph", "Sau.")]
    assert blocks[0].markup.startswith("<pre><code>a\n\nb\n</code></pre>")


def test_assembled_html_marks_fallback_blocks():
    blocks = segment(BODY, "x.md", 1)
    table = {"Cách dùng": Translation("How to use", "reviewed"), "Mục một": Translation("Item one", "reviewed")}
    html = body_html(blocks, Localiser("en", ("en", "vi"), "vi", {"en": table}))
    assert html.splitlines()[:6] == [
        '<p lang="vi">Đoạn <strong>một</strong>,',
        "hai dòng.</p>",
        "<h2>How to use</h2>",
        "<ul>",
        "<li>Item one</li>",
        '<li lang="vi">Mục hai',
    ]
    assert '<ol>\n<li lang="vi">Bước một</li>\n</ol>' in html
    assert "<pre><code>mã\nkhông dịch\n</code></pre>" in html
    assert '<blockquote>\n<p lang="vi">Trích dẫn</p>\n</blockquote>' in html


def test_unsafe_markup_is_removed():
    blocks = segment('Xem <script>alert(1)</script>[đây](javascript:alert(1)) <img src=x onerror="alert(1)">', "x.md", 1)
    html = body_html(blocks, Localiser("vi", ("vi",), "vi", {}))
    assert "<script" not in html and 'href="javascript:' not in html and "onerror" not in html
    assert '<img src="x">' in html  # images are allowed, their handlers never


def test_outdated_and_missing_translations_fall_back():
    blocks = segment("Một.\n\nHai.", "x.md", 1)
    table = {"Một.": Translation("One (old).", "outdated"), "Hai.": Translation("Two (draft).", "draft")}
    html = body_html(blocks, Localiser("en", ("en", "vi"), "vi", {"en": table}))
    assert html == '<p lang="vi">Một.</p>\n<p lang="vi">Hai.</p>'
