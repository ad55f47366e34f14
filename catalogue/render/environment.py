"""Jinja2 rendering: one environment per language, with that language's gettext chain
(its literal theme strings folded into the compiled templates: ``folding``).

Rendering returns strings and writes nothing. Template mistakes become problems naming the
template file and line, like content errors do.
"""

from __future__ import annotations

import gettext
import sys
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.problems import CatalogueError, Problem, relative
from ..i18n.extract import I18N_POLICIES
from ..i18n.localise import Localised
from ..site.headers import CONTENT_SECURITY_POLICY
from ..site.schema_org import script as jsonld_script
from .folding import FoldingEnvironment, translations_key


@jinja2.pass_context
def localised_html(context: jinja2.runtime.Context, value: Localised | None) -> Markup:
    """A localised text for HTML; marked with its own ``lang`` when it is a fallback."""
    if value is None:
        return Markup("")
    if value.lang == context["lang"].code:
        return escape(value.text)
    return Markup('<span lang="{}">{}</span>').format(value.lang, value.text)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, checked against their source and kept per set of theme translations
    (folded into them): every reading of the site in ``serve`` compiles a template once per
    language, again only when that language's theme strings change."""

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], bytes] = {}

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> tuple[str, str]:
        return bucket.key, getattr(bucket.environment, "translations_key", "")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self._key(bucket) in self.store:
            bucket.bytecode_from_string(self.store[self._key(bucket)])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[self._key(bucket)] = bucket.bytecode_to_string()


class Environments:
    """The environment of each language, kept by a long-lived preview across readings of the
    site and made again only when what it is made from changes: the theme folders, the theme
    strings (the very same object: ``SiteCatalogs.ui_chain`` keeps it while its catalogs are
    the same) or the globals. A build makes its own, once."""

    def __init__(self) -> None:
        self.compiled = MemoryBytecodeCache()
        self.made: dict[str, tuple[tuple[Path, ...], gettext.NullTranslations, dict[str, Any], jinja2.Environment]] = {}

    def get(
        self, code: str, themes: tuple[Path, ...], translations: gettext.NullTranslations, globals_: dict[str, Any]
    ) -> jinja2.Environment:
        hit = self.made.get(code)
        if hit is not None and hit[0] == themes and hit[1] is translations and hit[2] == globals_:
            return hit[3]
        environment = make_environment(themes, translations, globals_, self.compiled)
        self.made[code] = (themes, translations, globals_, environment)
        return environment


def make_environment(
    themes: tuple[Path, ...], translations: gettext.NullTranslations, globals_: dict[str, Any], compiled: MemoryBytecodeCache
) -> jinja2.Environment:
    env = FoldingEnvironment(
        loader=jinja2.FileSystemLoader([str(theme / "templates") for theme in themes]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=compiled,
    )
    env.folded, env.translations_key = translations, translations_key(translations)
    env.policies.update(I18N_POLICIES)
    # Jinja marks translations as safe HTML; a translation is text, so it is escaped here.
    # Literal strings are folded into the compiled templates; the computed ones recur: look each up once.
    looked_up: dict[str, Markup] = {}

    def gettext(message: str) -> Markup:
        text = looked_up.get(message)
        if text is None:
            text = looked_up[message] = escape(translations.gettext(message))
        return text

    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext,
        ngettext=lambda singular, plural, n: escape(translations.ngettext(singular, plural, n)),
        pgettext=lambda context, message: escape(translations.pgettext(context, message)),
        newstyle=True,
    )
    env.globals["once"] = _once()
    env.filters["t"] = localised_html
    env.filters["jsonld"] = jsonld_script
    env.globals.update(globals_, csp=CONTENT_SECURITY_POLICY)
    return env


def _once() -> Callable[..., Markup]:
    """``{% call once(product, heading) %}...{% endcall %}``: what the block prints, made once
    per language for each set of values it depends on and reused (a product's card is the
    same on each of the ~17 list pages, sorts and pages that show it). The values are its key,
    compared by value (a dict by its items): the block may depend on nothing else but the
    language."""
    made: dict[tuple, Markup] = {}

    def once(*values: Any, caller: Callable[[], str]) -> Markup:
        key = tuple(tuple(sorted(value.items())) if isinstance(value, dict) else value for value in values)
        text = made.get(key)
        if text is None:
            text = made[key] = Markup(caller())
        return text

    return once


def render(env: jinja2.Environment, template: str, context: dict[str, Any], root: Path) -> str:
    """Render one page; a template mistake raises a problem with the template's file and line."""
    try:
        return unicodedata.normalize("NFC", env.get_template(template).render(context))  # a theme may be saved in NFD
    except jinja2.TemplateSyntaxError as error:
        path = _template_path(error.filename, template, root)
        raise CatalogueError([Problem(path, error.lineno, None, "", f"template error: {error.message}")]) from None
    except jinja2.TemplateError as error:
        path, line = _template_frame(template, root)
        raise CatalogueError([Problem(path, line, None, "", f"template error: {error}")]) from None


def _template_path(filename: str | None, template: str, root: Path) -> str:
    return relative(Path(filename).resolve(), root.resolve()) if filename else template


def _template_frame(template: str, root: Path) -> tuple[str, int | None]:
    """The innermost template file and line of the error being handled."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith(".html"):
            return _template_path(frame.filename, template, root), frame.lineno
    return template, None
