"""Versions of a CV (issue 23): the CV as it was at every download and every send, and named
versions the user saves; each can be viewed as its PDF and restored.

A version is a ``CVSnapshot`` row: the CV's editable content (``history.content_of``: every
field, layout choice, entry and own section; not the photo, which stays as it is), deflated
and sealed (``models/sealed.py``, kind ``zjson``). A download or send whose content equals
the newest version adds nothing, so downloading ten times keeps one version. At most
:data:`MAX_VERSIONS` per CV: beyond it the oldest unnamed version goes, and a named one is
refused (``error.too_many_versions``) once only named ones are left. Restoring makes the
current content a version first (``restore``), so nothing is ever lost, and records an undo
step. Versions are personal data like the CV: registered, exported, erased with it and kept
as long (``models/cv.py``). The owner only (``NotFound`` otherwise); restoring a locked CV
is refused (``error.cv_locked``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, delete, func, select

from ...models import CV, CVEntry, CVSection, CVSnapshot
from ..core import clock, fields
from ..core.errors import Invalid, NotFound
from . import history
from .checks import editable_cv, owned_cv, touch
from .cvs import photo_bytes

MAX_VERSIONS = 100
NAME_MAX = 80
REASONS = ("download", "send", "named", "restore")


@dataclass(frozen=True)
class VersionView:
    """One version as the list shows it (times in Europe/Amsterdam)."""

    id: int
    when: str
    reason: str
    name: str


def _newest(session: Session, cv_id: int) -> CVSnapshot | None:
    return session.exec(select(CVSnapshot).where(CVSnapshot.cv_id == cv_id)
                        .order_by(CVSnapshot.id.desc()).limit(1)).first()


def _prune(session: Session, cv_id: int) -> None:
    """Keep at most MAX_VERSIONS: the oldest unnamed ones go first."""
    count = session.exec(select(func.count(CVSnapshot.id)).where(CVSnapshot.cv_id == cv_id)).one()
    if count <= MAX_VERSIONS:
        return
    ids = session.exec(select(CVSnapshot.id).where(CVSnapshot.cv_id == cv_id, CVSnapshot.name == "")
                       .order_by(CVSnapshot.id).limit(count - MAX_VERSIONS)).all()
    if ids:
        session.exec(delete(CVSnapshot).where(CVSnapshot.id.in_(ids)))


def keep(session: Session, cv: CV, reason: str, name: str = "") -> CVSnapshot | None:
    """Add a version of ``cv`` (one the caller checked) as it is now, in the caller's
    transaction (no commit); an unnamed one that equals the newest version adds nothing
    (None)."""
    if reason not in REASONS:
        raise Invalid("error.invalid_input")
    content = history.content_of(session, cv)
    newest = _newest(session, cv.id)
    if not name and newest is not None and newest.content == content:
        return None
    if name:
        named = session.exec(select(func.count(CVSnapshot.id)).where(
            CVSnapshot.cv_id == cv.id, CVSnapshot.name != "")).one()
        if named >= MAX_VERSIONS:
            raise Invalid("error.too_many_versions", field="version", max=MAX_VERSIONS)
    row = CVSnapshot(cv_id=cv.id, user_id=cv.user_id, reason=reason, name=name, content=content,
                     created_at=clock.now())
    session.add(row)
    session.flush()
    _prune(session, cv.id)
    return row


def keep_for(session: Session, *, user_id: int, cv_id, reason: str) -> None:
    """A version for a download or a send of the owner's CV; commits."""
    keep(session, owned_cv(session, user_id=user_id, cv_id=cv_id), reason)
    session.commit()


def save_named(session: Session, *, user_id: int, cv_id, name) -> int:
    """A version the user names ("Voor Bakkerij De Korf"); returns its id. ``Invalid`` for
    an empty or too long name and beyond MAX_VERSIONS named ones."""
    name = fields.text(name, field="version", max_len=NAME_MAX, required=True)
    row = keep(session, owned_cv(session, user_id=user_id, cv_id=cv_id), "named", name)
    session.commit()
    return row.id


def list_versions(session: Session, *, user_id: int, cv_id) -> list[VersionView]:
    """The CV's versions, newest first."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    rows = session.exec(select(CVSnapshot.id, CVSnapshot.created_at, CVSnapshot.reason, CVSnapshot.name)
                        .where(CVSnapshot.cv_id == cv.id).order_by(CVSnapshot.id.desc())).all()
    return [VersionView(id=i, when=clock.format_datetime(at), reason=reason, name=name)
            for i, at, reason, name in rows]


def _owned_version(session: Session, user_id: int, cv_id, version_id) -> tuple[CV, CVSnapshot]:
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    if not fields.is_id(version_id):
        raise NotFound("error.not_found")
    row = session.get(CVSnapshot, version_id)
    if row is None or row.cv_id != cv.id or row.user_id != user_id:
        raise NotFound("error.not_found")
    return cv, row


def _shadow(cv: CV, content: dict) -> tuple[CV, list[CVEntry], list[CVSection]]:
    """A transient copy of ``cv`` holding ``content``: its entries and own sections too."""
    shadow = CV(**{**cv.model_dump(), **{k: v for k, v in content.items()
                                          if k in CV.model_fields and k not in ("entries", "own")}})
    shadow.birth_date = history._date(content.get("birth_date"))
    own = [CVSection(id=int(o["key"][1:]), cv_id=cv.id, user_id=cv.user_id, title=o["title"])
           for o in content.get("own", []) if str(o.get("key", ""))[1:].isdigit()]
    entries = []
    for data in content.get("entries", []):
        data = dict(data)
        data["start"], data["end"] = history._date(data.get("start")), history._date(data.get("end"))
        entries.append(CVEntry(**data, cv_id=cv.id, user_id=cv.user_id))
    entries.sort(key=lambda e: (e.position, e.id or 0))
    return shadow, entries, own


def version_pdf(session: Session, *, user_id: int, cv_id, version_id) -> tuple[str, bytes]:
    """(file name, PDF) of one version, with the CV's current photo. CPU-bound."""
    from .pdf import render
    from .rendering import document_of, pdf_filename

    cv, row = _owned_version(session, user_id, cv_id, version_id)
    shadow, entries, own = _shadow(cv, row.content)
    omit = set(shadow.omit_fields or [])
    photo = None if "photo" in omit else photo_bytes(session, user_id=user_id, cv_id=cv.id)
    doc = document_of(shadow, entries, own, photo)
    stamp = clock.local_date(row.created_at).isoformat()
    return pdf_filename(f"{doc.title or doc.name}-{stamp}"), render(doc)


def restore_version(session: Session, *, user_id: int, cv_id, version_id) -> None:
    """Make the CV what the version holds; the current content becomes a version first and
    an undo step. One transaction."""
    cv, row = _owned_version(session, user_id, cv_id, version_id)
    editable_cv(session, user_id=user_id, cv_id=cv.id)
    content = dict(row.content)
    keep(session, cv, "restore")
    history.record(session, user_id=user_id, cv_id=cv.id)
    history.restore(session, cv, content)
    touch(session, cv)
    session.commit()
