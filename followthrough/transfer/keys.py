"""The natural key of an application: the same company, role and date applied is the same application.

Used by CSV import to refuse duplicates; case, Unicode compatibility forms and runs of spaces are
ignored. One vectorised (pyarrow) implementation serves single values and whole columns, so a key
computed for a stored row always equals the key of the same row in a file.
"""

from collections.abc import Sequence
from datetime import date
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_SPACES = "[ \t\n\r\f\v]+"
_SEPARATOR = pa.scalar("\x1f", pa.large_string())  # never typed into a spreadsheet cell
_SPACE, _LATIN1_LEAD = ord(" "), 0xC3  # 0xC3 leads the UTF-8 of U+00C0-U+00FF (À to ÿ)

Strings: TypeAlias = pa.Array | pa.ChunkedArray | Sequence[str]


def _normalise(column: Strings) -> pa.Array:
    column = _strings(column)
    lowered = pc.utf8_lower(column)
    special = _may_need_folding(column)
    if not special.any():  # the usual case: lower case is the whole job
        return lowered
    rest = pc.utf8_lower(pc.utf8_normalize(column.filter(special), "NFKC"))
    rest = pc.utf8_trim(pc.replace_substring_regex(rest, _SPACES, " "), " ")
    return pc.replace_with_mask(lowered, pa.array(special), rest)


def _may_need_folding(column: pa.Array) -> np.ndarray:
    """Rows NFKC, the space folding or trimming might change, found from the UTF-8 bytes.

    Text of ASCII and U+00C0-U+00FF only (the accented letters of Western European names) is NFKC
    already; any other non-ASCII character, a control character, a run of spaces or a space at
    either end marks its row.
    """
    _validity, offsets, data = column.buffers()
    offsets = np.frombuffer(offsets, np.int64)[column.offset : column.offset + len(column) + 1]
    if data is None or offsets[0] == offsets[-1]:
        return np.zeros(len(column), dtype=bool)
    text = np.frombuffer(data, np.uint8)[offsets[0] : offsets[-1]]
    # A lead byte other than 0xC3 starts a character beyond U+00FF or in U+0080-U+00BF (e.g. a
    # no-break space); continuation bytes (0x80-0xBF) are skipped.
    odd = ((text >= 0xC0) & (text != _LATIN1_LEAD)) | (text < _SPACE)
    odd[:-1] |= (text[:-1] == _SPACE) & (text[1:] == _SPACE)
    rows = np.searchsorted(offsets, np.flatnonzero(odd) + offsets[0], side="right") - 1
    special = pc.or_(pc.starts_with(column, " "), pc.ends_with(column, " "))
    special = special.to_numpy(zero_copy_only=False)
    special[rows] = True
    return special


def _strings(column: Strings) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if isinstance(column, pa.Array):
        return column.cast(pa.large_string())
    return pa.array(column, type=pa.large_string())


def natural_keys(company: Strings, role_title: Strings, applied_on_iso: Strings) -> pa.Array:
    """The key of each row of three equally long columns (dates as ISO strings)."""
    return pc.binary_join_element_wise(
        _normalise(company),
        _normalise(role_title),
        _strings(applied_on_iso),
        _SEPARATOR,
    )


def natural_key(company: str, role_title: str, applied_on: date) -> str:
    return natural_keys([company], [role_title], [applied_on.isoformat()])[0].as_py()


def workbook_keys(dated: list[tuple[str, str, date]], stored: set[str]) -> set[str]:
    """Every key the workbook holds: those of its dated rows, and the keys imported rows keep."""
    companies, roles = [c for c, _, _ in dated], [r for _, r, _ in dated]
    keys = natural_keys(companies, roles, [d.isoformat() for _, _, d in dated]).to_pylist()
    return set(keys) | stored
