"""Reviewing a case's suggested redactions (issue 29): accept, reject, add a box by hand,
confirm (four eyes), the status, and ``publish`` refusing while the review is not done.

Accepting applies the redaction through the editing layer, under the case's edit lock and
only when the CLI's loader accepts the result (:func:`besluitpak.editing.edits.save`):

- in generated text, every occurrence of the words in the document's data becomes
  ``{lak:grond}words{/lak}`` (its own data file, or ``voorstel.data`` in the case file), each
  text in its old YAML style; ``version`` (the data file's version the reviewer saw) makes a
  change since a refusal instead of an overwrite;
- in a ready-made document, an entry ``{pagina, woorden, grond}`` in the bijlage's
  ``lakken`` (comments and layout of the case file kept).

The decisions are in the case's review record (:mod:`.reviewlog`), keyed by the suggestion's
fingerprint. A suggestion whose text around it changed (a neighbouring name redacted) gets
a new fingerprint; a decision then still counts for it when document, channel, kind and
words are the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from besluitpak.casefile import lak
from besluitpak.casefile.case import Case, Document, load_case
from besluitpak.editing import (
    docdata,
    edits,
    reviewlog,
    reviewplace,
    versions,
    yamledit,
)
from besluitpak.editing.reviewlog import Decision, ReviewRefused, decisions, record, settings
from besluitpak.editing.workspace import CASE_FILE, edit_root, inside
from besluitpak.pdf.redact_plan import entry as lak_entry
from besluitpak.review.suggestions import Suggestion, Suggestions, suggest
from besluitpak.settings import BuildSettings

if TYPE_CHECKING:
    from besluitpak.lifecycle import Change
    from besluitpak.production.results import BuildResult

__all__ = [
    "ReviewRefused",
    "ReviewStatus",
    "Reviewed",
    "accept",
    "add",
    "check_publish",
    "publish",
    "reject",
    "review_status",
]


@dataclass(frozen=True, kw_only=True)
class Reviewed:
    """One suggestion and its decision (None: open)."""

    suggestion: Suggestion
    decision: Decision | None


@dataclass(frozen=True, kw_only=True)
class ReviewStatus:
    """A case's suggestions with their decisions, the decisions by hand, and what waits."""

    items: tuple[Reviewed, ...]
    added: tuple[Decision, ...]
    decisions: tuple[Decision, ...]
    vier_ogen: bool

    @property
    def open(self) -> tuple[Suggestion, ...]:
        return tuple(r.suggestion for r in self.items if r.decision is None)

    @property
    def unconfirmed(self) -> tuple[Decision, ...]:
        if not self.vier_ogen:
            return ()
        return tuple(d for d in self.decisions if not d.bevestigd_door)

    def refusal(self) -> str | None:
        """Why ``publish`` refuses (None: the review is done)."""
        parts = []
        if self.open:
            where = _where(self.open)
            n = len(self.open)
            parts.append(f"{n} open suggestion{'s' if n != 1 else ''} ({where})")
        if self.unconfirmed:
            n = len(self.unconfirmed)
            nrs = ", ".join(str(d.nr) for d in self.unconfirmed)
            parts.append(f"{n} decision{'s' if n != 1 else ''} not confirmed (nr {nrs})")
        if not parts:
            return None
        check = "decided and confirmed" if self.vier_ogen else "decided"
        return f"review: expected every suggestion {check}, got {' and '.join(parts)}"


def _where(items: Sequence[Suggestion]) -> str:
    counts: dict[str, int] = {}
    for s in items:
        key = s.label if s.page is None else f"{s.label} p.{s.page}"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k}: {n}" for k, n in counts.items())


def review_status(folder: Path, suggestions: Suggestions) -> ReviewStatus:
    """The status of ``suggestions`` (of the case in ``folder``) against its record."""
    made = decisions(folder)
    by_fp = {d.fingerprint: d for d in made if d.fingerprint}
    by_words = {
        (d.document, d.channel, d.kind, d.woorden.casefold()): d for d in made if d.fingerprint
    }
    items = []
    for s in suggestions:
        decision = by_fp.get(s.fingerprint) or by_words.get(
            (s.document, s.channel, s.kind, s.words.casefold())
        )
        items.append(Reviewed(suggestion=s, decision=decision))
    return ReviewStatus(
        items=tuple(items),
        added=tuple(d for d in made if d.wat == "add"),
        decisions=tuple(made),
        vier_ogen=settings(folder).vier_ogen,
    )


def _suggestion_line(s: Suggestion) -> dict[str, Any]:
    return {
        "fingerprint": s.fingerprint,
        "document": s.document,
        "pagina": s.page,
        "woorden": s.words,
        "kind": s.kind,
        "channel": s.channel,
    }


def _door(door: str) -> str:
    if not door.strip():
        raise ReviewRefused("door: expected the name of the reviewer, got none")
    return door


def reject(
    folder: Path, suggestion: Suggestion, *, door: str, reden: str, now: dt.datetime | None = None
) -> Decision:
    """Record that ``suggestion`` stays public, with the reason."""
    if not reden.strip():
        raise ReviewRefused("reden: expected the reason the words may be public, got none")
    line = {"wat": "reject", "door": _door(door), **_suggestion_line(suggestion), "reden": reden}
    return record(folder, line, now=now)


def _ground(grond: str) -> str:
    problem = lak.ground_problem(grond)
    if problem:
        raise ReviewRefused(f"grond: {problem}")
    return grond


def accept(
    folder: Path,
    suggestion: Suggestion,
    *,
    door: str,
    grond: str | None = None,
    version: str = "",
    now: dt.datetime | None = None,
) -> Decision:
    """Redact ``suggestion`` (on its proposed ground, or ``grond``) and record it."""
    ground = _ground(grond or suggestion.ground)
    _door(door)
    case = load_case(folder / CASE_FILE)
    document = _document(case, suggestion.document, suggestion.label)
    line = {"wat": "accept", "door": door, **_suggestion_line(suggestion), "grond": ground}
    with edits.locked(folder):  # checked, redacted and recorded under one lock
        reviewlog.undecided(folder, suggestion.fingerprint)
        if document.generated:
            _redact_data(folder, case, document, suggestion.words, ground, version)
        else:
            if suggestion.page is None:
                raise ReviewRefused(
                    f"{suggestion.label}: the words are on no page ({suggestion.channel}); "
                    "redact the page they come from with lakken: paginas"
                ).coded("review-on-no-page", label=suggestion.label, channel=suggestion.channel)
            _add_lak(
                folder, document, lak_entry(suggestion.page, [suggestion.words], ground=ground)
            )
        nr = reviewlog.append(folder, line, now=now)
    return reviewlog.recorded(folder, nr)


def add(
    folder: Path,
    *,
    document: str,
    pagina: int,
    door: str,
    grond: str = "5.1.2e",
    woorden: str | None = None,
    vak: Sequence[float] | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """A box added by hand on page ``pagina`` of the ready-made ``document``: the ``woorden``
    on that page or a ``vak`` (PDF points, origin bottom left), as a ``lakken`` entry."""
    ground = _ground(grond)
    _door(door)
    case = load_case(folder / CASE_FILE)
    found = _document(case, document, document)
    if found.generated:
        raise ReviewRefused(
            f"document: {document} is generated text: mark the words {{lak:{ground}}}…{{/lak}} "
            "in its data, or accept a suggestion"
        )
    try:
        value = lak_entry(
            pagina,
            [woorden] if woorden is not None else None,
            (vak[0], vak[1], vak[2], vak[3]) if vak is not None and len(vak) == 4 else None,
            ground=ground,
        )
    except ValueError as e:
        raise ReviewRefused(f"lakken: {e}") from None
    if found.bestand is not None and found.bestand.suffix.lower() == ".pdf":
        reviewplace.on_page(
            found.bestand, label=found.short_label, pagina=pagina, woorden=woorden, vak=vak
        )
    with edits.locked(folder):
        reviewlog.read_lines(folder)  # a broken record: refused before anything is redacted
        _add_lak(folder, found, value)
    line: dict[str, Any] = {"wat": "add", "door": door, "document": document, **value}
    return record(folder, line, now=now)


def _document(case: Case, ident: str, label: str) -> Document:
    for document in case.documents:
        if document.id == ident:
            return document
    raise ReviewRefused(
        f"{label}: expected a document of the case "
        f"({', '.join(d.id for d in case.documents)}), got {ident!r}; a title is changed "
        "in the case file itself"
    )


def _add_lak(folder: Path, document: Document, value: dict[str, Any]) -> None:
    data = yamledit.load(folder / CASE_FILE)
    bijlagen = data.get("bijlagen") if isinstance(data, dict) else None
    entry = next(
        (b for b in bijlagen or [] if isinstance(b, dict) and b.get("id") == document.id), None
    )
    if entry is None:
        raise ReviewRefused(f"bijlagen: expected a bijlage with id {document.id!r}")
    lakken = entry.get("lakken")
    if lakken is None:
        lakken = entry["lakken"] = CommentedSeq()
    if not isinstance(lakken, list):
        raise ReviewRefused(f"{document.id}.lakken: expected a list")
    if any(dict(item) == value for item in lakken if isinstance(item, dict)):
        return
    item = CommentedMap()
    for key, v in value.items():
        if isinstance(v, list):
            v = CommentedSeq(v)
            v.fa.set_flow_style()  # vak: [x0, y0, x1, y1] on one line
        item[key] = v
    lakken.append(item)
    _save(folder, {CASE_FILE: yamledit.dumps(data).encode()})


def _save(folder: Path, changes: dict[str, bytes]) -> None:
    problems = edits.save(folder, changes)
    if problems:
        shown = "; ".join(f"{p.file}:{p.line or ''} {p.key}: {p.message}" for p in problems)
        raise ReviewRefused(f"the redaction would add a problem to the case, not written: {shown}")


def _pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words.split()))


def _wrap(text: str, pattern: re.Pattern[str], ground: str) -> str:
    """``text`` with each occurrence of ``pattern`` outside a {lak} passage marked."""
    out, at = [], 0
    for passage in lak.LAK.finditer(text):
        out.append(
            pattern.sub(lambda m: f"{{lak:{ground}}}{m[0]}{{/lak}}", text[at : passage.start()])
        )
        out.append(passage[0])
        at = passage.end()
    out.append(pattern.sub(lambda m: f"{{lak:{ground}}}{m[0]}{{/lak}}", text[at:]))
    return "".join(out)


def _marked(node: Any, pattern: re.Pattern[str], ground: str) -> int:
    """Mark the words in every text of ``node`` (round-trip data) in place; how many."""
    count = 0
    keys: Any = node.keys() if isinstance(node, dict) else range(len(node))
    for key in list(keys):
        value = node[key]
        if isinstance(value, str):
            new = _wrap(value, pattern, ground)
            if new != value:
                node[key] = yamledit.styled(value, new)
                count += 1
        elif isinstance(value, dict | list):
            count += _marked(value, pattern, ground)
    return count


def _redact_data(
    folder: Path, case: Case, document: Document, words: str, ground: str, version: str
) -> None:
    ident = docdata.VOORSTEL if document.number is None else document.id
    located = docdata.locate(folder, ident)
    path = inside(folder, located.file)
    if version and version != versions.digest(path.read_bytes()):
        raise ReviewRefused(
            f"{located.file}: changed since version {version[:12]}… was seen; look again "
            "before accepting"
        )
    data = yamledit.load(path)
    node = data
    for part in located.prefix:
        node = node[part]
    if not isinstance(node, dict | list) or not _marked(node, _pattern(words), ground):
        raise ReviewRefused(
            f"{document.short_label}: {words!r} is not in its data ({located.file}): the "
            "words come from the template or another document; change them there"
        ).coded(
            "review-not-in-data",
            label=document.short_label,
            woorden=words,
            file=located.file,
        )
    _save(folder, {located.file: yamledit.dumps(data).encode("utf-8")})
    versions.remember(edit_root(folder), path)


def check_publish(case: Case, settings_: BuildSettings | None = None) -> ReviewStatus | None:
    """Refuse (:class:`ReviewRefused`) while the case's review is not done: suggestions
    without a decision, or decisions not confirmed when four eyes is on. Only a case under
    review is checked (a review record, or ``verplicht`` in ``review.yaml``): None for the
    others, at the cost of two file lookups."""
    folder = case.path.parent
    from besluitpak.editing.reviewlog import record_file

    if not record_file(folder).exists() and not settings(folder).verplicht:
        return None
    status = review_status(folder, suggest(case, settings=settings_))
    refusal = status.refusal()
    if refusal:
        raise ReviewRefused(f"{case.path}: {refusal}")
    return status


def publish(
    case: Case, *, out: Path, settings: BuildSettings | None = None, **kwargs: Any
) -> BuildResult:
    """:func:`besluitpak.pipeline.publish`, refused first while the case's review is not
    done (:func:`check_publish`)."""
    from besluitpak import pipeline

    check_publish(case, settings)
    return pipeline.publish(case, out=out, settings=settings, **kwargs)


def schedule(
    case: Case, *, out: Path, settings: BuildSettings | None = None, **kwargs: Any
) -> Change:
    """:func:`besluitpak.lifecycle.schedule` (a publication planned for a day), refused
    first while the case's review is not done, as :func:`publish` is."""
    from besluitpak import lifecycle

    check_publish(case, settings)
    return lifecycle.schedule(case, out=out, settings=settings, **kwargs)
