import shutil
from datetime import date
from pathlib import Path

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import load_content
from followthrough.steps import voicemail

RULES = load_content(DEFAULT_CONTENT_DIR).follow_up.voicemail
INTEREST = "I'm still very interested and would love to help the team launch the new app."


def _script(**changes: str) -> str:
    values = {
        "name": "Alex Morgan",
        "role": "Product Designer",
        "company": "Northwind",
        "interest": INTEREST,
        "phone": "07700 900123",
    } | changes
    return voicemail.script(
        values["name"],
        values["role"],
        values["company"],
        date(2026, 11, 20),
        values["interest"],
        values["phone"],
        RULES,
    )


def test_script_holds_name_role_date_why_interest_and_the_number_twice() -> None:
    text = _script()
    assert "this is Alex Morgan" in text
    assert "the Product Designer position at Northwind on Friday 2026/11/20" in text
    assert "calling about the status of the position" in text
    assert INTEREST in text
    assert text.count("0 7 7 0 0, 9 0 0 1 2 3") == 2


def test_blanks_stay_visible() -> None:
    text = _script(name=" ", interest="", phone="")
    assert "[your name]" in text and "[your phone number]" in text
    assert "[one line about why you are still interested]" in text


def test_digits_are_spoken_one_by_one() -> None:
    assert voicemail.slow_number("+44 (0)20-7946 0018") == "+ 4 4, 0, 2 0, 7 9 4 6, 0 0 1 8"
    assert voicemail.spoken_words("Call me on 0 7 7, please. It's fine.") == 9


def test_speaking_time_follows_the_content_pace() -> None:
    timing = voicemail.timing(" ".join(["word"] * 75), RULES)
    assert (timing.words, timing.seconds, timing.too_long) == (75, 30.0, False)
    assert timing.message == "75 words, about 30 seconds: short enough (under 35 seconds)."


def test_past_the_limit_is_a_warning() -> None:
    timing = voicemail.timing(_script(interest=INTEREST * 3), RULES)
    assert timing.too_long
    assert "past 35 seconds" in timing.message


def test_the_default_script_fits() -> None:
    assert not voicemail.timing(_script(), RULES).too_long


def test_a_coach_changes_the_pace_in_yaml_alone(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, pack)
    file = pack / "follow_up.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("words_per_minute: 150", "words_per_minute: 100"),
        encoding="utf-8",
    )
    slower = load_content(pack).follow_up.voicemail
    assert voicemail.timing(_script(), slower).too_long
