"""Detectors of personal data in the text of a public edition (the Woo guard's eyes).

:func:`find` reads one page's text as :func:`besluitpak.publication.guard.page_texts` gives
it (poppler's ``pdftotext``, whitespace-normalised: a line break became a space, so a word
hyphenated at the end of a line reads ``Hout- straat``) and returns what looks like personal
data: e-mail addresses, Dutch phone numbers, IBANs, BSNs and addresses (a house number with
its postcode). Pure functions, no I/O.

Each detector looks at the shape first and then checks what can be checked, so that the
numbers of policy text (amounts, dates, article numbers, kenmerken, KvK numbers) do not stop
an edition:

- an IBAN has its country's length and passes the ISO 13616 mod-97 check;
- a BSN has nine digits, passes the 11-proef, and is no part of a longer number, an amount
  or a kenmerk (``2014/123456782``), nor a number labelled as something else (``RSIN``);
- a phone number has ten digits (``+31``/``0031`` and nine), grouped as Dutch numbers are
  written; the municipal short number ``14 023`` is not personal and never matches;
- an address is a postcode (``2011 SV``: no leading zero, no SA/SD/SS) with a house number
  before it (``Grote Houtstraat 12, 2011 SV``) or after it (``2011 SV 12``); a postcode
  alone is not flagged.

Only the standard library: mod-97 and the 11-proef are a line each, and python-stdnum
(which has them) would not know the contexts that matter here (amounts, kenmerken), so it
would not pay its way as a dependency.

:func:`measure` runs the detectors over a planted test set (:func:`read_planted`) and a set
of clean sentences: what was missed and what was found that should not have been.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

EMAIL = "e-mailadres"
PHONE = "telefoonnummer"
IBAN = "IBAN"
BSN = "BSN"
ADDRESS = "adres"
KINDS = (EMAIL, PHONE, IBAN, BSN, ADDRESS)


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One piece of personal data in a page's text."""

    kind: str
    """What it is: ``e-mailadres``, ``telefoonnummer``, ``IBAN``, ``BSN`` or ``adres``."""
    text: str
    """The matched text, as it stands in the page's text."""
    start: int
    end: int
    """``text == page[start:end]``."""


def passage(text: str, finding: Finding, *, width: int = 40) -> str:
    """The finding with about ``width`` characters of whole words either side, for a
    message; ``…`` marks where the page's text goes on."""
    left = max(0, finding.start - width)
    right = min(len(text), finding.end + width)
    if left > 0 and not text[left - 1].isspace():
        space = text.find(" ", left, finding.start)
        left = finding.start if space < 0 else space + 1
    if right < len(text) and not text[right].isspace():
        space = text.rfind(" ", finding.end, right)
        right = finding.end if space < 0 else space
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def find(text: str) -> list[Finding]:
    """The personal data in ``text`` (a page's whitespace-normalised text), in the order of
    the text. Where two detectors match overlapping text, the more specific one wins
    (an IBAN holds digits that may look like a phone number)."""
    found: list[Finding] = []  # sorted by start and, as they do not overlap, by end
    for detector in _DETECTORS:
        for finding in detector(text):
            at = bisect.bisect_left(found, finding.start, key=lambda f: f.start)
            if at > 0 and found[at - 1].end > finding.start:
                continue
            if at < len(found) and found[at].start < finding.end:
                continue
            found.insert(at, finding)
    return found


# -- checks ------------------------------------------------------------------------------


def mod97(iban: str) -> bool:
    """Whether ``iban`` (spaces allowed) passes the ISO 13616 check: moved the first four
    characters to the end, letters as 10..35, the number modulo 97 is 1."""
    compact = iban.replace(" ", "").upper()
    if not compact.isalnum() or len(compact) < 5:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def elfproef(bsn: str) -> bool:
    """Whether ``bsn`` (nine digits; dots and spaces allowed) passes the 11-proef of the
    BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    digits = re.sub(r"[ .]", "", bsn)
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


# -- e-mail addresses --------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+@-])"
    r"[\w%+-]+(?:(?:\.|- )[\w%+-]+)*"  # local part; "- " is a line break after a hyphen
    r"@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]|- )*(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]|- )*)*"
    r"\.[A-Za-z]{2,24}"
    r"(?![\w@-])"
)


def _emails(text: str) -> Iterator[Finding]:
    for m in _EMAIL.finditer(text):
        yield Finding(kind=EMAIL, text=m.group(), start=m.start(), end=m.end())


# -- IBANs -------------------------------------------------------------------------------

_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23,
    "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}  # fmt: skip
"""The IBAN's length in the countries of SEPA (the ones a Dutch municipality meets)."""

_IBAN = re.compile(r"(?<![A-Za-z0-9])(?=([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){11,30}))")
"""Zero-width, so that a candidate that fails does not hide one starting inside it."""


def _ibans(text: str) -> Iterator[Finding]:
    for m in _IBAN.finditer(text):
        length = _IBAN_LENGTHS.get(m.group(1))
        if length is None:
            continue
        # take exactly `length` characters, spaces between them allowed
        end, count = m.start(), 0
        while end < m.end(3) and count < length:
            if text[end] != " ":
                count += 1
            end += 1
        if count < length or (end < len(text) and text[end].isalnum()):
            continue
        candidate = text[m.start() : end]
        if m.group(1) == "NL" and not re.fullmatch(
            r"NL\d{2}[A-Z]{4}\d{10}", candidate.replace(" ", "")
        ):
            continue
        if mod97(candidate):
            yield Finding(kind=IBAN, text=candidate, start=m.start(), end=end)


# -- BSNs --------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,/€$-])(?<!\d[ .,])(?<!€ )(?<!EUR )"
    r"(?:(?P<plain>\d{9})(?![\w]|[.,/-]\d)"
    r"|(?P<dotted>\d{4}\.\d{2}\.\d{3})(?![\w]|[.,/-]\d)"
    r"|(?P<spaced>\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3})(?![\w]|[.,/-]?\d| \d))"
)
_AMOUNT_AFTER = re.compile(r" ?(?:euro|EUR|€)\b")
_OTHER_NUMBER = re.compile(
    r"(?:kenmerk|zaaknummer|zaak|dossiernummer|dossier|factuurnummer|factuur|ordernummer|"
    r"registratienummer|referentie|rsin|kvk|kvk-nummer|btw-nummer|fiscaal nummer|isbn|issn|"
    r"nummer van de kamer van koophandel)(?: ?nr\.?| ?nummer)?[:.]? ?(?:is )?$",
    re.IGNORECASE,
)
"""Words that label a nine-digit number as something else than a BSN, just before it."""


def _bsns(text: str) -> Iterator[Finding]:
    for m in _BSN.finditer(text):
        if not elfproef(m.group()):
            continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        if _OTHER_NUMBER.search(text[max(0, m.start() - 50) : m.start()]):
            continue
        yield Finding(kind=BSN, text=m.group(), start=m.start(), end=m.end())


# -- phone numbers -----------------------------------------------------------------------

_PHONE = re.compile(
    r"(?<![\w.,/@+€-])(?<![A-Z]{2}\d{2} [A-Z]{4} )"  # nor the digits of an IBAN (a typo)
    r"(?:(?P<intl>(?:\+|00)31)(?: ?- ?| )?(?P<zero>\(0\) ?)?|(?P<paren>\())?"
    r"(?P<first>\d++)(?(paren)\))"
    r"(?P<tail>(?:(?: ?- ?| )\d++){0,5})"
    r"(?![.,]\d)"
)
_GROUP = re.compile(r"( ?- ?| )(\d+)")
_GROUP_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}(?: ?- ?| )\Z")
"""A short group of digits just before: the number goes on to the left (``14 023``)."""


def _phone_shape(m: re.Match[str], groups: Sequence[tuple[str, str]]) -> bool:
    """Whether ``first`` and ``groups`` (separator, digits) are written as a Dutch phone
    number is: ten digits (nine after +31), an area code of 2-4 digits (with its 0) and
    groups of 2-8 digits after it, a hyphen only after the area code or between every
    group (+31-6-12345678)."""
    first = m.group("first")
    hyphens = ["-" in sep for sep, _ in groups]
    if any(hyphens[1:]) and not all(hyphens):  # 06-03-2014 06 is no phone number
        return False
    if any(not 2 <= len(digits) <= 8 for _, digits in groups):
        return False
    total = len(first) + sum(len(digits) for _, digits in groups)
    if m.group("intl"):
        return total == 9 and first[0] != "0" and (len(first) <= 3 or not groups)
    if first[0] != "0" or first[1:2] in ("", "0"):
        return False
    if m.group("paren"):
        return total == 10 and 2 <= len(first) <= 4 and bool(groups)
    return total == 10 and (2 <= len(first) <= 4 or not groups)


def _phones(text: str) -> Iterator[Finding]:
    for m in _PHONE.finditer(text):
        if _GROUP_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        groups = [(g.group(1), g.group(2)) for g in _GROUP.finditer(m.group("tail"))]
        ends = [g.end() for g in _GROUP.finditer(m.group("tail"))]
        for n in range(len(groups), -1, -1):  # the longest that is a phone number
            if _phone_shape(m, groups[:n]):
                end = m.start("tail") + (ends[n - 1] if n else 0)
                yield Finding(kind=PHONE, text=text[m.start() : end], start=m.start(), end=end)
                break


# -- addresses ---------------------------------------------------------------------------

_POSTCODE = r"[1-9]\d{3} ?(?!S[ADS])[A-Z]{2}(?![\w-])"
_NUMBER = (
    r"\d{1,5}(?:[a-zA-Z]|-\d{1,4}|[ -](?:[A-Z]|bis|hs|huis|zwart|zw|rood|I{1,3})|-[a-zA-Z])?(?!\w)"
)
_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*(?:- [a-z][\w'’]*)?"
_PARTICLE = r"(?:van|de|der|den|het|'t|ter|ten|la|le)"
_STREET = rf"(?:{_WORD} (?:{_PARTICLE} ){{0,2}}){{0,4}}{_WORD}"
"""A street's name: at most five capitalised words (a bound, so a page of capitalised words
is read in linear time), with particles between them (``Burgemeester van Halterenstraat``)."""
_ADDRESS_BEFORE = re.compile(
    rf"(?<![\w'’-])(?P<street>{_STREET}) (?P<number>{_NUMBER}),? (?P<postcode>{_POSTCODE})"
)
_ADDRESS_AFTER = re.compile(
    rf"(?<![\w-])(?P<postcode>{_POSTCODE}),? (?:(?:huisnummer|nr\.|nummer) )?(?P<number>{_NUMBER})"
    r"(?![.,]\d| ?%)"
)
_NOT_A_STREET = frozenset({
    "artikel", "bijlage", "pagina", "blz", "hoofdstuk", "paragraaf", "programma", "tabel",
    "figuur", "onderdeel", "lid", "fase", "stap", "punt", "versie", "jaar", "week", "dag",
    "nummer", "postbus", "antwoordnummer",
})  # fmt: skip
"""Words before a number that make it no house number (``Artikel 2, 2014 EU``)."""
_SENTENCE_WORDS = frozenset({
    "mevrouw", "mevr", "mw", "meneer", "heer", "dhr", "familie", "fam", "adres", "afzender",
    "bewoner", "bewoners",
})  # fmt: skip
"""Capitalised words before a street's name that are no part of it (``Mevrouw Zijlweg``)."""


def _street_start(street: str) -> int:
    """Where the street's name begins in ``street`` (the capitalised words before a house
    number): after the words that address a person (``Mevrouw``, ``Familie``)."""
    words = street.split(" ")
    offset = 0
    for word in words[:-1]:
        if word.casefold().rstrip(".") not in _SENTENCE_WORDS:
            break
        offset += len(word) + 1
    return offset


def _addresses(text: str) -> Iterator[Finding]:
    for m in _ADDRESS_BEFORE.finditer(text):
        street = m.group("street")
        last = street.split(" ")[-1].casefold().rstrip(".")
        if last in _NOT_A_STREET or street.casefold() in _NOT_A_STREET:
            continue
        start = m.start() + _street_start(street)
        yield Finding(kind=ADDRESS, text=text[start : m.end()], start=start, end=m.end())
    for m in _ADDRESS_AFTER.finditer(text):
        yield Finding(kind=ADDRESS, text=m.group(), start=m.start(), end=m.end())


_DETECTORS: tuple[Callable[[str], Iterable[Finding]], ...] = (
    _emails,
    _ibans,
    _addresses,
    _bsns,
    _phones,
)
"""In order of precedence where two overlap."""


# -- measurement -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Planted:
    """One known item in a sentence of a test set."""

    sentence: str
    kind: str
    start: int
    end: int


def read_planted(source: str) -> list[Planted]:
    """The planted items of a test set's text: a line ``kind | sentence`` with the item
    between « and » (``telefoonnummer | Bel «06-12345678» na vijf uur.``); empty lines
    and lines starting with ``#`` are left out."""
    planted = []
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, sep, marked = (part.strip() for part in line.partition("|"))
        if not sep or kind not in KINDS or marked.count("«") != 1 or marked.count("»") != 1:
            raise ValueError(
                f"line {number}: expected 'kind | sentence with «item»' with kind one of "
                f"{', '.join(KINDS)}, got {line!r}"
            )
        start = marked.index("«")
        end = marked.index("»") - 1
        sentence = marked.replace("«", "").replace("»", "")
        planted.append(Planted(sentence=sentence, kind=kind, start=start, end=end))
    return planted


def measure(
    planted: Sequence[Planted], clean: Sequence[str]
) -> tuple[list[Planted], list[tuple[str, Finding]]]:
    """What :func:`find` missed of ``planted`` (not found with its kind and exact span),
    and its false positives: anything found in ``clean`` and anything else than the
    planted item found in a planted sentence, each with its sentence."""
    missed: list[Planted] = []
    false_positives: list[tuple[str, Finding]] = []
    for item in planted:
        found = find(item.sentence)
        if not any((f.kind, f.start, f.end) == (item.kind, item.start, item.end) for f in found):
            missed.append(item)
        false_positives += [
            (item.sentence, f) for f in found if not (f.start < item.end and item.start < f.end)
        ]
    for sentence in clean:
        false_positives += [(sentence, f) for f in find(sentence)]
    return missed, false_positives
