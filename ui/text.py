"""User text inside markdown-rendering elements, shown exactly as typed.

Streamlit 1.67 renders Markdown (GitHub-flavoured, plus LaTeX, `:color[...]` directives, `:emoji:`,
`:material/...:` and `:streamlit:` icons, and typographic arrows) in st.markdown/write/caption,
st.info/success/warning/error, st.toast, and in the labels of widgets, tabs, expanders, popovers,
buttons, page links and metrics, in st.metric's value and delta, and in the options of st.radio,
st.segmented_control, st.pills and st.select_slider. It does NOT render Markdown in st.selectbox or
st.multiselect options, st.text, st.code, a text box's value or table cells: there `plain` would
show its backslashes, so pass the text as it is.
"""

import re
from functools import lru_cache

# Markup that Streamlit finds in the text after backslash escapes are resolved, so a backslash
# cannot stop it: GFM's bare links (http://, www., e-mail), the icons :material_x: and :streamlit:,
# emoji shortcodes, and arrows/dashes ("->" shown as "→"). An invisible WORD JOINER (U+2060) inside
# each breaks the pattern while the text reads exactly as typed.
JOINER = "\u2060"
_TYPOGRAPHY = re.compile(r"(?<!\S)([<>~-])(?=(?:->|-|>|=)(?!\S))")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# Characters that open markup anywhere in a line: emphasis, code, links and images, HTML and
# <autolinks>, headings, tables, strikethrough, character references (&amp;), ':' (directives such
# as :red[...]) and '$' (LaTeX).
_INLINE = re.compile(r"([\\`*_{}\[\]<>#!|~$:&])")
# Block markers only count at the start of a line: bullets, "1." / "1)" lists, and a line of '='
# or '-' under text (a setext heading). Leading spaces went first: four of them make a code block,
# where the escapes would show (a paragraph drops leading spaces anyway).
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))", re.MULTILINE)
_BREAK = re.compile(r"(?i)(?<=www)(?=\.)|(?<=[a-z])(?=\\://)|(?=@)|(?<=\\:)(?=[\w+-])")


@lru_cache(maxsize=4096)  # a page shows the same texts on every rerun: four passes each
def plain(text: str) -> str:
    """Escape `text` so st.markdown, st.info, st.caption, labels... show it literally, never as markup."""
    text = _TYPOGRAPHY.sub(r"\1" + JOINER, _INDENT.sub("", text))
    escaped = _LINE_START.sub(_escape_marker, _INLINE.sub(r"\\\1", text))
    return _BREAK.sub(JOINER, escaped)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(1)
    return marker + "\\" if marker[0].isdigit() else "\\" + marker
