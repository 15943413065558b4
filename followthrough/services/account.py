"""Who is signed in, and their own data: sign-in binds a person to their provider's identity.

Local use has no sign-in: the workbook is the one local person's. Hosted use (see ui/auth.py) signs
people in with OpenID Connect; a person is the provider's issuer + subject, never an e-mail alone.
"""

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from followthrough.models import Forbidden, Invalid
from followthrough.services import transfer
from followthrough.services.workbook import Workbook
from followthrough.store.access_log import AccessLogRepository
from followthrough.store.accounts import AccountRepository
from followthrough.store.cohorts import CohortRepository
from followthrough.store.consent import ConsentRepository
from followthrough.store.people import LOCAL_HANDLE, PeopleRepository

SIGN_IN_TITLE = "Sign in to Follow-Through"
SIGN_IN_TEXT = (
    "This Follow-Through is shared by a coach's cohort, so each person signs in to reach their "
    "own workbook. Everything you write stays private unless you choose to share it with a "
    "cohort's coach, and you can take back what you shared at any time."
)
SIGN_IN_BUTTON = "Sign in"
SIGN_IN_BROKEN = (
    "Sign-in is required here but is not set up: the server's .streamlit/secrets.toml needs an "
    "[auth] section (see the README's 'Hosted sign-in')."
)
NOT_SIGNED_IN = "Sign in first: this Follow-Through is hosted, and every workbook is someone's."
NO_IDENTITY = (
    "The identity provider signed you in without an issuer and subject, so this app cannot tell "
    "who you are. Ask the server's administrator to check the OpenID Connect settings."
)


@dataclass(frozen=True)
class Identity:
    """What the identity provider says about the signed-in person (from the ID token's claims)."""

    issuer: str
    subject: str
    name: str = ""
    email: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.issuer, self.subject


def signed_in(base: Workbook, identity: Identity | None) -> Workbook:
    """The signed-in person's own workbook on `base`'s database (created on their first visit).

    Raises Forbidden when nobody is signed in: in hosted use no workbook is anyone's by default.
    """
    if identity is None:
        raise Forbidden(NOT_SIGNED_IN)
    person = PeopleRepository(base.engine).sign_in(
        identity.issuer, identity.subject, identity.name, identity.email
    )
    return base.as_person(person)


# -- your data ---------------------------------------------------------------------------------

MY_DATA_FORMAT = "followthrough-my-data"
MY_DATA_TEXT = (
    "Everything you own, yours to take: one JSON file with your whole workbook, the cohorts you "
    "coach or joined, what you share there and every time a coach opened something of yours; "
    "and your applications as CSV for a spreadsheet."
)
DELETE_TEXT = (
    "Deleting your account deletes your workbook, your cohorts and their invite codes, your "
    "memberships and everything you shared, at once and for good. Cohort figures are counted "
    "without you from then on. A coach's log keeps only that a deleted participant existed."
)
LOCAL_ACCOUNT = "The local workbook has no account to delete: remove its database file instead."
DELETE_WORDS = "delete my account"
DELETE_PROMPT = f"Type “{DELETE_WORDS}” to confirm"
DELETE_NOT_CONFIRMED = f"Type “{DELETE_WORDS}” to confirm: nothing was deleted."
DELETED = (
    "Your account and everything you owned are deleted. Coaches' logs keep only that a deleted "
    "participant existed."
)


def my_data(wb: Workbook) -> bytes:
    """Everything the person owns as one JSON file: who they are, their whole workbook (the same
    backup the Import & export page makes), the cohorts they coach, the cohorts they joined with
    what they share there, and every time a coach opened something of theirs."""
    who = wb.repo(AccountRepository).about()
    cohorts = wb.repo(CohortRepository)
    consent = wb.repo(ConsentRepository)
    document = {
        "format": MY_DATA_FORMAT,
        "person": who,
        "workbook": json.loads(transfer.backup_json(wb).data),
        "cohorts_coached": [
            {**asdict(c), "invites": [asdict(i) for i in cohorts.invites(c.id)]}
            for c in cohorts.coached()
        ],
        "cohorts_joined": [
            {**asdict(c), "shares": [asdict(s) for s in consent.shares(c.id)]}
            for c in cohorts.joined()
        ],
        "access_log": [asdict(e) for e in wb.repo(AccessLogRepository).about_me()],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def my_applications_csv(wb: Workbook) -> bytes:
    """The applications and their stage history as formula-safe CSV (as on Import & export)."""
    return transfer.export_csv(wb).data


def delete_account(wb: Workbook, confirmation: str, now: datetime) -> str:
    """Delete the signed-in person and everything they own; coaches' logs keep only that a
    deleted participant existed. Refused for the local person and without the typed words."""
    if wb.owner.handle == LOCAL_HANDLE:
        raise Forbidden(LOCAL_ACCOUNT)
    if confirmation.strip().lower() != DELETE_WORDS:
        raise Invalid("confirmation", DELETE_NOT_CONFIRMED)
    wb.repo(AccessLogRepository).forget_me(now)
    wb.repo(AccountRepository).delete()
    return DELETED
