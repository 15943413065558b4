"""What a spreadsheet's columns and statuses mean: suggestions from common tracker headers and words.

Suggestions are only suggestions: the user maps or ignores every column and every unknown status.
"""

import re
import unicodedata

from followthrough.models import Field, Stage

REQUIRED = (Field.COMPANY, Field.ROLE_TITLE, Field.APPLIED_ON)

Mapping = list[Field | None]  # one entry per CSV column; None = ignored

# Headers as they appear in trackers and spreadsheets (English and common European spellings),
# compared after folding case, accents and punctuation.
_HEADERS: dict[Field, tuple[str, ...]] = {
    Field.COMPANY: (
        "company", "company name", "employer", "organisation", "organization", "firm",
        "firma", "unternehmen", "arbeitgeber", "entreprise", "societe", "employeur",
        "empresa", "azienda", "bedrijf", "werkgever",
    ),
    Field.ROLE_TITLE: (
        "role", "role title", "position", "job", "job title", "title", "poste", "intitule",
        "intitule du poste", "puesto", "cargo", "stelle", "position title", "stellenbezeichnung",
        "ruolo", "functie", "vacature",
    ),
    Field.APPLIED_ON: (
        "date applied", "applied on", "applied", "application date", "date", "applied date",
        "datum", "bewerbungsdatum", "fecha", "fecha de solicitud", "fecha de postulacion",
        "date de candidature", "date candidature", "data candidatura", "sollicitatiedatum",
    ),
    Field.STATUS: (
        "status", "stage", "state", "etat", "statut", "estado", "etapa", "stand", "stato",
        "application status",
    ),
    Field.STATUS_ON: (
        "status date", "last update", "last updated", "updated", "updated on", "date of status",
        "stage date", "date du statut", "fecha de estado", "letzte aktualisierung",
    ),
    Field.SOURCE: (
        "source", "channel", "found via", "found on", "via", "quelle", "fuente", "origine",
        "canal", "bron",
    ),
    Field.LISTING_URL: (
        "url", "link", "listing", "listing url", "job url", "job link", "posting", "lien",
        "enlace", "annonce", "stellenanzeige",
    ),
    Field.NOTES: (
        "notes", "note", "comments", "comment", "remarks", "notizen", "bemerkungen",
        "commentaires", "remarques", "notas", "comentarios", "opmerkingen",
    ),
    Field.HISTORY: ("history", "stage history", "historique", "historial", "verlauf"),
}  # fmt: skip

# Status words in common trackers, mapped to stages; anything else is the user's to map.
_STATUSES: dict[str, Stage] = {
    **{stage.value.replace("_", " "): stage for stage in Stage},
    "wishlist": Stage.SAVED, "bookmarked": Stage.SAVED, "to apply": Stage.SAVED,
    "submitted": Stage.APPLIED, "postule": Stage.APPLIED, "candidature envoyee": Stage.APPLIED,
    "beworben": Stage.APPLIED, "enviada": Stage.APPLIED, "aplicado": Stage.APPLIED,
    "replied": Stage.RESPONDED, "reply": Stage.RESPONDED, "response": Stage.RESPONDED,
    "phone screen": Stage.SCREENING, "screen": Stage.SCREENING,
    "interviewing": Stage.INTERVIEW, "entretien": Stage.INTERVIEW, "entrevista": Stage.INTERVIEW,
    "vorstellungsgesprach": Stage.INTERVIEW, "final round": Stage.FINAL_INTERVIEW,
    "offer received": Stage.OFFER, "offre": Stage.OFFER, "angebot": Stage.OFFER,
    "oferta": Stage.OFFER, "hired": Stage.ACCEPTED, "accepte": Stage.ACCEPTED,
    "declined": Stage.REJECTED, "refuse": Stage.REJECTED, "refus": Stage.REJECTED,
    "absage": Stage.REJECTED, "abgelehnt": Stage.REJECTED, "rechazado": Stage.REJECTED,
    "rechazada": Stage.REJECTED, "not selected": Stage.REJECTED,
    "withdrew": Stage.WITHDRAWN, "ghosted": Stage.NO_RESPONSE, "no reply": Stage.NO_RESPONSE,
    "sans reponse": Stage.NO_RESPONSE, "sin respuesta": Stage.NO_RESPONSE,
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case, no accents, punctuation and underscores as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


_HEADER_LOOKUP = {alias: field for field, aliases in _HEADERS.items() for alias in aliases}


def suggest_mapping(header: list[str]) -> Mapping:
    """A field for each column whose header is a known name for it; each field used once."""
    mapping: Mapping = []
    for name in header:
        field = _HEADER_LOOKUP.get(fold(name))
        mapping.append(None if field in mapping else field)
    return mapping


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


def known_status(raw: str) -> Stage | None:
    """The stage a status word names, or None when it is not one we know."""
    return _STATUSES.get(fold(raw))
