"""besluitpak: a Dutch municipal college decision as one publication-ready PDF bundle.

The public API, which the command line and the web page both call::

    import besluitpak

    case = besluitpak.load_case(Path("besluitpak.yaml"))
    problems = besluitpak.check(case)
    result = besluitpak.build(case, out=Path("out"), on_event=print)

Everything is imported on first use: ``import besluitpak`` loads none of the Word, PDF or
validation libraries (a build that has nothing to do never needs them).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from besluitpak.release import __version__ as __version__

__all__ = [
    "EDITIONS",
    "AgendaResult",
    "ArchiveError",
    "Archived",
    "Beoordeling",
    "Besluitenlijst",
    "BesluitpakError",
    "BuildResult",
    "BuildSettings",
    "CacheContents",
    "Case",
    "CaseError",
    "ConversionError",
    "DocumentResult",
    "EmbargoError",
    "Event",
    "LastBuild",
    "LijstStatus",
    "MeetingArchived",
    "Override",
    "Problem",
    "PublicationChange",
    "RouteRefused",
    "RouteStatus",
    "RouteTask",
    "SignatureCheck",
    "Signed",
    "SigningError",
    "StrictError",
    "Suggestion",
    "Suggestions",
    "Target",
    "Vergadering",
    "Verification",
    "VersionEntry",
    "archive",
    "archive_vergadering",
    "beoordeling",
    "build",
    "build_agenda",
    "build_many",
    "bundle_name",
    "cache_info",
    "case_file",
    "case_schema",
    "check",
    "check_signatures",
    "clear_cache",
    "describe_request",
    "diff",
    "events",
    "find_vergadering",
    "history",
    "inspect",
    "inspect_text",
    "keep_converter_warm",
    "lak_entry",
    "load_case",
    "load_vergadering",
    "prime",
    "publication_history",
    "publication_state",
    "publish",
    "record_published",
    "release_due",
    "release_publication",
    "render_documents",
    "route_advies",
    "route_indienen",
    "route_paraaf",
    "route_schema",
    "route_status",
    "route_tasks",
    "route_terugsturen",
    "schedule_publication",
    "sign_pdf",
    "start_converter_early",
    "suggest",
    "up_to_date",
    "vergadering_schema",
    "verify",
    "version_history",
    "versions",
    "withdraw_publication",
    "write_besluitenlijst",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_WHERE = {
    "ArchiveError": "besluitpak.errors",
    "BesluitpakError": "besluitpak.errors",
    "CaseError": "besluitpak.errors",
    "ConversionError": "besluitpak.errors",
    "EmbargoError": "besluitpak.errors",
    "Problem": "besluitpak.errors",
    "StrictError": "besluitpak.errors",
    "SigningError": "besluitpak.errors",
    "Signed": "besluitpak.signing.sign",
    "sign_pdf": "besluitpak.signing.sign",
    "SignatureCheck": "besluitpak.signing.check",
    "check_signatures": "besluitpak.signing.check",
    "Archived": "besluitpak.archival.store",
    "Verification": "besluitpak.archival.verify",
    "BuildResult": "besluitpak.production.results",
    "DocumentResult": "besluitpak.production.results",
    "Target": "besluitpak.production.plan",
    "describe_request": "besluitpak.production.plan",
    "LastBuild": "besluitpak.production.state",
    "up_to_date": "besluitpak.production.state",
    "CacheContents": "besluitpak.production.cachedir",
    "cache_info": "besluitpak.production.cachedir",
    "clear_cache": "besluitpak.production.cachedir",
    "keep_converter_warm": "besluitpak.convert.warm:kept",
    "start_converter_early": "besluitpak.convert.backend:early_start",
    "BuildSettings": "besluitpak.settings",
    "EDITIONS": "besluitpak.publication.editions",
    "Override": "besluitpak.publication.editions",
    "Beoordeling": "besluitpak.publication.editions",
    "beoordeling": "besluitpak.publication.editions",
    "Case": "besluitpak.casefile.case",
    "load_case": "besluitpak.casefile.case",
    "case_file": "besluitpak.casefile.paths",
    "case_schema": "besluitpak.casefile.schema:json_schema",
    "Event": "besluitpak.events",
    "build": "besluitpak.pipeline",
    "build_many": "besluitpak.pipeline",
    "publish": "besluitpak.editing.review",  # refused while the review is not done
    "archive": "besluitpak.pipeline",
    "verify": "besluitpak.pipeline",
    "check": "besluitpak.pipeline",
    "prime": "besluitpak.pipeline",
    "render_documents": "besluitpak.pipeline",
    "inspect": "besluitpak.pdf.inspect",
    "inspect_text": "besluitpak.pdf.inspect:render_text",
    "lak_entry": "besluitpak.pdf.redact_plan:entry",
    "bundle_name": "besluitpak.production.plan",
    "history": "besluitpak.archival.history",
    "diff": "besluitpak.archival.history",
    "VersionEntry": "besluitpak.archival.history",
    "version_history": "besluitpak.archival.history",
    "versions": "besluitpak.pipeline",
    "Vergadering": "besluitpak.meeting.load",
    "load_vergadering": "besluitpak.meeting.load",
    "find_vergadering": "besluitpak.meeting.load",
    "vergadering_schema": "besluitpak.meeting.schema:json_schema",
    "AgendaResult": "besluitpak.meeting.agenda",
    "build_agenda": "besluitpak.meeting.agenda",
    "Besluitenlijst": "besluitpak.meeting.besluitenlijst",
    "LijstStatus": "besluitpak.meeting.besluitenlijst",
    "write_besluitenlijst": "besluitpak.meeting.besluitenlijst",
    "MeetingArchived": "besluitpak.meeting.archive",
    "PublicationChange": "besluitpak.lifecycle:Change",
    "publication_history": "besluitpak.lifecycle",
    "publication_state": "besluitpak.lifecycle",
    "record_published": "besluitpak.lifecycle",
    "release_publication": "besluitpak.lifecycle:release",
    "release_due": "besluitpak.lifecycle",
    "schedule_publication": "besluitpak.editing.review:schedule",  # refused while under review
    "withdraw_publication": "besluitpak.lifecycle:withdraw",
    "Suggestion": "besluitpak.review.suggestions",
    "Suggestions": "besluitpak.review.suggestions",
    "suggest": "besluitpak.review.suggestions",
    "archive_vergadering": "besluitpak.meeting.archive",
    "RouteRefused": "besluitpak.editing.route",
    "RouteStatus": "besluitpak.route.status",
    "RouteTask": "besluitpak.editing.route:Task",
    "route_status": "besluitpak.editing.route",
    "route_indienen": "besluitpak.editing.route:indienen",
    "route_advies": "besluitpak.editing.route:advies",
    "route_paraaf": "besluitpak.editing.route:paraaf",
    "route_terugsturen": "besluitpak.editing.route:terugsturen",
    "route_tasks": "besluitpak.editing.route:tasks",
    "route_schema": "besluitpak.route.template:json_schema",
}
"""Where each name of the API lives: ``module`` (the same name there) or ``module:name``."""

if TYPE_CHECKING:
    from besluitpak import events
    from besluitpak.archival.history import VersionEntry, diff, history, version_history
    from besluitpak.archival.store import Archived
    from besluitpak.archival.verify import Verification
    from besluitpak.casefile.case import Case, load_case
    from besluitpak.casefile.paths import case_file
    from besluitpak.casefile.schema import json_schema as case_schema
    from besluitpak.convert.backend import early_start as start_converter_early
    from besluitpak.convert.warm import kept as keep_converter_warm
    from besluitpak.editing.review import publish
    from besluitpak.editing.review import schedule as schedule_publication
    from besluitpak.editing.route import RouteRefused, route_status
    from besluitpak.editing.route import Task as RouteTask
    from besluitpak.editing.route import advies as route_advies
    from besluitpak.editing.route import indienen as route_indienen
    from besluitpak.editing.route import paraaf as route_paraaf
    from besluitpak.editing.route import tasks as route_tasks
    from besluitpak.editing.route import terugsturen as route_terugsturen
    from besluitpak.errors import (
        ArchiveError,
        BesluitpakError,
        CaseError,
        ConversionError,
        EmbargoError,
        Problem,
        SigningError,
        StrictError,
    )
    from besluitpak.events import Event
    from besluitpak.lifecycle import Change as PublicationChange
    from besluitpak.lifecycle import (
        publication_history,
        publication_state,
        record_published,
        release_due,
    )
    from besluitpak.lifecycle import release as release_publication
    from besluitpak.lifecycle import withdraw as withdraw_publication
    from besluitpak.meeting.agenda import AgendaResult, build_agenda
    from besluitpak.meeting.archive import MeetingArchived, archive_vergadering
    from besluitpak.meeting.besluitenlijst import Besluitenlijst, LijstStatus, write_besluitenlijst
    from besluitpak.meeting.load import Vergadering, find_vergadering, load_vergadering
    from besluitpak.meeting.schema import json_schema as vergadering_schema
    from besluitpak.pdf.inspect import inspect
    from besluitpak.pdf.inspect import render_text as inspect_text
    from besluitpak.pdf.redact_plan import entry as lak_entry
    from besluitpak.pipeline import (
        archive,
        build,
        build_many,
        check,
        prime,
        render_documents,
        verify,
        versions,
    )
    from besluitpak.production.cachedir import CacheContents, cache_info, clear_cache
    from besluitpak.production.plan import Target, bundle_name, describe_request
    from besluitpak.production.results import BuildResult, DocumentResult
    from besluitpak.production.state import LastBuild, up_to_date
    from besluitpak.publication.editions import EDITIONS, Beoordeling, Override, beoordeling
    from besluitpak.review.suggestions import Suggestion, Suggestions, suggest
    from besluitpak.route.status import RouteStatus
    from besluitpak.route.template import json_schema as route_schema
    from besluitpak.settings import BuildSettings
    from besluitpak.signing.check import SignatureCheck, check_signatures
    from besluitpak.signing.sign import Signed, sign_pdf


def __getattr__(name: str) -> Any:
    if name == "events":
        return importlib.import_module("besluitpak.events")
    if name not in _WHERE:
        raise AttributeError(f"module 'besluitpak' has no attribute {name!r}")
    module, _, attribute = _WHERE[name].partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value
