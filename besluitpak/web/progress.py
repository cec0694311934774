"""How a job is said on the page while it runs and when it failed: its live progress from
the pipeline's events, and a failure's code and parameters for the Dutch message."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from django.conf import settings

import besluitpak
from besluitpak.editing.workspace import shown
from besluitpak.errors import BesluitpakError, CaseError, ConversionError
from besluitpak.web import wording
from besluitpak.web.models import Job

STAGES = {
    "plan": "plannen",
    "render": "invullen",
    "convert": "omzetten naar PDF",
    "assemble": "samenstellen",
    "write": "wegschrijven",
}
"""The pipeline's stages in the page's words."""

DOCUMENT_EVENTS = {
    "DocumentRendered": "ingevuld",
    "DocumentConverted": "omgezet",
    "DocumentFromCache": "uit de cache",
}
"""What happened to a document, in the page's words, by the event's name."""


class Progress:
    """The job's live progress, from the pipeline's events, written at most a few times a
    second (the page polls it)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.state: dict[str, Any] = {"stage": "", "documents": {}, "warnings": []}
        self.titles: dict[str, str] = {}
        """A document's id -> its title, as the page names it (``Bijlage 1: Kaart``)."""
        self._written = 0.0

    def __call__(self, event: besluitpak.Event) -> None:
        kind = type(event).__name__
        if kind == "StageStarted":
            stage = event.stage  # type: ignore[union-attr]
            self.state["stage"] = STAGES.get(stage, stage)
        elif kind in DOCUMENT_EVENTS:
            document = str(event.document)  # type: ignore[union-attr]
            title = self.titles.get(document, document)
            key = f"{title} ({event.edition})"  # type: ignore[union-attr]
            self.state["documents"][key] = DOCUMENT_EVENTS[kind]
        elif kind == "BuildWarning":
            said = wording.text(event.message)  # type: ignore[union-attr]
            self.state["warnings"].append(said)
        elif kind == "UpToDate":
            self.state["stage"] = "niets te doen: de invoer is ongewijzigd"
        self.write(force=kind in {"StageStarted", "BuildWarning"})

    def built(self, edition: str) -> None:
        """``edition`` is written while the job goes on: the page may show its link."""
        self.state.setdefault("built", []).append(edition)
        self.write(force=True)

    def write(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._written > 0.25:
            self._written = now
            Job.objects.filter(pk=self.job.pk).update(progress=self.state)


def wording_of(error: BesluitpakError) -> dict[str, Any]:
    """What the page needs to say ``error`` in Dutch: its code and parameters, and for a
    CaseError each problem's (files shown relative to the workspace)."""
    root = Path(settings.WORKSPACE)
    if isinstance(error, CaseError):
        problems = [
            {
                "file": shown(root, p.file),
                "line": p.line,
                "key": p.key,
                "message": p.message,
                "code": p.code,
                "params": dict(p.params),
            }
            for p in error.problems
        ]
        params = {"count": str(len(problems))}
        return {"error": {"code": "job-problems", "params": params}, "problems": problems}
    if isinstance(error, ConversionError) and error.failed:
        names = ", ".join(p.name for p in error.failed)
        late = re.fullmatch(r"timed out after (\d+) s", error.reason)
        if late:  # besluitpak's own words, not LibreOffice's: said in Dutch
            params = {"names": names, "seconds": late.group(1)}
            return {"error": {"code": "conversion-timeout", "params": params}}
        params = {"names": names, "reason": shown(root, error.reason)}
        return {"error": {"code": "conversion-failed", "params": params}}
    if error.code:
        params = {name: shown(root, value) for name, value in error.params.items()}
        return {"error": {"code": error.code, "params": params}}
    return {}


def cli_message(error: BesluitpakError) -> str:
    """The error in the CLI's words, with paths shown relative to the workspace."""
    return shown(Path(settings.WORKSPACE), error)
