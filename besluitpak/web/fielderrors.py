"""A document's data form with the problems placed: each beside its field in the page's
Dutch, the rest at the top as the CLI prints them, none lost."""

from __future__ import annotations

from besluitpak.editing import schemaform
from besluitpak.editing.docdata import DocumentData
from besluitpak.errors import Problem
from besluitpak.web import wording


def sort_problems(
    document: DocumentData, problems: list[Problem]
) -> tuple[dict[str, list[str]], list[str]]:
    """The problems about this document's data by the form's key path (beside their field),
    and the others as the CLI prints them (at the top of the page)."""
    by_key: dict[str, list[str]] = {}
    others: list[str] = []
    prefix = document.key_prefix
    for problem in problems:
        key = _form_key(problem.key, prefix)
        if problem.file.as_posix() == document.file and key is not None:
            where = problem.file.name + (f":{problem.line}" if problem.line is not None else "")
            by_key.setdefault(key, []).append(f"{wording.message(problem)} ({where})")
        else:
            others.append(wording.located(problem))
    return by_key, others


def _form_key(key: str, prefix: str) -> str | None:
    if not prefix:
        return key
    if key == prefix:
        return ""
    for joint in (".", "["):
        if key.startswith(prefix + joint):
            rest = key[len(prefix) :]
            return rest[1:] if joint == "." else rest
    return None


def place_errors(
    root: schemaform.Field, by_key: dict[str, list[str]]
) -> tuple[dict[str, list[str]], list[str]]:
    """Split ``by_key`` into the errors a field of the form shows and the rest (keys no
    field has, e.g. an unknown key), so no problem is lost."""
    keys = set(_keys(root)) - {""}  # the root's own problems go to the top
    shown = {k: v for k, v in by_key.items() if k in keys}
    rest = [f"{k or 'gegevens'}: {m}" for k, v in by_key.items() if k not in keys for m in v]
    return shown, rest


def _keys(field: schemaform.Field) -> list[str]:
    return [field.key, *(k for child in field.children for k in _keys(child))]
