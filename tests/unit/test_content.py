import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from followthrough.cli import main
from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import ContentError, PromptKind, load_content
from tests.conftest import CoachPack


@pytest.fixture
def pack_dir(coach_pack: CoachPack) -> Path:
    """A writable copy of the shipped content, to break on purpose."""
    return coach_pack.dir


def _break(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_is_valid_and_ordered() -> None:
    pack = load_content(DEFAULT_CONTENT_DIR)
    assert [s.number for s in pack.steps] == [1, 2, 3, 4]
    assert [s.id for s in pack.steps] == ["notes", "thank_you", "follow_up", "momentum"]
    funnel = pack.benchmarks.listing_funnel
    assert funnel.source == "ERE recruiting survey"
    assert [(s.low, s.high) for s in funnel.stages] == [(250, 250), (4, 6), (1, 1)]


def test_every_prompt_id_is_unique_within_its_step() -> None:
    for step in load_content(DEFAULT_CONTENT_DIR).steps:
        ids = [p.id for p in step.prompts]
        assert len(ids) == len(set(ids)), step.id


def test_unknown_key_names_file_path_and_reason(pack_dir: Path) -> None:
    step = pack_dir / "steps" / "01_notes.yaml"
    _break(step, "title:", "titel:")
    with pytest.raises(ContentError) as caught:
        load_content(pack_dir)
    message = str(caught.value)
    assert str(step) in message
    assert "titel" in message and "unknown key" in message


def test_invalid_yaml_names_the_line(pack_dir: Path) -> None:
    bench = pack_dir / "benchmarks.yaml"
    _break(bench, "  source: ERE recruiting survey", "  source: [unclosed")
    with pytest.raises(ContentError, match=r"benchmarks\.yaml: line \d+, column \d+: invalid YAML"):
        load_content(pack_dir)


def test_wrong_type_names_the_nested_path(pack_dir: Path) -> None:
    _break(pack_dir / "benchmarks.yaml", "low: 4", "low: four")
    with pytest.raises(
        ContentError, match=r"listing_funnel\.stages\[1\]\.low: Input should be a valid number"
    ):
        load_content(pack_dir)


def test_benchmark_range_must_be_ordered(pack_dir: Path) -> None:
    _break(pack_dir / "benchmarks.yaml", "high: 6", "high: 2")
    with pytest.raises(ContentError, match=r"stages\[1\]: high \(2\.0\) is below low \(4\.0\)"):
        load_content(pack_dir)


def test_choice_prompt_without_options_is_refused(pack_dir: Path) -> None:
    step = pack_dir / "steps" / "99_extra.yaml"
    step.write_text(
        "id: extra\nnumber: 9\ntitle: Extra\nwhy: Because.\nprompts:\n"
        "  - id: mood\n    kind: choice\n    label: How do you feel?\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"99_extra\.yaml: prompts\[0\]: a choice prompt needs"):
        load_content(pack_dir)


def test_duplicate_prompt_ids_are_refused(pack_dir: Path) -> None:
    step = pack_dir / "steps" / "99_extra.yaml"
    prompt = "  - id: mood\n    kind: short_text\n    label: Mood\n"
    step.write_text(
        f"id: extra\nnumber: 9\ntitle: Extra\nwhy: Because.\nprompts:\n{prompt}{prompt}",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="duplicate prompt id 'mood'"):
        load_content(pack_dir)


def test_a_coach_can_add_a_prompt_with_yaml_alone(pack_dir: Path) -> None:
    step = pack_dir / "steps" / "99_extra.yaml"
    step.write_text(
        "id: extra\nnumber: 9\ntitle: Extra\nwhy: Because.\nprompts:\n"
        "  - id: energy\n    kind: rating\n    label: Energy after the interview\n",
        encoding="utf-8",
    )
    pack = load_content(pack_dir)
    assert pack.step("extra").prompts[0].kind is PromptKind.RATING


def test_missing_folder_and_missing_file_are_named(tmp_path: Path, pack_dir: Path) -> None:
    with pytest.raises(ContentError, match="content folder not found"):
        load_content(tmp_path / "nowhere")
    (pack_dir / "benchmarks.yaml").unlink()
    with pytest.raises(ContentError, match=r"benchmarks\.yaml: cannot be read"):
        load_content(pack_dir)


def test_content_check_command_exit_codes(pack_dir: Path, capsys) -> None:
    assert main(["content", "check", str(pack_dir)]) == 0
    assert "OK — 4 steps" in capsys.readouterr().out
    _break(pack_dir / "steps" / "02_thank_you.yaml", "number: 2", "number: zero")
    assert main(["content", "check", str(pack_dir)]) == 1
    err = capsys.readouterr().err
    assert "02_thank_you.yaml: number: Input should be a valid integer" in err
    assert "Traceback" not in err


def test_db_upgrade_command(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["db", "upgrade", "--url", url]) == 0
    assert "is at revision" in capsys.readouterr().out


def test_a_typo_in_a_placeholder_is_named_with_file_and_path(coach_pack: CoachPack, capsys) -> None:
    """A coach's {dat} for {date} is caught by `content check`, before it can break Step 3."""
    file = coach_pack.edit(
        "follow_up.yaml",
        "The status call is planned for {date}.",
        "The status call is planned for {dat}.",
    )
    assert main(["content", "check", str(coach_pack.dir)]) == 1
    error = capsys.readouterr().err
    assert str(file) in error
    assert "contacts.before_plan: unknown placeholder {dat}" in error
    assert "this text can use {date}" in error


@pytest.mark.parametrize(
    "placeholder",
    ["{company[9999]}", "{company:>1000000000}", "{company!r}", "{}", "{0}", "{company.name}"],
)
def test_only_plain_named_placeholders_are_allowed(coach_pack: CoachPack, placeholder: str) -> None:
    coach_pack.edit(
        "follow_up.yaml",
        'status_call_title: "Status call: {company}',
        f'status_call_title: "Status call: {placeholder}',
    )
    with pytest.raises(ContentError, match=r"calendar\.status_call_title: .* is not a placeholder"):
        load_content(coach_pack.dir)


@pytest.mark.parametrize(
    ("file", "old", "new", "path"),
    [
        # Home's lines, a count's two forms, a check's explanation, the Tracker, Analytics.
        (
            "home.yaml",
            "open_step: Open step {number}",
            "open_step: Open {step}",
            r"home\.yaml: open_step",
        ),
        (
            "home.yaml",
            '"{count} steps are overdue',
            '"{count} steps are {late}',
            r"overdue: many: ",
        ),
        (
            "thank_you.yaml",
            "passed: Addresses {name} by name.",
            "passed: Addresses {nam} by name.",
            r"note\.checks\.named: passed: ",
        ),
        ("pipeline.yaml", "Added {name}.", "Added {app}.", r"tracker\.added: "),
        (
            "pipeline.yaml",
            "had no reply for {days} days or more: mark them",
            "had no reply for {weeks} weeks or more: mark them",
            r"analytics\.stale: many: ",
        ),
        ("before_you_go.yaml", "{names}: note how", "{people}: note how", r"names_known: "),
        (
            "momentum.yaml",
            "expected to decide by {date}",
            "expected to decide by {when}",
            r"waiting\.silent: ",
        ),
    ],
)
def test_every_sentence_names_its_placeholders(
    coach_pack: CoachPack, file: str, old: str, new: str, path: str
) -> None:
    """A coach's unknown placeholder anywhere in the new sentences is named with file and path."""
    coach_pack.edit(file, old, new)
    with pytest.raises(ContentError, match=path + r".*unknown placeholder"):
        load_content(coach_pack.dir)


def test_a_hearing_back_option_without_a_call_needs_its_reason(coach_pack: CoachPack) -> None:
    coach_pack.edit(
        "follow_up.yaml",
        "      label: They didn't say\n",
        "      label: They didn't say\n      call: false\n",
    )
    with pytest.raises(ContentError, match=r"hearing_back\.options\[0\]: .*needs a 'reason'"):
        load_content(coach_pack.dir)


def test_a_lone_brace_is_explained(coach_pack: CoachPack) -> None:
    coach_pack.edit("momentum.yaml", "{left} to go", "{left to go")
    with pytest.raises(
        ContentError, match=r"weekly_goal\.behind: .*write {{ or }} for a literal brace"
    ):
        load_content(coach_pack.dir)


def _load_within(directory: Path, seconds: float = 10) -> BaseException | None:
    """What loading `directory` raised, checking it ends in bounded time (a FIFO would block)."""
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            load_content(directory)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"loading the pack took over {seconds} s"
    return outcome[0]


def _replace_with(coach_pack: CoachPack, make: Callable[[Path], None]) -> Path:
    file = coach_pack.dir / "momentum.yaml"
    file.unlink()
    make(file)
    return file


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda f: f.symlink_to("/dev/zero"), "is not a regular file"),
        (lambda f: os.mkfifo(f), "is not a regular file"),
        (lambda f: f.write_text("x: " + "y" * 300_000), "is larger than 256 KiB"),
        (lambda f: f.write_text("a: " + "[" * 2_000 + "]" * 2_000), "nested over 20 levels"),
        (
            lambda f: f.write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'),
            "aliases (*name) are not allowed",
        ),
        (lambda f: f.write_bytes(b"next_day: \xff\xfe"), "is not UTF-8 text"),
    ],
    ids=["link-to-device", "fifo", "too-large", "deep-nesting", "aliases", "not-utf8"],
)
def test_a_hostile_file_gets_a_clear_error_in_bounded_time(
    coach_pack: CoachPack, make: Callable[[Path], None], reason: str
) -> None:
    file = _replace_with(coach_pack, make)
    error = _load_within(coach_pack.dir)
    assert isinstance(error, ContentError), error
    assert str(file) in str(error) and reason in str(error)
