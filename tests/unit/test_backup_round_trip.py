"""Backup → restore keeps what every page shows, on a workbook where every column holds a value.

The workbook is built through the repositories; what comes back is read through the services'
view models (what the pages render), keyed by names and titles, never by ids: a restore renumbers
every row, and a note that follows the wrong id shows under the wrong person.
"""

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import pytest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import (
    Application,
    Channel,
    Contact,
    Instruction,
    Interview,
    Interviewer,
    InterviewFormat,
    InterviewSummary,
    PlanItem,
    Stage,
    StatusEvent,
)
from followthrough.services import (
    drafts,
    follow_up,
    home,
    interviews,
    momentum,
    notes,
    practice,
    thank_you,
    tracker,
    transfer,
)
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook, open_workbook
from followthrough.store import backup
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.backup import BackupRepository
from followthrough.store.follow_up import FollowUpRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository

PACK = load_content(DEFAULT_CONTENT_DIR)
NOW = datetime(2026, 11, 20, 15, 30)
TODAY = NOW.date()
CALL_AT = time(10, 45)
IMPORTED = b"Company,Role,Date applied,Status\nImported Co,Analyst,2026-10-01,responded\n"


def _round_two(wb: Workbook) -> InterviewSummary:
    """Northwind's second round: two interviewers, so a note can land under the wrong one."""
    return next(
        s
        for s in interviews.choices(wb).summaries
        if s.application.company == "Northwind Analytics" and s.interview.round_number == 2
    )


def _fill_every_column(wb: Workbook) -> None:
    apps = wb.repo(ApplicationRepository)
    first = apps.add(Application("First Co", "Temp", applied_on=date(2026, 1, 5)))
    wb.repo(InterviewRepository).add(
        Interview(first, 1, InterviewFormat.PHONE, NOW, NOW, interviewers=[Interviewer("Kim")])
    )
    apps.delete(first)  # gaps before every record: a restore renumbers them all
    load_sample(wb, TODAY)
    gone = next(a for a in apps.all() if a.company == "Harbor Logistics")
    apps.delete(gone.id)  # gaps in the ids, as in any workbook that has lived a little
    upload = transfer.read_upload(IMPORTED)  # an imported row keeps its natural key
    transfer.commit(wb, transfer.preview(wb, upload, transfer.Choices(upload.mapping())))
    imported = next(a for a in apps.all() if a.company == "Imported Co")
    apps.update(replace(imported, notes="Archived after a call", archived=True))

    summary = _round_two(wb)
    interview, app = summary.interview, summary.application
    assert interview.id is not None and app.id is not None
    apps.add_event(StatusEvent(app.id, Stage.FINAL_INTERVIEW, TODAY, "Booked for Friday"))
    tom, lena = interview.interviewers
    assert tom.id is not None and lena.id is not None
    people = wb.repo(InterviewRepository)
    people.update_interviewer(replace(lena, postal_address="1 Design Way\nBristol"))

    answers = wb.repo(AnswerRepository)
    answers.save(interview.id, "notes", "topics", "Tom: the roadmap", str(tom.id))
    answers.save(interview.id, "notes", "topics", "Lena: design critiques", str(lena.id))
    answers.save(interview.id, "notes", "revisit", "Lena: team rituals", str(lena.id))
    answers.save(interview.id, "notes", "company_learned", "Two offices, one team")

    notes_repo = wb.repo(ThankYouRepository)
    notes_repo.save(
        lena.id,
        body="Dear Lena, thank you.",
        topic="Lena: design critiques",
        channel=Channel.HANDWRITTEN,
        sent_on=TODAY,
        sent_channel=Channel.LETTER,
    )
    notes_repo.set_culture(app.id, PACK.thank_you.note.cultures[0].label)

    steps3 = wb.repo(FollowUpRepository)
    asked = steps3.add_instruction(
        Instruction(interview.id, "Three references", Channel.EMAIL, due_on=date(2026, 11, 25))
    )
    steps3.update_instruction(
        Instruction(
            interview.id,
            "Three references",
            Channel.EMAIL,
            due_on=date(2026, 11, 25),
            done_on=TODAY,
            done_channel=Channel.LETTER,
            id=asked,
        )
    )
    steps3.log_contact(
        Contact(interview.id, Channel.VOICEMAIL, TODAY, answered=True, note="Left a message")
    )
    for name, value in (
        ("call_on", date(2026, 11, 30)),
        ("call_time", CALL_AT),
        ("timezone", "Europe/London"),
        ("caller_name", "Alex Doe"),
        ("phone", "+44 20 7946 0000"),
        ("interest_line", "I am still very keen on the role."),
    ):
        steps3.save_plan_field(interview.id, name, value)

    steps4 = wb.repo(MomentumRepository)
    steps4.add_item(PlanItem(interview.id, "lead", "Write to Dana at Kite", done=True))
    steps4.set_weekly_goal(7)
    steps4.save_check_in(interview.id, "mood", PACK.momentum.check_in.moods[0].id)
    steps4.save_check_in(interview.id, "feeling", "Tired but hopeful")

    cards = wb.repo(PracticeRepository)
    card = cards.add(interview.id, "Why a design system now?", "off_guard")
    assert card is not None
    cards.update(card, better_answer="Because the team doubled.", confidence=4)
    cards.record_practice(card, TODAY)

    # Drafts: one of a form for a new record, and some of edits to records (keys with their ids).
    drafts.keep_draft(wb, "pipeline_new_company", "Half-typed Co")
    drafts.keep_draft(wb, f"interviews_iv{interview.id}_location", "Room 4 (draft)")
    drafts.keep_draft(wb, f"interviews_pe{lena.id}_title", "Principal Designer (draft)")
    drafts.keep_draft(wb, f"pipeline_app{app.id}_notes", "Ask about relocation (draft)")
    drafts.keep_draft(wb, f"step3_new_ins{interview.id}_what", "Portfolio link (draft)")
    drafts.keep_draft(wb, f"step4_new_item{interview.id}_label", "Apply to Lumen (draft)")
    drafts.keep_draft(wb, "interviews_new_application", app.id)


def _record_drafts(wb: Workbook) -> dict[str, Any]:
    """The drafts of round two's records, each form's by field name: found by the record's id now."""
    summary = _round_two(wb)
    interview, app = summary.interview, summary.application
    lena = interview.interviewers[1]

    def form(prefix: str) -> dict[str, Any]:
        return {k.removeprefix(prefix): v for k, v in drafts.drafts(wb, prefix).items()}

    found = drafts.drafts(wb, "")
    return {
        "interview": form(f"interviews_iv{interview.id}_"),
        "lena": form(f"interviews_pe{lena.id}_"),
        "tracker": form(f"pipeline_app{app.id}_"),
        "instruction": form(f"step3_new_ins{interview.id}_"),
        "plan item": form(f"step4_new_item{interview.id}_"),
        "new interview's application": found["interviews_new_application"] == app.id,
        "new application": found["pipeline_new_company"],
        "count": len(found),
    }


def _shown(wb: Workbook) -> dict[str, Any]:
    """What the pages show, through the services' view models, keyed by titles and names."""
    titles = interviews.choices(wb).titles
    table = tracker.table(wb, TODAY, 14)
    shown: dict[str, Any] = {
        "home": [
            (c.title, [b.state for b in c.steps], c.next_action)
            for c in home.home(wb, PACK, NOW).cards
        ],
        "interviews": interviews.screen(wb, None, TODAY).rows,
        "tracker": table.frame.drop(columns=["id"], errors="ignore").to_dict("records"),
        "export": transfer.export_csv(wb).data,
        "practice": [
            (c.question, c.better_answer, c.confidence, c.context, c.practised)
            for c in practice.bank(wb, PACK, [], NOW).cards
        ],
        "drafts": _record_drafts(wb),
    }
    for summary in interviews.choices(wb).summaries:
        names = {str(p.id): p.name for p in summary.interview.interviewers}
        step1 = notes.screen(wb, PACK, summary.interview, NOW)
        step2 = thank_you.screen(wb, PACK, summary, NOW)
        step3 = follow_up.screen(wb, PACK, summary, TODAY, NOW)
        step4 = momentum.screen(wb, PACK, summary, TODAY).day
        assert step4 is not None
        plan = step3.plan
        shown[titles[summary.interview.id or 0]] = {
            "step 1": {(p, names.get(s, s)): v for (p, s), v in step1.answers.items()},
            "step 1 people": [names[i.subject] for i in step1.interviewers],
            "step 2": [
                (n.name, n.topic, n.body, n.channel, n.sent, n.topics) for n in step2.notes.values()
            ],
            "culture": step2.culture,
            "step 3 plan": (plan.call_on, plan.call_time, plan.timezone, plan.caller_name),
            "step 3 more": (plan.phone, plan.interest_line, step3.call.day, step3.call.at),
            "instructions": [
                (i.item.what, i.item.channel, i.item.due_on, i.item.done_on, i.warning)
                for i in step3.instructions
            ],
            "contacts": step3.contacts.rows,
            "voicemail": step3.voicemail.script,
            "calendar": step3.calendar.contents,
            "step 4": (step4.check_in, [(r.kind, r.label, r.done) for r in step4.plan]),
        }
    return shown


@pytest.fixture
def everything(store_url: str) -> Workbook:
    wb = open_workbook(store_url)
    _fill_every_column(wb)
    return wb


def test_the_workbook_fills_every_owned_table_and_column(everything: Workbook) -> None:
    data = everything.repo(BackupRepository).backup()["tables"]
    empty = [
        f"{table.name}.{column.name}"
        for table in backup.owned_tables()
        for column in table.c
        if column.name != "owner_id"  # the restorer owns what is restored: never in the file
        and all(row.get(column.name) is None for row in data.get(table.name, []))
    ]
    assert empty == []
    assert empty == []


def test_a_restored_backup_shows_the_same_pages(everything: Workbook, tmp_path) -> None:
    before = _shown(everything)
    assert before[next(k for k in before if "round 2" in k)]["step 3 plan"][1] == CALL_AT
    assert before["drafts"]["interview"] != {}  # the drafts compared are really there
    file = transfer.backup_json(everything)
    fresh = open_workbook(f"sqlite:///{tmp_path / 'fresh.db'}")
    transfer.restore(fresh, transfer.read_backup(fresh, file.data))
    assert _shown(fresh) == before


def test_restoring_a_workbooks_own_backup_shows_the_same_pages(everything: Workbook) -> None:
    """On PostgreSQL every restored row gets a new id (sequences never reuse one)."""
    before = _shown(everything)
    file = transfer.backup_json(everything)
    transfer.restore(everything, transfer.read_backup(everything, file.data))
    assert _shown(everything) == before
    assert transfer.backup_json(everything).data == file.data
