"""``translate``: fill missing catalog entries with machine-translation drafts.

Only *missing* entries are filled; reviewed text, outdated text and earlier drafts are never
touched. A language with a ``translation.convert`` rule is first drafted by converting the
reviewed text of its other script (OpenCC: zh-Hant from zh-Hans); the engine drafts the rest.
Each draft is marked ``#, fuzzy`` with a translator comment naming the engine and date, so
translators see it for what it is and the site does not publish it unless a language asks
for drafts. Catalogs are written atomically after every batch: a run that is interrupted,
for any reason, loses nothing and the next run resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..content.config import SiteConfig
from ..core.problems import Problem, relative
from ..core.progress import Progress
from ..i18n.consistency import markup_difference
from ..i18n.extract import CatalogFile, plan, without_format_flags, write_all
from ..i18n.glossary import Glossary, load_glossary
from ..i18n.lifecycle import machine_note, state_of
from ..i18n.pofiles import CONTENT, MESSAGES, read_catalog, write_catalog
from ..i18n.verify import format_error
from .convert import ENGINE as CONVERTER
from .convert import converted, converter, reviewed_strings
from .engines import TranslationFailed, Translator
from .tokens import TokenMismatch, protect

UI_SOURCE_LANGUAGE = "en"  # theme message ids are English


@dataclass
class Report:
    drafted: Counter[str] = field(default_factory=Counter)  # per language
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count
    failed: list[Problem] = field(default_factory=list)
    planned: Counter[str] = field(default_factory=Counter)  # language -> messages to draft (dry run)
    characters: int = 0


@dataclass
class Options:
    languages: tuple[str, ...] = ()  # empty: every language but the source
    engine: str = ""  # empty: the site's default
    limit: int | None = None
    dry_run: bool = False
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    timeout: float = 20.0
    attempts: int = 4
    backoff: float = 1.0
    give_up_after: int = 3  # consecutive failures before a language is abandoned for this run


def source_texts(message: Message, plurals: int) -> list[str]:
    """What to translate for each msgstr form of a message."""
    if isinstance(message.id, tuple):
        singular, plural = message.id[0], message.id[1]
        return [plural] if plurals == 1 else [singular] + [plural] * (plurals - 1)
    return [message.id]


def draft(texts: list[str], translator: Translator, pivot: Translator | None, glossary: Glossary, target: str) -> list[str]:
    """Translate each text with tokens protected; raises TranslationFailed or TokenMismatch."""
    results = []
    for text in texts:
        protected = protect(text, glossary, target, translator.source)
        answer = translator.translate(protected.text)
        if pivot is not None:
            answer = pivot.translate(answer)
        restored = protected.restore(answer)
        if markup_difference(text, restored) is not None:  # the service's answer is untrusted text
            raise TokenMismatch("the answer added or lost markup, links or placeholders")
        results.append(restored)
    return results


def mark_draft(message: Message, strings: list[str], engine: str, today: dt.date) -> None:
    message.string = tuple(strings) if isinstance(message.id, tuple) else strings[0]
    message.flags.add("fuzzy")
    message.user_comments = [*message.user_comments, machine_note(engine, today, message)]


def translators(config: SiteConfig, options: Options, engine: str, source: str, target: str) -> tuple[Translator, Translator | None]:
    """A direct translator, or two through the configured pivot language when the pair is
    missing, each leg with its own engine when ``translation.pivot_engines`` names one."""

    def make(name: str, a: str, b: str) -> Translator:
        return Translator(name, a, b, options.env, config.translation.libre_url, options.timeout, options.attempts, options.backoff)

    direct = make(engine, source, target)
    pivot, legs = config.translation.pivot, config.translation.pivot_engines
    if not pivot or pivot in (source, target):
        return direct, None
    try:
        if direct.supported():
            return direct, None
    except TranslationFailed:
        return direct, None  # the service cannot say (unreachable): each text's failure will tell
    return make(legs.first or engine, source, pivot), make(legs.second or engine, pivot, target)


def engine_name(first: Translator, second: Translator | None) -> str:
    """What the draft's note names: the engine, or both of a pivot's ("google+deepl")."""
    if second is None or second.engine == first.engine:
        return first.engine
    return f"{first.engine}+{second.engine}"


@dataclass
class Run:
    """One ``translate`` run over several catalogs: its settings, budget and report."""

    config: SiteConfig
    options: Options
    engine: str
    glossary: Glossary
    today: dt.date
    budget: int
    progress: Progress
    report: Report = field(default_factory=Report)
    failures_in_a_row: int = 0
    others: dict[tuple[str, str], Catalog | None] = field(default_factory=dict)  # (language, domain) -> catalog, for conversions
    converters: dict[str, Callable[[str], str]] = field(default_factory=dict)  # OpenCC config -> conversion

    def pending(self, file: CatalogFile) -> list[Message]:
        """The missing messages of a catalog this run will fill; counts the rest as skipped."""
        todo = []
        for message in file.catalog:
            state = state_of(message) if message.id else "header"
            if state == "missing" and self.budget > 0:
                self.budget -= 1
                todo.append(message)
            elif state != "header":
                self.report.skipped["over --limit" if state == "missing" else state] += 1
        return todo

    def catalog(self, file: CatalogFile) -> None:
        source = self.config.source_language if file.domain == CONTENT else UI_SOURCE_LANGUAGE
        if file.language == source:
            return
        todo = self.pending(file)
        if self.options.dry_run:
            self.report.planned[file.language] += len(todo)
            self.report.characters += sum(len(text) for m in todo for text in source_texts(m, file.catalog.num_plurals))
            return
        todo = self.convert(file, todo)
        if self.engine == CONVERTER or not todo:
            return
        first, second = translators(self.config, self.options, self.engine, source, file.language)
        batch = self.config.translation.batch
        for start in range(0, len(todo), batch):
            gave_up = self.batch(file, todo[start : start + batch], first, second)
            write_catalog(file.path, file.catalog)  # atomically, after every batch
            if gave_up:
                return

    def convert(self, file: CatalogFile, todo: list[Message]) -> list[Message]:
        """Draft what the language's conversion rule can (zh-Hant from reviewed zh-Hans); the rest."""
        rule = self.config.translation.convert.get(file.language)
        if rule is None:
            if self.engine == CONVERTER and todo:
                where = relative(file.path, self.config.root)
                reason = f"opencc drafts only the languages of translation.convert, not {file.language}"
                self.report.failed.append(Problem(where, None, None, "", reason))
            return todo
        if rule.config not in self.converters:
            self.converters[rule.config] = converter(rule.config)
        reviewed = reviewed_strings(self.others.get((rule.source, file.domain)))
        rest = []
        for message in todo:
            strings = converted(message, reviewed, self.converters[rule.config])
            sources = source_texts(message, len(strings or ()))
            if strings is None or any(markup_difference(text, string) for text, string in zip(sources, strings, strict=True)):
                rest.append(message)
                continue
            self.progress.advance()
            mark_draft(message, strings, CONVERTER, self.today)
            self.report.drafted[file.language] += 1
        if len(rest) < len(todo):
            write_catalog(file.path, file.catalog)
        return rest

    def batch(self, file: CatalogFile, messages: list[Message], first: Translator, second: Translator | None) -> bool:
        """Draft each message; True when the service keeps failing and the language is given up."""
        where = relative(file.path, self.config.root)
        for message in messages:
            self.progress.advance()
            try:
                strings = draft(source_texts(message, file.catalog.num_plurals), first, second, self.glossary, file.language)
                if file.domain == MESSAGES and (wrong := next(filter(None, (format_error(message, s) for s in strings)), None)):
                    raise TokenMismatch(wrong)  # a theme string rendering could not fill in is not written
            except (TranslationFailed, TokenMismatch) as error:
                reason = error.reason if isinstance(error, TranslationFailed) else str(error)
                self.report.failed.append(Problem(where, message.lineno, None, "", f"{_short(message)}: {reason}"))
                self.failures_in_a_row += 1
                if getattr(error, "fatal", False) or self.failures_in_a_row >= self.options.give_up_after:
                    self.report.failed.append(Problem(where, None, None, "", f"gave up on {file.language} for this run: {reason}"))
                    self.failures_in_a_row = 0
                    return True
                continue
            self.failures_in_a_row = 0
            mark_draft(message, strings, engine_name(first, second), self.today)
            self.report.drafted[file.language] += 1
        return False


def reread(file: CatalogFile, root: Path) -> CatalogFile:
    catalog = read_catalog(file.path, root, file.catalog.locale_identifier)
    assert catalog is not None
    return replace(file, catalog=without_format_flags(catalog) if file.domain == CONTENT else catalog)


def _short(message: Message) -> str:
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    return repr(text if len(text) <= 40 else text[:39] + "…")


def translate(root: Path, options: Options, now: dt.datetime, show_progress: bool = True) -> Report:
    config, templates, catalogs = plan(root, now)
    engine = options.engine or config.translation.engine
    unknown = [code for code in options.languages if code not in config.languages]
    if unknown:
        raise ValueError(f"not a language of the site: {', '.join(unknown)} (the site has {', '.join(config.languages)})")
    targets = options.languages or tuple(code for code in config.languages if code != config.source_language)
    if engine == CONVERTER and not options.languages:
        targets = tuple(config.translation.convert)  # conversion alone: the languages that have a rule
    glossary = load_glossary(root)
    if not options.dry_run:
        write_all(root, templates + catalogs)  # the catalogs are first brought up to date, as by extract
        catalogs = [reread(file, root) for file in catalogs]  # with the line of each message, for reports
    selected = [file for file in catalogs if file.language in targets]
    missing = sum(1 for file in selected for m in file.catalog if m.id and state_of(m) == "missing")
    budget = missing if options.limit is None else min(missing, options.limit)
    progress = Progress(budget, f"translate ({engine})", show_progress and not options.dry_run)
    run = Run(config, options, engine, glossary, now.date(), budget, progress)
    run.others = {(file.language, file.domain): file.catalog for file in catalogs}
    for file in selected:
        run.catalog(file)
    return run.report
