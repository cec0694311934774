"""What the database holds: build jobs and the audit log (cases live in the workspace)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Job(models.Model):
    """One piece of background work on one case: a build, a publication, an archiving or a
    verification. Its status is kept here, beside the task queue's own record, so the page can
    show progress and a job whose worker died can be found and run again."""

    class Kind(models.TextChoices):
        BUILD = "build", "Bouwen"
        PUBLISH = "publish", "Publiceren"
        ARCHIVE = "archive", "Archiveren"
        VERIFY = "verify", "Verifiëren"
        MEETING_AGENDA = "meeting_agenda", "Agenda bouwen"
        MEETING_VOORLOPIG = "meeting_voorlopig", "Besluitenlijst (voorlopig)"
        MEETING_DEFINITIEF = "meeting_definitief", "Besluitenlijst (definitief)"
        MEETING_ARCHIVE = "meeting_archive", "Vergadering archiveren"
        SCHEDULE = "schedule", "Publicatie plannen"
        RELEASE = "release", "Geplande publicatie publiceren"
        WITHDRAW = "withdraw", "Publicatie intrekken"
        MEETING_SIGN = "meeting_sign", "Besluitenlijst ondertekenen"

    class Status(models.TextChoices):
        QUEUED = "queued", "in de wachtrij"
        RUNNING = "running", "bezig"
        FAILED = "failed", "mislukt"
        DONE = "done", "klaar"

    case = models.CharField(
        max_length=100,
        help_text="The case folder's name in the workspace, or vergadering:<name> for a meeting.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_name = models.CharField(max_length=150)
    reason = models.TextField(
        blank=True,
        help_text="Why the embargo is overridden (publish), why a publication is withdrawn "
        "(withdraw), the day a planned one goes public (schedule, YYYY-MM-DD).",
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True)
    finished = models.DateTimeField(null=True)
    attempts = models.PositiveIntegerField(default=0)
    progress: models.JSONField[Any] = models.JSONField(default=dict)
    result: models.JSONField[Any] = models.JSONField(default=dict)
    message = models.TextField(blank=True, help_text="The error, in the CLI's words.")
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["case", "status"])]
        permissions = [
            ("view_cases", "Zaken en hun bundels bekijken"),
            ("edit_case", "Zaakgegevens en bijlagedata bewerken"),
            ("build_case", "Een bundel bouwen"),
            ("create_case", "Een zaak aanmaken"),
            ("manage_bijlagen", "Bijlagen toevoegen, verwijderen en ordenen"),
            ("publish_case", "De openbare editie publiceren"),
            ("archive_case", "Een versie archiveren"),
            ("verify_archive", "Het archief verifiëren"),
            ("view_audit", "Het auditlogboek bekijken"),
            ("run_meeting", "De collegevergadering voorbereiden en vastleggen"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case} ({self.get_status_display()})"

    @property
    def active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class AuditEntry(models.Model):
    """One thing a person did: who (a snapshot that outlives the account), when, what, on
    which case, and the fingerprint of what was built. Entries are only ever added."""

    class Event(models.TextChoices):
        CASE_CREATED = "case_created", "zaak aangemaakt"
        CASE_EDITED = "case_edited", "zaakgegevens gewijzigd"
        DATA_EDITED = "data_edited", "bijlagedata gewijzigd"
        BIJLAGEN_ORDERED = "bijlagen_ordered", "bijlagen herordend"
        BIJLAGE_ADDED = "bijlage_added", "bijlage toegevoegd"
        BIJLAGE_REMOVED = "bijlage_removed", "bijlage verwijderd"
        FILE_UPLOADED = "file_uploaded", "bestand geüpload"
        BUILD_REQUESTED = "build_requested", "bouwen gevraagd"
        BUILT = "built", "gebouwd"
        PUBLISHED = "published", "gepubliceerd"
        PASSAGE_ALLOWED = "passage_allowed", "persoonsgegeven toegestaan"
        ARCHIVED = "archived", "gearchiveerd"
        VERIFIED = "verified", "geverifieerd"
        JOB_FAILED = "job_failed", "taak mislukt"
        OUTCOME_RECORDED = "outcome_recorded", "uitkomst vastgelegd"
        MEETING_REQUESTED = "meeting_requested", "vergaderingtaak gevraagd"
        AGENDA_BUILT = "agenda_built", "agenda gebouwd"
        LIST_WRITTEN = "list_written", "besluitenlijst gemaakt"
        MEETING_ARCHIVED = "meeting_archived", "vergadering gearchiveerd"
        LOGIN_LOCKED = "login_locked", "inloggen geblokkeerd"
        LOGIN_OIDC = "login_oidc", "ingelogd via organisatie-account"
        LOGIN_REFUSED = "login_refused", "inloggen geweigerd"
        SCHEDULED = "scheduled", "publicatie gepland"
        WITHDRAWN = "withdrawn", "publicatie ingetrokken"
        LIST_SIGNED = "list_signed", "besluitenlijst ondertekend"
        ROUTE_SUBMITTED = "route_submitted", "voorstel ingediend"
        ROUTE_ADVICE = "route_advice", "advies gegeven"
        ROUTE_INITIALED = "route_initialed", "geparafeerd"
        ROUTE_RETURNED = "route_returned", "voorstel teruggestuurd"
        ROUTE_AGENDA = "route_agenda", "geagendeerd"
        ROUTE_OVERRIDE = "route_override", "geagendeerd buiten de route"
        ROUTE_DELEGATED = "route_delegated", "vervanger aangewezen"

    event = models.CharField(max_length=20, choices=Event.choices)
    when = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=30, blank=True)
    case = models.CharField(max_length=100, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    detail: models.JSONField[Any] = models.JSONField(default=dict)

    class Meta:
        ordering = ["-when", "-id"]

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.username} {self.get_event_display()} {self.case}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("an audit entry is never changed")
        if self.event not in self.Event.values:
            raise ValueError(
                f"audit event: expected one of {self.Event.values}, got {self.event!r}"
            )
        if not self.username:
            raise ValueError("audit entry: expected the acting user's name, got none")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("an audit entry is never deleted")


from besluitpak.web.routemodels import Functie, Melding, Vervanging  # noqa: E402

__all__ = ["AuditEntry", "Functie", "Job", "Melding", "Vervanging"]
