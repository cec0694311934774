"""The test PKI, served for the whole signing package, and a signing station's environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.signing.pki import PASSPHRASE, Pki, running


@pytest.fixture(scope="package")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pki]:
    with running(tmp_path_factory.mktemp("pki")) as served:
        yield served


def env_for(pki: Pki, **roles: str) -> dict[str, str]:
    """The environment of a signing station: per role its PKCS#12 file (``roles`` maps the
    role to the test PKI's certificate name)."""
    env = {"BESLUITPAK_TSA_URL": pki.tsa_url, "BESLUITPAK_TRUST_ANCHORS": str(pki.root)}
    for role, name in roles.items():
        env[f"BESLUITPAK_SIGN_{role.upper()}_PKCS12"] = str(pki.pkcs12(name))
        env[f"BESLUITPAK_SIGN_{role.upper()}_PASSPHRASE"] = PASSPHRASE
    return env
