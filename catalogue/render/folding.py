"""Theme strings written literally in templates (``_("Price")``) translated once, when a
language's templates are compiled, instead of looked up on every page.

A page asks for some sixty literal strings; folded, each becomes a constant of the compiled
template, with exactly what the call would have given: the translation escaped as text and
marked safe, then formatted with its named values (which Markup escapes), as Jinja's
new-style gettext does. Calls with a computed message (``_(group.name)``) and ``ngettext``
stay calls. Compiled templates therefore belong to one set of translations: the bytecode
cache keys them by ``translations_key``.
"""

from __future__ import annotations

import gettext
import hashlib

import jinja2
from jinja2 import nodes
from jinja2.visitor import NodeTransformer
from markupsafe import escape


class FoldTranslations(NodeTransformer):
    """Folds the literal calls printed directly (``{{ _("Price") }}``): inside a larger
    expression Jinja's own constant folding would turn the Markup back into text."""

    def __init__(self, translations: gettext.NullTranslations):
        self.translations = translations

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        node.nodes = [self._folded(child) for child in node.nodes]
        return node

    def _folded(self, node: nodes.Expr) -> nodes.Expr:
        if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "_"):
            return node
        if len(node.args) != 1 or not isinstance(node.args[0], nodes.Const) or not isinstance(node.args[0].value, str):
            return node
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            return node
        translated = escape(self.translations.gettext(node.args[0].value))
        if not node.kwargs:
            return nodes.MarkSafe(nodes.Const(str(translated % {})), lineno=node.lineno)
        values = [nodes.Pair(nodes.Const(kw.key), kw.value, lineno=node.lineno) for kw in node.kwargs]
        return nodes.Mod(nodes.MarkSafe(nodes.Const(str(translated))), nodes.Dict(values), lineno=node.lineno)


class FoldingEnvironment(jinja2.Environment):
    """An environment whose templates are compiled with ``folded``'s literal strings in them."""

    folded: gettext.NullTranslations = gettext.NullTranslations()
    translations_key: str = ""

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return FoldTranslations(self.folded).visit(super()._parse(source, name, filename))


def translations_key(translations: gettext.NullTranslations) -> str:
    """What the folded strings depend on: every catalog of the fallback chain, by content."""
    parts = []
    link: gettext.NullTranslations | None = translations
    while link is not None:
        table = getattr(link, "_catalog", {})
        parts.append(repr((type(link).__name__, getattr(link, "rtl", None), sorted(table.items(), key=repr))))
        link = link._fallback  # type: ignore[attr-defined]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
