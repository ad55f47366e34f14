"""Read YAML safely and keep the line of every value.

Entries are parsed to YAML *nodes* (which carry their position), not to plain values, so
that validation can say on which line a wrong value stands. Aliases are refused (no alias
bombs, and entries stay readable) and duplicate keys are errors, not silent overrides.

libyaml's C parser composes well-formed documents (about ten times faster than PyYAML's own);
anything it rejects, or any alias, is parsed again by the pure-Python loader, whose messages
name the line and column exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Location, Problem

FRONT_MATTER_FENCE = "---"


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases; composes nodes only."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in entries", event.start_mark)
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # absent when PyYAML was built without libyaml


def _shares_nodes(root: yaml.Node | None) -> bool:
    """True when a node appears twice in the tree, which only an alias does."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """The document's root node and loader, or None when the careful parser must look."""
    if _FAST_LOADER is None:
        return None
    loader = _FAST_LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None if _shares_nodes(root) else (root, loader)


def _compose_careful(text: str, path: str, line_offset: int) -> tuple[yaml.Node | None, _Loader] | Problem:
    """The root node and loader from the pure-Python parser, or the problem it found."""
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(part for part in (error.context, error.problem) if part)
        return Problem(path, line, column, "", f"invalid YAML: {message}")
    except yaml.YAMLError as error:
        return Problem(path, None, None, "", f"invalid YAML: {error}")
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Document:
    """A parsed YAML document: its root node and how to turn nodes into places and values."""

    path: str
    root: yaml.Node | None
    line_offset: int
    loader: Any  # a SafeLoader, C or Python: only its constructor is used after parsing

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The plain value of a scalar, typed by YAML's core schema (ints, dates, bools...).

        A value YAML cannot construct (a date like 2025-02-30) stays the text it was written as,
        so the field's own check reports it.
        """
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            return str(node.value)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; a syntax error becomes a Problem with file and line."""
    composed = _compose_fast(text) or _compose_careful(text, path, line_offset)
    if isinstance(composed, Problem):
        return None, [composed]
    root, loader = composed
    document = Document(path, root, line_offset, loader)
    return document, list(duplicate_keys(document, root))


def duplicate_keys(document: Document, node: yaml.Node | None):
    """Yield a Problem for every key written twice in the same mapping."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            where = document.where(key)
            if name in seen:
                yield where.problem(name, f"duplicate key (first written on line {seen[name]})")
            else:
                seen[name] = where.line or 0
            yield from duplicate_keys(document, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from duplicate_keys(document, item)


def split_front_matter(text: str, path: str) -> tuple[str, str, int, list[Problem]]:
    """Split an entry into (front matter, body, body's first line number, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return "", text, 1, [Problem(path, 1, 1, "", "an entry must start with a '---' line (YAML front matter)")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FRONT_MATTER_FENCE:
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2, []
    return "", "", 1, [Problem(path, 1, 1, "", "front matter is not closed by a second '---' line")]


def locations(document: Document, node: yaml.Node | None = None, prefix: str = "") -> dict[str, Location]:
    """Where every key was written, by dotted path ("origin.geo", "images[0].src")."""
    node = document.root if node is None and not prefix else node
    found: dict[str, Location] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}.{key.value}" if prefix else str(key.value)
            found.setdefault(path, document.where(key))
            found.update({k: v for k, v in locations(document, value, path).items() if k not in found})
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            found[path] = document.where(item)
            found.update(locations(document, item, path))
    return found
