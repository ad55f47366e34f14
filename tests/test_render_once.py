"""Work a cold build does once instead of once per page: a product's card rendered once per
language and reused on every list, each list sorted once per order, cache files that a crash
left empty remade. The output stays the bytes the page-by-page way gave."""

from __future__ import annotations

import datetime as dt
import gettext

from babel import Locale

from catalogue.publish.pipeline import build_site
from catalogue.render import cards
from catalogue.render.environment import MemoryBytecodeCache, make_environment
from catalogue.site import contexts

from .test_pagination import page, products, small_pages  # noqa: F401  (a fixture)

DAY = dt.date(2026, 6, 15)
TEMPLATE = """{% macro card(name, facts=none) -%}
{% call once(name, facts) -%}
<li>{{ made(name) }}{% if facts %} {{ facts.group }}{% endif %}</li>
{%- endcall %}
{%- endmacro %}
{% for name, facts in items %}{{ card(name, facts) }}
{% endfor %}"""


def test_a_block_is_rendered_once_per_set_of_values(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/t.html").write_text(TEMPLATE, encoding="utf-8")
    calls: list[str] = []

    def made(name: str) -> str:
        calls.append(name)
        return name

    env = make_environment((tmp_path,), gettext.NullTranslations(), {"made": made}, MemoryBytecodeCache())
    items = [("<a>", None), ("b", {"group": "food"}), ("<a>", None), ("b", {"group": "food"}), ("b", {"group": "tea"})]
    html = env.get_template("t.html").render(items=items)
    assert html.split("\n") == ["<li>&lt;a&gt;</li>", "<li>b food</li>", "<li>&lt;a&gt;</li>", "<li>b food</li>", "<li>b tea</li>", ""]
    assert calls == ["<a>", "b", "b"]  # the same values again: the block's text, not a second rendering


def test_each_list_is_sorted_once_per_order_and_language(make_site, small_pages, monkeypatch):  # noqa: F811
    root = make_site(products(9))
    sorted_lists: list[tuple] = []
    ordered = contexts.ordered

    def counted(items, sort, views):
        sorted_lists.append((len(items), sort, views.language.code))
        return ordered(items, sort, views)

    monkeypatch.setattr(contexts, "ordered", counted)
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # in this process, where the calls are counted
    build_site(root, root / "public", today=DAY, search=False)
    counts: dict[tuple, int] = {}
    for entry in sorted_lists:
        counts[entry] = counts.get(entry, 0) + 1
    # three lists of the ten products (all, their group, their stars) of five pages each: each
    # list sorted once per order and language, not once per page
    expected = {(10, sort, code): 3 for sort in ("", "stars", "name", "newest") for code in ("vi", "en")}
    assert {entry: count for entry, count in counts.items() if entry[0] == 10} == expected
    cards_of = page(root, "vi/products/page/2")
    assert len(cards_of.select("main li.card")) == 2


def test_an_empty_cache_file_is_made_again(tmp_path):
    card = cards.Card("Vải thiều", "OCOP", 5, "Lục Ngạn", None, (200, 200, 200), Locale.parse("vi"))
    first = cards.card_jpeg(card, tmp_path)
    [cached] = tmp_path.glob("*.jpg")
    cached.write_bytes(b"")  # what a machine crash can leave of a file never synced
    assert cards.card_jpeg(card, tmp_path) == first
    assert cached.read_bytes() == first
