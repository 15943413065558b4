"""The natural key of an application: the same company, role and date applied is the same application.

Used by CSV import to refuse duplicates; case, Unicode compatibility forms and runs of spaces are
ignored. One vectorised (pyarrow) implementation serves single values and whole columns, so a key
computed for a stored row always equals the key of the same row in a file.
"""

from collections.abc import Sequence
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

_SPACES = "[ \t\n\r\f\v]+"
_SPACES_TO_FOLD = "[\t\n\r\f\v]|  "
_SEPARATOR = pa.scalar("\x1f", pa.large_string())  # never typed into a spreadsheet cell

Strings = pa.Array | pa.ChunkedArray | Sequence[str]


def _normalise(column: Strings) -> pa.ChunkedArray:
    column = _strings(column)
    accented = pc.invert(pc.string_is_ascii(column))
    if pc.any(accented).as_py():  # NFKC leaves ASCII alone: normalise only the rest
        normalised = pc.utf8_normalize(pc.filter(column, accented), "NFKC")
        column = pc.replace_with_mask(column, accented, normalised)
    folded = pc.utf8_lower(column)
    if pc.any(pc.match_substring_regex(folded, _SPACES_TO_FOLD)).as_py():  # rare: skip the rewrite
        folded = pc.replace_substring_regex(folded, _SPACES, " ")
    return pc.utf8_trim(folded, " ")


def _strings(column: Strings) -> pa.Array | pa.ChunkedArray:
    if isinstance(column, pa.Array | pa.ChunkedArray):
        return column.cast(pa.large_string())
    return pa.array(column, type=pa.large_string())


def natural_keys(company: Strings, role_title: Strings, applied_on_iso: Strings) -> pa.Array:
    """The key of each row of three equally long columns (dates as ISO strings)."""
    return pc.binary_join_element_wise(
        _normalise(company), _normalise(role_title), _strings(applied_on_iso), _SEPARATOR
    )


def natural_key(company: str, role_title: str, applied_on: date) -> str:
    return natural_keys([company], [role_title], [applied_on.isoformat()])[0].as_py()
