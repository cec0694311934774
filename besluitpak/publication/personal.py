"""Detectors of personal data in the text of a public edition (the Woo guard's eyes).

:func:`find` reads one page's text as :func:`besluitpak.publication.guard.page_texts` gives
it (poppler's ``pdftotext``, whitespace-normalised: a line break became a space, so a word
hyphenated at the end of a line reads ``Hout- straat``) and returns what looks like personal
data: e-mail addresses, Dutch phone numbers, IBANs, BSNs and addresses (a house number with
its postcode). Pure functions, no I/O.

Each detector looks at the shape first and then checks what can be checked, so that the
numbers of policy text (amounts, dates, article numbers, kenmerken, KvK numbers) do not stop
an edition:

- an e-mail address may hide its ``@`` and dots (``jan(at)example.nl``, ``jan [at] example
  [dot] nl``, ``jan.jansen%40example.nl`` in a URI, ``jan at example dot nl``);
- an IBAN, in any case and grouping, has its country's length and passes the ISO 13616
  mod-97 check;
- a BSN has nine digits, passes the 11-proef, and is no part of a longer number, an amount
  or a kenmerk (``2014/123456782``), nor a number labelled as something else (``RSIN``);
  written ``111.222.333`` (as amounts are) it needs ``BSN`` or ``burgerservicenummer``
  before it;
- a phone number has ten digits (``+31``/``0031`` and nine), grouped as Dutch numbers are
  written (spaces, hyphens, en dashes, dots between every group, a slash or parentheses
  around the area code); the municipal short number ``14 023`` is not personal and never
  matches;
- an address is a postcode (``2011 SV``, ``2011-SV``, ``2011sv``: no leading zero, no
  SA/SD/SS; in lower case not two letters that are a word, ``2014 de 12``) with a house
  number before it (``Grote Houtstraat 12, 2011 SV``) or after it (``2011 SV 12``); a
  postcode alone is not flagged.

Only the standard library: mod-97 and the 11-proef are a line each, and python-stdnum
(which has them) would not know the contexts that matter here (amounts, kenmerken), so it
would not pay its way as a dependency.

:mod:`besluitpak.publication.measure` runs the detectors over a planted test set and a set
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
    """Whether ``bsn`` (nine digits; dots, hyphens and spaces allowed) passes the 11-proef of the
    BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    digits = re.sub(r"[ .-]", "", bsn)
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 == 0


# -- e-mail addresses --------------------------------------------------------------------

AT = (
    r"(?:@|＠|%40"
    r"|\s?[(\[{<]\s?(?i:at|apenstaartje)\s?[)\]}>]\s?)"  # jan(at)example.nl, jan [at] example
)
"""The ``@`` of an e-mail address, also written so that a harvester does not see it."""
DOT = r"(?:\s?\.|\s?[(\[{<]\s?(?i:dot|punt)\s?[)\]}>]\s?)"
"""The ``.`` of an e-mail address's domain: ``example .nl``, ``example [dot] nl``."""
_AT = re.compile(AT)
_LOCAL = re.compile(
    r"(?<![\w.%+@-])[\w%+-]+(?:(?:\.|- )[\w%+-]+)*\Z"  # "- ": a line break after a hyphen
)
_LOCAL_REACH = 100
"""How far before its ``@`` a local part may begin (64 characters at most, RFC 5321): the
search starts at the ``@``, so that a page of words with dots is read in linear time."""
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]|- ){0,62}"
_DOMAIN = re.compile(rf"{_LABEL}(?:{DOT}{_LABEL}){{0,8}}{DOT}[A-Za-z]{{2,24}}(?![\w@-])")
_EMAIL_SPOKEN = re.compile(
    r"(?<![\w.%+@-])[\w%+-]+(?:\.[\w%+-]+)* (?i:at) [A-Za-z0-9-]+"
    r"(?: (?i:dot|punt) [A-Za-z0-9-]+)* (?i:dot|punt) [A-Za-z]{2,24}(?![\w@-])"
)
"""``jan at example dot nl``: an ``at`` between words is an address only with a spoken dot."""


def _emails(text: str) -> Iterator[Finding]:
    end = 0
    for at in _AT.finditer(text):
        if at.start() < end:
            continue
        local = _LOCAL.search(text, max(end, at.start() - _LOCAL_REACH), at.start())
        domain = _DOMAIN.match(text, at.end())
        if local and domain:
            end = domain.end()
            yield Finding(kind=EMAIL, text=text[local.start() : end], start=local.start(), end=end)
    for m in _EMAIL_SPOKEN.finditer(text):
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

_IBAN = re.compile(r"(?<![A-Za-z0-9])(?=([A-Za-z]{2}) ?(\d{2})((?:[ .-]?[A-Za-z0-9]){11,30}))")
"""Zero-width, so that a candidate that fails does not hide one starting inside it; in any
case (``nl91abna0417164300``), grouped by spaces, hyphens or dots (``NL91-ABNA-…``,
``NL 91 ABNA …``): mod-97 decides."""


def _ibans(text: str) -> Iterator[Finding]:
    for m in _IBAN.finditer(text):
        length = _IBAN_LENGTHS.get(m.group(1).upper())
        if length is None:
            continue
        # take exactly `length` characters, separators between them allowed
        end, count = m.start(), 0
        while end < m.end(3) and count < length:
            if text[end] not in " .-":
                count += 1
            end += 1
        if count < length or (end < len(text) and text[end].isalnum()):
            continue
        candidate = text[m.start() : end]
        compact = re.sub(r"[ .-]", "", candidate).upper()
        if m.group(1).upper() == "NL" and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact):
            continue
        if mod97(compact):
            yield Finding(kind=IBAN, text=candidate, start=m.start(), end=end)


# -- BSNs --------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,/€$-])(?<!\d[ .,])(?<!€ )(?<!EUR )"
    r"(?:(?P<plain>\d{9})(?![\w]|[.,/-]\d)"
    r"|(?P<dotted>\d{4}\.\d{2}\.\d{3}|\d{4}-\d{2}-\d{3}|\d{3}-\d{3}-\d{3})"
    r"(?![\w]|[.,/-]\d)"
    r"|(?P<thousands>\d{3}\.\d{3}\.\d{3})(?![\w]|[.,/-]\d)"
    r"|(?P<spaced>\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3})(?![\w]|[.,/-]?\d| \d))"
)
_BSN_LABEL = re.compile(
    r"(?i:\bbsn|burgerservicenummer|sofi-?nummer|sofinr)\b\W{0,3}(?:[^\W\d]+\W{1,3}){0,5}$"
)
"""``BSN``, ``burgerservicenummer`` just before a number (five words at most between): the
number written as ``111.222.333`` is a BSN only with it, as an amount is written so too."""
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
        if not elfproef(m.group().replace("-", "")):
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        if m.group("thousands") and not _BSN_LABEL.search(before):
            continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        if _OTHER_NUMBER.search(text[max(0, m.start() - 50) : m.start()]):
            continue
        yield Finding(kind=BSN, text=m.group(), start=m.start(), end=m.end())


# -- phone numbers -----------------------------------------------------------------------

_SEP = r"(?: ?[-–] ?| |\.|/)"
"""Between a phone number's groups: a space, a hyphen or en dash (spaces around it or not),
a dot (``06.12.34.56.78``) or a slash after the area code (``06/12345678``)."""
_PHONE = re.compile(
    r"(?<![\w,/@+€-])(?<!\d\.)(?<![A-Za-z]{2}\d{2} [A-Za-z]{4} )"  # nor an IBAN's digits
    r"(?:(?P<intl>(?:\+|00)31)(?: ?[-–] ?| )?(?P<zero>\(0\) ?)?|(?P<paren>\())?"
    r"(?P<first>\d++)(?(paren)\))"
    rf"(?P<tail>(?:{_SEP}?\d++)?(?:{_SEP}\d++){{0,4}})"
    r"(?![.,]\d)(?![^\W\d_])"  # nor digits running on into letters (a hex digest)
)
_GROUP = re.compile(rf"({_SEP}?)(\d+)")
_GROUP_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}(?: ?[-–] ?| )\Z")
"""A short group of digits just before: the number goes on to the left (``14 023``)."""


def _separators_fit(seps: Sequence[str]) -> bool:
    """Whether the separators are written as in a phone number: a hyphen only after the
    area code or between every group (+31-6-12345678; 06-03-2014 06 is none), dots between
    every group or none, a slash only after the area code."""
    hyphens = [bool(re.search("[-–]", sep)) for sep in seps]
    if any(hyphens[1:]) and not all(hyphens):
        return False
    dots = ["." in sep for sep in seps]
    if any(dots) and not all(dots):
        return False
    return not any("/" in sep for sep in seps[1:])


def _phone_shape(m: re.Match[str], groups: Sequence[tuple[str, str]]) -> bool:
    """Whether ``first`` and ``groups`` (separator, digits) are written as a Dutch phone
    number is: ten digits (nine after +31), an area code of 2-4 digits (with its 0) and
    groups of 2-8 digits after it, separated as :func:`_separators_fit` says."""
    first = m.group("first")
    if not _separators_fit([sep for sep, _ in groups]):
        return False
    if any(not 2 <= len(digits) <= 8 for _, digits in groups):
        return False
    if groups and not groups[0][0] and not m.group("paren"):
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
        found = list(_GROUP.finditer(m.group("tail")))
        groups = [(g.group(1), g.group(2)) for g in found]
        for n in range(len(groups), -1, -1):  # the longest that is a phone number
            if n < len(groups) and groups[n][0] in (".", "/"):
                break  # the number goes on after a dot: part of something else
            if _phone_shape(m, groups[:n]):
                end = m.start("tail") + (found[n - 1].end() if n else 0)
                yield Finding(kind=PHONE, text=text[m.start() : end], start=m.start(), end=end)
                break


# -- addresses ---------------------------------------------------------------------------

_NOT_LETTERS = (
    r"s[ads]|de|en|in|is|op|te|om|al|na|er|ik|je|we|ze|zo|nu|ja|of|af|uw|nr|tm|ca|an|at|to"
    r"|or|on|it|km|cm|mm|ml|cl|dl|mg|kg|ha|kw|mw|gb|mb|kb|pp|ex|bv|eu|pc|uu"
)
"""Two letters after four digits that make no postcode in lower case (``2014 de 12``,
``2500mg``); ``SA``, ``SD`` and ``SS`` are no postcode's letters at all."""
_POSTCODE = (
    r"[1-9]\d{3}"
    r"(?:(?: ?|-)(?!S[ADS])[A-Z]{2}"  # 2011 SV, 2011SV, 2011-SV
    rf"| ?(?!(?i:{_NOT_LETTERS})(?![A-Za-z]))[a-z]{{2}}"  # 2011sv, 2011 sv
    rf"|(?!(?i:{_NOT_LETTERS})(?![A-Za-z]))(?:[A-Z][a-z]|[a-z][A-Z]))"  # 2011Sv
    r"(?![\w-])"
)
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
    "bewoner", "bewoners", "zie", "woonachtig", "wonende", "woonadres", "postadres",
    "huisadres", "bezoekadres", "correspondentieadres",
})  # fmt: skip
"""Capitalised words before a street's name that are no part of it (``Mevrouw Zijlweg``,
``Zie Zijlweg``)."""


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
