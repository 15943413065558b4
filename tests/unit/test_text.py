"""ui.text.plain: what Streamlit's Markdown would make of user text, and what plain leaves of it.

The browser test tests/e2e/test_markup.py checks the same corpus in the real renderer; these
tests pin the escapes and replay the patterns Streamlit 1.67's renderer applies to text after
backslash escapes are resolved (GFM bare links, icons, emoji, arrows).
"""

import re

import pytest

from ui.text import JOINER, plain

# What the renderer leaves of a backslash escape: the character itself.
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# Patterns applied to text nodes, after escapes are resolved (mdast-util-gfm-autolink-literal and
# Streamlit's own remark plugins, as shipped in streamlit/static for 1.67).
AFTER_ESCAPES = {
    "url": re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE),
    "e-mail": re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
    "material icon": re.compile(r":material[/_](\w+):"),
    "streamlit logo": re.compile(r":streamlit:"),
    "emoji": re.compile(r":[\w+-][\w_+-]*:"),
    "arrow or dash": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
}


def shown(escaped: str) -> str:
    """The text the reader sees: escapes resolved, the invisible joiner left out."""
    return _UNESCAPE.sub(r"\1", escaped).replace(JOINER, "")


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("Acme Corp (UK) 50% 3.5", "Acme Corp (UK) 50% 3.5"),
        ("![x](t.example/x.png)", r"\!\[x\](t.example/x.png)"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("$x$ <b> a &amp; b", r"\$x\$ \<b\> a \&amp; b"),
        (
            "# h\n- item\n+ item\n1. first\n2) second\nmid-line 2.5",
            "\\# h\n\\- item\n\\+ item\n1\\. first\n2\\) second\nmid-line 2.5",
        ),
        ("title\n===", "title\n\\==="),
        ("    indented **code**", r"indented \*\*code\*\*"),
        ("~~gone~~ | cell |", r"\~\~gone\~\~ \| cell \|"),
    ],
)
def test_markup_is_escaped_and_plain_text_is_untouched(typed: str, escaped: str) -> None:
    assert plain(typed) == escaped


CORPUS = [
    "[x](http://127.0.0.2/a)",
    "![i](http://127.0.0.2/i.png)",
    '<img src="http://127.0.0.2/i.png">',
    "<http://127.0.0.2/z>",
    "$x^2$",
    ":material/home: :streamlit: :smile: :red[alert]",
    "www.example.com and WWW.EXAMPLE.COM",
    "a@b.co, mailto:a@b.co and xmpp:a@b.co",
    "HTTPS://example.com/path and ftp://example.com",
    "**bold**",
    "# heading",
    "- item",
    '=HYPERLINK("http://127.0.0.2","x")',
    "a -- b -> c <- d <-> e >= f <= g ~= h",
    "Zoë O'Neil — Acme, Inc.",
]


@pytest.mark.parametrize("typed", CORPUS)
def test_text_reads_as_typed(typed: str) -> None:
    assert shown(plain(typed)) == typed


@pytest.mark.parametrize("typed", CORPUS)
def test_no_pattern_matched_after_escapes_survives(typed: str) -> None:
    text = _UNESCAPE.sub(r"\1", plain(typed))
    found = {name for name, pattern in AFTER_ESCAPES.items() if pattern.search(text)}
    assert not found, f"{typed!r} still renders as {found}"


def test_the_patterns_do_match_the_raw_text() -> None:
    """The replayed patterns are live: without plain, the corpus would trigger each of them."""
    raw = "\n".join(CORPUS)
    assert all(pattern.search(raw) for pattern in AFTER_ESCAPES.values())
