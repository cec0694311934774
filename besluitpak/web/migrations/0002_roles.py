"""The three roles as groups with their permissions, made once (a later administrator's
changes to a group are never undone by a migration)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create_roles(apps: Any, schema_editor: Any) -> None:
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    from besluitpak.web.roles import ROLES

    # Permissions are normally made after all migrations; the groups need them now.
    app_config = apps.get_app_config("besluitpak_web")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    # Only the permissions that exist at this migration: a later one gives its own.
    known = {codename for codename, _ in apps.get_model("besluitpak_web", "Job")._meta.permissions}
    for role, all_codenames in ROLES.items():
        codenames = [c for c in all_codenames if c in known]
        group, created = group_model.objects.get_or_create(name=role)
        if not created:
            continue
        permissions = permission_model.objects.filter(
            content_type__app_label="besluitpak_web", codename__in=codenames
        )
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"roles: permissions not found: {sorted(missing)}")
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("besluitpak_web", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
