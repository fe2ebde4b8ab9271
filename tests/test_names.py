"""Names and titles a reader of today can trust, in every edition: a title the person no
longer holds is dated where the page gives it ("then Premier Li Keqiang", 时任国务院总理,
« alors Premier ministre »), and a page is called by one name wherever it is named. The
people, their past titles, the dating words and the page names are read from
data/terms.yml (`past_titles`, `then`, `page`), so a new edition adds data only."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from conftest import EDITIONS, PAGES, ROOT, built, without_source_titles
from htmlpages import collapse
from test_terms import _is_latin, page_text

TERMS = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))
PEOPLE = [entry for entry in TERMS["terms"] if entry.get("past_titles")]
PAGE_TERMS = [entry for entry in TERMS["terms"] if entry.get("page")]
# How far a title and the name it goes with may be apart, and how close before the title
# the dating word must end (characters): "then Prime Minister", "时任比利时首相", "时任瓦隆大区政府副主席",
# "toenmalige Chinese premier".
GAP = 30
BEFORE = 20
SENTENCE_END = re.compile(r"[.!?;:。！？；：]")


def _pattern(form: str) -> re.Pattern:
    """A Latin form matches whole words in any case; a Chinese one anywhere."""
    if _is_latin(form):
        return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.I)
    return re.compile(re.escape(form))


def _names(entry: dict, lang: str) -> list[re.Pattern]:
    forms = [entry["name"][lang]] + list((entry.get("short") or {}).get(lang) or [])
    return [_pattern(form) for form in sorted(set(forms), key=len, reverse=True)]


def titled_mentions(text: str, entry: dict, lang: str) -> list[tuple[int, int, str]]:
    """Where `text` gives the person one of their past titles: the title right before the
    name ("Premier Li Keqiang", "时任河南省副省长何金平", "Premier ministre chinois de
    l’époque, Li Keqiang"), or after the name and a comma ("Jeholet, then Vice-President
    of …"). Returns, for each, the span a dating word must fall in and the snippet."""
    names = _names(entry, lang)
    found = []
    for title in (entry["past_titles"].get(lang) or []):
        for t in _pattern(title).finditer(text):
            after = text[t.end():t.end() + GAP]
            after = after[:SENTENCE_END.search(after).start()] if SENTENCE_END.search(after) else after
            spans = [m for name in names if (m := name.search(after))]
            if spans:
                n = min(spans, key=lambda m: m.start())
                found.append((max(0, t.start() - BEFORE), t.end() + n.start(),
                              text[max(0, t.start() - BEFORE):t.end() + n.end()]))
                continue
            before = text[max(0, t.start() - GAP):t.start()]
            for name in names:
                # the name, an optional bracketed Latin form, a comma, then the title
                hits = [m for m in re.finditer(name.pattern + r"\s*(?:[（(][^)）]*[)）])?\s*[,，]",
                                               before, name.flags)
                        if not SENTENCE_END.search(before[m.end():])]
                if hits:
                    start = t.start() - len(before) + hits[-1].start()
                    found.append((start, t.start(), text[start:t.end()]))
                    break
    return found


def is_dated(text: str, start: int, end: int, lang: str) -> bool:
    """A dating word ends inside text[start:end]; it may begin before it ("de toenmalige
    Belgische premier": the word ends 11 characters before the title and begins 21)."""
    return any(match.end() > start
               for word in TERMS["then"][lang]
               for match in _pattern(word).finditer(text, max(0, start - len(word)), end))


def undated_titles(text: str, lang: str) -> list[str]:
    return [f"{entry['id']}: …{snippet}…" for entry in PEOPLE
            for start, end, snippet in titled_mentions(text, entry, lang)
            if not is_dated(text, start, end, lang)]


# ---------------------------------------------------------------- the data

@pytest.mark.parametrize("lang", EDITIONS)
def test_every_past_title_and_dating_word_is_given_for_every_edition(lang):
    assert PEOPLE, "no person with past_titles in data/terms.yml"
    assert TERMS["then"].get(lang), f"then: no {lang!r} words"
    for entry in PEOPLE:
        assert entry["kind"] == "person", entry["id"]
        assert entry["past_titles"].get(lang), f"{entry['id']}: no {lang!r} past_titles"


# ---------------------------------------------------------------- the built pages

@pytest.mark.parametrize("lang,md", PAGES)
def test_past_titles_are_dated_where_a_page_gives_them(site, lang, md):
    # a source's title is quoted as published ("Video call with Li Keqiang, Prime Minister")
    found = undated_titles(without_source_titles(collapse(page_text(site, lang, md)), lang), lang)
    assert not found, "a title of the past without then/时任/alors:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_past_title_is_found_on_some_page(site, lang):
    """The rule reads real text: every person listed is named with a past title somewhere
    in the edition (else the data is stale, or the matcher no longer sees the pages)."""
    texts = [page_text(site, lang, md) for edition, md in PAGES if edition == lang]
    missing = [entry["id"] for entry in PEOPLE
               if not any(titled_mentions(text, entry, lang) for text in texts)]
    assert not missing, f"{lang}: never named with a past title: {missing}"


def test_the_dating_rule_tells_dated_titles_from_undated_ones():
    li = next(e for e in PEOPLE if e["id"] == "li-keqiang")
    lahbib = next(e for e in PEOPLE if e["id"] == "lahbib")
    assert undated_titles("Chinese Premier Li Keqiang was in Brussels.", "en")
    assert not undated_titles("China's then Premier Li Keqiang was in Brussels.", "en")
    # a dating word that ends within BEFORE of the title, though it begins further back
    assert not undated_titles("At the time, the Belgian Foreign Minister Hadja Lahbib spoke.", "en")
    assert undated_titles("The Belgian Foreign Minister Hadja Lahbib spoke.", "en")
    assert not undated_titles("Li Keqiang, alors Premier ministre chinois, était là.", "fr")
    assert undated_titles("国务院总理李克强出席会晤。", "zh")
    assert not undated_titles("时任国务院总理李克强出席会晤。", "zh")
    # a title that belongs to someone else is not hers
    assert not titled_mentions("Lahbib and Foreign Minister Wang Yi opened it.", lahbib, "en")
    assert titled_mentions("Hadja Lahbib, Foreign Minister, opened it.", lahbib, "en")
    assert not titled_mentions("The Premier spoke. Li Keqiang left.", li, "en")


def _article(site, lang: str, md: str) -> str:
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.parametrize("entry", PAGE_TERMS, ids=lambda e: e["id"])
@pytest.mark.parametrize("lang", EDITIONS)
def test_a_page_is_called_by_one_name_wherever_it_is_named(site, lang, entry):
    """The page's title is the name data/terms.yml gives it, and every link in an article
    that leads to the page says that name (the Downloads page said 时间线 where the others
    say 大事年表)."""
    name = entry["name"][lang]
    article = _article(site, lang, entry["page"])
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1)
    heading = re.sub(r'<a class="headerlink".*?</a>', "", heading, flags=re.S)  # the ¶ permalink
    title = unescape(re.sub(r"<[^>]+>", "", heading))
    assert title.strip() == name, (lang, title)
    slug = entry["page"][:-3]
    wrong = []
    for edition, md in PAGES:
        if edition != lang or md == entry["page"]:
            continue
        for text in re.findall(rf'<a\b[^>]*href="(?:\.\./)*{slug}/(?:#[^"]*)?"[^>]*>(.*?)</a>',
                               _article(site, lang, md), re.S):
            text = " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split())
            if text and name not in text:
                wrong.append(f"{md}: {text!r}")
    assert not wrong, f"links to {entry['page']} not named {name!r}: {wrong}"
