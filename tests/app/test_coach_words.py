"""A coach's words reach the page: each sentence is changed in a copy of the pack and found on screen.

Home's lines, the thank-you checks' explanations, and the Tracker's and Analytics' messages and
action cards all come from the content pack, with placeholders `content check` knows. Every string
of Home's own files is marked and looked for across Home's situations
(test_every_home_sentence_is_the_coachs).
"""

import re
import socket
from datetime import date, datetime, timedelta

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from followthrough.models import Application, Interview, Interviewer, InterviewFormat, PlanItem
from followthrough.services.workbook import Workbook
from followthrough.store.answers import AnswerRepository
from followthrough.store.applications import ApplicationRepository
from followthrough.store.interviews import InterviewRepository
from followthrough.store.momentum import MomentumRepository
from followthrough.store.practice import PracticeRepository
from followthrough.store.thank_you import ThankYouRepository
from tests.app.conftest import find_interview, shown
from tests.app.test_timeline import text
from tests.conftest import ROOT, CoachPack
from ui import resources, shelf
from ui.clock import ENV


def _shown(at: AppTest) -> str:
    """Everything the page says, as the reader sees it."""
    return text(at)


def _links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_home_speaks_in_the_coachs_words(coach_pack: CoachPack, open_page, sample_workbook) -> None:
    coach_pack.edit("home.yaml", "A coaching workbook for the days", "Coach's intro for the days")
    coach_pack.edit(
        "home.yaml", '"{count} steps are overdue', '"{count} tasks are late, coach says'
    )
    coach_pack.edit(
        "notes.yaml",
        "many: Take your notes now — memory fades ({count} prompts left).",
        "many: Coach says write {count} answers down now.",
    )
    coach_pack.edit(
        "home.yaml", "open_step: Open step {number}", "open_step: Coach's step {number}"
    )
    coach_pack.edit(
        "home.yaml", "remove_sample: Remove the sample", "remove_sample: Coach removes the"
    )
    at = open_page("app_pages/home.py")
    shown = _shown(at)
    assert "Coach's intro for the days" in shown
    assert "tasks are late, coach says" in shown
    assert "Coach says write 3 answers down now." in shown
    assert "Coach's step 1" in _links(at)
    assert at.button(key="home_remove_sample").label.startswith("Coach removes the")
    assert not at.exception


def test_the_thank_you_checks_explain_in_the_coachs_words(
    coach_pack: CoachPack, open_step, sample_workbook
) -> None:
    coach_pack.edit("thank_you.yaml", "label: Names the interviewer", "label: Greets them (coach)")
    coach_pack.edit(
        "thank_you.yaml",
        "passed: Addresses {name} by name.",
        'passed: "{name} is greeted (coach)."',
    )
    coach_pack.edit(
        "thank_you.yaml",
        'many: "{count} words; aim for {min}–{max}."',
        'many: "Coach counts {count} words, between {min} and {max} is best."',
    )
    summary = find_interview(sample_workbook, "Northwind Analytics", 2)
    at = open_step("app_pages/step2_thank_you.py", summary)
    checks = next(t.value for t in at.table if "Check" in t.value.columns)
    by_label = dict(zip(checks["Check"], checks["Why"], strict=True))
    tom = summary.interview.interviewers[0].name
    assert by_label["Greets them (coach)"] == f"{tom} is greeted (coach)."
    assert by_label["Sensible length"].startswith("Coach counts ")
    assert by_label["Sensible length"].endswith("words, between 50 and 200 is best.")
    assert not at.exception


def test_the_tracker_speaks_in_the_coachs_words(coach_pack: CoachPack, open_page) -> None:
    coach_pack.edit("pipeline.yaml", "Every application with its current stage.", "Coach's list.")
    coach_pack.edit("pipeline.yaml", '"No applications yet: add one above', '"Coach: add one above')
    at = open_page("app_pages/tracker.py")
    assert "Coach's list." in _shown(at)
    assert at.info[0].value.startswith("Coach: add one above")
    assert not at.exception


def test_a_stale_application_is_flagged_in_the_coachs_words(
    coach_pack: CoachPack, open_page, sample_workbook
) -> None:
    coach_pack.edit(
        "pipeline.yaml", "No reply for {days} days or more:", "Coach: {days} days quiet:"
    )
    apps = sample_workbook.repo(ApplicationRepository).all()
    harbor = next(a.id for a in apps if a.company == "Harbor Logistics")
    at = open_page("app_pages/tracker.py")
    at.selectbox(key="pipeline_selected").set_value(harbor).run()
    assert any(w.value.startswith("Coach: 21 days quiet:") for w in at.warning)
    assert not at.exception


def test_analytics_speaks_in_the_coachs_words(
    coach_pack: CoachPack, open_page, sample_workbook
) -> None:
    coach_pack.edit(
        "pipeline.yaml",
        "{count} applications so far: the intervals are wide,",
        "Coach: only {count} applications, so the intervals are wide,",
    )
    coach_pack.edit(
        "pipeline.yaml", 'too_small: "too few to compare with', 'too_small: "coach: too few for'
    )
    coach_pack.edit("pipeline.yaml", "Reached = the stage or any later one", "Coach: reached =")
    coach_pack.edit(
        "pipeline.yaml",
        "response: Half of the {employers} who replied did so within {days} of your application.",
        'response: "Coach: half the {employers} who replied did so within {days}."',
    )
    at = open_page("app_pages/analytics.py")
    shown = _shown(at)
    assert "Coach: only 8 applications, so the intervals are wide," in shown
    assert "coach: too few for the benchmark" in shown
    assert "Coach: reached =" in shown
    assert "Coach: half the 5 employers who replied" in shown
    assert not at.exception


# -- every sentence of Home ----------------------------------------------------------------------
# Each string of home.yaml, before_you_go.yaml and momentum.yaml's waiting advice gets a mark of
# its own in a copy of the pack; Home is then shown in every situation those files speak to, and
# each mark must be found on the page. Of a counted pair (one:/many:) one variant is enough.

HOME_FILES = {"home.yaml": None, "before_you_go.yaml": None, "momentum.yaml": ("waiting",)}
WORDS_AT = re.compile(r"zq\d+x")


def _mark_every_string(node: object, where: str, marks: dict[str, str]) -> object:
    if isinstance(node, dict):
        return {k: _mark_every_string(v, f"{where}.{k}", marks) for k, v in node.items()}
    if isinstance(node, list):
        return [_mark_every_string(v, f"{where}[{i}]", marks) for i, v in enumerate(node)]
    if isinstance(node, str):
        marks[where] = f"zq{len(marks)}x"
        return f"{marks[where]} {node}"
    return node


def _mark_pack(pack: CoachPack) -> dict[str, str]:
    """Mark every string of Home's files (only `only`'s sections of a shared file): where → mark."""
    marks: dict[str, str] = {}
    for name, only in HOME_FILES.items():
        path = pack.dir / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in only or list(data):
            data[key] = _mark_every_string(data[key], f"{name}:{key}", marks)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return marks


def _everything(at: AppTest) -> str:
    """Every word of the main area: texts, and the labels of links, buttons and expanders."""
    found = []
    for node in at.main:
        for attribute in ("value", "label"):
            value = getattr(node, attribute, None)
            if isinstance(value, str):
                found.append(value)
        if node.type == "page_link":
            found.append(node.proto.label)
    return "\n".join(found)


def _interview(
    wb: Workbook,
    company: str,
    starts_at: datetime,
    decision: date | None,
    names: list[str],
) -> tuple[int, list[int]]:
    app_id = wb.repo(ApplicationRepository).add(
        Application(company, "Designer", applied_on=starts_at.date() - timedelta(days=20))
    )
    interviews = wb.repo(InterviewRepository)
    interview_id = interviews.add(
        Interview(
            app_id,
            1,
            InterviewFormat.VIDEO,
            starts_at,
            starts_at + timedelta(hours=1),
            decision_expected_on=decision,
            interviewers=[Interviewer(name) for name in names],
        )
    )
    saved = interviews.get(interview_id)
    assert saved is not None
    return interview_id, [p.id for p in saved.interviewers if p.id is not None]


def _notes_done(wb: Workbook, interview_id: int, people: list[int]) -> None:
    answers = wb.repo(AnswerRepository)
    for person in people:
        answers.save(interview_id, "notes", "topics", "The design system", str(person))
    answers.save(interview_id, "notes", "company_learned", "Series B", "")
    answers.save(interview_id, "notes", "self_evaluation", "Good on research", "")


def _home_at(now: datetime, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV, now.isoformat())
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    return at.run()


def test_every_home_sentence_is_the_coachs(
    coach_pack: CoachPack, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks = _mark_pack(coach_pack)
    seen: set[str] = set()

    def look(at: AppTest) -> None:
        assert not at.exception, at.exception
        seen.update(WORDS_AT.findall(_everything(at)))
        for summary in workbook.repo(InterviewRepository).summaries():
            for fold in ("waiting", "before"):  # as a click on a card's folded advice does
                at.session_state[f"home_{fold}_{summary.interview.id}"] = True
        at.run()
        assert not at.exception, at.exception
        seen.update(WORDS_AT.findall(_everything(at)))

    # An empty workbook; the sample loaded, then removed again.
    at = _home_at(datetime(2026, 12, 7, 9, 0), monkeypatch)
    look(at)
    at.button(key="home_load_sample").click().run()
    look(at)
    at.button(key="home_remove_sample").click().run()
    look(at)  # asked first
    at.button(key="home_remove_sample_yes").click().run()
    look(at)
    # An application, no interview yet.
    apps = workbook.repo(ApplicationRepository)
    lone = apps.add(Application("Initech", "Designer", applied_on=date(2026, 12, 1)))
    look(_home_at(datetime(2026, 12, 7, 9, 0), monkeypatch))
    apps.delete(lone)
    # The day before an interview (by hand, with names) and after another gone silent past its
    # decision date (notes done, the rest due or overdue), with a card to rehearse, an old one,
    # and more interviews ahead than Home shows at once.
    ahead, _ = _interview(
        workbook, "Northwind", datetime(2026, 12, 8, 10), date(2026, 12, 18), ["Tom Okafor"]
    )
    silent, people = _interview(
        workbook, "Contoso", datetime(2026, 11, 24, 14), date(2026, 11, 27), ["Priya Shah"]
    )
    _notes_done(workbook, silent, people)
    workbook.repo(PracticeRepository).add(silent, "Why did you leave your last job?")
    _interview(workbook, "Fabrikam", datetime(2026, 10, 1, 9), None, ["Ann Lee"])
    later = [  # more interview cards than Home draws at once
        _interview(workbook, f"Globex {n}", datetime(2026, 12, 20 + n, 9), None, [])[0]
        for n in range(4)
    ]
    look(_home_at(datetime(2026, 12, 7, 9, 0), monkeypatch))
    # The morning of an interview by e-mail (a quick decision) whose names are unknown; the only
    # other one has every step done but a status call still to come.
    for interview_id in (ahead, silent, *later):
        workbook.repo(InterviewRepository).delete(interview_id)
    _interview(workbook, "Litware", datetime(2026, 12, 9, 10), date(2026, 12, 10), [])
    done, people = _interview(
        workbook, "Adatum", datetime(2026, 12, 7, 10), date(2026, 12, 11), ["Bo Chen"]
    )
    _notes_done(workbook, done, people)
    for person in people:
        workbook.repo(ThankYouRepository).save(person, sent_on=date(2026, 12, 7))
    workbook.repo(MomentumRepository).add_item(PlanItem(done, "application", "Apply", done=True))
    look(_home_at(datetime(2026, 12, 9, 8, 0), monkeypatch))
    # A database that does not answer for a moment (a port where nothing listens).
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("FOLLOWTHROUGH_DB_URL", f"postgresql+psycopg://x@127.0.0.1:{port}/x")
    shelf.clear_all()
    look(_home_at(datetime(2026, 12, 9, 8, 0), monkeypatch))

    counted = {where.rsplit(".", 1)[0] for where in marks if where.endswith((".one", ".many"))}
    missing = [
        where
        for where, mark in marks.items()
        if mark not in seen
        and not (
            where.rsplit(".", 1)[0] in counted
            and any(marks[f"{where.rsplit('.', 1)[0]}.{n}"] in seen for n in ("one", "many"))
        )
    ]
    assert not missing, f"not on Home in the coach's words: {missing}"


def test_an_edit_shows_on_a_page_already_open(
    coach_pack: CoachPack, open_page, monkeypatch
) -> None:
    monkeypatch.setattr(resources, "STAMP_TTL_S", 0.0)  # the pack's files looked at on every run
    at = open_page("app_pages/home.py")
    assert "Coach's intro" not in shown(at.markdown)
    coach_pack.edit("home.yaml", "A coaching workbook for the days", "Coach's intro for the days")
    at.run()
    assert "Coach's intro for the days" in shown(at.markdown) and not at.exception
