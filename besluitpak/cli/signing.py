"""``besluitpak sign``: sign the besluitenlijst or seal a bundle (PAdES, keys from the
environment, see ``besluitpak.signing.keys``); and what ``verify`` says of a signed PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

import besluitpak
from besluitpak.cli.base import handle_errors, main, say

if TYPE_CHECKING:
    from besluitpak import SignatureCheck

ROLES = ("burgemeester", "secretaris", "organisatie")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--als",
    type=click.Choice(ROLES),
    required=True,
    help="Who signs: the burgemeester or secretaris (visible fields on the besluitenlijst), "
    "or the organisatie (an invisible seal on a bundle).",
)
@click.option(
    "--lta",
    is_flag=True,
    help="PAdES B-LTA for the archive: the validation data embedded and a document timestamp.",
)
@handle_errors
def sign(file: Path, als: str, lta: bool) -> None:
    """Sign FILE in place (an incremental update): PAdES B-T with a timestamp, or B-LTA.

    Keys, timestamp server and trust anchors come from the environment:
    BESLUITPAK_SIGN_<ALS>_PKCS12 and _PASSPHRASE, or BESLUITPAK_SIGN_<ALS>_PKCS11_MODULE,
    _TOKEN, _KEY, _PIN (and _CERT); BESLUITPAK_TSA_URL; BESLUITPAK_TRUST_ANCHORS.
    """
    say(f"signing {file} as {als}")
    signed = besluitpak.sign_pdf(file, als=als, lta=lta)
    click.echo(
        f"signed {signed.path.name} as {signed.role}: {signed.signer}, {signed.level}, "
        f"key from {signed.key.kind}; still claims {signed.claims}"
    )


def echo_signatures(path: Path) -> None:
    """The signatures in ``path`` checked and shown; exit 1 when one fails."""
    checks: tuple[SignatureCheck, ...] = besluitpak.check_signatures(path)
    if not checks:
        return
    click.echo("signatures:")
    for check in checks:
        if check.ok:
            click.echo(f"ok   {check.line()}")
        else:
            click.secho(f"FAIL {check.line()}", fg="red")
    failed = [c for c in checks if not c.ok]
    if failed:
        click.echo(f"{len(failed)} signature(s) failed", err=True)
        sys.exit(1)
