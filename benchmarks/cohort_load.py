"""Cohort load: 50 signed-in participants on Analytics and their coach on the Coach's view.

One server, as `make run` starts it, in hosted mode: its secrets.toml has an [auth] section pointing
at oidc-provider-mock, run in this process. Every session signs in as a browser does, over HTTP
with its own cookie jar (GET /auth/login → the provider's form → POST a subject → /oauth2callback
→ Streamlit's signed identity cookie), then speaks the websocket with benchmarks/load.py's
Session (imported, not copied): the page by its URL path, then reruns until script_finished.

The database (SQLite, as make run's default): a coach, their cohort, and N participants, each a
person of their own with the sample workbook, each sharing their step status and their pipeline
figures with the cohort (so every participant is read by the coach's view).

Three rounds, one after the other, on the same server:
  1. Analytics: N participant sessions, each its own person, × R reruns.
  2. Coach's view: N sessions of the coach × R reruns: the same load on the other page, so
     the two pages' time per rerun compare like for like (the ratio reported).
  3. Mixed: the coach alone × K reruns of the Coach's view while the N participants rerun
     Analytics (the issue's picture: a coach watching a live workshop).

.venv/bin/python benchmarks/cohort_load.py [--participants 50] [--reruns 10] [--coach-reruns 20]
Target (issue 13): the coach's view reruns in ≤ 2× the Analytics page's time in the same run.
"""

import argparse
import asyncio
import http.cookiejar
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load, sign_in  # noqa: E402  (the session machinery: one implementation)

ANALYTICS, COACH = "analytics", "coach"  # the pages' URL paths


def seed(db_url: str, issuer: str, participants: int) -> list[str]:
    """The coach's cohort with `participants` people sharing everything whole; their subjects."""
    from followthrough.config import DEFAULT_CONTENT_DIR
    from followthrough.models import ShareKind
    from followthrough.services import cohorts
    from followthrough.services.sample import load_sample
    from followthrough.services.workbook import open_workbook
    from followthrough.store.people import PeopleRepository

    base = open_workbook(db_url)
    people = PeopleRepository(base.engine)
    now = datetime.now()
    coach = base.as_person(people.sign_in(issuer, COACH, "Coach"))
    cohort = cohorts.create(coach, "Load cohort", None, None, DEFAULT_CONTENT_DIR.name)
    code = cohorts.new_invite(coach, cohort.id, now).code
    subjects = [f"participant{n:02}" for n in range(participants)]
    for subject in subjects:
        wb = base.as_person(people.sign_in(issuer, subject, subject))
        load_sample(wb, now.date())
        cohorts.join(wb, code, now)
        for kind in (ShareKind.STEP_STATUS, ShareKind.PIPELINE):
            cohorts.share(wb, cohort.id, kind)
    base.engine.dispose()
    return subjects


async def round_of(
    base: str,
    jars: list[http.cookiejar.CookieJar],
    url_path: str,
    reruns: int,
    timeout: float,
    title: str,
    server: load.Processes,
) -> load.PageResult:
    """Each jar's tab opens `url_path` (warm-up), then reruns it `reruns` times, all at once."""
    page = load.Page(title, url_path)
    return await load.load_page(base, page, len(jars), reruns, timeout, server, jars)


async def mixed(
    base: str,
    participants: list[http.cookiejar.CookieJar],
    coach: http.cookiejar.CookieJar,
    args: argparse.Namespace,
    server: load.Processes,
) -> tuple[load.PageResult, load.PageResult]:
    """The coach reruns the Coach's view while every participant reruns Analytics."""
    return await asyncio.gather(
        round_of(base, participants, ANALYTICS, args.reruns, args.timeout, "Analytics", server),
        round_of(base, [coach], COACH, args.coach_reruns, args.timeout, "Coach's view", server),
    )


def _per_rerun(result: load.PageResult) -> float:
    return statistics.mean(result.latencies) if result.latencies else float("nan")


def report(title: str, analytics: load.PageResult, coach: load.PageResult) -> None:
    print(f"\n{title}")
    print(load.HEADER)  # in round 3 both rows' client is the same: the rounds run at once
    for result in (analytics, coach):
        print(load._row(result))
        for message in sorted(set(result.errors))[:3]:
            print(f"  {result.title}: {result.errors.count(message)} × {message}")
    p50 = coach.quantile(0.5) / analytics.quantile(0.5)
    mean = _per_rerun(coach) / _per_rerun(analytics)
    print(f"Coach's view ÷ Analytics, time per rerun: {p50:.2f}× at p50, {mean:.2f}× mean")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--reruns", type=int, default=10, help="per session, rounds 1 and 2")
    parser.add_argument("--coach-reruns", type=int, default=20, help="the coach's, round 3")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for one rerun")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder, sign_in.provider() as provider_url:
        tmp = Path(folder)
        db_url = f"sqlite:///{tmp / 'cohort.db'}"
        started = time.perf_counter()
        subjects = seed(db_url, sign_in.issuer_of(provider_url), args.participants)
        print(f"seeded {len(subjects)} participants in {time.perf_counter() - started:.0f} s")
        with sign_in.hosted_server(tmp, db_url, provider_url) as served:
            base = served.base
            started = time.perf_counter()
            jars = sign_in.sign_in_all(base, [COACH, *subjects], args.timeout)
            coach_jar, participant_jars = jars[0], jars[1:]
            print(
                f"{len(jars)} sign-ins through the provider in {time.perf_counter() - started:.1f} s"
            )
            server = load.Processes([served.streamlit_pid()])
            n = len(participant_jars)

            async def rounds() -> list[load.PageResult]:
                first = await round_of(
                    base,
                    participant_jars,
                    ANALYTICS,
                    args.reruns,
                    args.timeout,
                    "Analytics",
                    server,
                )
                # One tab first: the coach's view reads every participant once (their parts are
                # then kept); 50 tabs opening it cold together would each read them all.
                await round_of(base, [coach_jar], COACH, 1, args.timeout, "warm-up", server)
                second = await round_of(
                    base, [coach_jar] * n, COACH, args.reruns, args.timeout, "Coach's view", server
                )
                return [
                    first,
                    second,
                    *await mixed(base, participant_jars, coach_jar, args, server),
                ]

            analytics, coach, mixed_analytics, mixed_coach = asyncio.run(rounds())
        load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"\n{n} participants (sample workbook each, sharing step status and pipeline) and a "
            f"coach, {os.cpu_count()} CPUs, load average at the end: {load_avg}"
        )
        report(f"1-2. {n} sessions × {args.reruns} reruns per page, one page after the other",
               analytics, coach)  # fmt: skip
        report(
            f"3. the coach × {args.coach_reruns} reruns while {n} participants × {args.reruns} "
            "rerun Analytics",
            mixed_analytics,
            mixed_coach,
        )
        for error, count in load.server_errors([served.log]).most_common(5):
            print(f"  server log: {count} × {error}")


if __name__ == "__main__":
    main()
