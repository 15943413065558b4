import shutil

from streamlit.testing.v1 import AppTest

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.store.applications import ApplicationRepository


def _texts(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)


def test_empty_workbook_offers_a_first_action(open_page) -> None:
    at = open_page("pages/home.py")
    assert "Your workbook is empty" in at.info[0].value
    assert at.button(key="home_load_sample")
    assert [m.label for m in at.metric] == [
        "Résumés received",
        "Candidates interviewed",
        "Offer made",
    ]
    assert [m.value for m in at.metric] == ["250", "4–6", "1"]
    assert not at.exception


def test_sample_workbook_loads_and_is_removed_again(open_page, workbook) -> None:
    at = open_page("pages/home.py")
    at.button(key="home_load_sample").click().run()
    assert "Loaded the sample workbook: 8 applications." in at.success[0].value
    assert "Northwind Analytics — Senior Product Designer (round 2" in _texts(at)
    at.button(key="home_remove_sample").click().run()
    assert ApplicationRepository(workbook.engine, workbook.owner.id).all() == []
    assert "Your workbook is empty" in at.info[0].value
    assert not at.exception


def test_home_renders_with_the_sample_workbook(open_page, sample_workbook) -> None:
    at = open_page("pages/home.py")
    assert "Kite Mobility" in _texts(at)
    assert "Prepare: the interview is on" in _texts(at)
    assert not at.exception


def test_broken_content_shows_a_named_error_not_a_traceback(
    open_page, tmp_path, monkeypatch
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    broken = pack / "benchmarks.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("low: 4", "low: four"), encoding="utf-8"
    )
    monkeypatch.setenv("FOLLOWTHROUGH_CONTENT_DIR", str(pack))
    at = open_page("pages/home.py")
    message = at.error[0].value
    assert "could not be loaded" in message
    assert f"{broken}: listing_funnel.stages[1].low: Input should be a valid number" in message
    assert not at.exception
