"""Several content packs on one server: which folders are packs, names that cannot leave the
packs folder, a broken pack named with its error and offered to nobody, and `content check --all`."""

from pathlib import Path

import pytest

from followthrough import config
from followthrough.cli import main
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.models import Invalid
from followthrough.services import cohorts
from followthrough.services.workbook import open_workbook
from followthrough.store.people import PeopleRepository
from tests.packs import STEP1, make_pack, packs

__all__ = ["packs"]  # a fixture


def test_without_a_packs_folder_the_server_has_its_one_pack(monkeypatch) -> None:
    monkeypatch.delenv(config.PACKS_ENV, raising=False)
    monkeypatch.delenv("FOLLOWTHROUGH_CONTENT_DIR", raising=False)
    assert config.packs() == {"content": DEFAULT_CONTENT_DIR}
    assert cohorts.packs() == ["content"]


def test_every_subfolder_with_a_safe_name_is_a_pack_the_default_first(packs: Path) -> None:
    spring = make_pack(packs, "spring", "Take notes right", "Spring cohort, take notes right")
    autumn = make_pack(packs, "autumn-2026")
    (packs / ".git").mkdir()  # hidden: not a pack
    (packs / "README.txt").write_text("not a folder", encoding="utf-8")
    assert config.packs() == {
        "content": DEFAULT_CONTENT_DIR,
        "autumn-2026": autumn,
        "spring": spring,
    }
    assert cohorts.packs() == ["content", "autumn-2026", "spring"]
    assert load_content(config.pack_dir("spring")).steps[0].title.startswith("Spring cohort,")


def test_a_name_never_reaches_a_folder_outside_the_packs_folder(
    packs: Path, tmp_path: Path
) -> None:
    make_pack(packs, "spring")
    make_pack(tmp_path, "outside")  # a real pack, next to the packs folder, not in it
    for name in [
        "../outside",
        "..",
        ".",
        "spring/..",
        "spring/../../outside",
        str(tmp_path / "outside"),
        "",
        "/",
        "spring\\..",
        "outside",
        " spring",
    ]:
        assert config.pack_dir(name) is None, name
    assert config.pack_dir("spring") == packs / "spring"


def test_a_folder_whose_name_is_unsafe_is_named_and_not_offered(packs: Path) -> None:
    make_pack(packs, "my pack")
    make_pack(packs, "content")  # the default pack's name, elsewhere: the default keeps it
    statuses = {s.name: s for s in cohorts.pack_statuses()}
    assert "not a pack name" in statuses["my pack"].problem
    assert "has the name of the server's default pack" in statuses["content"].problem
    assert statuses["content"].directory == packs / "content"
    assert cohorts.packs() == ["content"]
    assert config.packs()["content"] == DEFAULT_CONTENT_DIR


def test_a_broken_pack_is_named_with_its_error_and_refused(packs: Path, tmp_path: Path) -> None:
    make_pack(packs, "spring")
    broken = make_pack(packs, "broken", "number: 1", "number: one")
    statuses = {s.name: s for s in cohorts.pack_statuses()}
    assert statuses["spring"].problem == ""
    assert str(broken / STEP1) in statuses["broken"].problem
    assert "number" in statuses["broken"].problem
    assert cohorts.packs() == ["content", "spring"]
    base = open_workbook(f"sqlite:///{tmp_path / 'packs.db'}")
    cara = base.as_person(PeopleRepository(base.engine).sign_in("https://id.example", "cara"))
    with pytest.raises(Invalid, match="No content pack 'broken'"):
        cohorts.create(cara, "Spring cohort", None, None, "broken")
    assert cohorts.create(cara, "Spring cohort", None, None, "spring").content_pack == "spring"


def test_content_check_all_checks_every_pack_on_the_server(packs: Path, capsys) -> None:
    make_pack(packs, "spring")
    assert main(["content", "check", "--all"]) == 0
    out = capsys.readouterr().out
    assert "pack content:" in out and "pack spring:" in out
    assert f"{packs / 'spring'}: OK — 4 steps" in out

    make_pack(packs, "broken", "number: 1", "number: one")
    assert main(["content", "check", "--all"]) == 1
    captured = capsys.readouterr()
    assert "pack spring:" in captured.out
    assert f"error: pack broken: {packs / 'broken' / STEP1}" in captured.err
    assert main(["content", "check", "--all", str(packs / "spring")]) == 2
