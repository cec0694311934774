"""The personal-data guard, measured: what it misses and what it reports that is no personal data.

1. The planted test set (tests/personal/planted.txt, one item per sentence) and the clean set
   (tests/personal/clean.txt, policy sentences full of numbers) through the detectors; the
   steller's set (tests/personal/steller.txt: the name, phone and e-mail written in every
   way met) and its clean set (steller_clean.txt: other people sharing a part of the name)
   through the steller's matchers.
2. End to end, with a second set written apart from the first (below): each item planted in a
   bijlage of the minimal case, built with the real LibreOffice, found (or not) in the public
   edition's text as poppler extracts it — line breaks, hyphenation and all.
3. The reference case: every finding in its public and intern editions other than the
   steller's own data is a false positive (the goal: none).

Run: .venv/bin/python bench/guard.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import besluitpak  # noqa: E402
from besluitpak.publication import guard, measure, personal  # noqa: E402

SECOND_SET = [
    "Voor vragen kunt u bellen met mevrouw Van Dijk op 06 - 87 65 43 21 tijdens kantooruren.",
    "De aanvrager is bereikbaar op +31 (0)70 345 6789 of via het secretariaat.",
    "Zijn mobiele nummer, 0031 6 2345 6789, staat op het aanvraagformulier.",
    "Het gesprek werd gevoerd met de bewoner van Rijksstraatweg 221 2022 DH Haarlem.",
    "De klacht kwam van Kruisweg 7b, 2011 LB Haarlem, en is doorgestuurd.",
    "Het formulier vermeldt postcode 2035 RC 14 als woonadres.",
    "De subsidie wordt overgemaakt op rekening NL39 RABO 0300 0652 64 ten name van de stichting.",
    "De Belgische partner gebruikt BE71 0961 2345 6769 voor de betalingen.",
    "Het burgerservicenummer 111222333 stond per abuis in de bijlage.",
    "In het dossier staat BSN 1234.56.782 van de aanvrager.",
    "Reacties kunnen naar j.de.groot@bewonersraad-noord.nl worden gestuurd.",
    "De melder schreef vanaf marieke_82@hotmail.example op 4 februari.",
    "De wijkagent is te bereiken op 0900-8844, de buurtbewoner op 023-5432109.",
    "Telefonisch contact: (072) 512 34 56, daarna schriftelijke bevestiging.",
    "De huurder van Oranjeboomstraat 146, 2013 GN Haarlem, meldde de overlast.",
]
"""A second planted set, written apart from the detectors' own: one item each (the 0900
number in the 13th is not personal and must stay unfound; its 023 number must be found)."""
WANTED = [
    "06 - 87 65 43 21",
    "+31 (0)70 345 6789",
    "0031 6 2345 6789",
    "Rijksstraatweg 221 2022 DH",
    "Kruisweg 7b, 2011 LB",
    "2035 RC 14",
    "NL39 RABO 0300 0652 64",
    "BE71 0961 2345 6769",
    "111222333",
    "1234.56.782",
    "j.de.groot@bewonersraad-noord.nl",
    "marieke_82@hotmail.example",
    "023-5432109",
    "(072) 512 34 56",
    "Oranjeboomstraat 146, 2013 GN",
]


def detectors() -> None:
    tests = ROOT / "tests" / "personal"
    planted = measure.read_planted((tests / "planted.txt").read_text(encoding="utf-8"))
    clean = [
        line
        for line in (tests / "clean.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    missed, false_positives = measure.measure(planted, clean)
    print(f"planted set:  {len(missed)} missed of {len(planted)} planted items")
    print(f"clean set:    {len(false_positives)} false positives in {len(clean)} sentences")
    for item in missed:
        print(f"  missed: {item.kind}: {item.sentence}")
    for sentence, finding in false_positives:
        print(f"  false positive: {finding.kind} {finding.text!r} in {sentence!r}")


def steller() -> None:
    tests = ROOT / "tests" / "personal"
    planted = measure.read_steller((tests / "steller.txt").read_text(encoding="utf-8"))
    text = (tests / "steller_clean.txt").read_text(encoding="utf-8")
    clean = measure.read_steller(text, marked=False)
    missed, wrong = measure.measure_steller(planted, clean)
    counts = ", ".join(
        f"{sum(item.kind == field for item in planted)} {field.removeprefix('steller.')}"
        for field in measure.STELLER_FIELDS
    )
    print(f"steller set:  {len(missed)} missed of {len(planted)} items ({counts})")
    print(f"steller clean set: {len(wrong)} false positives in {len(clean)} sentences")
    for item in missed:
        print(f"  missed: {item.kind} {item.value!r}: {item.sentence}")
    for item in wrong:
        print(f"  false positive: {item.kind} {item.value!r}: {item.sentence}")


def end_to_end(work: Path) -> None:
    case = work / "case"
    shutil.copytree(ROOT / "tests" / "cases" / "minimal", case)
    notitie = case / "bijlagen" / "notitie.yaml"
    lines = "".join(f"  - {sentence!r}\n".replace("'", '"') for sentence in SECOND_SET)
    text = notitie.read_text(encoding="utf-8")
    notitie.write_text(text.replace("alineas:\n", "alineas:\n" + lines, 1), encoding="utf-8")
    settings = besluitpak.BuildSettings(editions=("openbaar",))
    built = besluitpak.build(besluitpak.load_case(case), out=work / "out", settings=settings)
    found = [f.text for page in guard.page_texts(built.files[0]) for f in personal.find(page)]
    missed = [item for item in WANTED if item not in found]
    extra = [text for text in found if text not in WANTED]
    warned = sum("personal data" in w for w in built.warnings)
    print(
        f"second set, end to end: {len(missed)} missed of {len(WANTED)} items planted in a "
        f"bijlage, {len(extra)} false positives, in the public edition's text as poppler "
        f"extracts it ({warned} build warnings)"
    )
    for item in missed:
        print(f"  missed: {item}")
    for text in extra:
        print(f"  false positive: {text}")


def reference(work: Path) -> None:
    case = besluitpak.load_case(ROOT / "besluitpak.yaml")
    built = besluitpak.build(case, out=work / "reference")
    found = [w for w in built.warnings if "personal data" in w]
    print(f"reference case, public edition: {len(found)} false positives")
    for line in found:
        print(f"  {line}")
    intern = next(f for f in built.files if f.name.endswith("-intern.pdf"))
    steller = case.meta.steller
    own = {steller.telefoon, steller.email}
    texts = guard.page_texts(intern)
    other = [
        (number, finding)
        for number, page in enumerate(texts, start=1)
        for finding in personal.find(page)
        if finding.text not in own
    ]
    print(
        f"reference case, intern edition ({len(texts)} pages): {len(other)} false positives "
        f"besides the steller's own phone and e-mail"
    )
    for number, finding in other:
        print(f"  page {number}: {finding.kind} {finding.text!r}")


def main() -> None:
    detectors()
    steller()
    with tempfile.TemporaryDirectory(prefix="besluitpak-guard-") as work:
        end_to_end(Path(work))
        reference(Path(work))


if __name__ == "__main__":
    main()
