"""Safe YAML with positions: plain data plus the line and column of every key and value.

Only the core YAML types are built (mappings, sequences, strings, numbers, booleans, null; dates stay
strings). Anything that could construct objects (explicit tags), expand (anchors, aliases, merge keys)
or recurse without end is refused with a located error instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Pos = tuple[int, int]
KeyPath = tuple[str | int, ...]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR, _SEQ, _MAP, _MERGE = (f"{_CORE}{t}" for t in ("str", "seq", "map", "merge"))
_MAX_DEPTH = 32
_MAX_DIGITS = 18
_TRUE_FALSE = {"true", "false"}
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Why a YAML text could not be read, and where (1-based, in the caller's line numbering)."""

    pos: Pos
    code: str
    message: str
    hint: str = ""


@dataclass(slots=True)
class Located:
    """Plain data from YAML, with the position of each value and each mapping key by key path."""

    data: Any
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    keys: dict[KeyPath, Pos] = field(default_factory=dict)

    def value_pos(self, path: KeyPath) -> Pos:
        """The position of the value at `path`, or of its nearest located ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_pos(self, path: KeyPath) -> Pos:
        return self.keys.get(path) or self.value_pos(path)


class _Builder:
    """Turns a composed node tree into plain data, collecting every problem on the way."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.problems: list[YamlProblem] = []
        self.located = Located(None)
        self._seen: set[int] = set()
        self._reported: set[int] = set()

    def pos(self, node: yaml.Node) -> Pos:
        return (node.start_mark.line + self.first_line, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        self.problems.append(YamlProblem(self.pos(node), code, message, hint))

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if id(node) in self._seen:
            if id(node) not in self._reported:
                self._reported.add(id(node))
                self.problem(
                    node, "yaml-alias", "anchors and aliases (& and *) are not allowed", "write the value out in full"
                )
            return None
        self._seen.add(id(node))
        mark = node.start_mark
        self.located.values[path] = (mark.line + self.first_line, mark.column + 1)
        if node.__class__ is yaml.ScalarNode:
            return node.value if node.tag == _STR else self._scalar(node)
        if depth > _MAX_DEPTH:
            self.problem(node, "yaml-depth", f"values are nested more than {_MAX_DEPTH} levels deep")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _check_tag(self, node: yaml.Node, allowed: str) -> bool:
        if node.tag == allowed:
            return True
        self.problem(
            node,
            "yaml-tag",
            f"YAML tag '{node.tag}' is not allowed",
            "remove the tag; only plain text, numbers, lists and mappings are accepted",
        )
        return False

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        self._check_tag(node, _MAP)
        result: dict[str, Any] = {}
        keys = self.located.keys
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(key_node, "yaml-alias", "merge keys (<<) are not allowed", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problem(key_node, "yaml-key", "a key must be plain text", "write it as a simple name")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, "duplicate-key", f"'{key}' appears more than once", "keep one of them")
                continue
            key_path = (*path, key)
            keys[key_path] = self.pos(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._check_tag(node, _STR)
            return None
        if tag.endswith(":str") or tag.endswith(":timestamp"):
            return node.value  # dates are validated as text, not turned into objects
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            # YAML 1.1 reads yes/no/on/off (and the country code NO) as booleans; only true/false are.
            return _constructor.construct_yaml_bool(node) if node.value.lower() in _TRUE_FALSE else node.value
        kind = "whole number" if tag.endswith(":int") else "number"
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > _MAX_DIGITS:
            self.problem(node, "yaml-value", f"the {kind} has {digits:,} digits", f"use at most {_MAX_DIGITS} digits")
            return None
        try:
            if tag.endswith(":int"):
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except (ValueError, TypeError, IndexError, KeyError):
            self.problem(
                node,
                "yaml-value",
                f"{_quote(node.value)} is not a {kind}",
                "remove the tag (!!int, !!float) or write a plain number",
            )
            return None


def _quote(value: str, limit: int = 40) -> str:
    shown = value if len(value) <= limit else value[: limit - 3] + "..."
    return repr(shown)


def _syntax_problem(exc: yaml.MarkedYAMLError, first_line: int) -> YamlProblem:
    """Point at where the mistake starts (an unclosed quote), not where the parser gave up."""
    problem, context = exc.problem_mark, exc.context_mark
    mark = context if context is not None and (problem is None or context.line < problem.line) else problem
    pos = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
    hint = "check indentation, colons and quotes"
    if mark is context and problem is not None:
        hint = f"{exc.context} here; the parser gave up at line {problem.line + first_line}: {hint}"
    return YamlProblem(pos, "yaml-syntax", f"invalid YAML: {exc.problem or exc.context}", hint)


def load_located(text: str, first_line: int = 1) -> tuple[Located | None, list[YamlProblem]]:
    """Parse one YAML document. `first_line` is the file line on which `text` starts."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, first_line)]
    except yaml.YAMLError as exc:
        return None, [YamlProblem((first_line, 1), "yaml-syntax", f"invalid YAML: {exc}")]
    builder = _Builder(first_line)
    if root is None:
        return Located(None), []
    try:
        builder.located.data = builder.build(root, (), 0)
    except RecursionError:
        return None, [YamlProblem((first_line, 1), "yaml-depth", "values are nested too deeply")]
    if builder.problems:
        return None, builder.problems
    return builder.located, []
