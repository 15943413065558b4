import pytest

from ui.text import plain


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Acme Corp (UK)", "Acme Corp (UK)"),
        ("![x](http://t.example/x.png)", r"\!\[x\](http\://t.example/x.png)"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        (":material/home: :red[alert]", r"\:material/home\: \:red\[alert\]"),
        ("$x$ <b>", r"\$x\$ \<b\>"),
        ("- item\n1. first\nmid-line 2.5", "\\- item\n1\\. first\nmid-line 2.5"),
    ],
)
def test_markup_is_escaped_and_plain_text_is_untouched(typed: str, shown: str) -> None:
    assert plain(typed) == shown
