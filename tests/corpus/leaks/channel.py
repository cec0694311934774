"""One channel of the leak corpus: a marker, where it lives, and what the public edition
must do with it (the rows: channels.py, channels_pdf.py, channels_word.py).

Expectations:
- ``absent``: in no byte of any public file (decompressed, every revision, every layer).
- ``present``: visible content of a public page; it must reach the public edition (this proves
  the public edition is not simply empty).
- ``absent-or-refused``: the build may refuse the input with a message naming the file; if it
  builds, the marker is absent from every public file.
- ``kept``: not asserted either way; reported (e.g. text under a black box on a kept page:
  withholding pages does not redact a page that is kept).

``intern`` is ``present`` where the intern edition must show the marker (it is withheld from
the public only): proof that the corpus is real and the marker findable by the scan.
"""

from __future__ import annotations

from dataclasses import dataclass

STELLER_NAME = "Q. Leakstellerzq"
STELLER_EMAIL = "leakstellerzq@proef.example"
STELLER_PHONE = "0612345678"
STELLER_MARKER = "LEAKSTELLERZQ"
SECRET_ID = "leaksecretid"
SECRET_FILE = "geheim-leaksecretfile.docx"
VERGADERING = "vergadering"
"""Not a case: the vergadering file (vergadering.yaml) whose besluitenlijst is public."""


@dataclass(frozen=True, kw_only=True)
class Channel:
    marker: str
    case: str  # which case file builds it (zaak, wijzigingen-docx, ...)
    file: str  # the input file under bijlagen/ (or the case file)
    channel: str  # where in that file the marker lives
    expect: str  # absent | present | absent-or-refused | kept
    intern: str = "any"  # present | absent | any
    view: str = ""  # only this view of scan.py counts (e.g. bookmarks); all when empty


def row(
    marker: str,
    file: str,
    channel: str,
    expect: str = "absent",
    intern: str = "any",
    case: str = "zaak",
    view: str = "",
) -> Channel:
    return Channel(
        marker=marker,
        case=case,
        file=file,
        channel=channel,
        expect=expect,
        intern=intern,
        view=view,
    )
