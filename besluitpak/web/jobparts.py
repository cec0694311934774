"""What the jobs of :mod:`besluitpak.web.jobs` and its sibling modules share: the files a job
wrote with their digests, who asked (for a manifest), and how progress names documents."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings

import besluitpak
from besluitpak.web.models import Job


def files(paths: Any) -> dict[str, Any]:
    """The files written, relative to the workspace, with their SHA-256; the fingerprint is
    the digest of those lines (what was built, byte for byte)."""
    root = Path(settings.WORKSPACE)
    lines = {
        Path(p).resolve().relative_to(root).as_posix(): hashlib.sha256(
            Path(p).read_bytes()
        ).hexdigest()
        for p in paths
    }
    listing = "".join(f"{sha}  {name}\n" for name, sha in sorted(lines.items()))
    return {
        "fingerprint": hashlib.sha256(listing.encode()).hexdigest(),
        "files": list(lines),
        "sha256": lines,
    }


def door(job: Job) -> str:
    """Who archives, for the manifest: the requester's name and role (``sanne
    (secretariaat)``)."""
    from besluitpak.web.permissions import role_of

    user = job.requested_by
    role = role_of(user) if user is not None else ""
    return f"{job.requested_by_name} ({role})" if role else job.requested_by_name


def titles(cases: Sequence[besluitpak.Case]) -> dict[str, str]:
    """How progress names a document by its id: ``Bijlage 1: Kaart``; where cases of a
    meeting share an id (each has a collegevoorstel), by its label alone."""
    named: dict[str, set[str]] = {}
    for case in cases:
        for d in case.documents:
            named.setdefault(d.id, set()).add(f"{d.short_label}: {d.titel}")
    labels = {d.id: d.short_label for case in cases for d in case.documents}
    return {key: next(iter(t)) if len(t) == 1 else labels[key] for key, t in named.items()}
