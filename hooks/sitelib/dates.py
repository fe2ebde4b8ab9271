"""Dates as the data writes them ('2019', '2019-03', '2019-03-02': only as precise as the
source) and as the pages show them, in the edition's words."""
from __future__ import annotations

import datetime as dt
import re


def parse_date(value) -> tuple[int, int | None, int | None]:
    """'2019', '2019-03' or '2019-03-02' (or a year as a number) as (year, month, day);
    ValueError for anything else, impossible dates (2019-13, 2019-02-30) included."""
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    problem = f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if not match:
        raise ValueError(problem)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as err:
        raise ValueError(f"{problem}: {err}") from None
    return year, month, day


def format_date(event: dict, words, inline: bool = False) -> str:
    """'2 March 2019', 'early April 2019', '2021 (planned)' (or 2019年3月2日 …). Inline, in a
    sentence that already says so, the planned/derived remark is left out."""
    year, month, day = event["when"]
    # The first of a month has a pattern of its own where an edition writes it apart
    # (1er novembre 2016); the others repeat date_day there.
    pattern = (("date_day_first" if day == 1 else "date_day") if day
               else "date_month" if month else "date_year")
    text = words.format(pattern, year=year, month=month, day=day,
                        month_name=words["month_names"][month - 1] if month else "")
    approx = event.get("approx")
    if not approx or (inline and approx in ("planned", "derived")):
        return text
    return words.format(approx, date=text)


def published_date(source: dict, words) -> str:
    """A source's publication date as the edition writes dates (26 September 2013,
    2013年9月26日), marked as worked out where the source shows none (approx: derived)."""
    return format_date({"when": parse_date(source["published"]), "approx": source.get("approx")}, words)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def iso_date(event: dict) -> str:
    year, month, day = event["when"]
    return "-".join([f"{year:04d}"] + [f"{x:02d}" for x in (month, day) if x])


def sort_key(when: tuple) -> tuple:
    """A date of any precision as a sortable (year, month or 0, day or 0)."""
    return tuple(x or 0 for x in when)
