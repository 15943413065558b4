"""Where the workbook keeps its data and content, overridable by environment variables."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_CONTENT_DIR = ROOT / "content"


def database_url() -> str:
    """FOLLOWTHROUGH_DB_URL, or the embedded SQLite file under data/."""
    return os.environ.get("FOLLOWTHROUGH_DB_URL") or f"sqlite:///{DATA_DIR / 'followthrough.db'}"


def content_dir() -> Path:
    """FOLLOWTHROUGH_CONTENT_DIR (a coach's own pack), or the content/ shipped with the app."""
    return Path(os.environ.get("FOLLOWTHROUGH_CONTENT_DIR") or DEFAULT_CONTENT_DIR)
