"""How withheld words are found in a text, however the text writes them.

The same name may be written in several Unicode forms: ``Müller`` precomposed (U+00FC),
decomposed (``u`` followed by U+0308, as a Word file typed so or a PDF whose ``¨`` is a
glyph of its own, U+00A8, moved back over the ``u``), with a ligature, a soft hyphen or a
zero-width space inside it, in capitals. Every place that looks for withheld words — the
redaction of ``lakken`` ``woorden`` in a PDF (:mod:`besluitpak.pdf.redact_find`) and in a
Word file (:mod:`besluitpak.render.word_redact`), and the guard's search of every channel of
the public edition for them and for ``{lak}`` passages
(:mod:`besluitpak.publication.secrets`) — compares both sides :func:`fold`-ed, as the steller
guard compares names (:func:`besluitpak.publication.names.fold`): NFKD, without combining
marks, spacing accents or format characters, casefolded, a Cyrillic or Greek look-alike
read as its Latin letter. So ``Mu\\u0308ller``, ``MÜLLER``, ``Muller`` and ``Мuller``
(Cyrillic ``М``) are all ``muller``: what is redacted as ``Müller`` is redacted in
every form, and what the redaction missed stops the build.
"""

from __future__ import annotations

import functools
import re
import unicodedata

SPACING_ACCENTS = frozenset(
    "\u00a8\u00b4\u00b8\u00af\u02c6\u02c7\u02d8\u02d9\u02da\u02db\u02dc\u02dd"
)
"""Accents that stand as characters of their own (``¨ ´ ¸ ¯ ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝``): a glyph a PDF
draws over the letter before it. (The ASCII ``^ ` ~`` are left alone: they are seldom
accents.)"""


def _dropped(char: str) -> bool:
    return (
        char in SPACING_ACCENTS
        or unicodedata.combining(char) != 0
        or unicodedata.category(char) in ("Cf", "Mn", "Me")
    )


LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝвнкмтαβεζηικμνορτυχı",
    "aeopcyxijsdhlqwbhkmtabezhikmnoptyxi",
)
"""Cyrillic and Greek letters drawn as Latin ones (after casefolding: ``А`` and ``а`` alike):
``Brоuwer`` with a Cyrillic ``о`` reads as ``Brouwer``, and is found as it."""


@functools.lru_cache(maxsize=4096)
def _piece(char: str) -> str:
    if _dropped(char):
        return ""
    kept = "".join(c for c in unicodedata.normalize("NFKD", char) if not _dropped(c))
    return kept.casefold().translate(LOOKALIKES)


def fold(text: str) -> str:
    """``text`` for comparing withheld words: NFKD, without combining marks, spacing
    accents and format characters (soft hyphen, zero-width space), casefolded."""
    if text.isascii():
        return text.casefold()
    return folded(text)[0]


def folded(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` and, for each of its characters, the index in ``text`` of
    the character it came from (plus one entry for the end: ``len(text)``)."""
    if text.isascii():
        return text.casefold(), list(range(len(text) + 1))
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _piece(char)
        parts.append(piece)
        origin += [index] * len(piece)
    origin.append(len(text))
    return "".join(parts), origin


def composed(text: str) -> str:
    """``text`` in NFC: a letter and its combining accent as one character, so that a
    pattern of letters (a street's name, an e-mail address) reads ``Mu\u0308llerweg`` whole."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


_BROKEN = r"(?:[-\u2010\u2011]\s*|\s+)?"
"""What may stand between two letters of a word that is ``loose``: a hyphen (and a line
break after it) or a gap."""


def pattern(words: str, *, loose: bool = False) -> re.Pattern[str]:
    """The words (any run of spaces in them matching any run of spaces) as whole words, to
    be searched in :func:`fold`-ed text. ``loose``: also a word broken between two of its
    letters by a hyphen or a gap (``Visser-⏎dekker``, ``Visser dekker``), as a reader still
    reads it — for the guard, which refuses what it finds, not for what redacts."""
    folded_tokens = [fold(token) for token in words.split()]
    if loose:
        tokens = [_BROKEN.join(re.escape(char) for char in token) for token in folded_tokens]
    else:
        tokens = [re.escape(token) for token in folded_tokens]
    tokens = [token for token in tokens if token]
    return re.compile(r"(?<!\w)" + r"\s+".join(tokens) + r"(?!\w)")


def spans(words: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where the words (a :func:`pattern`) are in ``text``: (start, end) in ``text`` itself,
    the marks and accents that follow the last letter taken along."""
    normal, origin = folded(text)
    found = []
    for match in words.finditer(normal):
        start, end = origin[match.start()], origin[match.end()]
        found.append((start, end))
    return found
