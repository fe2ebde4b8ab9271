"""Data files: the hook's checks, and a bad file stopping the real build with a clear message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build

PROJECT_PARTS = ("mkdocs.yml", "mkdocs.zh.yml", "docs", "data", "includes", "hooks", "overrides")


def test_dates_are_parsed_and_rendered_as_precisely_as_given(hook, data):
    assert hook.parse_date("1971") == (1971, None, None)
    assert hook.parse_date("2018-10") == (2018, 10, None)
    assert hook.parse_date("2019-03-02") == (2019, 3, 2)
    for bad in ("2019-13", "2019-02-30", "19", "March 2019", "", None, True):
        with pytest.raises(ValueError):
            hook.parse_date(bad)
    words = data["words"]
    event = lambda date, **kw: {"when": hook.parse_date(date), **kw}  # noqa: E731
    assert hook.format_date(event("2019-03-02"), words) == "2 March 2019"
    assert hook.format_date(event("2019-04", approx="early"), words) == "early April 2019"
    assert hook.format_date(event("2017", approx="end"), words) == "end of 2017"
    assert hook.format_date(event("2021", approx="planned"), words) == "2021 (planned)"
    assert hook.format_date(event("2021", approx="planned"), words, inline=True) == "2021"
    assert hook.iso_date(event("2018-10")) == "2018-10"


def test_numbers_keep_their_hedge(hook, data):
    words = data["words"]
    assert hook.trade_label({"qualifier": "over", "value": 0.02}, words) == "over 0.02"
    assert hook.trade_label({"qualifier": "almost", "value": 30.0}, words) == "almost 30"
    assert hook.trade_label({"qualifier": "", "value": 26.3}, words) == "26.3"
    assert hook.trade_money({"qualifier": "almost", "value": 30.0}, words) == "almost US$30 billion"


def test_the_project_data_loads(data):
    assert data["events"][0]["id"] == "diplomatic-ties"
    assert [r["year"] for r in data["trade"]][:2] == [1971, 2005]
    assert data["facts"]["cainiao-area"]["value"] == "220,000 m²"
    assert data["facts"]["diplomatic-ties"]["value"] == "1971"  # taken from the timeline


def test_unknown_shortcode_is_an_error(hook, data):
    with pytest.raises(hook.DataError, match=r"trade.md: unknown shortcode .*site:fact nope"):
        hook.expand("<!-- site:fact nope -->", data, {}, "trade.md")


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part)
        else:
            shutil.copy(source, tmp_path / part)
    return tmp_path


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_FILES = {
    "missing date": ("data/timeline.yml", '  date: "2014"\n', "",
                     "timeline.yml: entry 'state-visit', field 'date': is required"),
    "malformed date": ("data/timeline.yml", '"2019-03-02"', '"2019-03-32"',
                       "timeline.yml: entry 'first-regular-train', field 'date': '2019-03-32' is not a date"),
    "wrong number of fields": ("data/trade.csv", "2012,26.3,", "2012,26,3,",
                               "trade.csv: entry 'line 6', field '*': expected 4 fields"),
    "unparsable number": ("data/trade.csv", "2014,27.3,", "2014,27.3bn,",
                          "trade.csv: entry 'line 8', field 'usd_billion': '27.3bn' is not a number"),
    "unknown source": ("data/trade.csv", "2015,23,over,cctv-2016", "2015,23,over,cctv",
                       "trade.csv: entry 'line 9', field 'source': unknown source 'cctv'"),
    "missing text": ("data/facts.yml", "    en: 220,000 m²\n", "",
                     "facts.yml: entry 'cainiao-area', field 'value': missing its 'en' text"),
    "missing page": ("data/timeline.yml", "  page: trade.md#banks\n", "",
                     "timeline.yml: entry 'bank-branches', field 'page': is required"),
    "page that does not exist": ("data/facts.yml", "page: trade.md#beer", "page: beer.md",
                                 "facts.yml: entry 'beer-rank', field 'page': no page 'beer.md'"),
    "unknown event": ("data/facts.yml", "event: cainiao-opening", "event: cainiao-start",
                      "facts.yml: entry 'cainiao-opening', field 'event': unknown event"),
    "events out of order": ("data/timeline.yml", 'date: "2004"', 'date: "1999"',
                            "timeline.yml: entry 'equity-fund', field 'date': is earlier"),
    "page without description": ("docs/en/cainiao.md", "description: >-", "summary: >-",
                                 "cainiao.md: entry 'front matter', field 'description': is required"),
    "page citing an unknown source": ("docs/en/glossary.md", "sources: [article]",
                                      "sources: [article, reuters]",
                                      "glossary.md: entry 'front matter', field 'sources': unknown source 'reuters'"),
    "missing translation of an event": ("data/timeline.yml", "    zh: 两国政府之间开始密切的高层往来。\n", "",
                                        "timeline.yml: entry 'high-level-exchanges', field 'what': missing its 'zh' text",
                                        "mkdocs.zh.yml"),
    "missing translation of a figure": ("data/facts.yml", "    zh: 22万平方米\n", "",
                                        "facts.yml: entry 'cainiao-area', field 'value': missing its 'zh' text",
                                        "mkdocs.zh.yml"),
    "missing translation of a word": ("data/interface.yml", ', zh: "{date}（计划）"', "",
                                      "interface.yml: entry 'planned', field 'planned': missing its 'zh' text",
                                      "mkdocs.zh.yml"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_data_stops_the_build_with_a_message_naming_file_entry_and_field(project, tmp_path, case):
    path, old, new, message, *config = BAD_FILES[case]
    _edit(project / path, old, new)
    result = build(project / (config or ["mkdocs.yml"])[0], tmp_path / "out")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
