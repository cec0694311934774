"""The besluitenlijst is public: before it is put in place, every channel of its PDF and of
its Word file is read as a case's public edition is read (publication/channels.py): text of a
withheld part of any listed case, or of a ``{lak}`` passage of the vergadering file, refuses
it; personal data that no listed case allows is a warning with page and channel."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from besluitpak.casefile import lak
from besluitpak.errors import PersonalDataError
from besluitpak.meeting.load import Vergadering
from besluitpak.publication import channels, guard
from besluitpak.publication.channels import Channel
from besluitpak.publication.editions import plan_edition
from besluitpak.publication.secrets import Secrets

LABEL = "the besluitenlijst"


def read(pdf: Path, docx: Path) -> list[Channel]:
    """Every text-bearing channel of the list's PDF, and every part of its Word file."""
    found = list(channels.enumerate(pdf, document=LABEL))
    with zipfile.ZipFile(docx) as package:
        for member in package.namelist():
            found += channels.bytes_channels(member, package.read(member), document=LABEL)
    return found


def check(vergadering: Vergadering, found: Sequence[Channel], *, today: dt.date) -> list[str]:
    """Refuse (PersonalDataError) text of what is withheld; the personal data found, as
    warnings naming the page and channel."""
    own = _own_passages(vergadering)
    warnings: dict[str, str] = {}
    withheld: list[guard.Found] = []
    for item in vergadering.items:
        case = item.case
        secrets = guard.secrets_of(case, plan_edition(case, "openbaar", today=today))
        secrets = Secrets(
            passages=secrets.passages + own,
            phrases=secrets.phrases,
            ids=secrets.ids,
            shown_ids=secrets.shown_ids,
        )
        for finding in guard.search(case, found, secrets=secrets):
            if finding.withheld:
                withheld.append(finding)
            else:
                warnings.setdefault(finding.line(), _warning(finding))
    if withheld:
        lines = sorted({f"  {finding.line()}" for finding in withheld})
        raise PersonalDataError(
            f"{LABEL}: expected nothing of what the public editions withhold, got "
            f"{len(lines)} passage(s); nothing was written:\n" + "\n".join(lines)
        )
    return list(warnings.values())


def _own_passages(vergadering: Vergadering) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The ``{lak}`` passages of the vergadering file itself (besluitpunten, samenvatting)."""
    found = []
    for item in vergadering.items:
        for text in lak.passages(item.punt.model_dump()):
            normal = " ".join(text.split())
            if len(normal) >= 4:  # as a case's passages: shorter ones are words of any text
                source = f"a {{lak}} passage of agendapunt {item.nummer}"
                pattern = re.compile(rf"(?<!\w){re.escape(normal)}(?!\w)", re.IGNORECASE)
                found.append((source, pattern))
    return tuple(found)


def _warning(finding: guard.Found) -> str:
    return (
        f"personal data in {finding.line()}; mark it {{lak:…}} where it is written "
        f"(the vergadering file's samenvatting or besluitpunten, or the case's voorstel)"
    )
