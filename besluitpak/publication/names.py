"""A person's name as it may be written in a text: the steller guard's eyes for
``steller.naam``.

:func:`spans` finds a name however it is written: in any case (``RENÉE ZQKSTRA``), with or
without its accents and in any Unicode form (``Renee``, a decomposed ``é``), with initials
(``R. Zqkstra``, ``R.Zqkstra``, ``R.A. Zqkstra``), in reversed order (``Zqkstra, Renée``,
``Zqkstra, R.``), with its tussenvoegsels written in full or shortened (``J. van der Berg``,
``Berg, Jan van der``, ``Van der Berg, J.``, ``J. v.d. Berg``), and broken at a line's end
(``Zqk- stra``, as poppler gives a hyphenated word). Whole words only: ``P. Testerweg`` is no
``P. Tester``.

The surname alone (with its tussenvoegsels: ``De Vries``, ``Van der Berg``) is the name when
it is distinctive (:func:`distinctive`): a surname of at least five letters that is no common
Dutch word (``Zqkstra``, ``De Vries``), or one with ``der`` or ``den`` among its
tussenvoegsels (``Van der Berg``: no Dutch sentence says that). ``Bakker``, ``De Boer`` and
``Visser`` alone are ordinary words and are the name only with a first name, initials or a
form of address (``mevrouw Visser``, ``dhr. De Boer``). Another initial before the surname
(``B. de Vries`` for ``A. de Vries``) is another person.

Both sides are folded (:func:`fold`) before they are compared: NFKD, combining marks and
format characters (soft hyphens, zero-width spaces) dropped, casefolded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from besluitpak.casefile import lak_words

PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "aan", "bij",
    "uit", "onder", "voor", "over", "'s", "d'", "la", "le", "les", "du", "des", "von", "zu",
    "vom", "zum", "di", "da", "del", "della", "dos", "das", "el", "al", "y",
})  # fmt: skip
"""Tussenvoegsels (folded), as the Basisregistratie Personen knows them, and the foreign
ones met in Dutch names."""

TITLES = frozenset({
    "mr", "dr", "drs", "ir", "ing", "prof", "bc", "ds", "mevr", "mw", "dhr", "msc", "ma",
    "bsc", "ba", "llm", "mba", "phd", "mevrouw",
})  # fmt: skip
"""Titles and forms of address that may stand in ``steller.naam`` and are no part of the name."""

COMMON_WORDS = frozenset({
    # occupations
    "bakker", "visser", "brouwer", "koster", "kramer", "schipper", "kuiper", "molenaar",
    "timmerman", "schilder", "smid", "herder", "jager", "ridder", "koning", "keizer",
    "prins", "snijder", "wever", "verver", "metselaar", "slager", "kapper", "dekker",
    "mulder", "schouten", "boswachter", "tuinier", "koopman", "schaper", "veerman",
    "schoenmaker", "kleermaker", "houtman", "stuurman", "bouwman", "timmer", "kok",
    "burgemeester", "schepen", "dominee", "koper", "smit", "bode", "boer", "boeren",
    # colours, qualities
    "groen", "zwart", "bruin", "blauw", "rood", "groot", "grote", "klein", "kleine",
    "lange", "jonge", "oude", "goede", "vroom", "sterk", "stoer", "vrolijk", "blank",
    "wijs", "rijke", "arm",
    # animals and plants
    "vogel", "vogels", "leeuw", "zwaan", "kraai", "valk", "vink", "haan", "vos", "wolf",
    "beer", "hert", "kievit", "mees", "meeuw", "spreeuw", "uil", "ooievaar", "reiger",
    "bloem", "bloemen", "roos", "linden", "eiken", "boom", "bomen", "riet", "hazelaar",
    "appel", "peer", "kers", "druif",
    # places and landscape
    "brink", "haven", "water", "beek", "berg", "bergen", "heuvel", "velde", "veld",
    "velden", "dijk", "dijken", "kamp", "akker", "weide", "bosch", "bosman", "hoeve",
    "hoeven", "molen", "kerk", "kerken", "toren", "poort", "straat", "straten", "wegen",
    "brug", "bruggen", "sluis", "kade", "markt", "plein", "laan", "hoek", "horst",
    "meer", "meren", "zand", "steen", "stenen", "veen", "venen", "vliet", "wal",
    "gracht", "burg", "dorp", "stad", "huizen", "kasteel", "schans", "akkers", "heide",
    "zee", "strand", "duin", "duinen", "polder", "wetering",
    # other words
    "post", "paus", "mooi", "winter", "zomer", "lente", "vrede", "graaf",
    "hertog", "baron", "vorst", "vrij", "vrijman", "kogel", "pijl", "boog",
    "zwaard", "schild", "kroon", "beker", "kruis", "spijker", "hamer", "bijl", "zaag",
    "vaart", "vlag", "zon", "maan", "ster", "sterren", "wind", "storm", "regen", "sneeuw",
    "ijs", "vuur", "room", "boter", "kaas", "brood", "melk", "honing", "suiker", "zout",
})  # fmt: skip
"""Dutch words (folded) of surnames: alone, such a surname is read as the word it is."""

_ADDRESSED = r"(?:mevrouw|mevr\.?|mw\.?|mej\.?|meneer|de\s+heer|dhr\.?|hr\.)"
"""A form of address before a surname: with it, ``Visser`` or ``De Boer`` is the name."""
_INITIAL_BEFORE = re.compile(r"(?<!\w)[^\W\d_]{1,3}\.\s*\Z")
"""An initial just before the surname alone: not the steller's (that would have matched
with it), so another person's."""
_APOSTROPHES = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-",
    "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
})  # fmt: skip
"""Typographic apostrophes and hyphens, and the letters that NFKD does not take apart."""


def fold(text: str) -> str:
    """``text`` for comparing names: NFKD, no combining marks nor format characters
    (soft hyphen, zero-width space), casefolded, typographic apostrophes as ``'``, ``ø``
    as ``o``, a Cyrillic or Greek look-alike as its Latin letter."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    kept = (
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return "".join(kept).casefold().translate(_APOSTROPHES).translate(lak_words.LOOKALIKES)


def folded(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` and, for each of its characters, the index in ``text`` of
    the character it came from (plus one entry for the end)."""
    if text.isascii():  # the common case: one character each, in place
        return fold(text), list(range(len(text) + 1))
    parts: list[str] = []
    origin: list[int] = []
    pieces: dict[str, str] = {}
    for index, char in enumerate(text):
        piece = pieces.get(char)
        if piece is None:
            piece = pieces[char] = fold(char)
        parts.append(piece)
        origin += [index] * len(piece)
    origin.append(len(text))
    return "".join(parts), origin


def distinctive(particles: list[str], surname: str) -> bool:
    """Whether the surname alone (with its tussenvoegsels) names the person: one of its
    words has five letters or more and is no common Dutch word, or ``der``/``den`` is among
    its tussenvoegsels."""
    words = [w for w in re.split(r"[\s-]+", surname) if w and w not in PARTICLES]
    if any(len(re.sub(r"\W", "", w)) >= 5 and w not in COMMON_WORDS for w in words):
        return True
    return bool({"der", "den"} & set(particles))


def _word(word: str) -> str:
    """The pattern of one folded word: a hyphen may be written with spaces around it, and
    a line may break it (``zqk- stra``)."""
    out = []
    for index, char in enumerate(word):
        if char == "-":
            out.append(r"\s*-\s*")
        elif char == "'":
            out.append("'?")
        else:
            out.append(re.escape(char))
            following = word[index + 1 : index + 2]
            if following.isalnum() and index >= 1:
                out.append(r"(?:-\s?)?")
    return "".join(out)


def _particles(particles: list[str]) -> str:
    """``van der`` in full or shortened (``v.d.``, ``v. der``)."""
    pieces = []
    for particle in particles:
        short = rf"|{re.escape(particle[0])}\." if particle[0].isalpha() else ""
        pieces.append(rf"(?:{_word(particle)}{short})")
    return r"\s*".join(pieces)


def _initials(initials: list[str]) -> str:
    """The first initial with a dot, then any further initials (``r.``, ``r.a.``,
    ``r. a.``, ``j.-w.``)."""
    first = "|".join(re.escape(i) for i in sorted(set(initials), key=len, reverse=True))
    return rf"(?:{first})\.(?:(?:\s?-\s?|\s)?[^\W\d_]{{1,3}}\.){{0,5}}"


def _parse(name: str) -> tuple[list[str], list[str], list[str], str]:
    """The given names, the first initial's spellings (``th`` and ``t``), the tussenvoegsels
    and the surname of ``name``, folded."""
    tokens = fold(name).replace(".", ". ").split()
    while tokens and tokens[0].rstrip(".") in TITLES:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].rstrip(".") in TITLES:
        tokens.pop()
    start = next(
        (i for i, t in enumerate(tokens) if i < len(tokens) - 1 and t in PARTICLES),
        max(len(tokens) - 1, 0),
    )
    given, rest = tokens[:start], tokens[start:]
    particles = []
    while len(rest) > 1 and rest[0] in PARTICLES:
        particles.append(rest.pop(0))
    names = [t for t in given if not t.endswith(".")]
    initials: list[str] = []
    if given:
        letters = given[0].rstrip(".")
        short = letters[:2] if letters.startswith("ij") else letters[:1]
        initials = [letters, short] if given[0].endswith(".") else [short]
    return names, [i for i in initials if i], particles, " ".join(rest)


def pattern(name: str) -> re.Pattern[str] | None:
    """The pattern of every way ``name`` is written, over folded text (None for a blank
    name)."""
    names, initials, particles, surname = _parse(name)
    if not surname:
        return None
    last = r"\s+".join(_word(w) for w in surname.split())
    family = last  # "zqkstra"
    if particles:
        family = rf"{_particles(particles)}(?:\s+|(?<=\.)\s*){last}"  # "van der berg"
    spelled = [r"\s+".join(_word(n) for n in names), _word(names[0])] if names else []
    firsts = spelled + ([_initials(initials)] if initials else [])
    forms = [r"\s+".join(re.escape(w) for w in fold(name).split())]
    if firsts:
        first = "(?:" + "|".join(firsts) + ")"
        forward = [rf"{s}\s+" for s in spelled] + (
            [rf"{_initials(initials)}\s*"] if initials else []
        )
        forms.append(rf"(?:{'|'.join(forward)}){family}")  # r. van der berg, renee zqkstra
        if particles:
            tussen = _particles(particles)
            forms.append(rf"{last}\s*(?:,\s*)?{first}\s*{tussen}")  # berg, jan van der
            forms.append(rf"{last}\s+{tussen}\s*,\s*{first}")  # berg van der, jan
            forms.append(rf"{family}\s*,\s*{first}")  # van der berg, j.
        else:
            forms.append(rf"{last}(?:\s*,\s*|\s+){first}")  # zqkstra, renee
    forms.append(rf"{_ADDRESSED}(?:\s+|(?<=\.)\s*){family}")  # mevrouw visser, dhr. bakker
    if distinctive(particles, surname):
        forms.append(rf"(?P<alone>{family})")
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")(?!\w)")


def matcher(name: str) -> Callable[[str], list[tuple[int, int]]]:
    """Where ``name`` stands in a text: ``(start, end)`` of each occurrence, in the text as
    given (not folded)."""
    compiled = pattern(name)

    def spans(text: str) -> list[tuple[int, int]]:
        if compiled is None:
            return []
        flat, origin = folded(text)
        found = []
        for m in compiled.finditer(flat):
            if m.groupdict().get("alone") and _INITIAL_BEFORE.search(flat, 0, m.start()):
                continue  # B. de Vries: another person than A. de Vries
            found.append((origin[m.start()], origin[m.end()]))
        return found

    return spans
