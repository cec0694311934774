"""The test identity provider as a process of its own on a free loopback port, with two
people of the organisation: one in the secretariat's group, one in no group besluitpak
knows."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT

CLIENT_ID = "besluitpak"
CLIENT_SECRET = "geheim-van-besluitpak-bij-de-proef-idp"
PASSWORD = "wachtwoord-van-de-organisatie"
REDIRECT = "http://127.0.0.1/inloggen/organisatie/terug/"
SECRETARIAAT_GROUP = "GG-Besluit-Secretariaat"
PEOPLE = {
    "j.jansen": ("Jan", "Jansen", "j.jansen@proefstad.nl", [SECRETARIAAT_GROUP, "GG-Iedereen"]),
    "p.pietersen": ("Piet", "Pietersen", "p.pietersen@proefstad.nl", ["GG-Iedereen"]),
}
"""User name -> (first name, last name, e-mail, the directory's groups)."""


@dataclass(frozen=True, kw_only=True)
class Provider:
    url: str
    issuer: str
    log: Path

    def env(self, **roles: str) -> dict[str, str]:
        """besluitpak's environment for this provider; ``roles``: claim value -> role."""
        mapping = ",".join(f"{value}={role}" for value, role in roles.items())
        return {
            "BESLUITPAK_OIDC_ISSUER": self.issuer,
            "BESLUITPAK_OIDC_CLIENT_ID": CLIENT_ID,
            "BESLUITPAK_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "BESLUITPAK_OIDC_ROLE_CLAIM": "groups",
            "BESLUITPAK_OIDC_ROLES": mapping or f"{SECRETARIAAT_GROUP}=secretariaat",
        }


@contextlib.contextmanager
def provider(data: Path) -> Iterator[Provider]:
    """The provider, its data in the new folder ``data``; stopped afterwards."""
    from tests.web.live import free_port

    data.mkdir(parents=True)
    port = free_port()
    log = data / "idp.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.web.oidc_provider.serve", str(data), str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(process, f"{url}/o/.well-known/openid-configuration", log)
        yield Provider(url=url, issuer=f"{url}/o", log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the identity provider stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the identity provider did not answer:\n{log.read_text()}")
