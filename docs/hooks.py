"""MkDocs hook: the reference pages that are generated from the code at build time.

A page holds a marker such as ``<!-- generated: case-schema -->``; the hook replaces it with
what the code says today, so nothing there is copied by hand and nothing can go stale:

- ``case-schema`` and ``vergadering-schema``: the JSON Schemas ``besluitpak schema`` and
  ``besluitpak vergadering schema`` print, as a table of keys and in full;
- ``layer-map``: the same layers, one row per module or package with its docstring;
- ``module-map``: the layers of ``[tool.importlinter]`` in pyproject.toml, top to bottom,
  each module with its size and the first sentence of its docstring;
- ``roles``: what each role may do, from the web page's own table of roles;
- ``api-index``: every name the package exports, with the module it lives in;
- ``environment``: every environment variable the package reads (found in its source),
  with the meaning and default the web page's settings give it and where it is read.

It runs the command line through click's test runner (the public CLI group, whatever module
a command lives in) and reads the source as text: no network, no LibreOffice.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "besluitpak"
MARKER = re.compile(r"<!-- generated: ([a-z-]+) -->")
NAME = re.compile(r"""["'](BESLUITPAK_[A-Z0-9_]*[A-Z0-9]|DATABASE_URL|XDG_CACHE_HOME)["']""")


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace each marker with its generated Markdown."""
    return MARKER.sub(lambda m: GENERATORS[m.group(1)](markdown), markdown)


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from besluitpak.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"besluitpak {' '.join(args)} exited {result.exit_code}")
    return result.output


def _schema(*args: str) -> str:
    schema = json.loads(_cli(*args))
    rows = "\n".join(_rows(schema, schema, prefix="", seen=()))
    full = json.dumps(schema, indent=2, ensure_ascii=False)
    command = " ".join(("besluitpak", *args))
    return (
        f"Generated from `{command}` when this site was built.\n\n"
        f"{_text(schema.get('description', ''))}\n\n"
        "| key | type | required | meaning |\n| --- | --- | :-: | --- |\n"
        f"{rows}\n\n"
        f'??? note "The whole schema (`{command}`)"\n\n'
        + "\n".join(f"    {line}" for line in f"```json\n{full}\n```".splitlines())
        + "\n"
    )


def _rows(
    node: dict[str, Any], root: dict[str, Any], *, prefix: str, seen: tuple[str, ...]
) -> Iterator[str]:
    required = set(node.get("required", ()))
    for key, prop in node.get("properties", {}).items():
        path = f"{prefix}{key}"
        kind, inner, ref = _kind(prop, root)
        mark = "✓" if key in required else ""
        default = prop.get("default")
        meaning = _text(prop.get("description", ""))
        if default not in (None, [], {}, ""):
            meaning += f" (default `{json.dumps(default, ensure_ascii=False)}`)"
        yield f"| `{path}` | {kind} | {mark} | {meaning} |"
        if inner is not None and ref not in seen:
            suffix = "[]." if kind.startswith("list") else "."
            yield from _rows(inner, root, prefix=path + suffix, seen=(*seen, ref or path))


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str]:
    """A short type name, the object whose keys follow (if any), and its $ref."""
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    names, inner, ref = [], None, ""
    for option in options:
        if "$ref" in option:
            ref = option["$ref"]
            option = _resolve(ref, root)
        if option.get("type") == "array":
            item = option.get("items", {})
            if "$ref" in item:
                ref = item["$ref"]
                item = _resolve(ref, root)
            names.append(f"list of {_name(item)}")
            inner = item if "properties" in item else inner
        else:
            names.append(_name(option))
            inner = option if "properties" in option else inner
    return " or ".join(dict.fromkeys(names)) or "any", inner, ref


def _name(node: dict[str, Any]) -> str:
    if "enum" in node:
        return " / ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    if node.get("format") == "date":
        return "date"
    kind = node.get("type", "any")
    return str({"string": "text", "object": "mapping", "integer": "whole number"}.get(kind, kind))


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return dict(node)


def _text(description: str) -> str:
    """A description as one table cell: reST literals as Markdown, no line breaks, no pipes."""
    text = " ".join(description.split()).replace("``", "`")
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)  # :mod:`x`, :func:`~x`
    text = re.sub(r"::$", ":", text)  # a reST literal block follows
    return text.replace("|", "\\|")


def _environment(page: str) -> str:
    """The table of variables; one the web page's settings do not describe is described on
    the page itself (``page``, before the marker), or the table says it is not."""
    from besluitpak.web.conf import VARIABLES

    described = {v.name: v for v in VARIABLES}
    prose = page.partition("<!-- generated")[0]
    on_page = set(re.findall(r"`(BESLUITPAK_[A-Z0-9_]*[A-Z0-9])`", prose))
    read = _read_where()
    lines = ["| variable | default | meaning | read in |", "| --- | --- | --- | --- |"]
    for name in sorted(set(read) | set(described) | on_page):
        variable = described.get(name)
        if variable:
            meaning = _text(variable.help)
        elif name in on_page or f"`{name}`" in prose:
            meaning = "described above"
        else:
            meaning = "**not described yet**"
        default = f"`{variable.default}`" if variable and variable.default else ""
        where = ", ".join(f"`{p}`" for p in read.get(name, []))
        lines.append(f"| `{name}` | {default} | {meaning} | {where or '**read nowhere**'} |")
    return "\n".join(lines) + "\n"


def _read_where() -> dict[str, list[str]]:
    """Each variable name the package's source quotes, and the files that quote it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            where = found.setdefault(name, [])
            relative = path.relative_to(ROOT).as_posix()
            if relative not in where:
                where.append(relative)
    return found


def _api_index(_page: str) -> str:
    """Every name ``besluitpak`` exports, what it is and the module it lives in, read from
    the package itself (its names are imported on first use, from wherever they live)."""
    import inspect

    import besluitpak

    lines = ["| name | what it is | lives in |", "| --- | --- | --- |"]
    for name in sorted(besluitpak.__all__, key=str.lower):
        value = getattr(besluitpak, name)
        home = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", "")
        first = (inspect.getdoc(value) or "").strip().split("\n\n")[0]
        lines.append(f"| `{name}` | {_text(first)} | `{home}` |")
    return "\n".join(lines) + "\n"


PERMISSIONS = {
    "view_cases": "see cases, built editions, the archive",
    "edit_case": "edit case fields and bijlage data",
    "build_case": "**Bouwen**",
    "create_case": "create a case",
    "manage_bijlagen": "add, remove and order bijlagen",
    "publish_case": "**Publiceren** (before the embargo only with a reason, recorded)",
    "archive_case": "**Archiveren** (a case, a meeting)",
    "verify_archive": "**Verifiëren**: verify the archive",
    "view_audit": "the logboek (audit log)",
    "run_meeting": "a meeting's **Agenda bouwen** and **Besluitenlijst**",
}
"""What each permission lets a person do, in the guide's words (a new one shows its name)."""


def _roles(_page: str) -> str:
    from besluitpak.web.roles import ROLES

    names = list(ROLES)
    lines = ["| | " + " | ".join(names) + " |", "| --- |" + " :-: |" * len(names)]
    for permission in dict.fromkeys(p for held in ROLES.values() for p in held):
        marks = " | ".join("✓" if permission in ROLES[n] else "" for n in names)
        lines.append(f"| {PERMISSIONS.get(permission, f'`{permission}`')} | {marks} |")
    return "\n".join(lines) + "\n"


SKIPPED = {"migrations", "templates", "static", "locale", "data", "__pycache__"}


def _layers() -> list[list[str]]:
    """The module names of each layer of import-linter's contract ``layers``, top first."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found = [c for c in contracts if c.get("id") == "layers"]
    if not found:
        raise RuntimeError("pyproject.toml: no [[tool.importlinter.contracts]] with id 'layers'")
    return [
        [n.strip(" ()") for n in re.split(r"[|:]", layer) if n.strip(" ()")]
        for layer in found[0]["layers"]
    ]


def _layer_map(_page: str) -> str:
    """One row per module or package of each layer, top to bottom: what its docstring says."""
    lines = ["| layer | module | what it holds |", "| --: | --- | --- |"]
    for number, names in enumerate(_layers(), start=1):
        for name in names:
            single = PACKAGE / f"{name}.py"
            path = single if single.exists() else PACKAGE / name / "__init__.py"
            shown = f"`{name}.py`" if single.exists() else f"`{name}/`"
            doc = _docstring(path) if path.exists() else ""
            summary = _text(doc.split("\n\n")[0]) or "(no docstring)"
            lines.append(f"| {number} | {shown} | {summary} |")
    return "\n".join(lines) + "\n"


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def _module_map(_page: str) -> str:
    """Each layer of the import-linter contract ``layers``, top to bottom, with its modules."""
    out = []
    for names in _layers():
        out.append(f"#### {', '.join(f'`{n}`' for n in names)}\n")
        out.append("| module | lines | what it holds |\n| --- | --: | --- |")
        for name in names:
            out.extend(_rows_of(name))
        out.append("")
    return "\n".join(out)


def _rows_of(name: str) -> Iterator[str]:
    single = PACKAGE / f"{name}.py"
    if single.exists():
        yield _row(single)
        return
    folder = PACKAGE / name
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder)
        if SKIPPED.isdisjoint(relative.parts):
            yield _row(path)


def _row(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    doc = _docstring(path)
    first = _text(doc.split("\n\n")[0])
    sentence = re.match(r"(.{60,}?[.:;])(\s|$)", first)
    summary = sentence.group(1) if sentence and len(first) > 240 else first
    lines = text.count("\n")
    return f"| `{path.relative_to(PACKAGE).as_posix()}` | {lines} | {summary} |"


GENERATORS: dict[str, Callable[[str], str]] = {
    "layer-map": _layer_map,
    "module-map": _module_map,
    "roles": _roles,
    "api-index": _api_index,
    "case-schema": lambda _page: _schema("schema"),
    "vergadering-schema": lambda _page: _schema("vergadering", "schema"),
    "environment": _environment,
}
