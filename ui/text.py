"""User text inside markdown-rendering elements, shown exactly as typed."""

import re

# Characters that open markup anywhere in a line, plus ':' (Streamlit's :emoji: and :material/...:
# directives, which can make the browser fetch an icon font) and '$' (LaTeX).
_INLINE = re.compile(r"([\\`*_{}\[\]<>#!|~$:])")
# List markers only count at the start of a line.
_LINE_START = re.compile(r"^(\s*)([-+]|\d+(?=\.))", re.MULTILINE)


def plain(text: str) -> str:
    """Escape `text` so st.markdown, st.info, st.caption... show it literally, never as markup."""
    escaped = _INLINE.sub(r"\\\1", text)
    # "- x" becomes "\- x"; "1. x" becomes "1\. x".
    return _LINE_START.sub(_escape_marker, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    return indent + (marker + "\\" if marker[0].isdigit() else "\\" + marker)
