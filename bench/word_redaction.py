"""What redacting words costs a public copy (issue 29 item 3).

A ready-made PDF of ``--pages`` pages, ``--lines`` lines each in an embedded font, a name on
every line; one ``lakken`` entry with ``woorden`` per page. Measured: the public copy without
boxes, finding the words (:func:`besluitpak.pdf.redact_plan.boxes`), the public copy with
every box (:func:`besluitpak.pdf.public_copy.public_copy`), and the sizes.

    .venv/bin/python bench/word_redaction.py [--pages 100] [--lines 45]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from besluitpak.casefile.schema import Lak
from besluitpak.pdf import fonts, redact_plan
from besluitpak.pdf.public_copy import public_copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    regular, _ = fonts.register()
    with tempfile.TemporaryDirectory() as tmp:
        source, plain, redacted = (Path(tmp) / n for n in ("in.pdf", "plain.pdf", "lak.pdf"))
        canvas = Canvas(str(source), invariant=True)
        for page in range(args.pages):
            canvas.setFont(regular, 11)
            for line in range(args.lines):
                canvas.drawString(
                    72, 780 - line * 15, f"Regel {line} van pagina {page}: mevrouw Jansen schreef."
                )
            canvas.showPage()
        canvas.save()
        lakken = [Lak(pagina=n, woorden="Jansen", grond="5.1.2e") for n in range(1, args.pages + 1)]
        started = time.perf_counter()
        public_copy(source, plain, grounds={}, titel="x")
        copied = time.perf_counter() - started
        started = time.perf_counter()
        plan = redact_plan.boxes(source, lakken)
        found = time.perf_counter() - started
        started = time.perf_counter()
        public_copy(source, redacted, grounds={}, titel="x", boxes=plan.boxes, hidden=plan.hidden)
        with_boxes = time.perf_counter() - started
        count = sum(len(b) for b in plan.boxes.values())
        print(f"{args.pages} pages, {count} boxes")
        print(f"public copy without boxes  {copied:6.2f} s  {plain.stat().st_size:>9} bytes")
        print(f"finding the words          {found:6.2f} s")
        print(f"public copy with the boxes {with_boxes:6.2f} s  {redacted.stat().st_size:>9} bytes")


if __name__ == "__main__":
    main()
