"""Reading a CSV file's bytes: encoding and delimiter sniffed, every record tagged with its line.

Text is decoded strictly (never with "replace"), so names keep every byte the user typed. Records are
split by pyarrow's parser for speed; the physical line each record starts on follows from the line
breaks inside the records before it (quoted newlines), and a file with a quote left open is read by
the csv module instead.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
MAX_COLUMNS = 200  # a tracker has a dozen; a million took 34 s and 2.5 GB before this bound
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (big-endian)"),
)
_NEWLINE = b"\n"
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
_SNIFF_CHARS = 65_536
_NO_BYTES = np.zeros(0, dtype=np.uint8)


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
    raw, encoding = _utf8(data)
    # Enough text for the sniffer to see whether there is more than its sample.
    head = codecs.getincrementaldecoder("utf-8")().decode(raw[: 4 * (_SNIFF_CHARS + 1)])
    delimiter = sniff_delimiter(head[: _SNIFF_CHARS + 1])
    _refuse_wide(head[:_SNIFF_CHARS], delimiter)
    try:
        records = _fast_records(raw, delimiter, head[:_SNIFF_CHARS])
    except _NeedsSlowPath:
        records = _slow_records(raw.decode("utf-8"), delimiter)
    return CsvTable(encoding, delimiter, *records)


def _refuse_wide(sample: str, delimiter: str) -> None:
    """Refuse a header of more than MAX_COLUMNS, read from the start of the file only."""
    header = _first_record(sample, delimiter)
    if header is not None and len(header) > MAX_COLUMNS:
        raise CsvError(
            f"more than {MAX_COLUMNS} columns ({len(header):,} or more in the header row): "
            "is this a table of applications?"
        )


def _utf8(data: bytes) -> tuple[bytes, str]:
    """The text as UTF-8 bytes (the file's own when they already are) and its encoding's label."""
    # decode()'s order of tests, without building the text when it is UTF-8 already
    bom, utf16 = data.startswith(codecs.BOM_UTF8), _looks_like_bomless_utf16(data)
    if not bom and not utf16 and _is_utf8(data):
        return data, "UTF-8"
    text, encoding = decode(data)
    if encoding == "UTF-8 with BOM":
        return data[len(codecs.BOM_UTF8) :], encoding
    return text.encode("utf-8"), encoding


def _is_utf8(data: bytes) -> bool:
    """Strict UTF-8, as `bytes.decode` checks it (surrogates and overlong forms refused)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


class _NeedsSlowPath(Exception):
    pass


_Records = tuple[list[str], np.ndarray, pd.DataFrame, list[Malformed], int]
_BREAK = re.compile(r"\r\n|\r|\n")  # a physical line end, as the csv module counts them


def _fast_records(raw: bytes, delimiter: str, sample: str) -> _Records:
    """pyarrow's records; each one's line is 1 + the line breaks in all records before it.

    pyarrow and the csv module split a file the same way unless a quote is left open, so the
    breaks inside each record's values say how many physical lines it took.
    """
    buf = np.frombuffer(raw, dtype=np.uint8)
    header = _first_record(sample, delimiter)
    if header is None or np.count_nonzero(buf == _QUOTE) % 2:  # an open quote: csv module's call
        raise _NeedsSlowPath
    invalid: list[pa_csv.InvalidRow] = []
    table = _arrow_table(raw, delimiter, len(header), invalid)
    total = table.num_rows + len(invalid)
    bad = np.zeros(total, dtype=bool)
    bad[[row.number - 1 for row in invalid]] = True  # `number` counts records from 1
    spans = np.ones(total, dtype=np.int64)
    spans[bad] += np.array([len(_BREAK.findall(row.text)) for row in invalid], dtype=np.int64)
    spans[~bad] += sum(_breaks_per_row(column) for column in table.columns)
    lines = np.cumsum(spans) - spans + 1
    blank = np.zeros(total, dtype=bool)
    blank[bad] = [not row.text.strip(" \t\r") for row in invalid]
    blank[~bad] = _blank_rows(table, buf, lines[~bad], spans[~bad], delimiter)
    first = int(np.argmin(blank))  # the header: the first record that isn't blank
    if bad[first] or _row(table, int(np.count_nonzero(~bad[:first]))) != header:
        raise _NeedsSlowPath  # e.g. a header longer than the sample
    data = ~blank & (np.arange(total) > first)
    malformed = [
        Malformed(int(lines[row.number - 1]), row.actual_columns, row.text)
        for row in invalid
        if data[row.number - 1]
    ]
    cells = _cells(table, data[~bad])
    return header, lines[data & ~bad], cells, malformed, int(blank.sum())


def _row(table: pa.Table, index: int) -> list[str]:
    return [column[index].as_py() for column in table.columns]


def _first_record(sample: str, delimiter: str) -> list[str] | None:
    """The first record that isn't blank in the start of the text (None: none found there)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        return next((r for r in reader if not _blank(r, delimiter)), None)
    except csv.Error:
        return None


def _arrow_table(
    raw: bytes, delimiter: str, width: int, invalid: list[pa_csv.InvalidRow]
) -> pa.Table:
    """Every record as str columns f0..f{width-1} (pyarrow's parser); other widths go to `invalid`.

    Empty lines are kept as rows of empty values, so every record counts towards line numbers.
    """

    def skip(row: pa_csv.InvalidRow) -> str:
        invalid.append(row)
        return "skip"

    names = [f"f{i}" for i in range(width)]
    try:
        return pa_csv.read_csv(
            pa.BufferReader(raw),
            # One block, one thread: on a busy 2-core machine threads cost more than they save,
            # and `InvalidRow.number` is known only when read in order.
            read_options=pa_csv.ReadOptions(
                column_names=names, use_threads=False, block_size=len(raw) + 1
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=skip,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=False,  # _utf8() has checked it
            ),
        )
    except pa.ArrowInvalid as exc:
        raise _NeedsSlowPath from exc


def _breaks_per_row(column: pa.ChunkedArray) -> np.ndarray:
    """Line breaks inside each value (LF, CR+LF and a lone CR each count once)."""
    counts = np.zeros(len(column), dtype=np.int64)
    start = 0
    for chunk in column.chunks:
        _validity, offsets, data = chunk.buffers()
        offsets = np.frombuffer(offsets, np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        text = np.frombuffer(data, np.uint8)[offsets[0] : offsets[-1]] if data else _NO_BYTES
        low = np.flatnonzero(text <= _CR)  # one pass; the rare tabs and controls dropped next
        ends = low[(text[low] == _LF) | (text[low] == _CR)]
        rows = np.searchsorted(offsets, ends + offsets[0], side="right") - 1
        crlf = (text[ends] == _CR) & (ends + 1 < offsets[rows + 1] - offsets[0])
        crlf[crlf] = text[ends[crlf] + 1] == _LF  # counted once, at its LF
        np.add.at(counts, rows[~crlf] + start, 1)
        start += len(chunk)
    return counts


def _blank_rows(
    table: pa.Table, buf: np.ndarray, lines: np.ndarray, spans: np.ndarray, delimiter: str
) -> np.ndarray:
    """Rows pyarrow parsed from a line of nothing but spaces, tabs and a CR (an empty line, say).

    Only rows of empty (or, where a line of spaces can fill every field, blank) values can be;
    those few are looked at in the file's bytes.
    """
    spaces = delimiter == "\t" or table.num_columns == 1
    maybe = spans == 1
    for column in table.columns:
        if not maybe.any():
            return maybe
        empty = pc.equal(pc.binary_length(column), 0)
        if spaces:
            empty = pc.or_(empty, pc.utf8_is_space(column))
        maybe &= empty.to_numpy(zero_copy_only=False)
    breaks = _line_breaks(buf) if maybe.any() else _NO_BYTES
    for row in np.flatnonzero(maybe):
        line = int(lines[row])
        start = int(breaks[line - 2]) + 1 if line > 1 else 0
        stop = int(breaks[line - 1]) if line - 1 < len(breaks) else len(buf)
        maybe[row] = not buf[start:stop].tobytes().strip(b" \t\r")
    return maybe


def _line_breaks(buf: np.ndarray) -> np.ndarray:
    """Positions of every LF, and of every CR not followed by LF (old Mac line ends)."""
    lf = np.flatnonzero(buf == _LF)
    crlf = np.count_nonzero(buf[lf[lf > 0] - 1] == _CR)
    if np.count_nonzero(buf == _CR) == crlf:  # the usual case: every CR ends a CRLF
        return lf
    cr = np.flatnonzero(buf == _CR)
    lone = cr[buf[np.minimum(cr + 1, len(buf) - 1)] != _LF]
    return np.union1d(lf, lone)


def _cells(table: pa.Table, keep: np.ndarray) -> pd.DataFrame:
    """The kept rows as pandas str columns 0..n-1 (large_string is pandas' own layout: no copy)."""
    kept = table.slice(1) if keep[1:].all() and not keep[0] else table.filter(pa.array(keep))
    cells = kept.to_pandas(types_mapper={pa.large_string(): pd.StringDtype(na_value=np.nan)}.get)
    cells.columns = range(table.num_columns)
    return cells


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
