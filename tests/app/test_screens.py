"""ui/screens.view: one person's cached screen is never another's, and a write shows at once."""

from followthrough.services import drafts, interviews
from followthrough.services.workbook import Workbook
from followthrough.store.people import PeopleRepository
from ui import screens


def test_a_cached_screen_is_never_served_to_another_person(sample_workbook: Workbook) -> None:
    other = sample_workbook.as_person(PeopleRepository(sample_workbook.engine).get_or_create("b"))
    screens.new_run()
    mine = screens.view(interviews.choices, sample_workbook)
    theirs = screens.view(interviews.choices, other)  # same call, same args, the same run
    assert len(mine.summaries) == 4 and not theirs.summaries
    drafts.keep_draft(other, "probe_box", "theirs")
    assert screens.view(drafts.drafts, sample_workbook, "probe_") == {}
    assert screens.view(drafts.drafts, other, "probe_") == {"probe_box": "theirs"}
