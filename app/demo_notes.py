"""Private notes for the demo file: a few realistic confidential notes under the passphrase
`demo`, on people, tandems and a meeting of the demo program.

Called at the end of `app.demo.generate_demo`. The demo passphrase is deliberately shorter
than a real one may be; the file is marked so the window can say which passphrase opens it
(`app.services.notes.demo_passphrase_hint`).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from app.i18n import tr
from app.model import SessionStatus, TandemStatus
from app.services import notes, sessions, tandems

DEMO_PASSPHRASE = "demo"


def add_demo_notes(db: Database, today: date) -> int:
    """Set up notes with the passphrase `demo` and write a few notes; returns how many.

    Uses whatever demo tandems and sessions exist, so it works for any demo size. The notes
    are written in the current language, like the rest of the demo.
    """
    vault = notes.NoteVault(db)
    try:
        if notes.is_set_up(db):
            vault.unlock(DEMO_PASSPHRASE)
        else:
            vault.complete_setup(vault._prepare(DEMO_PASSPHRASE))  # no length rule for the demo
            notes.mark_demo_passphrase(db, DEMO_PASSPHRASE)
        return _write(db, vault, today)
    finally:
        vault.close()


def _write(db: Database, vault: notes.NoteVault, today: date) -> int:
    all_tandems = tandems.list_tandems(db)
    if not all_tandems:
        return 0
    latest_round = max(t.round_id for t in all_tandems)
    running = [t for t in all_tandems if t.round_id == latest_round]
    active = [t for t in running if t.status == TandemStatus.ACTIVE]
    all_sessions = sessions.list_sessions(db)
    written = 0

    dissolved = next((t for t in running if t.status == TandemStatus.DISSOLVED), None)
    if dissolved:
        vault.add_note(
            "tandem",
            dissolved.id,
            tr("Background to the break-up"),
            tr(
                "Talked to {mentee} after the second cancelled meeting: {mentor} seemed to hold "
                "back and never said openly what was on their mind, and {mentee} did not want "
                "to push. Not for the report. For the new pairing: a mentor from another "
                "department who is used to speaking plainly.",
                mentee=dissolved.mentee_name,
                mentor=dissolved.mentor_name,
            ),
            dissolved.dissolved_on or today - timedelta(days=10),
        )
        written += 1

    cancelled_ids = {s.tandem_id for s in all_sessions if s.status == SessionStatus.CANCELLED}
    troubled = next((t for t in active if t.id in cancelled_ids), None)
    if troubled:
        vault.add_note(
            "tandem",
            troubled.id,
            tr("Keep an eye on: meetings slipping"),
            tr(
                "One meeting cancelled at short notice, the check-in ratings are low. {mentor} "
                "told me in confidence that {mentee} often checks e-mails during their meetings. "
                "Offer both a short talk before the next meeting; do not mention who said what.",
                mentor=troubled.mentor_name,
                mentee=troubled.mentee_name,
            ),
            today - timedelta(days=4),
        )
        written += 1

    others = [t for t in active if t is not troubled]
    if others:
        first = others[0]
        vault.add_note(
            "participant",
            first.mentee_id,
            tr("Worry about the reorganisation"),
            tr(
                "{name} mentioned that the department may be merged next year and is unsure "
                "when to tell the team. Asked explicitly that this stays between us. Nothing "
                "to do for HR yet.",
                name=first.mentee_name,
            ),
            today - timedelta(days=21),
        )
        written += 1
    if len(others) > 1:
        second = others[1]
        vault.add_note(
            "participant",
            second.mentor_id,
            tr("Career wish"),
            tr(
                "{name} would like to move to the data team next year and has not told the "
                "manager yet. Ask again at the final feedback; do not pass it on before then.",
                name=second.mentor_name,
            ),
            today - timedelta(days=35),
        )
        written += 1

    active_ids = {t.id for t in active}
    held = [s for s in all_sessions if s.status == SessionStatus.HELD and s.tandem_id in active_ids]
    if held:
        meeting = max(held, key=lambda s: s.starts_at)
        vault.add_note(
            "session",
            meeting.id,
            tr("Said in confidence"),
            tr(
                "The mentee spoke openly about feeling left behind by the new tools and about "
                "being afraid to ask in front of the team. The mentor handled it well. "
                "Nothing of this goes into the shared summary."
            ),
            meeting.starts_at.date(),
        )
        written += 1

    completed = next((t for t in all_tandems if t.status == TandemStatus.COMPLETED), None)
    if completed:
        vault.add_note(
            "tandem",
            completed.id,
            tr("Annual report: ask first"),
            tr(
                "Both would tell their story at the staff meeting, but only without names in "
                "the written report. Ask again before using anything from this tandem."
            ),
            completed.completed_on or today - timedelta(days=60),
        )
        written += 1
    return written
