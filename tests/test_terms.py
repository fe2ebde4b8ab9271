"""Terminology: every built page of every edition uses the names in data/terms.yml,
never an avoided form, never a figurative name for a country, and no undated "today"
or "now" in the site's own sentences. Expected values come from data/terms.yml only."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from conftest import EDITIONS, PAGES, ROOT, built
from htmlpages import image_words

TERMS = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))
ENTRIES = TERMS["terms"]
# Text that only the reader's eye or a screen reader gets, kept with the page's text.
ATTRIBUTES = re.compile(r'\s(?:title|alt|aria-label|content)="([^"]*)"')
# Quotation marks the editions use (quotation_marks of data/interface.yml, every edition's:
# a page may quote in another's): a word inside them is the source's, quoted.
MARKS = {pair for edition in EDITIONS.values() for pair in edition["words"]["quotation_marks"].split()}
QUOTED = re.compile("|".join(f"{re.escape(pair[0])}[^{re.escape(pair[1])}]*{re.escape(pair[1])}"
                             for pair in sorted(MARKS)))
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|(?<=[。！？；：])")


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attributes = " ".join(ATTRIBUTES.findall(html))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html) + " " + unescape(attributes)).split())


def page_text(site, lang: str, md: str) -> str:
    """Everything a reader can read on the page: its text, the chart's words, the words
    on its maps (in their own files), link titles, tooltips, alt texts and the page's meta
    description; web addresses are left out."""
    text = _visible((site / built(lang, md)).read_text(encoding="utf-8"))
    text += " " + " ".join(image_words(site, built(lang, md)))
    return re.sub(r"https?://\S+", " ", text)  # a web address is not a name (…/airports/liege/…)


def own_text(site, lang: str, md: str) -> str:
    """The page's article, the site's own sentences: without the theme's navigation."""
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    html = html[html.index("<article"):html.index("</article>")]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</(p|li|h\d|dt|dd|td|th|figcaption|title|desc|text)>", ". ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _is_latin(form: str) -> bool:
    return bool(re.search(r"[A-Za-z]", form)) and not re.search(r"[\u3000-\u9fff]", form)


def find(form: str, text: str) -> list[str]:
    """Where `form` occurs in `text`: whole words in any case for a Latin form,
    anywhere for a Chinese one. Returns the surrounding snippets."""
    if _is_latin(form):
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", re.I)
    else:
        pattern = re.compile(re.escape(form))
    return [text[max(0, m.start() - 40):m.end() + 40] for m in pattern.finditer(text)]


def _forms(entry: dict, field: str, lang: str) -> list[str]:
    return list((entry.get(field) or {}).get(lang) or [])


def undated_uses(text: str, words: list[str], not_after: str) -> list[str]:
    """Sentences of `text` that use one of `words` outside quotation marks and name no
    year. A Chinese word right after a character of `not_after` is part of another word."""
    found = []
    for sentence in SENTENCE_END.split(text):
        if YEAR.search(sentence):
            continue
        unquoted = QUOTED.sub(" ", sentence)
        for word in words:
            if _is_latin(word):
                hit = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", unquoted, re.I)
            else:
                before = f"(?<![{re.escape(not_after)}])" if not_after else ""
                hit = re.search(before + re.escape(word), unquoted)
            if hit:
                found.append(f"{word!r} in: {sentence.strip()}")
    return found


# ---------------------------------------------------------------- the data file itself

@pytest.mark.parametrize("lang", EDITIONS)
def test_every_term_has_one_name_per_edition(lang):
    ids = [entry["id"] for entry in ENTRIES]
    assert len(ids) == len(set(ids)), "an id is used twice"
    kinds = {"person", "organisation", "place", "event", "initiative", "page"}
    fields = {"id", "kind", "name", "short", "avoid", "pages", "page", "past_titles", "note"}
    for entry in ENTRIES:
        assert set(entry) <= fields, f"{entry['id']}: unknown field {set(entry) - fields}"
        assert entry.get("kind") in kinds, entry["id"]
        name = (entry.get("name") or {}).get(lang)
        assert isinstance(name, str) and name.strip(), f"{entry['id']}: no {lang!r} name"
    for field in ("figurative", "undated", "then"):
        assert TERMS[field].get(lang), f"{field}: no {lang!r} list"


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_avoided_form_is_part_of_a_name_the_edition_uses(lang):
    for entry in ENTRIES:
        used = [entry["name"][lang]] + _forms(entry, "short", lang)
        for form in _forms(entry, "avoid", lang):
            assert not any(find(form, name) for name in used), (entry["id"], form)


def test_the_pages_named_in_terms_exist():
    for entry in ENTRIES:
        for md in entry.get("pages") or []:
            assert md in EDITIONS["en"]["nav"], (entry["id"], md)


# ---------------------------------------------------------------- the built pages

@pytest.mark.parametrize("lang,md", PAGES)
def test_no_page_uses_an_avoided_form(site, lang, md):
    text = page_text(site, lang, md)
    found = [f"{entry['id']}: {form!r} in …{snippet}…"
             for entry in ENTRIES for form in _forms(entry, "avoid", lang)
             for snippet in find(form, text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang,md", PAGES)
def test_pages_use_the_names_readers_search_for(site, lang, md):
    text = page_text(site, lang, md)
    missing = [entry["name"][lang] for entry in ENTRIES if md in (entry.get("pages") or [])
               if not any(find(form, text) for form in
                          [entry["name"][lang]] + _forms(entry, "short", lang))]
    assert not missing, f"{lang}/{md} does not name: {missing}"


@pytest.mark.parametrize("lang,md", PAGES)
def test_no_figurative_name_for_a_country(site, lang, md):
    text = page_text(site, lang, md)
    found = [f"{name!r} in …{snippet}…" for name in TERMS["figurative"][lang]
             for snippet in find(name, text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang,md", PAGES)
def test_no_undated_now_in_our_own_sentences(site, lang, md):
    rule = TERMS["undated"][lang]
    found = undated_uses(own_text(site, lang, md), rule["words"], rule.get("not_after") or "")
    assert not found, "\n".join(found)


def test_the_undated_rule_tells_quoted_and_dated_words_from_ours():
    en, zh = TERMS["undated"]["en"], TERMS["undated"]["zh"]
    assert undated_uses('Where the article says "today", it means 2019.', en["words"], "") == []
    assert undated_uses("As reported in 2019, it is now the largest.", en["words"], "") == []
    assert undated_uses("It is now the largest hub.", en["words"], "")
    assert undated_uses("原文所说的“如今”指当时。", zh["words"], zh["not_after"]) == []
    assert undated_uses("这体现在贸易上。", zh["words"], zh["not_after"]) == []
    assert undated_uses("列日机场目前是最大的货运枢纽。", zh["words"], zh["not_after"])


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_editions_quotation_marks_include_those_of_its_titles(lang):
    words = EDITIONS[lang]["words"]
    before, _, after = words["quoted_title"].partition("{title}")
    assert before.strip()[-1] + after.strip()[0] in words["quotation_marks"].split()
