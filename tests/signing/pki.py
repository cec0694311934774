"""A test PKI the signing tests make and serve themselves: keys from ``cryptography``, the
certificates, CRLs, OCSP responses and RFC 3161 timestamps from certomancer (pyHanko's own
test tool), served over real HTTP by certomancer's aiohttp Animator on a local port.

Root → intermediate → signers (burgemeester, secretaris, organisatie, and one whose
certificate expires within the year); root → TSA; an OCSP responder for the intermediate,
CRLs for both CAs. Nothing here is a mock: pyHanko fetches the timestamp, OCSP responses
and CRLs from the server over HTTP as it would from a real trust service provider.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web
from certomancer.integrations.aiohttp_animator import build_animator_app
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

ARCH = "gemeente"
PASSPHRASE = "test-wachtwoord"
SIGNERS = {
    "burgemeester": "A. van Proefdorp",
    "secretaris": "B. de Vries",
    "organisatie": "Gemeente Proefdorp",
    "verlopen": "C. Verlopen",
}
"""The signers' certificates' common names; ``verlopen`` expires after 30 days."""


def _key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(start: dt.datetime, days: int) -> dict[str, str]:
    return {"valid-from": _stamp(start), "valid-to": _stamp(start + dt.timedelta(days=days))}


def _usage(*bits: str) -> dict[str, Any]:
    return {
        "id": "key_usage",
        "critical": True,
        "smart-value": {"schema": "key-usage", "params": list(bits)},
    }


def _crl(repo: str) -> dict[str, Any]:
    return {
        "id": "crl_distribution_points",
        "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [repo]}},
    }


def _config(keys: Path, url: str) -> dict[str, Any]:
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1)
    ca = [{"id": "basic_constraints", "critical": True, "value": {"ca": True}}]
    signer = [
        _usage("digital_signature", "non_repudiation"),
        _crl("interm"),
        {
            "id": "authority_information_access",
            "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": ["interm"]}},
        },
    ]
    certs: dict[str, Any] = {
        "root": {
            "subject": "root",
            "issuer": "root",
            "validity": _validity(start, 3650),
            "extensions": [*ca, _usage("digital_signature", "key_cert_sign", "crl_sign")],
        },
        "interm": {
            "issuer": "root",
            "validity": _validity(start, 3650),
            "extensions": [
                *ca,
                _usage("digital_signature", "key_cert_sign", "crl_sign"),
                _crl("root"),
            ],
        },
        "interm-ocsp": {
            "issuer": "interm",
            "validity": _validity(start, 3650),
            "extensions": [
                _usage("digital_signature"),
                {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                {"id": "ocsp_no_check"},
            ],
        },
        "tsa": {
            "issuer": "root",
            "validity": _validity(start, 3650),
            "extensions": [
                _usage("digital_signature"),
                {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                _crl("root"),
            ],
        },
    }
    for name in SIGNERS:
        days = 30 if name == "verlopen" else 730
        certs[name] = {"issuer": "interm", "validity": _validity(start, days), "extensions": signer}
    entities = {name: {"common-name": cn} for name, cn in SIGNERS.items()}
    entities |= {
        "root": {"common-name": "Proef Root CA"},
        "interm": {"common-name": "Proef Intermediate CA"},
        "interm-ocsp": {"common-name": "Proef OCSP responder"},
        "tsa": {"common-name": "Proef Time Stamping Authority"},
    }
    names = ["root", "interm", "interm-ocsp", "tsa", *SIGNERS]
    return {
        "external-url-prefix": url,
        "keysets": {
            ARCH: {"path-prefix": str(keys), "keys": {n: {"path": f"{n}.pem"} for n in names}}
        },
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {"country-name": "NL", "organization-name": "Proefdorp"},
                "entities": entities,
                "certs": certs,
                "services": {
                    "ocsp": {
                        "interm": {
                            "for-issuer": "interm",
                            "responder-cert": "interm-ocsp",
                            "signing-key": "interm-ocsp",
                        }
                    },
                    "crl-repo": {
                        "root": {
                            "for-issuer": "root",
                            "signing-key": "root",
                            "simulated-update-schedule": "P90D",
                        },
                        "interm": {
                            "for-issuer": "interm",
                            "signing-key": "interm",
                            "simulated-update-schedule": "P30D",
                        },
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


@dataclass(frozen=True, kw_only=True)
class Pki:
    """The running test PKI: where its files are and where its services answer."""

    folder: Path
    url: str
    tsa_url: str
    root: Path
    """The trust anchor, PEM."""

    def pkcs12(self, name: str) -> Path:
        return self.folder / f"{name}.p12"

    def key(self, name: str) -> Path:
        return self.folder / "keys" / f"{name}.pem"

    def chain(self, name: str) -> Path:
        """The signer's certificate and its intermediate, PEM."""
        return self.folder / f"{name}.chain.pem"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _write_files(folder: Path, config: CertomancerConfig) -> None:
    arch = config.get_pki_arch(ArchLabel(ARCH))
    root = arch.get_cert(CertLabel("root")).dump()
    (folder / "root.pem").write_bytes(_pem(root))
    interm = arch.get_cert(CertLabel("interm")).dump()
    for name in SIGNERS:
        cert = arch.get_cert(CertLabel(name)).dump()
        (folder / f"{name}.chain.pem").write_bytes(_pem(cert) + _pem(interm))
        key = serialization.load_pem_private_key(
            (folder / "keys" / f"{name}.pem").read_bytes(), None
        )
        bundle = pkcs12.serialize_key_and_certificates(
            name.encode(),
            key,  # type: ignore[arg-type]
            x509.load_der_x509_certificate(cert),
            [x509.load_der_x509_certificate(interm)],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
        (folder / f"{name}.p12").write_bytes(bundle)


def _pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


@contextmanager
def running(folder: Path) -> Iterator[Pki]:
    """Make the PKI in ``folder`` and serve it on a local port until the block ends."""
    keys = folder / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    for name in ["root", "interm", "interm-ocsp", "tsa", *SIGNERS]:
        _key(keys / f"{name}.pem")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    raw = _config(keys, url)
    (folder / "certomancer.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    config = CertomancerConfig(raw, key_search_dir=str(folder))
    _write_files(folder, config)
    app = build_animator_app(config.pki_archs, with_web_ui=False)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    ready = threading.Event()

    def serve() -> None:  # in its own thread: a browser test's thread runs Playwright's loop
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    if not ready.wait(timeout=60):
        raise AssertionError("the test PKI's server did not start")
    try:
        yield Pki(folder=folder, url=url, tsa_url=f"{url}/{ARCH}/tsa/tsa", root=folder / "root.pem")
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
