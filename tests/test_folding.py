"""Literal theme strings folded into each language's compiled templates give exactly the bytes
the gettext call gives at run time, and a change of translations compiles again."""

from __future__ import annotations

import gettext

from catalogue.render.environment import MemoryBytecodeCache, make_environment
from catalogue.render.folding import translations_key

TEMPLATE = """\
<p title="{{ _('Price') }}">{{ _("Price") }} · {{ _("50%% off") }} · {{ _("%(name)s commune", name=name) }} · {{ _(computed) }}</p>
{{ _("Price") ~ "<b>" }} {{ ngettext("%(num)d star", "%(num)d stars", 2) }}"""


class Table(gettext.NullTranslations):
    def __init__(self, table: dict[str, str]):
        super().__init__()
        self._catalog = table

    def gettext(self, message: str) -> str:
        return self._catalog.get(message, message)


def render(tmp_path, table: dict[str, str], compiled: MemoryBytecodeCache) -> str:
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates/t.html").write_text(TEMPLATE, encoding="utf-8")
    env = make_environment((tmp_path,), Table(table), {}, compiled)
    return env.get_template("t.html").render(name="<Bố Hạ>", computed="Price")


def test_folded_strings_give_the_bytes_of_the_call(tmp_path):
    table = {"Price": "Giá <b>&", "50%% off": "giảm 50%%", "%(name)s commune": "xã %(name)s"}
    folded = render(tmp_path, table, MemoryBytecodeCache())
    assert folded == (
        '<p title="Giá &lt;b&gt;&amp;">Giá &lt;b&gt;&amp; · giảm 50% · xã &lt;Bố Hạ&gt; · Giá &lt;b&gt;&amp;</p>\n'
        "Giá &lt;b&gt;&amp;&lt;b&gt; 2 stars"
    )


def test_literal_calls_become_constants(tmp_path):
    (tmp_path / "templates").mkdir()
    env = make_environment((tmp_path,), Table({"Price": "Giá"}), {}, MemoryBytecodeCache())
    code = env.compile("<b>{{ _('Price') }}</b>{{ _(x) }}", raw=True)
    assert "'<b>Giá</b>'" in code and "Price" not in code  # a constant of the template; _(x) stays a call


def test_compiled_templates_are_kept_per_set_of_translations(tmp_path):
    compiled = MemoryBytecodeCache()
    assert render(tmp_path, {"Price": "Giá"}, compiled).startswith('<p title="Giá">')
    assert render(tmp_path, {"Price": "Prix"}, compiled).startswith('<p title="Prix">')  # not the Vietnamese bytecode
    assert render(tmp_path, {"Price": "Giá"}, compiled).startswith('<p title="Giá">')
    assert len(compiled.store) == 2
    assert translations_key(Table({"a": "b"})) != translations_key(Table({"a": "c"}))
