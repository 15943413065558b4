"""Dates in another shape than formats.DATE ('2026/12/01'), for the tests that look for them on
screen (tests/app/test_date_format.py, tests/e2e/test_phone.py)."""

import re

MONTHS = (
    "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July"
    "|August|September|October|November|December"
)
OTHER_SHAPES = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 01/12/2026, 1.12.26, 12-01-2026
    r"|\b\d{4}[-.]\d{1,2}[-.]\d{1,2}\b"  # 2026-12-01 (a phone breaks it at a hyphen), 2026.12.01
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})\b"  # 1 Dec, 1st December
    rf"|\b(?:{MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?\b"  # Dec 1, December 1st
)
