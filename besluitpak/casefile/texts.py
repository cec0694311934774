"""What is checked in every text of a case and its data files: characters a Word document
cannot hold or no installed font can show, ``{bijlage:id}`` references written loosely or to
an unknown bijlage, and ``{lak:…}`` redactions with an unknown ground or without their end."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping

from besluitpak.casefile import fontcheck, lak, refs
from besluitpak.casefile.yamlsrc import KeyPath, Source
from besluitpak.errors import Problem


def text_problems(source: Source, numbers: Mapping[str, int]) -> Iterator[Problem]:
    """What is wrong with the markup in a document's texts: a reference written loosely or
    to an unknown bijlage, a redaction with an unknown ground or without its end."""
    for sub_key, text in refs.strings(source.data):
        split = _split_tag(sub_key, text)
        if split is not None:
            yield source.problem(sub_key[:-1], split)
            continue
        for written, meant in refs.malformed(text):
            yield source.problem(
                sub_key,
                f"expected a reference like {{bijlage:kaart}} (no spaces), got "
                f"{written!r}, which would be printed as it stands; did you mean {meant}?",
            )
        for problem in lak.problems(text):
            yield source.problem(sub_key, problem)
        for first, last in refs.find(text):
            for ident in (first, last):
                if ident is not None and ident not in numbers:
                    yield source.problem(sub_key, _unknown_id_message(ident, numbers))


_SPLIT_TAG = re.compile(r"\{(lak|bijlage)$")


def _split_tag(sub_key: KeyPath, value: str) -> str | None:
    """The message for a text YAML split at ``{lak: …`` or ``{bijlage: …`` (a colon and a
    space make a mapping of a plain line), or None."""
    key = sub_key[-1] if sub_key else None
    match = _SPLIT_TAG.search(key) if isinstance(key, str) else None
    if match is None:
        return None
    tag, meant = match.group(1), value.split("}", 1)[0].strip()
    return (
        f"expected text, got a mapping: YAML read the line as 'key: value' at the space after "
        f"'{{{tag}:'; write {{{tag}:{meant}}} without the space"
    )


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def control_characters(source: Source) -> Iterator[Problem]:
    """Characters a Word document (XML 1.0) cannot hold, and characters no installed font
    can show: refused, never a corrupt .docx or a PDF with empty boxes."""
    for path, text in refs.strings(source.data):
        match = _CONTROL.search(text)
        if match:
            yield source.problem(
                path,
                f"expected text without control characters, got "
                f"U+{ord(match.group()):04X} at position "
                f"{match.start() + 1}; remove it (a Word document "
                f"cannot hold it)",
                code="control-character",
                params={"char": f"U+{ord(match.group()):04X}", "position": str(match.start() + 1)},
            )
            continue
        missing = fontcheck.unshowable(text)
        if missing:
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:3])
            yield source.problem(
                path,
                f"expected text the installed fonts can show, got "
                f"{shown}; leave it out or install a font that has "
                f"it (e.g. fonts-noto-cjk for Chinese or Japanese)",
                code="unshowable-characters",
                params={"chars": shown},
            )


def _unknown_id_message(ident: str, numbers: Mapping[str, int]) -> str:
    hint = difflib.get_close_matches(ident, list(numbers), n=1)
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    return (
        f"reference to unknown bijlage id {ident!r}: expected one of the case's "
        f"bijlage ids{suggestion}"
    )
