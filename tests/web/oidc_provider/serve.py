"""``python -m tests.web.oidc_provider.serve DATA PORT``: make the provider's RSA key,
database, people and the besluitpak application in DATA, then serve on 127.0.0.1:PORT."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.web.oidc_provider.running import CLIENT_ID, CLIENT_SECRET, PASSWORD, PEOPLE, REDIRECT


def _key(data: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (data / "rsa.pem").write_bytes(pem)


def _populate() -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", interactive=False, verbosity=0)
    for name, (first, last, email, groups) in PEOPLE.items():
        user = User.objects.create_user(
            name, email=email, password=PASSWORD, first_name=first, last_name=last
        )
        user.groups.set([Group.objects.get_or_create(name=g)[0] for g in groups])
    Application.objects.create(
        name="besluitpak",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,  # kept hashed
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=REDIRECT,  # a loopback address: any port (RFC 8252)
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # the organisation trusts its own application: no consent
    )


def main(data: Path, port: int) -> None:
    _key(data)
    os.environ["OIDC_PROVIDER_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.web.oidc_provider.settings"
    import django

    django.setup()
    _populate()
    from django.core.wsgi import get_wsgi_application
    from waitress import serve

    print(f"identity provider on http://127.0.0.1:{port}/o", flush=True)
    serve(get_wsgi_application(), host="127.0.0.1", port=port, threads=4, ident="idp")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
