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


MAX_DEPTH = 64  # an entry needs about four levels; thousands would exhaust the recursion of every later walk


def _tree_fault(root: yaml.Node | None) -> yaml.Node | bool:
    """A node nested deeper than MAX_DEPTH, True when a node appears twice in the tree (which only
    an alias does), else False."""
    seen: set[int] = set()
    stack = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return False


def _too_deep(line: int | None, path: str, line_offset: int) -> Problem:
    where = None if line is None else line + line_offset
    return Problem(path, where, None, "", f"invalid YAML: values nested more than {MAX_DEPTH} levels deep")


def _compose_fast(text: str, path: str, line_offset: int) -> tuple[yaml.Node | None, Any] | Problem | None:
    """The document's root node and loader, a problem of depth, or None when the careful parser
    must look (a syntax error, or an alias)."""
    if _FAST_LOADER is None:
        return None
    loader = _FAST_LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    fault = _tree_fault(root)
    if isinstance(fault, yaml.Node):
        return _too_deep(fault.start_mark.line + 1, path, line_offset)
    return None if fault else (root, loader)


def _deep_line(text: str) -> int | None:
    """The line where brackets first open deeper than MAX_DEPTH (for a document too deep to parse)."""
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return number
    return None


def _compose_careful(text: str, path: str, line_offset: int) -> tuple[yaml.Node | None, _Loader] | Problem:
    """The root node and loader from the pure-Python parser, or the problem it found."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        deep = _tree_fault(root)  # no alias got here: a node is a node too deep, or nothing
        return _too_deep(deep.start_mark.line + 1, path, line_offset) if isinstance(deep, yaml.Node) else (root, loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(part for part in (error.context, error.problem) if part)
        return Problem(path, line, column, "", f"invalid YAML: {message}")
    except yaml.YAMLError as error:
        return Problem(path, None, None, "", f"invalid YAML: {error}")
    except RecursionError:
        return _too_deep(_deep_line(text), path, line_offset)
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
    composed = _compose_fast(text, path, line_offset) or _compose_careful(text, path, line_offset)
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
