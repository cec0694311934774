"""Build the reference case (Haarlem, 2014) into out/ and print where the bundle is.

.venv/bin/python build.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from besluitpak.cli import main

ROOT = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.exit(
        main(["build", str(ROOT / "besluitpak.yaml"), "--out", str(ROOT / "out"), *sys.argv[1:]])
    )
