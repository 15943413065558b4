"""Reading a CSV file's bytes: encoding and delimiter sniffed, every record tagged with its line.

Text is decoded strictly (never with "replace"), so names keep every byte the user typed. Records are
split by pyarrow's parser for speed; the physical line each record starts on (quoted newlines
included) comes from a vectorised scan of the same bytes, and any file whose quoting that scan can't
follow is read by the csv module instead.
"""

import codecs
import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (big-endian)"),
)
_NEWLINE = b"\n"
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
_SNIFF_CHARS = 65_536
# The C library's allocator for the import's few large, short-lived arrow arrays: pyarrow's default
# (mimalloc) hands freed huge pages back to the kernel and faults them in again, which on a busy
# machine cost more than the parse itself.
MEMORY_POOL = pa.system_memory_pool()


class CsvError(ValueError):
    """The file cannot be read as a table at all; `str()` is a one-line reason."""


@dataclass(frozen=True)
class Malformed:
    """A record whose field count differs from the header's: reported, never padded or cut."""

    line: int
    fields: int
    text: str


@dataclass(frozen=True)
class CsvTable:
    encoding: str  # a label for people, e.g. "UTF-8 with BOM"
    delimiter: str
    header: list[str]
    lines: np.ndarray  # the physical line each well-formed data record starts on
    cells: pd.DataFrame  # those records: str columns 0..n-1, one per header column
    malformed: list[Malformed]
    blank_lines: int

    @property
    def rows(self) -> int:
        """Data records in the file: every one is imported or reported."""
        return len(self.lines) + len(self.malformed)


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and a label for its encoding: BOMs first, then strict UTF-8, then cp1252."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, label), label
    if _looks_like_bomless_utf16(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _strict(data, codec, codec.upper()), codec.upper()
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise CsvError(
            f"not UTF-8, UTF-16 or Windows-1252 text: byte 0x{data[exc.start]:02x} on line "
            f"{data.count(_NEWLINE, 0, exc.start) + 1} means nothing in any of them "
            "(save the file as UTF-8 and try again)"
        ) from exc


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise CsvError(f"starts like {label} but byte offset {exc.start} is not {label}") from exc


def _looks_like_bomless_utf16(data: bytes) -> bool:
    # ASCII-heavy UTF-16 has a NUL in every other byte; no text encoding of ours produces that.
    sample = data[:4096]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent, widest records."""
    sample = text[:_SNIFF_CHARS]

    def score(delimiter: str) -> tuple[int, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = [r for r in reader if r]
        except csv.Error:  # e.g. a cell beyond the csv module's size limit: not this delimiter
            return (0, 0)
        if len(text) > _SNIFF_CHARS:
            records = records[:-1]  # the sample may cut the last record short
        if not records or len(records[0]) < 2:
            return (0, 0)
        width = len(records[0])
        return (sum(len(r) == width for r in records), width)

    return max(DELIMITERS, key=score)


def read_table(data: bytes) -> CsvTable:
    """Decode `data`, sniff its delimiter and split it into a header and data records."""
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        records = _fast_records(_utf8(data, encoding, text), delimiter)
    except _NeedsSlowPath:
        records = _slow_records(text, delimiter)
    return CsvTable(encoding, delimiter, *records)


def _utf8(data: bytes, encoding: str, text: str) -> bytes:
    """The text as UTF-8 bytes, reusing the file's own bytes when they already are."""
    if encoding == "UTF-8":
        return data
    if encoding == "UTF-8 with BOM":
        return data[len(codecs.BOM_UTF8) :]
    return text.encode("utf-8")


class _NeedsSlowPath(Exception):
    pass


_Records = tuple[list[str], np.ndarray, pd.DataFrame, list[Malformed], int]


def _fast_records(raw: bytes, delimiter: str) -> _Records:
    buf = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(buf == _QUOTE)
    if len(quotes) % 2 or not _quotes_well_formed(buf, quotes, ord(delimiter)):
        raise _NeedsSlowPath
    breaks = _line_breaks(buf)
    # An even number of quotes before a line break puts it outside any quoted field: a record ends.
    ends = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    starts, stops = np.append(0, ends + 1), np.append(ends, len(buf))
    if stops[-1] == starts[-1]:  # the empty "record" after a final newline
        starts, stops = starts[:-1], stops[:-1]
    stops = stops - ((stops > starts) & (buf[np.maximum(stops - 1, 0)] == _CR))  # CR of CRLF
    blank = _blank_records(raw, starts, stops)
    starts, stops = starts[~blank], stops[~blank]
    if not len(starts):
        raise CsvError("the file has no header row (it is empty)")
    header = next(csv.reader([raw[starts[0] : stops[0]].decode()], delimiter=delimiter))
    skipped: list[tuple[str, int]] = []
    cells = _arrow_cells(raw, delimiter, len(header), len(ends) < len(breaks), skipped)
    bad = _skipped_records(raw, starts, stops, skipped)
    if len(cells) + len(skipped) != len(starts):
        raise _NeedsSlowPath
    lines = np.searchsorted(breaks, starts) + 1
    malformed = [
        Malformed(int(lines[i]), fields, text)
        for i, (text, fields) in zip(np.flatnonzero(bad), skipped, strict=True)
    ]
    body = cells.iloc[1:].reset_index(drop=True)
    return header, lines[~bad][1:], body, malformed, int(blank.sum())


def _skipped_records(
    raw: bytes, starts: np.ndarray, stops: np.ndarray, skipped: list[tuple[str, int]]
) -> np.ndarray:
    """Which records pyarrow skipped for their field count, matched in order by their text."""
    bad = np.zeros(len(starts), dtype=bool)
    wanted = iter(text.encode() for text, _fields in skipped)
    target = next(wanted, None)
    for i in range(len(starts)) if skipped else ():
        if raw[starts[i] : stops[i]] == target:
            bad[i], target = True, next(wanted, None)
    if target is not None:
        raise _NeedsSlowPath
    return bad


def _line_breaks(buf: np.ndarray) -> np.ndarray:
    """Positions of every LF, and of every CR not followed by LF (old Mac line ends)."""
    lf = np.flatnonzero(buf == _LF)
    crlf = np.count_nonzero(buf[lf[lf > 0] - 1] == _CR)
    if np.count_nonzero(buf == _CR) == crlf:  # the usual case: every CR ends a CRLF
        return lf
    cr = np.flatnonzero(buf == _CR)
    lone = cr[buf[np.minimum(cr + 1, len(buf) - 1)] != _LF]
    return np.union1d(lf, lone)


def _blank_records(raw: bytes, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Records of nothing but spaces, tabs and a CR; only those starting so are looked at."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    first = buf[np.minimum(starts, len(buf) - 1)]
    maybe = (stops == starts) | np.isin(first, (ord(" "), ord("\t"), _CR))
    blank = np.zeros(len(starts), dtype=bool)
    for i in np.flatnonzero(maybe):
        blank[i] = not raw[starts[i] : stops[i]].strip(b" \t\r")
    return blank


def _arrow_cells(
    raw: bytes, delimiter: str, width: int, multiline: bool, skipped: list[tuple[str, int]]
) -> pd.DataFrame:
    """Records with the header's field count as str columns (pyarrow's multi-threaded parser).

    The others are skipped, their text and field count appended to `skipped`.
    """

    def skip(row: pa_csv.InvalidRow) -> str:
        if row.text.strip(" \t\r"):  # whitespace-only lines are blank lines, not records
            skipped.append((row.text, row.actual_columns))
        return "skip"

    table = pa_csv.read_csv(
        pa.BufferReader(raw),
        # One block, one thread: on a busy 2-core machine threads cost more than they save, and
        # a single block needs no re-synchronising around quoted newlines.
        read_options=pa_csv.ReadOptions(
            autogenerate_column_names=True, use_threads=False, block_size=len(raw) + 1
        ),
        parse_options=pa_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=multiline, invalid_row_handler=skip
        ),
        convert_options=pa_csv.ConvertOptions(
            # large_string is pandas' own str layout: the hand-over below copies nothing.
            column_types={f"f{i}": pa.large_string() for i in range(width)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=False,  # decode() has checked it
        ),
        memory_pool=MEMORY_POOL,
    )
    cells = table.to_pandas(types_mapper={pa.large_string(): pd.StringDtype(na_value=np.nan)}.get)
    cells.columns = range(width)
    return cells


def _quotes_well_formed(buf: np.ndarray, quotes: np.ndarray, delimiter: int) -> bool:
    """Every quote opens a field, closes one or doubles another (RFC 4180), as both parsers agree."""
    if not len(quotes):
        return True
    opening, closing = quotes[0::2], quotes[1::2]
    # The bytes around each quote; the file's edges count as line ends.
    before = np.where(opening > 0, buf[np.maximum(opening - 1, 0)], _LF)
    after = np.where(closing < len(buf) - 1, buf[np.minimum(closing + 1, len(buf) - 1)], _LF)

    def at_boundary(neighbours: np.ndarray) -> bool:
        found = (neighbours == delimiter) | (neighbours == _LF) | (neighbours == _CR)
        return bool((found | (neighbours == _QUOTE)).all())

    return at_boundary(before) and at_boundary(after)


def _slow_records(text: str, delimiter: str) -> _Records:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines, records, blanks, last_line = [], [], 0, 0
    try:
        for record in reader:
            start, last_line = last_line + 1, reader.line_num
            if _blank(record, delimiter):
                blanks += 1
            else:
                lines.append(start)
                records.append(record)
    except csv.Error as exc:
        raise CsvError(f"line {last_line + 1}: {exc}") from exc
    if not records:
        raise CsvError("the file has no header row (it is empty)")
    header, width = records[0], len(records[0])
    good = [i for i in range(1, len(records)) if len(records[i]) == width]
    malformed = [
        Malformed(lines[i], len(records[i]), delimiter.join(records[i]))
        for i in range(1, len(records))
        if len(records[i]) != width
    ]
    cells = pd.DataFrame([records[i] for i in good], columns=range(width), dtype="str")
    return header, np.array([lines[i] for i in good], dtype=np.int64), cells, malformed, blanks


def _blank(record: list[str], delimiter: str) -> bool:
    """A line of nothing but spaces and tabs, as the fast path (and pandas) sees it."""
    spread = len(record) == 1 or delimiter == "\t"
    return not record or (spread and not "".join(record).strip(" \t"))
