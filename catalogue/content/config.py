"""Read ``content/site.yaml``: languages, fallback chains, currencies, theme.

Languages are the axis of the whole site, so they are checked hard here: each code must be
a locale Babel knows, each fallback must be a site language, each display currency must
have a dated exchange rate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name

from ..core.files import read_text
from ..core.problems import Location, Problem, Problems, did_you_mean
from ..core.yamlsource import locations, parse_yaml
from .specs import INVALID, Bool, Choice, Date, Field, Float, Int, ListOf, MapOf, OneOrMany, Record, Str, Url

SITE_FILE = "content/site.yaml"
LANGUAGE_CODE = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"


@lru_cache(maxsize=64)
def _parsed_locale(identifier: str) -> Locale:
    """Babel's locale, parsed once (pages ask for it ~15 times each)."""
    return Locale.parse(identifier, sep="-")


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 tag, as in <html lang>: "vi", "zh-Hans"
    name: str  # its own name for itself: "Tiếng Việt", "简体中文"
    dir: str = "ltr"
    fallback: tuple[str, ...] = ()  # explicit chain; the source language always ends it
    currency: str = ""  # display currency for approximate prices ("" = VND only)
    url: str = ""  # URL folder; defaults to the lower-cased code
    publish: str = "reviewed"  # "reviewed": only reviewed text; "drafts": machine drafts too, labelled
    drafts_in_hreflang: bool = False  # list pages with drafts as translations (hreflang, sitemap)
    cldr: str = ""  # the CLDR locale for numbers and dates, when the code itself is not one (pseudo)

    @property
    def folder(self) -> str:
        """The URL folder of the language: /<folder>/..."""
        return self.url or self.code.lower()

    @property
    def shows_drafts(self) -> bool:
        """The publish policy: whether pages in this language may show machine drafts (labelled)."""
        return self.publish == "drafts"

    @property
    def locale(self) -> Locale:
        return _parsed_locale(self.cldr or self.code)

    @property
    def catalog_name(self) -> str:
        """The folder under locales/ (gettext's layout): "zh_Hans", "vi"."""
        return self.code.replace("-", "_") if self.cldr else str(self.locale)


@dataclass(frozen=True)
class Rate:
    currency: str
    vnd: float  # VND for one unit of the currency
    date: dt.date


ENGINE_NAMES = ("google", "deepl", "microsoft", "libre", "mymemory", "pseudo", "opencc")
# OpenCC's conversions (its config files): s2twp is Simplified to Taiwan Traditional, with Taiwan's phrases.
OPENCC_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp", "t2s", "tw2s", "tw2sp", "hk2s", "hk2sp")
OPENCC_CONFIGS += ("t2tw", "t2hk", "tw2t", "hk2t", "t2jp", "jp2t")


@dataclass(frozen=True)
class PivotEngines:
    """The engines of the two legs of a pivot: source to pivot, pivot to target ("" = the run's)."""

    first: str = ""
    second: str = ""


@dataclass(frozen=True)
class Conversion:
    """Draft a language by converting the reviewed text of another with OpenCC (zh-Hans → zh-Hant)."""

    source: str  # the site language whose reviewed text is converted
    config: str = "s2twp"


@dataclass(frozen=True)
class TranslationSettings:
    """Machine translation: the default engine and where self-hosted services live.

    Keys are never read from files: only from the environment (see ``mt/services.py``).
    """

    engine: str = "google"
    libre_url: str = ""
    pivot: str = ""  # a language to go through when an engine lacks a pair ("en")
    pivot_engines: PivotEngines = field(default_factory=PivotEngines)
    convert: dict[str, Conversion] = field(default_factory=dict)  # target language -> how to draft it by conversion
    fuzzy_matching: bool = True  # extract: keep a changed text's old translation as fuzzy
    batch: int = 20  # messages translated between two atomic writes of a catalog


@dataclass(frozen=True)
class SearchSettings:
    examples: dict[str, str] = field(default_factory=dict)  # language -> what the search box suggests


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: dict[str, str]
    base_url: str
    source_language: str
    languages: dict[str, Language]
    exchange_rates: dict[str, Rate] = field(default_factory=dict)
    theme: tuple[str, ...] = ("default",)
    translation: TranslationSettings = field(default_factory=TranslationSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    units: dict[str, dict[str, str]] = field(default_factory=dict)  # price units of the site: code -> language -> word
    # where each key was written in site.yaml ("languages.en.url"), for messages of later stages
    places: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def where(self, key: str) -> Location:
        """The line of ``key`` in site.yaml, or of its nearest written parent."""
        while key and key not in self.places:
            key = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", key)  # "theme[1]" -> "theme", "a.b" -> "a"
        return self.places.get(key, Location(SITE_FILE, 1, 1))

    def chain(self, code: str) -> tuple[str, ...]:
        """The languages to try for text in ``code``, in order, ending with the source."""
        order = [code, *self.languages[code].fallback, self.source_language]
        return tuple(dict.fromkeys(order))

    def title_in(self, code: str) -> tuple[str, str]:
        """The site title in ``code`` or its fallback, with the language it is written in."""
        for lang in self.chain(code):
            if lang in self.title:
                return self.title[lang], lang
        return next(iter(self.title.items()))[::-1]


LANGUAGE = Record(
    fields={
        "name": Field(Str(max_length=60), required=True, doc="the language's own name for itself"),
        "dir": Field(Choice(choices=("ltr", "rtl")), doc="text direction (default ltr)"),
        "fallback": Field(
            ListOf(item=Str(pattern=LANGUAGE_CODE, description="a language code"), unique=True), doc="languages to fall back to, in order"
        ),
        "currency": Field(Str(pattern=r"[A-Z]{3}", description="an ISO 4217 currency code"), doc="display currency"),
        "url": Field(Str(pattern=r"[a-z0-9-]+", description="a URL folder name"), doc="URL folder"),
        "publish": Field(Choice(choices=("reviewed", "drafts")), doc="show machine drafts (labelled) or only reviewed text"),
        "drafts_in_hreflang": Field(Bool(), doc="list pages with machine drafts as translations"),
    },
)

TRANSLATION = Record(
    fields={
        "engine": Field(Choice(choices=ENGINE_NAMES), doc="default engine"),
        "libre_url": Field(Url(), doc="a LibreTranslate server (or LIBRETRANSLATE_URL)"),
        "pivot": Field(Str(pattern=LANGUAGE_CODE, description="a language code"), doc="go through this language when a pair is missing"),
        "pivot_engines": Field(
            Record(
                fields={
                    "first": Field(Choice(choices=ENGINE_NAMES[:-1]), doc="engine from the source to the pivot language"),
                    "second": Field(Choice(choices=ENGINE_NAMES[:-1]), doc="engine from the pivot to the target language"),
                },
                build=PivotEngines,
            ),
            doc="a different engine for each leg of a pivot (default: the run's engine for both)",
        ),
        "convert": Field(
            MapOf(
                value=Record(
                    fields={
                        "from": Field(Str(pattern=LANGUAGE_CODE, description="a language code"), required=True, doc="language converted"),
                        "config": Field(Choice(choices=OPENCC_CONFIGS), doc="OpenCC conversion (default s2twp)"),
                    }
                ),
                key_pattern=LANGUAGE_CODE,
                key_description="a language code",
                make=lambda code, values: Conversion(source=values["from"], config=values.get("config", "s2twp")),
            ),
            doc="languages drafted by converting another's reviewed text with OpenCC (engine opencc)",
        ),
        "fuzzy_matching": Field(Bool(), doc="keep a changed text's old translation, marked fuzzy"),
        "batch": Field(Int(1, 1000), doc="messages between two saves of a catalog"),
    },
    build=TranslationSettings,
)

SEARCH = Record(
    fields={
        "examples": Field(
            MapOf(value=Str(max_length=120), key_pattern=LANGUAGE_CODE, key_description="a language code"),
            doc="what the search box suggests, per language (default: the featured products' names)",
        ),
    },
    build=SearchSettings,
)

RATE = Record(
    fields={
        "vnd": Field(Float(minimum=1e-9), required=True, doc="VND for one unit"),
        "date": Field(Date(), required=True, doc="date of the rate"),
    },
)

SITE = Record(
    fields={
        "title": Field(MapOf(value=Str(max_length=120), key_pattern=LANGUAGE_CODE, key_description="a language code"), required=True),
        "base_url": Field(
            Url(pattern=r"https?://[^\s<>\"'?#]+", description="an http(s) URL without ?query or #fragment (pages are found under it)"),
            required=True,
        ),
        "source_language": Field(Str(pattern=LANGUAGE_CODE, description="a language code"), required=True),
        "languages": Field(
            MapOf(
                value=LANGUAGE,
                key_pattern=LANGUAGE_CODE,
                key_description="a language code",
                make=lambda code, values: Language(code=code, **values),
            ),
            required=True,
        ),
        "exchange_rates": Field(
            MapOf(
                value=RATE,
                key_pattern=r"[A-Z]{3}",
                key_description="an ISO 4217 currency code",
                make=lambda currency, values: Rate(currency=currency, **values),
            )
        ),
        "translation": Field(TRANSLATION),
        "search": Field(SEARCH, doc="the search box"),
        "units": Field(
            MapOf(
                value=MapOf(value=Str(max_length=40), key_pattern=LANGUAGE_CODE, key_description="a language code"),
                key_pattern=r"[a-z][a-z0-9_]*",
                key_description="a unit code (lower-case letters, digits, _)",
            ),
            doc="price units of the site beyond the engine's, each with its word per language (per night, per group...)",
        ),
        "theme": Field(
            OneOrMany(item=Str(pattern=r"[A-Za-z0-9_-]+", description="a theme name"), min_items=1),
            doc="theme, or themes searched in order",
        ),
    },
)


def load_config(root: Path) -> SiteConfig:
    """Read and check site.yaml; raises CatalogueError with every problem found."""
    problems = Problems()
    path = root / SITE_FILE
    if not path.is_file():
        problems.add(Problem(SITE_FILE, None, None, "", "not found: a site needs content/site.yaml"))
        problems.raise_if_errors()
    text, unreadable = read_text(path, root)
    problems.extend(unreadable)
    problems.raise_if_errors()
    assert text is not None
    document, found = parse_yaml(text, SITE_FILE)
    problems.extend(found)
    problems.raise_if_errors()
    assert document is not None
    raw: list[Problem] = []
    values = SITE.convert(document.root, document, "", raw) if document.root is not None else INVALID
    problems.extend(raw)
    if document.root is None:
        problems.add(Problem(SITE_FILE, 1, None, "", "is empty"))
    problems.raise_if_errors()
    config = SiteConfig(root=root, **values, places=locations(document))
    problems.extend(check_languages(config))
    problems.raise_if_errors()
    return config


def check_languages(config: SiteConfig) -> list[Problem]:
    """Cross-field checks: known locales, fallbacks, currencies, titles."""
    problems: list[Problem] = []

    def report(path: str, message: str) -> None:
        problems.append(config.where(path).problem(path, message))

    codes = config.languages
    if config.source_language not in codes:
        report("source_language", f"{config.source_language!r} is not one of the site's languages ({', '.join(codes)})")
    for code, language in codes.items():
        try:
            Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            report(f"languages.{code}", f"{code!r} is not a language Babel knows (CLDR)")
        for index, other in enumerate(language.fallback):
            if other not in codes:
                report(f"languages.{code}.fallback[{index}]", f"{other!r} is not one of the site's languages{did_you_mean(other, codes)}")
        if language.currency and language.currency not in config.exchange_rates:
            report(f"languages.{code}.currency", f"no exchange rate for {language.currency} in exchange_rates")
    for currency in config.exchange_rates:
        if get_currency_name(currency, locale="en") == currency:
            report(f"exchange_rates.{currency}", f"{currency!r} is not a known currency")
    if config.translation.pivot and config.translation.pivot not in codes:
        report("translation.pivot", f"{config.translation.pivot!r} is not one of the site's languages")
    for target, conversion in config.translation.convert.items():
        for key, code in ((f"translation.convert.{target}", target), (f"translation.convert.{target}.from", conversion.source)):
            if code not in codes:
                report(key, f"{code!r} is not one of the site's languages")
    for code in config.title:
        if code not in codes:
            report(f"title.{code}", f"{code!r} is not one of the site's languages ({', '.join(codes)}){did_you_mean(code, codes)}")
    for unit, words in config.units.items():
        if config.source_language not in words:
            report(f"units.{unit}", f"needs its word in the source language {config.source_language!r}")
        for code in words:
            if code not in codes:
                report(f"units.{unit}.{code}", f"{code!r} is not one of the site's languages")
    if config.source_language in codes and config.source_language not in config.title:
        report("title", f"needs a title in the source language {config.source_language!r}")
    folders: dict[str, str] = {}
    for code, language in codes.items():
        other = folders.setdefault(language.folder, code)
        if other != code:
            report(f"languages.{code}.url", f"the URL folder {language.folder}/ is already {other}'s: two languages cannot share one")
    return problems
