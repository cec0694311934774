"""The audit log's new event: a passage the personal-data guard may let through
(choices only: no change to the tables)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("besluitpak_web", "0002_roles"),
    ]

    operations = [
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
                ],
                max_length=20,
            ),
        ),
    ]
