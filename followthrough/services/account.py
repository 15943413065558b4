"""Who is signed in, and their own data: sign-in binds a person to their provider's identity.

Local use has no sign-in: the workbook is the one local person's. Hosted use (see ui/auth.py) signs
people in with OpenID Connect; a person is the provider's issuer + subject, never an e-mail alone.
"""

from dataclasses import dataclass

from followthrough.models import Forbidden
from followthrough.services.workbook import Workbook
from followthrough.store.people import PeopleRepository

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
