"""What every view of a case needs: the workspace, the case folder (or 404), the status."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404

from besluitpak.editing.status import CaseStatus, case_status
from besluitpak.editing.workspace import OutsideWorkspace, case_folder


def workspace() -> Path:
    return Path(settings.WORKSPACE)


def folder_or_404(name: str) -> Path:
    """The case folder ``name``; a name that is not a case of the workspace is a 404."""
    try:
        return case_folder(workspace(), name)
    except OutsideWorkspace as e:
        raise Http404(str(e)) from None


def status_or_404(name: str) -> CaseStatus:
    folder_or_404(name)
    return case_status(workspace(), name)
