"""Content templates: a coach's sentence with named placeholders, checked at load, filled one way.

Only plain names are placeholders ({company}). Indexing ({company[0]}), attributes ({a.b}),
conversions ({a!r}) and format specs ({a:>99}) are refused when the content is loaded, and `fill`
never evaluates them, so a content pack cannot make a render slow or large.
"""

import string
from collections.abc import Collection

_PARSER = string.Formatter()


def _fields(template: str) -> list[tuple[str, str, str]]:
    """(name, format spec, conversion) of each replacement field; ValueError on broken braces."""
    return [
        (name, spec or "", conversion or "")
        for _literal, name, spec, conversion in _PARSER.parse(template)
        if name is not None
    ]


def check(template: str, allowed: Collection[str]) -> str:
    """`template` unchanged, or ValueError naming the first placeholder that cannot be filled."""
    try:
        fields = _fields(template)
    except ValueError as exc:
        raise ValueError(f"{exc} (write {{{{ or }}}} for a literal brace)") from None
    names = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
    for name, spec, conversion in fields:
        if spec or conversion or not name.isidentifier():
            raise ValueError(
                f"'{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}' is not a placeholder: write a plain name like {{company}}"
            )
        if name not in allowed:
            raise ValueError(f"unknown placeholder {{{name}}} (this text can use {names})")
    return template


def fill(template: str, **values: object) -> str:
    """`template` with each placeholder replaced by its value (as text)."""
    parts = []
    for literal, name, _spec, _conversion in _PARSER.parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(str(values[name]))
    return "".join(parts)
