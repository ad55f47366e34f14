"""Declarative field specifications that turn YAML nodes into typed model values.

Each spec converts one node and reports what is wrong with it (file, line, field), so a
whole entry is checked in one pass and every problem is reported at once. The same specs
describe the entry formats for documentation and JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.controls import control_problem
from ..core.problems import Problem, did_you_mean
from ..core.yamlsource import Document
from .model import Text

INVALID = object()  # marks a value that failed to convert (its problem is already recorded)
MARKER = "???"  # what `new` writes where only a person can give the answer
UNFINISHED = "unfinished"  # the severity of a marker left in a draft: an error, except to `build`


def _type_name(node: yaml.Node, document: Document) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = document.scalar(node)
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


class Spec:
    """Base: converts a node, appending problems; returns INVALID on failure."""

    description = "a value"

    def convert(self, node: yaml.Node, doc: Document, name: str, problems: list[Problem]) -> Any:
        raise NotImplementedError

    def fail(self, node: yaml.Node, doc: Document, name: str, problems: list[Problem], message: str = "") -> Any:
        problems.append(doc.where(node).problem(name, message or f"expected {self.description}, got {_type_name(node, doc)}"))
        return INVALID

    def scalar(self, node: yaml.Node, doc: Document) -> Any:
        return doc.scalar(node) if isinstance(node, yaml.ScalarNode) else INVALID


@dataclass
class Str(Spec):
    pattern: str = ""
    max_length: int = 500
    description: str = "a text"
    one_line: bool = True  # names, codes, titles: a line break in them would corrupt headers and files

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(node.value)  # "+84 000" or 2024 written without quotes is still text
        if not isinstance(value, str):
            return self.fail(node, doc, name, problems)
        value = value.strip()
        if not value:
            return self.fail(node, doc, name, problems, "must not be empty")
        if wrong := control_problem(value, self.one_line):
            return self.fail(node, doc, name, problems, wrong)
        if len(value) > self.max_length:
            return self.fail(node, doc, name, problems, f"is too long ({len(value)} characters, at most {self.max_length})")
        if self.pattern and not re.fullmatch(self.pattern, value):
            return self.fail(node, doc, name, problems, f"expected {self.description}, got {value!r}")
        return value


@dataclass
class TextSpec(Str):
    """A translatable text: becomes a model ``Text`` that remembers its line. It may run over
    several lines (gettext keeps the breaks); control characters are refused all the same."""

    description: str = "a text"
    one_line: bool = False

    def convert(self, node, doc, name, problems):
        value = super().convert(node, doc, name, problems)
        return value if value is INVALID else Text(value, doc.where(node), name)


@dataclass
class Url(Str):
    pattern: str = r"https?://[^\s<>\"']+"
    description: str = "an http(s) URL"


@dataclass
class Int(Spec):
    minimum: int | None = None
    maximum: int | None = None
    description: str = "a whole number"

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        if not isinstance(value, int) or isinstance(value, bool):
            return self.fail(node, doc, name, problems)
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            return self.fail(node, doc, name, problems, f"must be from {self.minimum} to {self.maximum}, got {value}")
        return value


@dataclass
class Float(Spec):
    minimum: float = float("-inf")
    maximum: float = float("inf")
    description: str = "a number"

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return self.fail(node, doc, name, problems)
        if not math.isfinite(value):
            return self.fail(node, doc, name, problems, f"must be a finite number, got {node.value}")
        if not self.minimum <= value <= self.maximum:
            return self.fail(node, doc, name, problems, f"must be from {self.minimum} to {self.maximum}, got {value}")
        return float(value)


@dataclass
class Bool(Spec):
    description: str = "true or false"

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        return value if isinstance(value, bool) else self.fail(node, doc, name, problems)


@dataclass
class Date(Spec):
    description: str = "a date written YYYY-MM-DD"
    years: tuple[int, int] = (1900, 2200)  # dates are computed from (36 months on): year 9999 would overflow

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            if not self.years[0] <= value.year <= self.years[1]:
                return self.fail(node, doc, name, problems, f"must be from the year {self.years[0]} to {self.years[1]}, got {value}")
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return self.fail(node, doc, name, problems, f"{value!r} is not a real date")
        return self.fail(node, doc, name, problems)


@dataclass
class Choice(Spec):
    """One of a fixed set of words; ``aliases`` map other accepted words onto them."""

    choices: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def description(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    def convert(self, node, doc, name, problems):
        value = self.scalar(node, doc)
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            word = str(value)
            if word in self.choices:
                return word
            if word in self.aliases:
                return self.aliases[word]
            hint = did_you_mean(word, [*self.choices, *self.aliases])
            return self.fail(node, doc, name, problems, f"unknown value {word!r}{hint}; expected {self.description}")
        return self.fail(node, doc, name, problems)


@dataclass
class Ref(Str):
    """A slug naming another entry; whether it exists is checked once all entries are read."""

    section: str = ""
    pattern: str = r"[a-z0-9]+(?:-[a-z0-9]+)*"
    description: str = "a slug (lowercase ASCII letters, digits and hyphens)"


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Str)
    min_items: int = 0
    max_items: int = 1000
    unique: bool = False

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.description}"

    def convert(self, node, doc, name, problems):
        if not isinstance(node, yaml.SequenceNode):
            return self.fail(node, doc, name, problems)
        if not self.min_items <= len(node.value) <= self.max_items:
            return self.fail(node, doc, name, problems, f"must have {self.min_items} to {self.max_items} items, got {len(node.value)}")
        values = []
        for index, child in enumerate(node.value):
            value = self.item.convert(child, doc, f"{name}[{index}]", problems)
            if value is not INVALID and self.unique and value in values:
                self.fail(child, doc, f"{name}[{index}]", problems, f"{value!r} is listed twice")
            elif value is not INVALID:
                values.append(value)
        return tuple(values)


@dataclass
class Geo(Spec):
    description: str = "[latitude, longitude]"

    def convert(self, node, doc, name, problems):
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            return self.fail(node, doc, name, problems)
        lat = Float(-90, 90).convert(node.value[0], doc, f"{name}[0]", problems)
        lon = Float(-180, 180).convert(node.value[1], doc, f"{name}[1]", problems)
        return INVALID if INVALID in (lat, lon) else (lat, lon)


@dataclass
class Field:
    spec: Spec
    required: bool = False
    doc: str = ""


@dataclass
class Record(Spec):
    """A mapping with known keys, built into ``build`` (a model class) by keyword."""

    fields: dict[str, Field] = field(default_factory=dict)
    build: Callable[..., Any] = dict
    check: Callable[[Any, yaml.Node, Document, str, list[Problem]], None] | None = None
    description: str = "a mapping"

    def convert(self, node, doc, name, problems):
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, doc, name, problems)
        values: dict[str, Any] = {}
        failed = False
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{name}.{key}" if name else key
            spec_field = self.fields.get(key)
            if spec_field is None:
                hint = did_you_mean(key, self.fields)
                problems.append(doc.where(key_node).problem(path, f"unknown key{hint}"))
                failed = True
                continue
            if isinstance(value_node, yaml.ScalarNode) and value_node.value == MARKER and not value_node.style:
                want = spec_field.doc or spec_field.spec.description
                problems.append(doc.where(value_node).problem(path, f"still {MARKER} as `new` wrote it: write {want}"))
                values[key], failed = INVALID, True
                continue
            value = spec_field.spec.convert(value_node, doc, path, problems)
            failed |= value is INVALID
            values[key] = value
        for key, spec_field in self.fields.items():
            if spec_field.required and key not in values:
                path = f"{name}.{key}" if name else key
                problems.append(doc.where(node).problem(path, "is required"))
                failed = True
        if failed:
            return INVALID
        result = self.build(**values)
        if self.check:
            before = len(problems)
            self.check(result, node, doc, name, problems)
            if len(problems) > before:
                return INVALID
        return result


@dataclass
class MapOf(Spec):
    """A mapping whose keys are names chosen by the user (language codes, currencies)."""

    value: Spec = field(default_factory=Str)
    key_pattern: str = r".+"
    key_description: str = "a key"
    make: Callable[[str, Any], Any] | None = None  # builds the item from its key and value
    description: str = "a mapping"

    def convert(self, node, doc, name, problems):
        if not isinstance(node, yaml.MappingNode):
            return self.fail(node, doc, name, problems)
        values: dict[str, Any] = {}
        failed = False
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{name}.{key}"
            if not re.fullmatch(self.key_pattern, key):
                self.fail(key_node, doc, path, problems, f"expected {self.key_description}, got {key!r}")
                failed = True
                continue
            value = self.value.convert(value_node, doc, path, problems)
            failed |= value is INVALID
            values[key] = value if value is INVALID or self.make is None else self.make(key, value)
        return INVALID if failed else values


@dataclass
class OneOrMany(ListOf):
    """A list that may be written as a single item: ``theme: default``."""

    def convert(self, node, doc, name, problems):
        if isinstance(node, yaml.ScalarNode):
            value = self.item.convert(node, doc, name, problems)
            return value if value is INVALID else (value,)
        return super().convert(node, doc, name, problems)
