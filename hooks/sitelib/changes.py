"""The site's changes a reader would want to know (data/changes.yml): loaded for one
edition, checked like every data file (a bad entry stops the build naming the file, the
entry and the field)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .data import SLUG
from .errors import DataError, fail
from .files import read_yaml

WHERE = "changes.yml"
KINDS = ("new-page", "new-fact", "correction")  # each has its word change_<kind> in interface.yml


def load_changes(root: Path, lang: str, langs, pages) -> list[dict]:
    """This edition's changes, newest first (the file's order within a day): each with
    its id, date (a datetime.date), kind, pages and text in this edition's language.
    `langs` are the editions' languages, `pages` the file names every edition has."""
    data = read_yaml(root / "data" / WHERE)
    if not isinstance(data, list) or not data:
        raise DataError(f"{WHERE}: expected a list of changes")
    seen, changes = set(), []
    for number, entry in enumerate(data, 1):
        key = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{number}"
        if not isinstance(entry, dict):
            fail(WHERE, key, "-", "expected a mapping of fields")
        for field in ("id", "date", "kind", "pages", "text"):
            if entry.get(field) in (None, "", []):
                fail(WHERE, key, field, "is required")
        if not SLUG.fullmatch(str(entry["id"])):
            fail(WHERE, key, "id", "must be a slug (lower-case words joined by -)")
        if key in seen:
            fail(WHERE, key, "id", "is given twice")
        seen.add(key)
        try:
            date = dt.date.fromisoformat(str(entry["date"]))
        except ValueError:
            fail(WHERE, key, "date", f"{entry['date']!r} is not a day (YYYY-MM-DD)")
        if entry["kind"] not in KINDS:
            fail(WHERE, key, "kind", f"{entry['kind']!r} is not one of {', '.join(KINDS)}")
        listed = entry["pages"]
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            fail(WHERE, key, "pages", "must list page file names (trade.md)")
        for page in listed:
            if page not in pages:
                fail(WHERE, key, "pages", f"no page {page!r}")
        editions = entry.get("editions", list(langs))
        if not isinstance(editions, list) or not editions or any(e not in langs for e in editions):
            fail(WHERE, key, "editions", f"must list editions among {', '.join(langs)}")
        if lang not in editions:
            continue
        text = entry["text"]
        if not isinstance(text, dict):
            fail(WHERE, key, "text", f"must give a text per language ({lang}: …)")
        for other in editions:
            if not isinstance(text.get(other), str) or not text[other].strip():
                fail(WHERE, key, "text", f"missing its {other!r} text")
        changes.append({"id": key, "date": date, "kind": entry["kind"], "pages": listed,
                        "text": re.sub(r"[ \t\n]+", " ", text[lang]).strip()})
    # Newest first; sorted() is stable, so a day keeps the file's order.
    return sorted(changes, key=lambda change: change["date"], reverse=True)
