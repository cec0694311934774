"""Where the keys are: a PKCS#11 token or HSM, or a PKCS#12 file for small setups, named by
environment variables per role, never stored in the workspace.

For ``--als burgemeester`` (likewise ``secretaris``, ``organisatie``)::

    BESLUITPAK_SIGN_BURGEMEESTER_PKCS12       path of the .p12/.pfx file
    BESLUITPAK_SIGN_BURGEMEESTER_PASSPHRASE   its passphrase
  or
    BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_MODULE  the token's PKCS#11 library (.so)
    BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_TOKEN   the token's label
    BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_KEY     the private key's label
    BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_PIN     the user PIN
    BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_CERT    PEM file: the signer's certificate, then its
                                                chain (optional when the token holds it
                                                under the key's label)

and for every role ``BESLUITPAK_TSA_URL`` (the RFC 3161 timestamp server) and
``BESLUITPAK_TRUST_ANCHORS`` (PEM files of the trusted roots, separated by ``os.pathsep``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem, x509  # type: ignore[import-untyped]
from pyhanko.sign import signers
from pyhanko.sign.timestamps import HTTPTimeStamper

from besluitpak.errors import SigningError

ROLES = ("burgemeester", "secretaris", "organisatie")
FUNCTIE = {
    "burgemeester": "burgemeester",
    "secretaris": "gemeentesecretaris",
    "organisatie": "organisatiezegel",
}
"""What the visible field says under the signer's name."""
TSA = "BESLUITPAK_TSA_URL"
ANCHORS = "BESLUITPAK_TRUST_ANCHORS"


def _prefix(role: str) -> str:
    if role not in ROLES:
        raise SigningError(f"--als: expected one of {', '.join(ROLES)}, got {role!r}")
    return f"BESLUITPAK_SIGN_{role.upper()}_"


def _need(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise SigningError(f"{name}: expected a value in the environment, got none")
    return value


def _existing(environ: Mapping[str, str], name: str) -> Path:
    path = Path(_need(environ, name))
    if not path.is_file():
        raise SigningError(f"{name}: expected a file, got {path} (not found)")
    return path


def certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM (or DER) file, in order."""
    data = path.read_bytes()
    if not pem.detect(data):
        return [x509.Certificate.load(data)]
    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def trust_anchors(environ: Mapping[str, str] = os.environ) -> list[x509.Certificate]:
    """The configured trusted roots (``BESLUITPAK_TRUST_ANCHORS``)."""
    value = _need(environ, ANCHORS)
    found: list[x509.Certificate] = []
    for part in value.split(os.pathsep):
        path = Path(part)
        if not path.is_file():
            raise SigningError(f"{ANCHORS}: expected PEM files, got {path} (not found)")
        found += certificates(path)
    return found


def timestamper(environ: Mapping[str, str] = os.environ) -> HTTPTimeStamper:
    """The timestamp server PAdES B-T asks (``BESLUITPAK_TSA_URL``)."""
    url = environ.get(TSA, "").strip()
    if not url.startswith(("http://", "https://")):
        raise SigningError(
            f"{TSA}: expected the http(s) address of an RFC 3161 timestamp server, got "
            f"{url or 'none'} (a PAdES B-T signature carries a timestamp)"
        )
    return HTTPTimeStamper(url)


@dataclass(frozen=True, kw_only=True)
class KeySource:
    """Which kind of key a role signs with, for the report (never the secret itself)."""

    kind: str
    """``pkcs12`` or ``pkcs11``."""
    where: str
    """The file, or the token and key label."""


def configured(role: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``role`` has a key named in ``environ`` (a PKCS#12 file or a PKCS#11 module);
    whether it opens is for :func:`opened` to find out."""
    prefix = _prefix(role)
    return any(environ.get(prefix + name, "").strip() for name in ("PKCS12", "PKCS11_MODULE"))


def key_source(role: str, environ: Mapping[str, str] = os.environ) -> KeySource:
    prefix = _prefix(role)
    if environ.get(prefix + "PKCS11_MODULE"):
        token, key = _need(environ, prefix + "PKCS11_TOKEN"), _need(environ, prefix + "PKCS11_KEY")
        return KeySource(kind="pkcs11", where=f"token {token}, key {key}")
    if environ.get(prefix + "PKCS12"):
        return KeySource(kind="pkcs12", where=str(_existing(environ, prefix + "PKCS12")))
    raise SigningError(
        f"no key for the {role}: set {prefix}PKCS12 (and {prefix}PASSPHRASE) or "
        f"{prefix}PKCS11_MODULE, _TOKEN, _KEY and _PIN"
    )


@contextmanager
def opened(role: str, environ: Mapping[str, str] = os.environ) -> Iterator[signers.Signer]:
    """The signer of ``role`` for the duration of the block (a token's session closed after)."""
    prefix = _prefix(role)
    if key_source(role, environ).kind == "pkcs12":
        path = _existing(environ, prefix + "PKCS12")
        passphrase = environ.get(prefix + "PASSPHRASE", "").encode()
        try:
            signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
                str(path), passphrase=passphrase or None
            )
        except (ValueError, OSError) as error:
            raise SigningError(f"{prefix}PKCS12: cannot open {path}: {error}") from None
        if signer is None:
            raise SigningError(f"{prefix}PKCS12: cannot open {path} with {prefix}PASSPHRASE")
        yield signer
        return
    with _token(prefix, environ) as signer:
        yield signer


@contextmanager
def _token(prefix: str, environ: Mapping[str, str]) -> Iterator[signers.Signer]:
    from pkcs11 import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11
    from pyhanko.sign.general import SigningError as NoToken

    module = _existing(environ, prefix + "PKCS11_MODULE")
    label, key = _need(environ, prefix + "PKCS11_TOKEN"), _need(environ, prefix + "PKCS11_KEY")
    pin = _need(environ, prefix + "PKCS11_PIN")
    chain: list[x509.Certificate] = []
    if environ.get(prefix + "PKCS11_CERT"):
        chain = certificates(_existing(environ, prefix + "PKCS11_CERT"))
    try:
        session = pkcs11.open_pkcs11_session(
            str(module), token_criteria=TokenCriteria(label=label), user_pin=pin
        )
    except (PKCS11Error, NoToken) as error:
        raise SigningError(f"{prefix}PKCS11_TOKEN: cannot open token {label!r}: {error}") from None
    try:
        yield pkcs11.PKCS11Signer(
            session,
            key_label=key,
            cert_label=None if chain else key,
            signing_cert=chain[0] if chain else None,
            ca_chain=chain[1:],
        )
    finally:
        session.close()
