"""The data files: rules that every entry follows, and every kind of mistake in every file
stopping the build with the file, the entry and the field (through the loader, which the
build runs; one real build shows the message reaches the editor without a traceback).

The broken copies are made by changing the data's structure, not by looking for today's
texts, so that these tests keep working when the texts change."""
from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EDITIONS, ROOT, build_all
from sitelib import trade
from sitelib.data import check_front_matter, check_references, load_all, page_sources
from sitelib.dates import format_date, iso_date, parse_date
from sitelib.editions import FIELDS, check
from sitelib.errors import DataError
from sitelib.files import read_yaml
from site_data import expand

OTHER = next(lang for lang in EDITIONS if EDITIONS[lang]["prefix"])  # an edition not at the root


# ---------------------------------------------------------------- rules of the data


def test_dates_are_read_only_as_precisely_as_written():
    assert parse_date("1971") == (1971, None, None)
    assert parse_date(1971) == (1971, None, None)
    assert parse_date("2018-10") == (2018, 10, None)
    assert parse_date("2019-03-02") == (2019, 3, 2)
    for bad in ("2019-13", "2019-02-30", "2019-13-45", "19", "March 2019", "", None, True, 2019.5):
        with pytest.raises(ValueError):
            parse_date(bad)


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_event_is_shown_with_the_precision_of_its_date(datasets, lang):
    words = datasets[lang]["words"]
    for event in datasets[lang]["events"]:
        year, month, day = event["when"]
        shown = format_date(event, words)
        assert str(year) in shown
        assert (words["month_names"][month - 1] in shown or str(month) in shown) if month else True
        assert iso_date(event).count("-") == (2 if day else 1 if month else 0)
        if event.get("approx") in ("planned", "derived"):  # a sentence says so itself
            assert format_date(event, words, inline=True) in shown
            assert format_date(event, words, inline=True) != shown


@pytest.mark.parametrize("lang", EDITIONS)
def test_figures_keep_their_hedge_in_every_edition(datasets, lang):
    words = datasets[lang]["words"]
    for row in datasets[lang]["trade"]:
        amount = row["value"] * words["unit_factor"]
        # Under one unit, a figure is given in the smaller unit (US$20 million, 2000万美元).
        number = words.number(amount if amount >= 1 else amount * words["small_factor"])
        hedge = words[row["qualifier"]].split("{value}") if row["qualifier"] else ["", ""]
        thousands = words["number_marks"][0]
        for shown in (trade.label(row, words), trade.money(row, words)):
            assert number.replace(thousands, "") in shown.replace(thousands, "")
            assert shown.startswith(hedge[0]) and shown.endswith(hedge[1])


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_loader_keeps_every_entry_in_its_order(datasets, lang):
    data = datasets[lang]
    events = read_yaml(ROOT / "data" / "timeline.yml")
    assert [e["id"] for e in data["events"]] == [e["id"] for e in events]
    assert [r["year"] for r in data["trade"]] == sorted(int(r["year"]) for r in _rows(ROOT / "data" / "trade.csv"))
    facts = read_yaml(ROOT / "data" / "facts.yml")
    assert list(data["facts"]) == [f["id"] for f in facts]
    by_id = {e["id"]: e for e in data["events"]}
    for fact in facts:  # a figure that is a date takes it from its event
        if "event" in fact:
            assert data["facts"][fact["id"]]["value"].lower() == format_date(by_id[fact["event"]], data["words"]).lower()


def test_unknown_shortcode_is_an_error(data):
    with pytest.raises(DataError, match=r"trade.md: unknown shortcode .*site:fact no-such-fact"):
        expand("<!-- site:fact no-such-fact -->", data, {}, "trade.md")
    with pytest.raises(DataError, match=r"trade.md: unknown shortcode .*site:no-such-thing"):
        expand("<!-- site:no-such-thing -->", data, {}, "trade.md")


def test_a_pattern_with_a_placeholder_the_code_does_not_fill_is_an_error(data):
    words = type(data["words"])({**data["words"], "more": "More: {titel}"}, "en")
    with pytest.raises(DataError, match=r"interface.yml: entry 'more', field 'en': .*\{title\}"):
        words.format("more", title="Trade")
    with pytest.raises(DataError, match=r"interface.yml: entry 'no_such_word', field 'en': is missing"):
        words["no_such_word"]


# ---------------------------------------------------------------- every mistake, every file


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the data and the glossaries, to break."""
    for part in ("data", "includes"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


@contextlib.contextmanager
def yaml_file(root: Path, name: str):
    """data/<name> as data to change; written back (as plain YAML) at the end."""
    path = root / "data" / name
    data = read_yaml(path)
    yield data
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@contextlib.contextmanager
def trade_rows(root: Path):
    """data/trade.csv as a list of rows (the header first) to change; written back at the end."""
    path = root / "data" / "trade.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    yield rows
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def replace_text(root: Path, name: str, pattern: str, replacement: str) -> re.Match:
    """For what YAML cannot write: the first match of pattern in data/<name> replaced."""
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.M)
    assert match, f"test setup: no {pattern!r} in {name}"
    path.write_text(text[:match.start()] + match.expand(replacement) + text[match.end():], encoding="utf-8")
    return match


BAD: dict = {}  # case -> (edition, break); break(root) breaks the copy, returns the message


def case(name: str, lang: str = "en"):
    def register(breaks):
        BAD[name] = (lang, breaks)
        return breaks
    return register


# data/timeline.yml
T = "timeline.yml"


@case("event without a date")
def _(root):
    with yaml_file(root, T) as events:
        del events[0]["date"]
    return f"{T}: entry {events[0]['id']!r}, field 'date': is required"


@case("impossible date, unquoted")
def _(root):
    match = replace_text(root, T, r'^(- id: ([\w-]+)\n(?:  .*\n)*?  date: ).*$', r"\g<1>2019-13-45")
    return f"{T}: entry {match.group(2)!r}, field 'date': '2019-13-45' is not a date"


@case("impossible date, quoted")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["date"] = "2019-03-32"
    return f"{T}: entry {events[0]['id']!r}, field 'date': '2019-03-32' is not a date"


@case("date of the wrong type")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["date"] = [2019]
    return f"{T}: entry {events[0]['id']!r}, field 'date': [2019] is not a date"


@case("events out of order")
def _(root):
    with yaml_file(root, T) as events:
        later = next(n for n, e in enumerate(events) if parse_date(e["date"]) > parse_date(events[0]["date"]))
        events.insert(0, events.pop(later))
    return f"{T}: entry {events[1]['id']!r}, field 'date': is earlier than the event before it"


@case("event id used twice")
def _(root):
    with yaml_file(root, T) as events:
        events[1]["id"] = events[0]["id"]
    return f"{T}: entry {events[0]['id']!r}, field 'id': is used twice"


@case("event id that is not a slug")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["id"] = 1971
    return f"{T}: entry '#1', field 'id': 1971 is not a slug"


@case("field given twice")
def _(root):
    match = replace_text(root, T, r"^(- id: ([\w-]+)\n)", r"\g<1>  page: index.md\n  page: index.md\n")
    return f"{T}: entry {match.group(2)!r}, field 'page': 'page' is given twice"


@case("unknown approximation")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["approx"] = "about"
    return f"{T}: entry {events[0]['id']!r}, field 'approx': must be one of"


@case("approximation of the wrong type")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["approx"] = ["early"]
    return f"{T}: entry {events[0]['id']!r}, field 'approx': must be one of"


@case("event citing an unknown source")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["source"] = "no-such-source"
    return f"{T}: entry {events[0]['id']!r}, field 'source': unknown source 'no-such-source'"


@case("event without a page")
def _(root):
    with yaml_file(root, T) as events:
        del events[-1]["page"]
    return f"{T}: entry {events[-1]['id']!r}, field 'page': is required"


@case("page of the wrong type")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["page"] = 7
    return f"{T}: entry {events[0]['id']!r}, field 'page': must be a text"


@case("event text that is not per language")
def _(root):
    with yaml_file(root, T) as events:
        events[0]["what"] = "Text"
    return f"{T}: entry {events[0]['id']!r}, field 'what': must give a text per language"


@case("missing translation of an event", OTHER)
def _(root):
    with yaml_file(root, T) as events:
        del events[0]["what"][OTHER]
    return f"{T}: entry {events[0]['id']!r}, field 'what': missing its {OTHER!r} text"


@case("broken timeline YAML")
def _(root):
    replace_text(root, T, r"\Z", "\n- id: [\n")
    return f"{T}: cannot be read: "


# data/facts.yml
F = "facts.yml"


def _first(entries: list, field: str) -> dict:
    return next(e for e in entries if field in e)


@case("figure without its text")
def _(root):
    with yaml_file(root, F) as facts:
        del _first(facts, "value")["value"]["en"]
    return f"{F}: entry {_first(facts, 'value')['id']!r}, field 'value': missing its 'en' text"


@case("missing translation of a figure", OTHER)
def _(root):
    with yaml_file(root, F) as facts:
        del _first(facts, "value")["value"][OTHER]
    return f"{F}: entry {_first(facts, 'value')['id']!r}, field 'value': missing its {OTHER!r} text"


@case("figure of an unknown event")
def _(root):
    with yaml_file(root, F) as facts:
        _first(facts, "event")["event"] = "no-such-event"
    return f"{F}: entry {_first(facts, 'event')['id']!r}, field 'event': unknown event 'no-such-event'"


@case("figure citing an unknown source")
def _(root):
    with yaml_file(root, F) as facts:
        facts[0]["source"] = "no-such-source"
    return f"{F}: entry {facts[0]['id']!r}, field 'source': unknown source 'no-such-source'"


@case("figure id used twice")
def _(root):
    with yaml_file(root, F) as facts:
        facts[1]["id"] = facts[0]["id"]
    return f"{F}: entry {facts[0]['id']!r}, field 'id': is used twice"


@case("card that is not true or false")
def _(root):
    with yaml_file(root, F) as facts:
        facts[0]["card"] = "yes"
    return f"{F}: entry {facts[0]['id']!r}, field 'card': must be true or false"


@case("figures that are not a list")
def _(root):
    with yaml_file(root, F) as facts:
        facts[:] = ["x"]
    return f"{F}: entry '#1', field '-': expected a mapping of fields"


# data/sources.yml
S = "sources.yml"


@case("source without a publisher")
def _(root):
    with yaml_file(root, S) as sources:
        key = next(iter(sources))
        del sources[key]["publisher"]
    return f"{S}: entry {key!r}, field 'publisher': is required"


@case("impossible publication date")
def _(root):
    with yaml_file(root, S) as sources:
        key = next(iter(sources))
        sources[key]["published"] = "2019-02-30"
    return f"{S}: entry {key!r}, field 'published': '2019-02-30' is not a date"


@case("address that is not http")
def _(root):
    with yaml_file(root, S) as sources:
        key = next(iter(sources))
        sources[key]["url"] = "ftp://example.org"
    return f"{S}: entry {key!r}, field 'url': 'ftp://example.org' is not an http(s) address"


@case("missing translation of a publisher", OTHER)
def _(root):
    with yaml_file(root, S) as sources:
        key = next(k for k, v in sources.items() if isinstance(v["publisher"], dict))
        del sources[key]["publisher"][OTHER]
    return f"{S}: entry {key!r}, field 'publisher': missing its {OTHER!r} text"


@case("source id given twice")
def _(root):
    match = replace_text(root, S, r"^([\w-]+):\n", r"\g<1>:\n  title: x\n\g<1>:\n")
    return f"{S}: entry {match.group(1)!r}, field 'id': {match.group(1)!r} is given twice"


@case("source that is not a mapping")
def _(root):
    with yaml_file(root, S) as sources:
        key = next(iter(sources))
        sources[key] = ["x"]
    return f"{S}: entry {key!r}, field '-': expected a mapping of fields"


# data/interface.yml
I = "interface.yml"  # noqa: E741


@case("missing translation of a word", OTHER)
def _(root):
    with yaml_file(root, I) as words:
        del words["planned"][OTHER]
    return f"{I}: entry 'planned', field 'planned': missing its {OTHER!r} text"


@case("word given twice")
def _(root):
    replace_text(root, I, r"\A", "more: {en: x}\n")  # and again where it was
    return f"{I}: entry 'more', field 'id': 'more' is given twice"


@case("eleven months")
def _(root):
    with yaml_file(root, I) as words:
        words["month_names"]["en"] = " ".join(words["month_names"]["en"].split()[:11])
    return f"{I}: entry 'month_names', field 'en': must name 12 months, not 11"


@case("unit factor that is not a number")
def _(root):
    with yaml_file(root, I) as words:
        words["unit_factor"]["en"] = "ten"
    return f"{I}: entry 'unit_factor', field 'en': 'ten' is not a number"


@case("broken interface YAML")
def _(root):
    replace_text(root, I, r"\Z", "\nbroken: {en: [\n")
    return f"{I}: cannot be read: "


# data/trade.csv
def _trade_case(name: str, column: int | None, value: str, message: str):
    """Row 1 (line 2) with `value` in `column` (None: one field too many)."""
    @case(name)
    def _(root):
        with trade_rows(root) as rows:
            rows[1].append(value) if column is None else rows[1].__setitem__(column, value)
        return "trade.csv: entry 'line 2', " + message


_trade_case("wrong number of fields", None, "x", "field '*': expected 4 fields")
_trade_case("figure that is not a number", 1, "27.3bn", "field 'usd_billion': '27.3bn' is not a number")
_trade_case("figure that is not positive", 1, "-1", "field 'usd_billion': must be a number greater than 0")
_trade_case("figure that is infinite", 1, "inf", "field 'usd_billion': must be a number greater than 0")
_trade_case("year that is not a year", 0, "19.5", "field 'year': '19.5' is not a year")
_trade_case("unknown qualifier", 2, "about", "field 'qualifier': must be empty, 'over' or 'almost'")
_trade_case("trade row citing an unknown source", 3, "no-such-source", "field 'source': unknown source 'no-such-source'")


@case("year given twice")
def _(root):
    with trade_rows(root) as rows:
        rows.append(list(rows[1]))
    return f"trade.csv: entry 'line {len(rows)}', field 'year': {rows[1][0]} is given twice"


@case("wrong header")
def _(root):
    with trade_rows(root) as rows:
        rows[0].reverse()
    return "trade.csv: entry 'line 1', field 'header': must be year,usd_billion,qualifier,source"


# data/timeline.yml: what is worked out is not written
@case("event with a later flag")
def _(root):
    with yaml_file(root, T) as events:
        events[-1]["later"] = True
    return f"{T}: entry {events[-1]['id']!r}, field 'later': is worked out from the source's date"


# data/pages.yml
PG = "pages.yml"


def _first_page(pages: dict) -> str:
    return next(iter(pages))


@case("page with an unknown source")
def _(root):
    with yaml_file(root, PG) as pages:
        pages[_first_page(pages)]["sources"].append("no-such-source")
    return f"{PG}: entry {_first_page(pages)!r}, field 'sources': unknown source 'no-such-source'"


@case("page without its sources")
def _(root):
    with yaml_file(root, PG) as pages:
        del pages[_first_page(pages)]["sources"]
    return f"{PG}: entry {_first_page(pages)!r}, field 'sources': is required"


@case("page with a source twice")
def _(root):
    with yaml_file(root, PG) as pages:
        first = pages[_first_page(pages)]["sources"]
        first.append(first[0])
    return f"{PG}: entry {_first_page(pages)!r}, field 'sources': names a source twice"


@case("page with a field that is not one")
def _(root):
    with yaml_file(root, PG) as pages:
        pages[_first_page(pages)]["boots"] = 1
    return f"{PG}: entry {_first_page(pages)!r}, field 'boots': is not a field"


@case("page boost not a number")
def _(root):
    with yaml_file(root, PG) as pages:
        pages[_first_page(pages)]["boost"] = "high"
    return f"{PG}: entry {_first_page(pages)!r}, field 'boost': must be a number greater than 0"


@case("an edition's own source, already shared")
def _(root):
    with yaml_file(root, PG) as pages:
        entry = pages[_first_page(pages)]
        entry["edition_sources"] = {OTHER: [entry["sources"][0]]}
    return (f"{PG}: entry {_first_page(pages)!r}, field 'edition_sources.{OTHER}': "
            f"{entry['sources'][0]!r} is already in sources")


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_mistake_stops_the_build_naming_file_entry_and_field(project, case):
    lang, breaks = BAD[case]
    message = breaks(project)
    with pytest.raises(DataError) as error:
        load_all(project, lang)
    assert message in str(error.value)


def test_an_abbreviation_defined_twice_is_an_error(project):
    path = project / "includes" / "abbreviations.en.md"
    first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("*["))
    path.write_text(path.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    abbr = first[2:first.index("]")]
    with pytest.raises(DataError, match=re.escape(f"abbreviations.en.md: entry {abbr!r}, field 'abbreviation'")):
        load_all(project, "en")


def test_a_file_that_is_not_utf8_is_an_error(project):
    (project / "data" / "trade.csv").write_bytes("year,usd_billion,qualifier,source\n1971,\xe9".encode("latin-1"))
    with pytest.raises(DataError, match="trade.csv: cannot be read"):
        load_all(project, "en")


@pytest.mark.parametrize("meta, message", [
    ({}, "field 'description': is required"),
    ({"description": "About.", "sources": ["article"]}, "field 'sources': is written once for every edition"),
    ({"description": "About.", "sources_section": False}, "field 'sources_section': is written once"),
    ({"description": "About.", "search": {"boost": 0.5}}, "field 'search': is written once"),
], ids=["no description", "sources", "sources section", "search boost"])
def test_a_page_whose_front_matter_is_wrong_stops_the_build(meta, message):
    with pytest.raises(DataError, match=re.escape(f"trade.md: entry 'front matter', {message}")):
        check_front_matter("trade.md", meta)


def test_an_edition_without_a_field_stops_the_build():
    listed = [{k: v for k, v in e.items() if k in FIELDS} for e in EDITIONS.values()]
    check(listed)
    with pytest.raises(DataError, match="the first edition is at the site root"):
        check(listed[::-1])
    del listed[-1]["locale"]
    with pytest.raises(DataError, match=re.escape(f"extra.editions, entry {listed[-1]['lang']!r}, field 'locale'")):
        check(listed)


def test_every_page_has_its_entry_of_pages_yml_and_a_timeline_page_its_events_sources(data):
    page = next(md for md, entry in data["page_data"].items() if entry["sources"])
    assert page_sources(data, page, "Text.") == data["page_data"][page]["sources"]
    shown = page_sources(data, page, "<!-- site:timeline -->")
    assert set(shown) == set(data["page_data"][page]["sources"]) | {e["source"] for e in data["events"]}
    with pytest.raises(DataError, match=re.escape("pages.yml: entry 'new.md', field 'sources': the page has no entry")):
        page_sources(data, "new.md", "Text.")


def test_data_that_points_to_a_page_that_does_not_exist_stops_the_build(data):
    pages = {f"{p}" for p in EDITIONS["en"]["nav"]}
    check_references(data, pages)
    missing = data["events"][0]["page"].split("#")[0]
    with pytest.raises(DataError, match=re.escape(f"timeline.yml: entry {data['events'][0]['id']!r}, field 'page': no page {missing!r}")):
        check_references(data, pages - {missing})
    with pytest.raises(DataError, match=re.escape("pages.yml: entry 'glossary.md', field '-': no page 'glossary.md'")):
        check_references(data, pages - {"glossary.md"})


def test_the_build_stops_with_the_message_and_no_traceback(tmp_path):
    """End to end, as an editor meets it: a build of a copy with an impossible date."""
    for part in ("mkdocs.yml", "docs", "data", "includes", "hooks", "overrides"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, tmp_path / part)
    message = BAD["impossible date, unquoted"][1](tmp_path)
    result = build_all(tmp_path / "site", root=tmp_path)[0]
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
