"""A SoftHSM2 token made for one test module (Debian's ``softhsm2``): its own config and
token folder under a temp dir (``SOFTHSM2_CONF``), a signer's key imported under a label."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN, KEY, PIN, SO_PIN = "besluitpak-test", "zegel", "1234", "123456"


def make_token(folder: Path, key: Path) -> dict[str, str]:
    """A token in ``folder`` holding the private key ``key`` (PKCS#8 PEM) as ``KEY``; the
    environment that points SoftHSM2 at it."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}

    def util(*args: str) -> None:
        subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True)

    util("--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN)
    util("--import", str(key), "--token", TOKEN, "--label", KEY, "--id", "01", "--pin", PIN)
    return {"SOFTHSM2_CONF": str(conf)}
