"""Every setting the web page reads from the environment, each with what it means.

One helper reads them all (as GPP-publicatiebank's ``conf/utils.py`` does), so the list
below is the complete documentation of how to configure a deployment.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from besluitpak.editing.workspace import private_folder
from besluitpak.errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class Variable:
    """One environment variable the web page reads."""

    name: str
    help: str
    default: str = ""


VARIABLES: tuple[Variable, ...] = (
    Variable(
        name="BESLUITPAK_WORKSPACE",
        help="The workspace: a folder of case folders (set by `besluitpak serve --workspace`).",
        default=".",
    ),
    Variable(
        name="DATABASE_URL",
        help="Where users, roles, jobs and the audit log live, e.g. "
        "postgres://user:pass@host/db; default: SQLite in the workspace's .besluitpak/.",
    ),
    Variable(
        name="BESLUITPAK_SECRET_KEY",
        help="Django's secret key; default: one generated at first start and kept in "
        ".besluitpak/secret_key (mode 600) inside the workspace.",
    ),
    Variable(
        name="BESLUITPAK_DEBUG",
        help="1 for development only: tracebacks in the browser, cookies without Secure.",
        default="0",
    ),
    Variable(
        name="BESLUITPAK_ALLOWED_HOSTS",
        help="Comma-separated host names the page answers to.",
        default="127.0.0.1,localhost",
    ),
    Variable(
        name="BESLUITPAK_SECURE_COOKIES",
        help="0 to send session and CSRF cookies over plain HTTP outside debug (only behind "
        "a trusted local proxy or on 127.0.0.1); default 1 outside debug.",
        default="",
    ),
    Variable(
        name="BESLUITPAK_QUEUE",
        help="Where build jobs wait: empty for the database (the default, one machine), or "
        "redis://HOST:PORT/DB for RQ on Redis, so that `besluitpak worker` on several "
        "machines (each seeing the workspace and the cache as a shared folder) takes them.",
    ),
    Variable(
        name="BESLUITPAK_CONVERTER",
        help="Who converts the Word documents when a build's settings name no converter (the "
        "web page's jobs; `besluitpak worker --converter` sets it for its own): empty for the "
        "local LibreOffice workers, or unoserver://HOST:PORT[,HOST:PORT…] for a pool of "
        "unoserver instances.",
    ),
    Variable(
        name="BESLUITPAK_WARM",
        help="How many LibreOffice instances (unoservers on the local LibreOffice) a worker "
        "keeps running for its jobs' conversions, when they convert locally; 0 to start one "
        "for each job.",
        default="1",
    ),
    Variable(
        name="BESLUITPAK_UNOSERVER",
        help="The unoserver program `besluitpak watch` and the worker keep running on the "
        "local LibreOffice: empty for the one setup.sh installs in .venv/unoserver, else "
        "unoserver on the PATH.",
    ),
    Variable(
        name="BESLUITPAK_MAX_UPLOAD_MB",
        help="The largest ready-made file a person may upload, in MB.",
        default="25",
    ),
    Variable(
        name="BESLUITPAK_LOGIN_FAILURES",
        help="Wrong passwords in a row for one user name from one address before signing in "
        "is locked (the lock-out is written in the logboek).",
        default="5",
    ),
    Variable(
        name="BESLUITPAK_LOGIN_LOCKOUT_MINUTES",
        help="How long signing in stays locked after too many wrong passwords, in minutes.",
        default="15",
    ),
    # Optional: signing in with the organisation's accounts over OpenID Connect (oidcconf.py).
    Variable(
        name="BESLUITPAK_OIDC_CLIENT_ID",
        help="The client id the identity provider gave this page; empty (the default) turns "
        "signing in through the identity provider off.",
    ),
    Variable(
        name="BESLUITPAK_OIDC_CLIENT_SECRET",
        help="The client secret that goes with BESLUITPAK_OIDC_CLIENT_ID.",
    ),
    Variable(
        name="BESLUITPAK_OIDC_ISSUER",
        help="The provider's issuer URL: its endpoints are read once at start from "
        "ISSUER/.well-known/openid-configuration (or give the four endpoints below).",
    ),
    Variable(
        name="BESLUITPAK_OIDC_AUTHORIZATION_ENDPOINT",
        help="The provider's authorization endpoint (instead of BESLUITPAK_OIDC_ISSUER).",
    ),
    Variable(
        name="BESLUITPAK_OIDC_TOKEN_ENDPOINT",
        help="The provider's token endpoint (instead of BESLUITPAK_OIDC_ISSUER).",
    ),
    Variable(
        name="BESLUITPAK_OIDC_USERINFO_ENDPOINT",
        help="The provider's userinfo endpoint (instead of BESLUITPAK_OIDC_ISSUER).",
    ),
    Variable(
        name="BESLUITPAK_OIDC_JWKS_ENDPOINT",
        help="The provider's JWKS endpoint, the keys its RS256 ID tokens are checked with "
        "(instead of BESLUITPAK_OIDC_ISSUER).",
    ),
    Variable(
        name="BESLUITPAK_OIDC_ROLE_CLAIM",
        help="The claim (of the userinfo answer) that holds the person's role: a string or "
        "a list such as groups.",
        default="besluitpak_rol",
    ),
    Variable(
        name="BESLUITPAK_OIDC_ROLES",
        help="Which claim value gives which role, as VALUE=ROLE pairs separated by commas "
        "(e.g. GG-Besluit-Secretariaat=secretariaat); default: the role names themselves. "
        "A person whose claim maps to no role, or to more than one, is refused.",
    ),
)
# Signing (besluitpak/signing/keys.py reads them; the worker signs): a key per role, from a
# PKCS#12 file or a PKCS#11 token, never stored in the workspace.
_SIGNING_KEYS = (
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS12",
    "BESLUITPAK_SIGN_BURGEMEESTER_PASSPHRASE",
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_MODULE",
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_TOKEN",
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_KEY",
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_PIN",
    "BESLUITPAK_SIGN_BURGEMEESTER_PKCS11_CERT",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS12",
    "BESLUITPAK_SIGN_SECRETARIS_PASSPHRASE",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS11_MODULE",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS11_TOKEN",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS11_KEY",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS11_PIN",
    "BESLUITPAK_SIGN_SECRETARIS_PKCS11_CERT",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS12",
    "BESLUITPAK_SIGN_ORGANISATIE_PASSPHRASE",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_MODULE",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_TOKEN",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_KEY",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_PIN",
    "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_CERT",
)
_KEY_PART = {
    "PKCS12": "the PKCS#12 (.p12/.pfx) file with the key and certificate chain of",
    "PASSPHRASE": "the passphrase of the PKCS#12 file of",
    "PKCS11_MODULE": "the PKCS#11 library (.so) of the token or HSM that holds the key of",
    "PKCS11_TOKEN": "the label of the token that holds the key of",
    "PKCS11_KEY": "the label of the private key on the token of",
    "PKCS11_PIN": "the user PIN of the token of",
    "PKCS11_CERT": "a PEM file with the certificate and its chain (optional when the token "
    "holds it under the key's label) of",
}
_WHO = {
    "BURGEMEESTER": "the burgemeester (a visible field on the besluitenlijst)",
    "SECRETARIS": "the gemeentesecretaris (a visible field on the besluitenlijst)",
    "ORGANISATIE": "the organisation's seal (when set, every archived bundle is sealed)",
}


def _key_variable(name: str) -> Variable:
    role, part = name.removeprefix("BESLUITPAK_SIGN_").split("_", 1)
    return Variable(name=name, help=f"Signing: {_KEY_PART[part]} {_WHO[role]}.")


SIGNING = (
    Variable(
        name="BESLUITPAK_TSA_URL",
        help="Signing: the http(s) address of the RFC 3161 timestamp server every signature "
        "gets its timestamp from (PAdES B-T at least).",
    ),
    Variable(
        name="BESLUITPAK_TRUST_ANCHORS",
        help="Signing and verify: PEM files of the trusted root certificates, separated by "
        "the path separator (:); signatures are checked against them.",
    ),
    *(_key_variable(name) for name in _SIGNING_KEYS),
)
MAIL = (
    Variable(
        name="BESLUITPAK_SMTP_HOST",
        help="Notifications of the paraafroute (a task waiting, a termijn passed, a proposal "
        "sent back) go by e-mail through this SMTP server; empty: no e-mail is sent.",
    ),
    Variable(name="BESLUITPAK_SMTP_PORT", help="The SMTP server's port.", default="25"),
    Variable(name="BESLUITPAK_SMTP_USER", help="The SMTP user name (empty: no login)."),
    Variable(name="BESLUITPAK_SMTP_PASSWORD", help="The SMTP user's password."),
    Variable(
        name="BESLUITPAK_SMTP_TLS",
        help="starttls (STARTTLS on the port), ssl (implicit TLS, often port 465) or none.",
        default="starttls",
    ),
    Variable(
        name="BESLUITPAK_MAIL_FROM",
        help="The sender of the notifications, e.g. besluitpak@gemeente.nl.",
        default="besluitpak@localhost",
    ),
    Variable(
        name="BESLUITPAK_PAGE_URL",
        help="The page's address as people reach it (https://besluiten.gemeente.nl), for "
        "the links in the e-mails; empty: the e-mails name the case only.",
    ),
)
VARIABLES = (*VARIABLES, *SIGNING, *MAIL)
_BY_NAME = {v.name: v for v in VARIABLES}


def env(name: str) -> str:
    """The variable's value, or its documented default."""
    return os.environ.get(name, _BY_NAME[name].default)


def env_flag(name: str, *, default: bool) -> bool:
    value = env(name).strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def queue() -> str:
    """``$BESLUITPAK_QUEUE`` when it names a Redis server, else "" (the database queue)."""
    value = env("BESLUITPAK_QUEUE").strip()
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"BESLUITPAK_QUEUE: expected redis://HOST:PORT/DB or nothing, got {shown(value)!r}"
        )
    return value


def workspace() -> Path:
    return Path(env("BESLUITPAK_WORKSPACE")).resolve()


def secret_key(root: Path) -> str:
    """From the environment, else the one kept in the workspace (made by :func:`prepare`),
    else one for this process only (a test, a type check: nothing to keep)."""
    given = env("BESLUITPAK_SECRET_KEY")
    if given:
        return given
    try:
        return (private_folder(root) / "secret_key").read_text().strip()
    except FileNotFoundError:
        return secrets.token_urlsafe(50)


def prepare(root: Path) -> None:
    """Make the workspace's private folder and, unless the environment gives one, a secret
    key kept there (0600) so sessions survive a restart. Only the server does this."""
    folder = private_folder(root)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if env("BESLUITPAK_SECRET_KEY"):
        return
    path = folder / "secret_key"
    if path.exists():
        return
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (the worker) made it first
        return
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)


def database(default: str) -> dict[str, object]:
    """Django's database settings from ``$DATABASE_URL`` (else ``default``)."""
    import dj_database_url

    try:
        return dict(dj_database_url.config(default=default, conn_max_age=60))
    except (ValueError, KeyError) as e:  # UnknownSchemeError is a ValueError
        raise ConfigError(
            f"DATABASE_URL: expected a database URL like postgres://USER:PASSWORD@HOST:5432/NAME "
            f"or sqlite:///PATH, got {shown(env('DATABASE_URL'))!r}"
        ) from e


def check_queue(url: str) -> None:
    """Redis at ``url`` answers, or a ConfigError saying it does not (before any job is
    queued there or taken from it)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except (redis.RedisError, OSError, ValueError) as e:
        raise ConfigError(f"BESLUITPAK_QUEUE={shown(url)}: Redis does not answer ({e})") from e


def shown(url: str) -> str:
    """``url`` fit for a message or a log: its password, if any, as ``***``."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return url.split("@")[-1]
    if not password:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
