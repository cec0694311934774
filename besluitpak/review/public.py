"""Names that are public by function and passages the case allows: never suggested.

The college (burgemeester, wethouders), the gemeentesecretaris, the municipality and its
departments act in public; their names in a decision are no personal data to withhold. They
come from the case file (``gemeente.naam``, ``portefeuillehouder``, ``afdeling``), from the
vergadering files that put the case on their agenda (``aanwezig``, ``afwezig``: "wethouder
J. Nieuwenburg"), and from the case's ``openbaar.toegestaan`` passages (allowed with a
reason). A person's name is matched in every way it is written
(:func:`besluitpak.publication.names.matcher`: ``J. Nieuwenburg``, ``wethouder Nieuwenburg``,
``Nieuwenburg, J.``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from besluitpak.publication import names

FUNCTIONS = frozenset({
    "burgemeester", "loco-burgemeester", "wethouder", "wethouders", "secretaris",
    "gemeentesecretaris", "griffier", "raadsgriffier", "voorzitter", "raadslid",
    "portefeuillehouder", "directeur", "concerndirecteur", "locoburgemeester",
})  # fmt: skip
"""Words that name a function before a name (``wethouder J. Nieuwenburg``)."""
ADDRESSING = frozenset({"heer", "meneer", "mevrouw", "mevr", "mw", "dhr", "familie", "fam"})
"""Forms of address before a name (``de heer``)."""
_REASON = re.compile(r"\s*\(.*\)\s*$")  # "wethouder Jansen (ziek)"


def _ornament(word: str) -> bool:
    """A function, title, form of address or tussenvoegsel: no name by itself."""
    folded = names.fold(word).strip(".,:;()")
    ornaments = (FUNCTIONS, names.TITLES, names.PARTICLES, ADDRESSING)
    return not folded or any(folded in words for words in ornaments)


def person_name(entry: str) -> str:
    """``wethouder J. Nieuwenburg (ziek)`` as ``J. Nieuwenburg``."""
    words = _REASON.sub("", entry).split()
    while len(words) > 1 and words[0].casefold().rstrip(":,") in FUNCTIONS:
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class Public:
    """What is never suggested: names by function, passages allowed."""

    persons: tuple[str, ...] = ()
    """Names of people public by function (``J. Nieuwenburg``)."""
    passages: tuple[str, ...] = ()
    """Literal texts: the municipality, its departments, ``openbaar.toegestaan``."""

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in ``text`` something public stands."""
        found: list[tuple[int, int]] = []
        for match in _matchers(self.persons):
            found += match(text)
        folded = text.casefold()
        for passage in self.passages:
            needle = " ".join(passage.split()).casefold()
            start = folded.find(needle) if needle else -1
            while start != -1:
                found.append((start, start + len(needle)))
                start = folded.find(needle, start + 1)
        return found

    def covers(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside (or is) something public."""
        return any(a <= start and end <= b for a, b in self.spans(text))

    def hides(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is public: inside something public, or something
        public with only functions, titles and tussenvoegsels around it (``Wethouder
        Sikkema``, ``van Haarlem``)."""
        spans = self.spans(text)
        if any(a <= start and end <= b for a, b in spans):
            return True
        rest = list(text[start:end])
        touched = False
        for a, b in spans:
            if a < end and start < b:
                touched = True
                for i in range(max(a, start), min(b, end)):
                    rest[i - start] = " "
        return touched and all(_ornament(w) for w in "".join(rest).split())


_CACHE: dict[tuple[str, ...], list[Callable[[str], list[tuple[int, int]]]]] = {}


def _matchers(persons: tuple[str, ...]) -> list[Callable[[str], list[tuple[int, int]]]]:
    if persons not in _CACHE:
        _CACHE[persons] = [names.matcher(p) for p in persons if p.strip()]
    return _CACHE[persons]


def of(
    *,
    gemeente: str,
    portefeuillehouder: str,
    afdeling: str,
    toegestaan: Iterable[str] = (),
    vergadering_names: Iterable[str] = (),
) -> Public:
    """The public names of one case."""
    persons = [person_name(n) for n in vergadering_names]
    holder = person_name(portefeuillehouder)
    if holder.casefold() != portefeuillehouder.casefold() or not _is_function(holder):
        persons.append(holder)
    passages = [gemeente, portefeuillehouder, afdeling, *toegestaan]
    return Public(
        persons=tuple(dict.fromkeys(p for p in persons if p)),
        passages=tuple(dict.fromkeys(p for p in passages if p.strip())),
    )


def _is_function(text: str) -> bool:
    return text.split()[0].casefold() in FUNCTIONS if text.split() else True


def vergadering_names(case_file: Path, files: Sequence[Path]) -> list[str]:
    """``aanwezig`` and ``afwezig`` of each vergadering file among ``files`` whose agenda
    names the case (``zaak:``, a folder or the case file, relative to the vergadering
    file)."""
    found: list[str] = []
    target = case_file.resolve()
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict) or not _on_agenda(data, path, target):
            continue
        for key in ("aanwezig", "afwezig"):
            items = data.get(key)
            if isinstance(items, list):
                found += [str(item) for item in items if isinstance(item, str)]
    return found


def _on_agenda(data: dict[str, object], path: Path, case_file: Path) -> bool:
    agenda = data.get("agenda")
    for item in agenda if isinstance(agenda, list) else []:
        zaak = item.get("zaak") if isinstance(item, dict) else None
        if not isinstance(zaak, str):
            continue
        where = (path.parent / zaak).resolve()
        if where == case_file or where == case_file.parent:
            return True
    return False


def vergadering_files(case_file: Path) -> list[Path]:
    """The vergadering files near a case: ``vergadering.yaml`` in the case's folder, its
    parent, and the folders directly under either."""
    folders = [case_file.resolve().parent, case_file.resolve().parent.parent]
    found: list[Path] = []
    for folder in folders:
        found += [folder / "vergadering.yaml", *sorted(folder.glob("*/vergadering.yaml"))]
    return [p for p in dict.fromkeys(found) if p.is_file()]
