"""CSV import of a generated tracker export to a dry-run report, beside a bare pandas.read_csv.

.venv/bin/python benchmarks/csv_import.py [--rows 100000] [--runs 7] [--page] [--wide 1000000]

--page also times the Import page (AppTest): the run that reads and previews an upload, then the
reruns of clicks that change no choice (the plan is kept between reruns, not made again).
--wide times how soon a file with that many columns is refused (issue 9: a million took 34 s).

The file is generated deterministically (a seeded generator): accented names, day-first dates,
European status words, quoted notes with commas and the odd quoted newline, a few planted faults.
Targets (issue 4): <= 3 s, and within 3x of pandas.read_csv of the same file in the same run.
The two are timed in turn (pandas, import, pandas, ...), so neither runs only on a warm machine.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from followthrough.transfer.mapping import suggest_mapping  # noqa: E402
from followthrough.transfer.plan import ImportReport, plan_import  # noqa: E402
from followthrough.transfer.read import read_table  # noqa: E402

COMPANIES = ["Société Générale", "Zürich Versicherung", "Crêperie Bretonne", "Acme", "Initech"]
ROLES = ["Analyste", "Entwickler", "Product Designer", "Data Engineer", "Chef de projet"]
STATUSES = ["Postulé", "Entretien", "Refusé", "Offre", "Applied", "Interview", "Ghosted", ""]
SOURCES = ["referral", "job board", "company site", "recruiter"]
PHASES = (
    "  read: decode, sniff, split, line numbers",
    "  check: map, validate, dates, dedupe",
    "  report: counts and errors",
)


def generate(rows: int, seed: int = 4) -> bytes:
    """A semicolon-separated UTF-8 export with `rows` data rows (about 0.1% of them faulty)."""
    rnd = random.Random(seed)
    start = date(2024, 1, 1)
    out = io.StringIO(newline="")
    out.write("Entreprise;Poste;Date de candidature;État;Source;Remarques;Lien\r\n")
    for i in range(rows):
        day = start + timedelta(days=rnd.randrange(700))
        applied = f"{day:%d/%m/%Y}" if i % 997 else "31/02/2025"  # a planted impossible date
        company = f"{rnd.choice(COMPANIES)} {i}" if i % 1009 else ""  # a planted empty name
        notes = f'"Contact {i}, ""{rnd.choice(ROLES)}"""'
        if i % 5003 == 0:
            notes = f'"First line {i}\r\nsecond line"'
        fields = [company, rnd.choice(ROLES), applied, rnd.choice(STATUSES), rnd.choice(SOURCES)]
        fields += [notes, f"https://jobs.example/{i}"]
        out.write(";".join(fields) + "\r\n")
    return out.getvalue().encode("utf-8")


def dry_run(data: bytes, phases: dict[str, list[float]] | None = None) -> dict:
    """The whole dry run; `phases` collects the time of each step (read, check, report)."""
    marks = [time.perf_counter()]
    table = read_table(data)
    marks.append(time.perf_counter())
    plan = plan_import(table, suggest_mapping(table.header), existing_keys=set())
    marks.append(time.perf_counter())
    report = ImportReport.of(plan).as_dict()
    marks.append(time.perf_counter())
    for name, start, end in zip(PHASES, marks, marks[1:], strict=False):
        if phases is not None:
            phases.setdefault(name, []).append((end - start) * 1000)
    return report


def timed(works: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """(best, median) ms of each work, run in turn so the machine's ups and downs fall on all."""
    samples: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, taken in zip(works, samples, strict=True):
            started = time.perf_counter()
            work()
            taken.append((time.perf_counter() - started) * 1000)
    return [(min(taken), statistics.median(taken)) for taken in samples]


def wide_refusal(columns: int, runs: int) -> tuple[float, str]:
    """Median ms until a file whose header has `columns` columns is refused, and the reason."""
    data = (",".join(f"c{i}" for i in range(columns)) + "\n").encode()
    taken, reason = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            read_table(data)
        except ValueError as exc:
            reason = str(exc)
        taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken), reason or "read, not refused"


def page_clicks(data: bytes, runs: int) -> tuple[float, list[float]]:
    """ms of the Import page's run that reads an upload, then of each rerun of a click."""
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FOLLOWTHROUGH_DB_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.run()
        at.switch_page("app_pages/import_export.py").run()
        started = time.perf_counter()
        at.file_uploader(key="import_file_0").set_value(("tracker.csv", data, "text/csv")).run()
        first = (time.perf_counter() - started) * 1000
        clicks = []
        for i in range(runs):  # the rejected-rows policy: no choice the plan depends on
            started = time.perf_counter()
            at.radio(key="import_policy").set_value(("nothing", "keep")[i % 2]).run()
            clicks.append((time.perf_counter() - started) * 1000)
        assert not at.exception, at.exception
    return first, clicks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--page", action="store_true", help="also time the Import page")
    parser.add_argument("--wide", type=int, default=0, metavar="COLUMNS")
    args = parser.parse_args()
    if args.wide:
        median, reason = wide_refusal(args.wide, args.runs)
        print(
            f"a header of {args.wide:,} columns: {median:.1f} ms (median of {args.runs}): {reason}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tracker.csv"
        path.write_bytes(generate(args.rows))
        report = dry_run(path.read_bytes())  # warm-up, and the counts for the table
        phases: dict[str, list[float]] = {}
        (pandas_best, pandas_median), (import_best, import_median) = timed(
            [lambda: pd.read_csv(path, sep=";"), lambda: dry_run(path.read_bytes(), phases)],
            args.runs,
        )
    print(
        f"CSV import to a dry-run report — {args.rows:,} rows, best/median of {args.runs} "
        f"({report['imported']:,} importable, {report['rejected']:,} rejected)"
    )
    print(f"{'step':<40} {'best ms':>9} {'median ms':>10}")
    print(f"{'pandas.read_csv (bare)':<40} {pandas_best:>9.1f} {pandas_median:>10.1f}")
    print(
        f"{'followthrough import --dry-run (domain)':<40} {import_best:>9.1f} {import_median:>10.1f}"
    )
    for name, samples in phases.items():
        print(f"{name:<40} {min(samples):>9.1f} {statistics.median(samples):>10.1f}")
    ratio = import_median / pandas_median
    print(f"{'ratio (median)':<40} {import_best / pandas_best:>9.2f}x {ratio:>9.2f}x")
    print(
        f"targets: <= 3000 ms and <= 3x pandas — {'met' if import_median <= 3000 and ratio <= 3 else 'NOT met'}"
    )
    if args.page:
        first, clicks = page_clicks(generate(args.rows), args.runs)
        print(f"{'Import page: upload, read and preview':<40} {first:>9.1f}")
        print(
            f"{'Import page: a click after it':<40} {min(clicks):>9.1f} {statistics.median(clicks):>10.1f}"
        )


if __name__ == "__main__":
    main()
