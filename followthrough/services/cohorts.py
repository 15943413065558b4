"""Cohorts for the people in them: a coach creates one and invites with codes; a participant joins,
chooses what the coach may see, takes it back, sees who opened what, and leaves.

Roles are checked here on every call (Forbidden says why), not only by which pages show: the coach
of a cohort is the person who created it; a participant is whoever joined it with a valid code. A
coach can be a participant of another coach's cohort.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from followthrough import config, formats
from followthrough.content import ContentError, ContentPack, load_content
from followthrough.models import Cohort, Forbidden, Invalid, Invite, Item, ShareKind
from followthrough.services.workbook import Workbook
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository

INVITE_DAYS = 14
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud in a workshop
CODE_LENGTH = 8
NOT_COACH = "Only this cohort's coach can do that."
NOT_MEMBER = "You are not a participant of this cohort (any more): join it with an invite code."
NO_LOG = "Nobody has opened anything you shared."
ITEMS_LABEL = "Notes and drafts your coach may read (each time they open one, you see it below)"
ITEMS_NONE = "None: pick a note or a thank-you draft to share it"
INVITE_READY = "New invite code ready: give it to your participants."
BAD_PACK_NAME = "not a pack name: use letters, digits, '-', '_' or '.' only"
SAME_NAME_AS_DEFAULT = "has the name of the server's default pack ({}): rename the folder"
FOLLOW_LABEL = "Whose words your pages use"
WHOLE_KINDS = {
    ShareKind.STEP_STATUS: "My step status (done, due or overdue per interview)",
    ShareKind.PIPELINE: "My pipeline figures (in the cohort's funnel and the stalling check)",
}


# -- roles -------------------------------------------------------------------------------------


def coach_of(wb: Workbook, cohort_id: int) -> Cohort:
    """The cohort, when the workbook's person coaches it; Forbidden otherwise."""
    cohort = wb.repo(CohortRepository).coached_cohort(cohort_id)
    if cohort is None:
        raise Forbidden(NOT_COACH)
    return cohort


def member_of(wb: Workbook, cohort_id: int) -> Cohort:
    """The cohort, when the workbook's person is a participant of it; Forbidden otherwise."""
    cohort = next((c for c in wb.repo(CohortRepository).joined() if c.id == cohort_id), None)
    if cohort is None:
        raise Forbidden(NOT_MEMBER)
    return cohort


# -- the coach's calls -------------------------------------------------------------------------


Load = Callable[[Path], ContentPack]  # load_content, or a cached loader of the same folders


@dataclass(frozen=True)
class PackStatus:
    """One content pack on this server, and why it cannot be used ('' when it loads)."""

    name: str
    directory: Path
    problem: str = ""


def pack_statuses(load: Load = load_content) -> list[PackStatus]:
    """Every content pack on this server (the default first, then FOLLOWTHROUGH_PACKS_DIR's
    subfolders), each loaded: a broken one carries its error and is offered to nobody."""
    statuses = []
    for name, directory in config.packs().items():
        try:
            load(directory)
        except (ContentError, OSError, ValueError) as exc:
            statuses.append(PackStatus(name, directory, str(exc)))
        else:
            statuses.append(PackStatus(name, directory))
    listed = {s.directory for s in statuses}
    for folder in config.pack_folders():
        if folder not in listed and config.content_dir().resolve() != folder.resolve():
            why = (
                BAD_PACK_NAME
                if not config.safe_pack_name(folder.name)
                else SAME_NAME_AS_DEFAULT.format(config.content_dir())
            )
            statuses.append(PackStatus(folder.name, folder, f"{folder}: {why}"))
    return statuses


def packs(load: Load = load_content) -> list[str]:
    """The content packs a cohort can use: every pack on this server that loads."""
    return [status.name for status in pack_statuses(load) if not status.problem]


def followed_dir(wb: Workbook) -> Path:
    """The folder of the content pack this person's pages follow: the pack of the cohort they
    last joined or chose to follow, when this server has it; the server's default otherwise (in
    no cohort, or the cohort's pack is gone). One query."""
    cohort = wb.repo(CohortRepository).followed()
    found = config.pack_dir(cohort.content_pack) if cohort else None
    return found or config.content_dir()


def follow(wb: Workbook, cohort_id: int, now: datetime) -> str:
    """Make the pages of a participant of several cohorts follow this cohort's content pack."""
    cohort = member_of(wb, cohort_id)
    wb.repo(CohortRepository).follow(cohort_id, now)
    return f"Your pages now use the words of {cohort.name} (content pack {cohort.content_pack})."


def pack_dir_of(wb: Workbook, cohort_id: int) -> Path:
    """The folder of the content pack a cohort this person coaches uses (the server's default
    when the pack is no longer on this server)."""
    return config.pack_dir(coach_of(wb, cohort_id).content_pack) or config.content_dir()


def workshop_packs(wb: Workbook, own: Path) -> dict[Path, str]:
    """The packs whose workshop plans this person may put on the projector, folder → label:
    the pack their own pages follow (`own`), then those of the cohorts they coach (a pack gone
    from this server is left out). One query."""
    found: dict[Path, list[str]] = {}
    for cohort in wb.repo(CohortRepository).coached():
        if directory := config.pack_dir(cohort.content_pack):
            found.setdefault(directory, []).append(cohort.name)
    labels = {own: f"{own.name} (your own pages' words)"}
    for directory, names in found.items():
        if directory != own:
            labels[directory] = f"{directory.name} ({formats.join(names)})"
    return labels


def create(
    wb: Workbook,
    name: str,
    starts_on: date | None,
    ends_on: date | None,
    pack: str,
    load: Load = load_content,
) -> Cohort:
    """A new cohort, coached by the workbook's person."""
    name = name.strip()
    if not name:
        raise Invalid("name", "Give the cohort a name your participants will recognise.")
    if starts_on and ends_on and ends_on < starts_on:
        raise Invalid("ends_on", "The cohort ends before it starts: check the dates.")
    if pack not in packs(load):
        raise Invalid("content_pack", f"No content pack '{pack}' on this server.")
    repo = wb.repo(CohortRepository)
    return coach_of(wb, repo.create(name, starts_on, ends_on, pack))


def created(cohort: Cohort) -> str:
    return f"Cohort created: {cohort.name}. Make an invite code for its participants."


def new_invite(wb: Workbook, cohort_id: int, now: datetime, days: int = INVITE_DAYS) -> Invite:
    """A fresh invite code for the cohort, valid for `days` days."""
    coach_of(wb, cohort_id)
    repo = wb.repo(CohortRepository)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite_id = repo.add_invite(cohort_id, code, now + timedelta(days=days))
    return next(i for i in repo.invites(cohort_id) if i.id == invite_id)


def revoke_invite(wb: Workbook, cohort_id: int, invite_id: int, now: datetime) -> str:
    coach_of(wb, cohort_id)
    wb.repo(CohortRepository).revoke_invite(invite_id, now)
    return "Invite code withdrawn: nobody can join with it any more."


# -- the participant's calls -------------------------------------------------------------------


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def join(wb: Workbook, code: str, now: datetime) -> str:
    """Join the cohort the code invites to; what to tell the person. Invalid/NotFound say why."""
    cohort = wb.repo(CohortRepository).join(normalise_code(code), now)
    return (
        f"You joined {cohort.name} (coach: {cohort.coach_name}). Your workbook stays private: "
        "choose below what your coach may see."
    )


def leave(wb: Workbook, cohort_id: int) -> str:
    cohort = member_of(wb, cohort_id)
    wb.repo(CohortRepository).leave(cohort_id)
    return f"You left {cohort.name}: your coach sees nothing of yours any more."


def share(wb: Workbook, cohort_id: int, kind: ShareKind, item: int = 0) -> None:
    member_of(wb, cohort_id)
    wb.repo(ConsentRepository).share(cohort_id, kind, item)


def withdraw(wb: Workbook, cohort_id: int, kind: ShareKind, item: int = 0) -> None:
    """Stop sharing: the coach's next rerun no longer shows it."""
    member_of(wb, cohort_id)
    wb.repo(ConsentRepository).withdraw(cohort_id, kind, item)


def set_shared(wb: Workbook, cohort_id: int, kind: ShareKind, on: bool) -> None:
    """Share a whole kind (step status, pipeline figures) or take it back."""
    (share if on else withdraw)(wb, cohort_id, kind)


def set_shared_items(wb: Workbook, cohort_id: int, chosen: list[tuple[str, int]]) -> None:
    """Share exactly the items `chosen` ((kind, id) pairs) with the cohort's coach."""
    member_of(wb, cohort_id)
    repo = wb.repo(ConsentRepository)
    now = {(s.kind, s.item) for s in repo.shares(cohort_id) if s.kind.is_item}
    wanted = {(ShareKind(kind), item) for kind, item in chosen}
    for kind, item in sorted(now - wanted):
        repo.withdraw(cohort_id, kind, item)
    for kind, item in sorted(wanted - now):
        repo.share(cohort_id, kind, item)


# -- the screen --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InviteLine:
    id: int
    code: str
    status: str  # 'valid until Tue 15 Dec 2026, 14:30', 'expired ...', 'withdrawn ...'
    active: bool


@dataclass(frozen=True)
class CoachedCohort:
    id: int
    title: str  # 'Spring cohort · Tue 1 Dec – Sun 20 Dec 2026'
    caption: str  # pack and members
    invites: list[InviteLine]


@dataclass(frozen=True)
class ItemChoice:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class JoinedCohort:
    id: int
    title: str
    coach: str
    shared: dict[str, bool]  # whole kinds (ShareKind values) → shared now
    kinds: dict[str, str]  # whole kinds → their label
    items: list[ItemChoice]  # what could be picked
    picked: list[tuple[str, int]]  # what is shared now
    summary: str  # 'Your coach sees: ...' in one sentence


@dataclass(frozen=True)
class Following:
    """Whose content pack a participant's pages follow, and the choice when their cohorts' packs
    differ."""

    cohort_id: int | None  # the cohort followed (None: in no cohort)
    choices: dict[int, str]  # cohort id → 'Spring cohort (content pack spring)'; {} when no choice
    note: str  # 'Your pages use the words of ...'


@dataclass(frozen=True)
class CohortsScreen:
    coached: list[CoachedCohort]
    joined: list[JoinedCohort]
    log: list[dict[str, str]]  # who opened what of yours, newest first
    packs: list[str]
    following: Following | None  # None in no cohort


def screen(
    wb: Workbook, pack: ContentPack, now: datetime, load: Load = load_content
) -> CohortsScreen:
    repo = wb.repo(CohortRepository)
    consent = wb.repo(ConsentRepository)
    items = [ItemChoice(i.kind.value, i.id, item_label(pack, i)) for i in consent.items()]
    joined = repo.joined()
    usable = packs(load)
    return CohortsScreen(
        coached=[_coached(repo, c, now) for c in repo.coached()],
        joined=[_joined(consent, c, items) for c in joined],
        log=[
            {
                "When": formats.moment(e.viewed_at),
                "Cohort": e.cohort_name,
                "Coach": e.coach_name,
                "What they opened": e.what,
            }
            for e in wb.repo(AccessLogRepository).about_me()
        ],
        packs=usable,
        following=_following(joined, repo.followed() if joined else None, usable),
    )


def _following(
    joined: list[Cohort], followed: Cohort | None, usable: list[str]
) -> Following | None:
    if followed is None:
        return None
    if followed.content_pack in usable:
        note = (
            f"Your pages use the words of {followed.name}'s content pack ({followed.content_pack})."
        )
    else:
        note = (
            f"{followed.name}'s content pack ({followed.content_pack}) is not available on this "
            "server: your pages use the server's own words."
        )
    several = len({c.content_pack for c in joined}) > 1
    choices = {c.id: f"{c.name} (content pack {c.content_pack})" for c in joined} if several else {}
    return Following(followed.id, choices, note)


def cohort_title(cohort: Cohort) -> str:
    if cohort.starts_on and cohort.ends_on:
        return (
            f"{cohort.name} · {formats.short_day(cohort.starts_on)} – {formats.day(cohort.ends_on)}"
        )
    if cohort.starts_on:
        return f"{cohort.name} · from {formats.day(cohort.starts_on)}"
    return cohort.name


def _coached(repo: CohortRepository, cohort: Cohort, now: datetime) -> CoachedCohort:
    members = len(repo.members(cohort.id))
    return CoachedCohort(
        id=cohort.id,
        title=cohort_title(cohort),
        caption=f"Content pack: {cohort.content_pack} · {formats.plural(members, 'participant')}",
        invites=[_invite_line(i, now) for i in repo.invites(cohort.id)],
    )


def _invite_line(invite: Invite, now: datetime) -> InviteLine:
    if invite.revoked_at is not None:
        return InviteLine(
            invite.id, invite.code, f"withdrawn {formats.moment(invite.revoked_at)}", False
        )
    if invite.expires_at <= now:
        return InviteLine(
            invite.id, invite.code, f"expired {formats.moment(invite.expires_at)}", False
        )
    return InviteLine(
        invite.id, invite.code, f"valid until {formats.moment(invite.expires_at)}", True
    )


def _joined(consent: ConsentRepository, cohort: Cohort, items: list[ItemChoice]) -> JoinedCohort:
    shares = consent.shares(cohort.id)
    whole = {s.kind for s in shares if not s.kind.is_item}
    picked = [(s.kind.value, s.item) for s in shares if s.kind.is_item]
    return JoinedCohort(
        id=cohort.id,
        title=cohort_title(cohort),
        coach=cohort.coach_name,
        shared={k.value: k in whole for k in WHOLE_KINDS},
        kinds={k.value: label for k, label in WHOLE_KINDS.items()},
        items=items,
        picked=picked,
        summary=_summary(whole, len(picked)),
    )


def _summary(whole: set[ShareKind], items: int) -> str:
    seen = [
        what
        for kind, what in (
            (ShareKind.STEP_STATUS, "your step status"),
            (ShareKind.PIPELINE, "your pipeline figures"),
        )
        if kind in whole
    ]
    if items:
        seen.append(formats.plural(items, "item") + " you picked")
    if not seen:
        return "Your coach sees nothing of yours: everything you write is private."
    return f"Your coach sees {formats.join(seen)}; nothing else of yours."


def item_label(pack: ContentPack, item: Item) -> str:
    """'Step 1 · What mattered most (Ada) · interview of Fri 20 Nov 2026': what it is, never its
    text."""
    when = f"interview of {formats.day(item.interview_starts_at)}"
    about = f" ({item.interviewer})" if item.interviewer else ""
    try:
        step = pack.step(item.step_id)
    except StopIteration:
        return f"{item.step_id}{about} · {when}"
    if item.kind is ShareKind.THANK_YOU:
        return f"Step {step.number} · thank-you note to {item.interviewer} · {when}"
    prompt = next((p.label for p in step.prompts if p.id == item.prompt_id), item.prompt_id)
    return f"Step {step.number} · {prompt}{about} · {when}"
