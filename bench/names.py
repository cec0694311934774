"""Recall and precision of the name and address detector (besluitpak.review.detect) per
kind, on the planted corpus tests/corpus/names/ (issue 29, item 4).

    .venv/bin/python bench/names.py                 # both sets
    .venv/bin/python bench/names.py --set heldout   # the set never looked at while tuning
    .venv/bin/python bench/names.py --misses        # each miss and false find (tune set only)

A found span counts when it overlaps an expected span of the same kind (a reviewer adjusts
its edges); ``whole`` says how many expected spans were covered completely. The names public
by function are the reference vergadering's (vergadering/vergadering.yaml) and the reference
case's gemeente, portefeuillehouder and afdeling, as besluitpak suggest has them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from besluitpak.review import detect, public  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "names"
SETS = ("tune", "heldout")


def reference_public() -> public.Public:
    """The public names of the reference case, as :func:`besluitpak.suggest` has them."""
    case = ROOT / "besluitpak.yaml"
    return public.of(
        gemeente="Haarlem",
        portefeuillehouder="Wethouder Wijkzaken en Gebiedsgericht werken",
        afdeling="Gebiedsgericht werken",
        vergadering_names=public.vergadering_names(case, public.vergadering_files(case)),
    )


def measure(name: str, known: public.Public) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Per kind: expected, found (true), whole, predicted, predicted right; and the misses."""
    counts: dict[str, dict[str, int]] = {}
    lines = []
    for raw in (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        text, expected = row["text"], row["spans"]
        found = [
            s
            for s in detect.find(text)
            if s.kind in (detect.PERSON, detect.ADDRESS) and not known.hides(text, s.start, s.end)
        ]
        for e in expected:
            c = counts.setdefault(e["kind"], dict.fromkeys(("exp", "tp", "whole", "pred", "ok"), 0))
            c["exp"] += 1
            hits = [
                s
                for s in found
                if s.kind == e["kind"] and s.start < e["end"] and e["start"] < s.end
            ]
            c["tp"] += bool(hits)
            c["whole"] += any(s.start <= e["start"] and e["end"] <= s.end for s in hits)
            if not hits:
                lines.append(f"MISS {e['kind']}: {text[e['start'] : e['end']]!r} in {text!r}")
        for s in found:
            c = counts.setdefault(s.kind, dict.fromkeys(("exp", "tp", "whole", "pred", "ok"), 0))
            c["pred"] += 1
            right = any(
                e["kind"] == s.kind and s.start < e["end"] and e["start"] < s.end for e in expected
            )
            c["ok"] += right
            if not right:
                lines.append(f"FALSE {s.kind}: {s.words!r} in {text!r}")
    return counts, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, action="append")
    parser.add_argument("--misses", action="store_true", help="print the tune set's misses")
    args = parser.parse_args()
    known = reference_public()
    for name in args.set or SETS:
        counts, lines = measure(name, known)
        sentences = len((CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())
        print(f"{name} ({sentences} sentences)")
        for kind, c in sorted(counts.items()):
            recall = c["tp"] / c["exp"] if c["exp"] else float("nan")
            precision = c["ok"] / c["pred"] if c["pred"] else float("nan")
            print(
                f"  {kind:8} recall {recall:.3f} ({c['tp']}/{c['exp']}, whole {c['whole']})"
                f"  precision {precision:.3f} ({c['ok']}/{c['pred']})"
            )
        if args.misses and name == "tune":
            print("\n".join(f"    {line}" for line in lines))


if __name__ == "__main__":
    main()
