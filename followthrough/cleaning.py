"""What the workbook keeps of typed or pasted text: every character a document or calendar can hold.

Word's line break (\\v), form feeds and the Unicode line separators become line breaks; other
control characters (NUL, ESC, ...) are dropped. PostgreSQL refuses NUL, .docx files cannot hold
control characters and RFC 5545 forbids them in .ics files, so they never enter the database.
"""

import re

_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls and DEL, keeping \t and \n


def clean(text: str) -> str:
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
