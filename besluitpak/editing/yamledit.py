"""Writing a person's edits back into the YAML files of a case, keeping everything else:
comments, key order, quoting, block scalars (ruamel.yaml's round trip; an unchanged file is
written back byte for byte).

A changed text keeps the style its old value was written in (``>-`` stays folded, a quoted
string stays quoted), so a diff in git shows only what the person changed.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from besluitpak.errors import BesluitpakError
from besluitpak.files import write_atomic

_STYLES = (
    FoldedScalarString,
    LiteralScalarString,
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
)


class YamlEditError(BesluitpakError):
    """Raised when a YAML file of a case cannot be read for editing."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a person's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> Any:
    """The file's data as ruamel's commented maps and sequences (edit it, then :func:`save`)."""
    try:
        return _yaml().load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as e:
        raise YamlEditError(f"{path.name}: cannot be read for editing: {e}") from e


def read(path: Path) -> Any:
    """The file's data as plain dicts, lists and values, for showing (not for editing):
    parsed by PyYAML's C loader, ten times faster than the round trip, and kept until the
    file changes. Never mutate the result."""
    try:
        stat = path.stat()
    except OSError as e:
        raise YamlEditError(f"{path.name}: cannot be read: {e}") from e
    return _read(path, stat.st_mtime_ns, stat.st_size, stat.st_ino)


@functools.lru_cache(maxsize=256)
def _read(path: Path, mtime_ns: int, size: int, inode: int) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise YamlEditError(f"{path.name}: cannot be read: {e}") from e


def dumps(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def save(path: Path, data: Any) -> bool:
    """Write ``data`` to ``path`` atomically; returns whether the bytes changed."""
    text = dumps(data)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, text.encode("utf-8"), what=path.name)
    return True


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def comment_line(text: str) -> str:
    """``text`` as the body of one comment line: every line break and control character
    (which YAML or an editor could take as the end of the comment) becomes a space, so a
    person's text in a comment can never become a key."""
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def styled(old: Any, new: Any) -> Any:
    """``new`` in the style ``old`` was written in (for strings); other values as they are."""
    if isinstance(new, str) and not isinstance(new, _STYLES):
        for style in _STYLES:
            if isinstance(old, style):
                text = new.replace("\r\n", "\n")
                if style is FoldedScalarString and "\n" in text.strip("\n"):
                    return LiteralScalarString(text)
                return style(text)
        if "\n" in new.strip("\n"):
            return LiteralScalarString(new.replace("\r\n", "\n"))
    return new


def merge(old: Any, new: Any) -> Any:
    """``new`` (plain dicts, lists and values from a form) laid over ``old`` (the file's
    commented data): keys and items kept where they are, with their comments and styles;
    keys not in ``new`` are removed, new keys appended."""
    if isinstance(new, dict) and isinstance(old, CommentedMap):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else _fresh(value)
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = merge(old[index], value)
            else:
                old.append(_fresh(value))
        del old[len(new) :]
        return old
    if old == new and type(old) is not bool and type(new) is not bool:
        return old
    return styled(old, new)


def _fresh(value: Any) -> Any:
    """A new value as ruamel writes it in block style."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _fresh(item)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        sequence.extend(_fresh(item) for item in value)
        return sequence
    return styled(None, value)
