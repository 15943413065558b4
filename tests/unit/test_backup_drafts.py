"""Drafts whose key names a record follow it through a backup and a restore.

A form for an existing record keeps its unsaved values under `<form><record id>_<field>`; a restore
renumbers every record, so such a draft must be renumbered with it (store/backup_file.DRAFT_FORMS).
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from followthrough.services import drafts
from followthrough.services.sample import load_sample
from followthrough.services.workbook import Workbook
from followthrough.store import backup
from followthrough.store.applications import ApplicationRepository
from followthrough.store.backup import BackupRepository
from followthrough.store.backup_file import DRAFT_FORMS
from tests.conftest import ROOT

# Forms whose prefix names a record but whose fields are saved as they change, never as drafts.
SAVED_AS_TYPED = {"step2_": "thank-you notes, saved through services.thank_you"}
_PREFIX = re.compile(r'f"([^"]*?)\{[\w.]*id\}_"')  # a key prefix ending in a record's id


def _record_prefixes(page: Path) -> set[str]:
    source = page.read_text(encoding="utf-8")
    name = re.search(r'^PAGE = "(\w+)"', source, re.MULTILINE)
    found = {m[1] for m in _PREFIX.finditer(source)}
    return {p.replace("{PAGE}", name[1]) if name else p for p in found}


def test_every_form_prefix_naming_a_record_is_known_to_the_backup() -> None:
    found = set().union(*map(_record_prefixes, (ROOT / "app_pages").glob("*.py")))
    assert found == set(DRAFT_FORMS) | set(SAVED_AS_TYPED)


@pytest.fixture
def sample(workbook: Workbook) -> Workbook:
    load_sample(workbook, date(2026, 11, 20))
    return workbook


def _saved_drafts(wb: Workbook) -> dict[str, object]:
    rows = wb.repo(BackupRepository).backup()["tables"]["drafts"]
    return {row["key"]: json.loads(row["value"]) for row in rows}


def test_a_draft_of_a_record_that_is_gone_is_left_out(sample: Workbook) -> None:
    apps = sample.repo(ApplicationRepository)
    kept, gone = sorted(apps.all(), key=lambda a: a.id or 0)[:2]  # kept is 1 in the file
    drafts.keep_draft(sample, f"pipeline_app{kept.id}_notes", "kept")
    drafts.keep_draft(sample, f"pipeline_app{gone.id}_notes", "shows nowhere")
    drafts.keep_draft(sample, "interviews_new_application", gone.id)
    drafts.keep_draft(sample, "pipeline_new_company", "a new one")
    apps.delete(gone.id)
    assert _saved_drafts(sample) == {
        "pipeline_app1_notes": "kept",
        "pipeline_new_company": "a new one",
    }


def test_a_new_record_chosen_in_a_draft_stays_new(sample: Workbook) -> None:
    drafts.keep_draft(sample, "interviews_new_application", 0)  # "a new application"
    assert _saved_drafts(sample) == {"interviews_new_application": 0}


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        (
            "interviews_iv99_location",
            '"Room 4"',
            "drafts row 1 (id 1), key: names interviews id 99",
        ),
        (
            "interviews_new_application",
            "99",
            "drafts row 1 (id 1), value: names applications id 99",
        ),
    ],
)
def test_a_draft_naming_a_record_not_in_the_file_is_refused(sample, key, value, problem) -> None:
    data = sample.repo(BackupRepository).backup()
    data["tables"]["drafts"] = [{"id": 1, "key": key, "value": value}]
    with pytest.raises(backup.BackupError, match=re.escape(problem) + ": no such row"):
        backup.parse(json.dumps(data))
