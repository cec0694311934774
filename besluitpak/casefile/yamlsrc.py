"""YAML loading that remembers where every value came from.

PyYAML drops line numbers once it builds Python objects, so we compose the node tree first,
record the line of every key path, and only then construct the data. Duplicate keys, which
PyYAML silently overwrites, are reported as problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from besluitpak import codes
from besluitpak.codes import describe
from besluitpak.errors import CaseError, Problem

KeyPath = tuple[str | int, ...]


def format_key(path: KeyPath) -> str:
    """``('bijlagen', 2, 'titel')`` -> ``bijlagen[2].titel`` (the form users see in messages)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, kw_only=True)
class Source:
    """A parsed YAML document and the line (1-based) of every key path in it."""

    file: Path
    data: Any
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    prefix: KeyPath = ()
    written: Mapping[KeyPath, str] = field(default_factory=dict)
    """The source text of every unquoted scalar YAML did not read as text (``0344``,
    ``2020-01-01``, ``12``): messages show what the user wrote, not what YAML made of it."""

    def as_written(self, path: KeyPath) -> str | None:
        """The source text at ``path`` when YAML read it as something other than text."""
        return self.written.get(self.prefix + tuple(path))

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        full = self.prefix + tuple(path)
        while True:
            if full in self.lines:
                return self.lines[full]
            if not full:
                return None
            full = full[:-1]

    def problem(
        self,
        path: KeyPath,
        message: str,
        *,
        code: str = "",
        params: Mapping[str, str] | None = None,
    ) -> Problem:
        """A problem located at ``path`` in this source (``code`` and ``params``: the
        message's stable name and parts, for the page's translation)."""
        return Problem(
            file=self.file,
            line=self.line_of(path),
            key=format_key(self.prefix + tuple(path)),
            message=message,
            code=code,
            params=dict(params or {}),
        )

    def sub(self, path: KeyPath) -> Source:
        """The source of an inline mapping nested at ``path`` (keeps file and lines)."""
        node: Any = self.data
        for part in path:
            node = node[part]
        return Source(
            file=self.file,
            data=node,
            lines=self.lines,
            prefix=self.prefix + path,
            written=self.written,
        )


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


class _Loader(_Base):  # type: ignore[misc]
    """SafeLoader that keeps an impossible date (``2014-02-30``) as text, so validation can
    say what was expected instead of PyYAML failing without a line."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


_TEXT_TAG = "tag:yaml.org,2002:str"


def _walk(
    node: yaml.Node,
    path: KeyPath,
    lines: dict[KeyPath, int],
    dupes: list[Problem],
    file: Path,
    written: dict[KeyPath, str],
) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.tag != _TEXT_TAG and node.value:
        written[path] = str(node.value)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                dupes.append(
                    Problem(
                        file=file,
                        line=key_node.start_mark.line + 1,
                        key=format_key(child),
                        message="duplicate key: it is given more than once",
                        code="duplicate-key",
                    )
                )
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, dupes, file, written)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, dupes, file, written)


def load(path: Path, *, display: Path | None = None) -> Source:
    """Parse the YAML file at ``path``; raise :class:`CaseError` with the line on any problem.

    ``display`` is the name used in messages (defaults to ``path``).
    """
    shown = display or path
    node, data = _parse(_read(path, shown), shown)
    if node is None or data is None:
        raise CaseError(
            [
                Problem(
                    file=shown,
                    line=None,
                    key="",
                    message="expected a mapping (key: value lines), got an empty file",
                    code="empty-file",
                )
            ]
        )
    lines: dict[KeyPath, int] = {}
    dupes: list[Problem] = []
    written: dict[KeyPath, str] = {}
    _walk(node, (), lines, dupes, shown, written)
    if dupes:
        raise CaseError(dupes)
    if not isinstance(data, dict):
        raise CaseError(
            [
                Problem(
                    file=shown,
                    line=1,
                    key="",
                    message=f"expected a mapping (key: value lines), got {describe(data)}",
                    code="expected-mapping",
                    params=codes.got(data),
                )
            ]
        )
    return Source(file=shown, data=data, lines=lines, written=written)


def _read(path: Path, shown: Path) -> str:
    """The file's text; a problem naming ``shown`` if it is not a readable UTF-8 file."""
    if path.is_dir():
        raise CaseError(
            [
                Problem(
                    file=shown,
                    line=None,
                    key="",
                    message="expected a YAML file, got a directory",
                    code="directory",
                )
            ]
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise CaseError(
            [Problem(file=shown, line=None, key="", message="file not found", code="not-found")]
        ) from e
    except UnicodeDecodeError as e:
        raise CaseError(
            [
                Problem(
                    file=shown,
                    line=None,
                    key="",
                    message=f"expected UTF-8 text, got undecodable bytes at offset {e.start}",
                    code="not-utf8",
                    params={"offset": str(e.start)},
                )
            ]
        ) from e
    except OSError as e:
        raise CaseError(
            [Problem(file=shown, line=None, key="", message=f"cannot read file: {e.strerror}")]
        ) from e


def _parse(text: str, shown: Path) -> tuple[yaml.Node | None, Any]:
    """The node tree (for the lines) and the data built from it; a problem with the line
    where the YAML is invalid."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        what = e.problem or "invalid YAML"
        if e.context:
            what = f"{e.context}, {what}"
        what += _brace_hint(text, mark.line if mark else None)
        raise CaseError(
            [
                Problem(
                    file=shown,
                    line=line,
                    key="",
                    message=f"invalid YAML: {what}",
                    code="invalid-yaml",
                    params={"what": what},
                )
            ]
        ) from e
    except yaml.YAMLError as e:
        raise CaseError(
            [Problem(file=shown, line=None, key="", message=f"invalid YAML: {e}")]
        ) from e
    finally:
        loader.dispose()
    return node, data


_BRACED = re.compile(r"(?:^|-\s|:\s)\s*(\{(?:lak|bijlage):[^}]*\})")


def _brace_hint(text: str, line: int | None) -> str:
    """Why a line that begins with ``{lak:…}`` or ``{bijlage:…}`` is invalid YAML (a brace
    there opens a mapping), and how to write it; "" for any other error."""
    if line is None:
        return ""
    lines = text.splitlines()
    for number in (line, line - 1):
        if 0 <= number < len(lines) and (match := _BRACED.search(lines[number].strip())):
            return (
                f"; a text that begins with {match.group(1)} must be in quotes, "
                f'like "{match.group(1)}…"'
            )
    return ""


def unquoted(written: str, value: Any) -> str:
    """``0344 (unquoted, YAML reads it as the number 228); write "0344" in quotes``: what the
    user wrote where text belongs, and how to make it text."""
    if isinstance(value, bool):
        read = f"{'true' if value else 'false'}"
    elif isinstance(value, int | float):
        read = "a number" if str(value) == written else f"the number {value}"
    elif isinstance(value, dt.date):
        read = "a date"
    else:
        read = describe(value)
    return (
        f"{written} (unquoted, YAML reads it as {read}); "
        f'to mean the text, write it in quotes: "{written}"'
    )
