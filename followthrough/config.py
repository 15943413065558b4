"""Where the workbook keeps its data and content, overridable by environment variables."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_CONTENT_DIR = ROOT / "content"
PACKS_ENV = "FOLLOWTHROUGH_PACKS_DIR"
# A pack's name is its folder's name: letters, digits, '-', '_' and '.', starting with a letter or
# a digit (so never '..', a hidden folder or anything with a path separator in it).
PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


def database_url() -> str:
    """FOLLOWTHROUGH_DB_URL, or the embedded SQLite file under data/."""
    return os.environ.get("FOLLOWTHROUGH_DB_URL") or f"sqlite:///{DATA_DIR / 'followthrough.db'}"


def content_dir() -> Path:
    """The server's default pack: FOLLOWTHROUGH_CONTENT_DIR (a coach's own pack), or the content/
    shipped with the app. Local use, and anyone in no cohort, reads this one."""
    return Path(os.environ.get("FOLLOWTHROUGH_CONTENT_DIR") or DEFAULT_CONTENT_DIR)


def packs_dir() -> Path | None:
    """FOLLOWTHROUGH_PACKS_DIR: a folder whose subfolders are more content packs, or None."""
    value = os.environ.get(PACKS_ENV, "").strip()
    return Path(value) if value else None


def pack_folders() -> list[Path]:
    """Every subfolder of the packs folder, hidden ones left out, in name order (none without
    a packs folder). Whether each is a usable pack is for `packs()` and the content check."""
    folder = packs_dir()
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def safe_pack_name(name: object) -> bool:
    return isinstance(name, str) and PACK_NAME.fullmatch(name) is not None


def packs() -> dict[str, Path]:
    """The content packs on this server, name → folder: the default pack first, named by its
    folder (`content` for the shipped one), then each packs-folder subfolder with a safe name.

    A subfolder named like the default pack is left out unless it is the default pack's folder:
    the default keeps its name, so a cohort created with it keeps its words.
    """
    default = content_dir()
    found = {default.name: default}
    for folder in pack_folders():
        if safe_pack_name(folder.name) and folder.name not in found:
            found[folder.name] = folder
    return found


def pack_dir(name: str) -> Path | None:
    """The folder of the pack called `name` (say, from a cohort's row), or None when this server
    has no such pack. The name is looked up among the folders listed, never joined to a path,
    so no name can reach a folder outside the packs folder."""
    return packs().get(name) if safe_pack_name(name) else None
