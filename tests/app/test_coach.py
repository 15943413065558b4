"""The Coach's view page: what participants share, read fresh on every rerun."""

from datetime import date, datetime

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.models import ShareKind
from followthrough.services import cohorts
from followthrough.services.sample import load_sample
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.answers import AnswerRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.interviews import InterviewRepository
from tests.app.hosted import hosted, open_as, person, workbook_of

__all__ = ["hosted"]  # a fixture
PAGE = "app_pages/coach.py"


def _cohort(db_url: str, sharing: int = 5) -> tuple[int, dict]:
    now = datetime.now()
    cara = workbook_of(db_url, "cara", "Cara")
    made = cohorts.create(cara, "Spring cohort", None, None, DEFAULT_CONTENT_DIR.name)
    code = cohorts.new_invite(cara, made.id, now).code
    people = {}
    for n in range(sharing):
        wb = people[f"p{n}"] = workbook_of(db_url, f"p{n}", f"Person {n}")
        load_sample(wb, date.today())
        cohorts.join(wb, code, now)
        cohorts.share(wb, made.id, ShareKind.PIPELINE)
    return made.id, people


def test_a_signed_in_person_who_coaches_nothing_is_told_where_to_start(hosted) -> None:
    at = open_as(person("cara", "Cara"), PAGE)
    assert "You coach no cohort yet" in at.info[0].value
    assert not at.exception


def test_the_coach_sees_the_funnel_and_opens_a_shared_note_which_is_logged(hosted) -> None:
    cohort_id, people = _cohort(hosted)
    ann = people["p0"]
    interview = ann.repo(InterviewRepository).summaries()[0].interview
    ann.repo(AnswerRepository).save(interview.id, "notes", "what_mattered", "Data quality")
    item = next(i for i in ann.repo(ConsentRepository).items() if i.text == "Data quality")
    cohorts.share(ann, cohort_id, ShareKind.NOTE, item.id)

    at = open_as(person("cara", "Cara"), PAGE)
    funnel = at.dataframe[0].value
    assert funnel.iloc[0].to_dict()["Applications"] == "40"
    key = f"coach_open_{ann.owner.id}_note_{item.id}"
    at.button(key=key).click().run()
    assert "Data quality" in [t.value for t in at.text]
    [entry] = ann.repo(AccessLogRepository).about_me()
    assert entry.coach_name == "Cara"

    cohorts.withdraw(ann, cohort_id, ShareKind.NOTE, item.id)  # in Ann's own tab
    at.run()
    assert not [b for b in at.button if b.key == key]
    assert "Data quality" not in [t.value for t in at.text]
    assert not at.exception


def test_with_fewer_than_five_sharing_nothing_is_shown(hosted) -> None:
    _cohort(hosted, sharing=4)
    at = open_as(person("cara", "Cara"), PAGE)
    assert set(at.dataframe[0].value["Applications"]) == {"fewer than 5 people"}
    assert not at.exception
