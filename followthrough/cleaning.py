"""What the workbook keeps of typed or pasted text: every character a document or calendar can hold.

Word's line break (\\v), form feeds and the Unicode line separators become line breaks; other
control characters (NUL, ESC, ...) are dropped, and so are the characters XML cannot hold (U+FFFE,
U+FFFF and lone surrogates, which UTF-8 cannot even encode). PostgreSQL refuses NUL, .docx files
(XML) cannot hold control characters and RFC 5545 forbids them in .ics files, so they never enter
the database; the .docx and .ics writers clean again what they write, for rows stored before this
and for content text.
"""

import re

_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 controls and DEL (keeping \t and \n), lone surrogates, and the non-characters U+FFFE/U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
