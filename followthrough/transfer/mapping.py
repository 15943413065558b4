"""What a spreadsheet's columns and statuses mean: suggestions from other trackers' headers and
status words (content/imports.yaml, which a coach or a user extends) and from the cells themselves.

Suggestions are only suggestions: the user maps or ignores every column and every unknown status.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

import pandas as pd

from followthrough.config import DEFAULT_CONTENT_DIR
from followthrough.content import ImportWords, load_model
from followthrough.models import Field, Stage
from followthrough.transfer.dates import looks_like_date

REQUIRED = (Field.COMPANY, Field.ROLE_TITLE, Field.APPLIED_ON)

Mapping = list[Field | None]  # one entry per CSV column; None = ignored


def fold(text: str) -> str:
    """Lower case, no accents, punctuation and underscores as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_FLAG_SAMPLE = 200  # distinct cells looked at to tell what a column holds
_DATE_FIELDS = (Field.APPLIED_ON, Field.STATUS_ON)


class Kind(StrEnum):
    """What a column's cells are, whatever its header says."""

    EMPTY = "empty"
    DATE = "date"
    LINK = "link"
    FLAG = "flag"
    TEXT = "text"


def header_words(name: str) -> str:
    """A header as words: camelCase and snake_case split, then folded ("appliedDate" -> "applied
    date", "JobTitle" -> "job title", "company_name" -> "company name")."""
    return fold(_CAMEL.sub(" ", name))


@functools.cache
def shipped_words() -> ImportWords:
    """The shipped content pack's import words (for callers without a pack of their own)."""
    return load_model(ImportWords, DEFAULT_CONTENT_DIR / "imports.yaml")


Lookups = tuple[dict[str, Field], dict[str, Stage], frozenset[str]]
_LOOKUPS: dict[int, tuple[ImportWords, Lookups]] = {}  # by the words' id, the words kept alive


def _lookups(words: ImportWords) -> Lookups:
    """Header, status and flag words as folded keys, made once per content pack."""
    if (kept := _LOOKUPS.get(id(words))) and kept[0] is words:
        return kept[1]
    headers = {header_words(a): f for f, aliases in words.headers.items() for a in aliases}
    statuses = {stage.value.replace("_", " "): stage for stage in Stage}
    statuses |= {fold(w): stage for stage, ws in words.statuses.items() for w in ws}
    found = (headers, statuses, frozenset(fold(flag) for flag in words.flags))
    if len(_LOOKUPS) >= 8:
        _LOOKUPS.clear()
    _LOOKUPS[id(words)] = (words, found)
    return found


def column_kind(cells: Iterable[str], words: ImportWords | None = None) -> Kind:
    """What a column holds, from its first distinct non-blank cells: all yes/no words is a flag,
    mostly web addresses a link, mostly dates a date; else text."""
    flags = _lookups(words or shipped_words())[2]
    seen: list[str] = []
    for cell in cells:
        text = str(cell).strip()
        if text and text not in seen:
            seen.append(text)
            if len(seen) >= _FLAG_SAMPLE:
                break
    if not seen:
        return Kind.EMPTY
    if all(fold(text) in flags for text in seen):
        return Kind.FLAG
    if sum(map(looks_like_link, seen)) * 5 >= len(seen) * 4:
        return Kind.LINK
    if sum(map(looks_like_date, seen)) * 2 >= len(seen):  # a few bad dates are still dates
        return Kind.DATE
    return Kind.TEXT


def looks_like_link(text: str) -> bool:
    return bool(_LINK.fullmatch(text.strip()))


_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)


def suggest_mapping(
    header: list[str], words: ImportWords | None = None, cells: pd.DataFrame | None = None
) -> Mapping:
    """A field for each column whose header is a known name for it, each field used once.

    With the file's `cells`, a column's values have the last word: a flag (Yes/No) or a link is no
    date, and a column of links named like a source is the listing's link.
    """
    lookup = _lookups(words or shipped_words())[0]
    named = [lookup.get(header_words(name)) for name in header]
    if cells is not None:
        kinds = [column_kind(cells[i], words) for i in range(len(header))]
        named = [_by_values(f, k) for f, k in zip(named, kinds, strict=True)]
    mapping: Mapping = []
    for field in named:
        mapping.append(None if field in mapping else field)
    return mapping


def _by_values(field: Field | None, kind: Kind) -> Field | None:
    if field in _DATE_FIELDS and kind in (Kind.FLAG, Kind.LINK):
        return None
    if field is Field.SOURCE and kind is Kind.LINK:
        return Field.LISTING_URL
    if field is Field.STATUS and kind in (Kind.DATE, Kind.LINK):
        return None
    return field


def candidates(
    header: list[str], mapping: Mapping, cells: pd.DataFrame, words: ImportWords | None = None
) -> dict[Field, list[str]]:
    """For each required field still unmapped, the unmapped columns that could hold it: dates for
    the date applied, text for the others."""
    free = [i for i, f in enumerate(mapping) if f is None]
    kinds = {i: column_kind(cells[i], words) for i in free} if len(cells.columns) else {}
    found: dict[Field, list[str]] = {}
    for field in REQUIRED:
        if field in mapping:
            continue
        wanted = Kind.DATE if field in _DATE_FIELDS else Kind.TEXT
        found[field] = [header[i] for i in free if kinds.get(i, Kind.EMPTY) is wanted]
    return found


def mapping_problems(mapping: Mapping) -> list[str]:
    """Why this mapping can't be imported: a required field unmapped, or a field mapped twice."""
    problems = [f"Map a column to {f.label}: it is required." for f in REQUIRED if f not in mapping]
    for field in Field:
        if mapping.count(field) > 1:
            problems.append(f"{field.label} is mapped to {mapping.count(field)} columns: keep one.")
    return problems


def apply_overrides(header: list[str], mapping: Mapping, overrides: list[str]) -> Mapping:
    """Apply `COLUMN=FIELD` overrides (FIELD may be `ignore`); raise ValueError naming the bad one."""
    result = list(mapping)
    for item in overrides:
        column, sep, target = item.partition("=")
        if not sep:
            raise ValueError(f"--map {item!r}: expected COLUMN=FIELD")
        positions = [i for i, name in enumerate(header) if name == column]
        if len(positions) != 1:
            found = "no" if not positions else f"{len(positions)}"
            raise ValueError(f"--map {item!r}: the file has {found} column named {column!r}")
        if target != "ignore" and target not in Field.__members__.values():
            names = ", ".join([*Field, "ignore"])
            raise ValueError(f"--map {item!r}: unknown field {target!r} (one of {names})")
        result[positions[0]] = None if target == "ignore" else Field(target)
    return result


def known_status(raw: str, words: ImportWords | None = None) -> Stage | None:
    """The stage a status word names (the workbook's own or content's), or None when unknown."""
    return _lookups(words or shipped_words())[1].get(fold(raw))
