"""The collegevergadering on the page: its jobs (agenda, besluitenlijst, archive), their audit
events, and the permission ``run_meeting``, given to the secretariaat (only added: whatever
an administrator changed in the group is kept)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

PERMISSIONS = [
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


def grant_run_meeting(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("besluitpak_web")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="secretariaat").first()
    if group is None:
        return  # removed by an administrator: not made again
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="besluitpak_web", codename="run_meeting"
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("besluitpak_web", "0003_audit_passage_allowed"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="job",
            options={"ordering": ["-created"], "permissions": PERMISSIONS},
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="event",
            field=models.CharField(
                choices=[
                    ("case_created", "zaak aangemaakt"),
                    ("case_edited", "zaakgegevens gewijzigd"),
                    ("data_edited", "bijlagedata gewijzigd"),
                    ("bijlagen_ordered", "bijlagen herordend"),
                    ("bijlage_added", "bijlage toegevoegd"),
                    ("bijlage_removed", "bijlage verwijderd"),
                    ("file_uploaded", "bestand geüpload"),
                    ("build_requested", "bouwen gevraagd"),
                    ("built", "gebouwd"),
                    ("published", "gepubliceerd"),
                    ("passage_allowed", "persoonsgegeven toegestaan"),
                    ("archived", "gearchiveerd"),
                    ("verified", "geverifieerd"),
                    ("job_failed", "taak mislukt"),
                    ("outcome_recorded", "uitkomst vastgelegd"),
                    ("meeting_requested", "vergaderingtaak gevraagd"),
                    ("agenda_built", "agenda gebouwd"),
                    ("list_written", "besluitenlijst gemaakt"),
                    ("meeting_archived", "vergadering gearchiveerd"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="case",
            field=models.CharField(
                help_text="The case folder's name in the workspace, or vergadering:<name> "
                "for a meeting.",
                max_length=100,
            ),
        ),
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=models.CharField(
                choices=[
                    ("build", "Bouwen"),
                    ("publish", "Publiceren"),
                    ("archive", "Archiveren"),
                    ("verify", "Verifiëren"),
                    ("meeting_agenda", "Agenda bouwen"),
                    ("meeting_voorlopig", "Besluitenlijst (voorlopig)"),
                    ("meeting_definitief", "Besluitenlijst (definitief)"),
                    ("meeting_archive", "Vergadering archiveren"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(grant_run_meeting, migrations.RunPython.noop),
    ]
