"""The signatures of archived PDFs on the archive page (issue 31): who signed or sealed which
PDF of a version, as its manifest records it, and whether the latest verification found each
one valid (signer, role, time, level, valid or not)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import besluitpak
from besluitpak.editing.workspace import shown
from besluitpak.web import wording
from besluitpak.web.models import Job

OK = "archive-signature-ok"
FAILED = "archive-signature-failed"
WHOLE_FILE = "?"
"""The field verify names when a signed PDF as a whole cannot be checked."""


def _relative(root: Path, file: str) -> str:
    path = Path(os.path.normpath(file))
    for base in (root, root.resolve()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def verified(root: Path, lines: Sequence[str]) -> list[dict[str, Any]]:
    """The signature checks among verify's lines, as the verify job keeps them: per signature
    its PDF (relative to the workspace), field, whether it holds, and its Dutch text."""
    found = []
    for line in lines:
        code = str(getattr(line, "code", ""))
        params: dict[str, str] = getattr(line, "params", None) or {}
        if code not in (OK, FAILED) or "file" not in params:
            continue
        found.append(
            {
                "file": _relative(root, params["file"]),
                "field": params.get("field", WHOLE_FILE),
                "ok": code == OK,
                "text": shown(root, wording.text(line)),
            }
        )
    return found


def _time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone(dt.UTC).strftime("%d-%m-%Y %H:%M UTC")


def _checks(verification: Job | None) -> dict[tuple[str, str], dict[str, Any]]:
    if verification is None or verification.status != Job.Status.DONE:
        return {}
    found = verification.result.get("signatures", [])
    return {(str(c.get("file")), str(c.get("field"))): c for c in found if isinstance(c, dict)}


def per_file(
    root: Path, entry: besluitpak.VersionEntry, verification: Job | None
) -> list[dict[str, Any]]:
    """The version's signed PDFs, each with its signatures as the page shows them: role,
    kind, signer, time (UTC), level, and ``state`` (``geldig``, ``ongeldig`` with the
    verification's Dutch text, or ``niet gecontroleerd``)."""
    checks = _checks(verification)
    files: dict[str, list[dict[str, Any]]] = {}
    for signature in entry.signed:
        key = _relative(root, str(entry.folder / signature.file))
        check = checks.get((key, signature.role)) or checks.get((key, WHOLE_FILE))
        if check is None:
            state = "niet gecontroleerd"
        else:
            state = "geldig" if check.get("ok") else "ongeldig"
        files.setdefault(signature.file, []).append(
            {
                "role": signature.role,
                "kind": signature.kind,
                "signer": signature.signer,
                "time": _time(signature.time),
                "level": signature.level,
                "state": state,
                "detail": "" if check is None or check.get("ok") else str(check.get("text")),
            }
        )
    return [{"file": name, "signatures": found} for name, found in files.items()]
