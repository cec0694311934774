"""The three roles and what each may do, as Django permissions (code checks permissions,
never a group's name). The groups are made once by a data migration; an administrator's
later changes to them are kept."""

from __future__ import annotations

ROLES: dict[str, tuple[str, ...]] = {
    "beleidsadviseur": ("view_cases", "edit_case", "build_case", "review_case"),
    "secretariaat": (
        "view_cases",
        "edit_case",
        "build_case",
        "create_case",
        "manage_bijlagen",
        "publish_case",
        "archive_case",
        "view_audit",
        "run_meeting",
        "review_case",
    ),
    "archivaris": ("view_cases", "archive_case", "verify_archive", "view_audit"),
}
"""Role (the group's name) -> the permission codenames it holds."""

ACTIONS = tuple(dict.fromkeys(p for perms in ROLES.values() for p in perms))
