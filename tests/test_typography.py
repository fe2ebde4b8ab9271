"""Typography: each edition's own text is set with the marks `typography` in
data/terms.yml gives it (French: a no-break space before : ; ? ! and inside « », a narrow
no-break space between digit groups, no abbreviated units such as Md€). Checked on every
built page of the edition and on the edition's texts in data/, its glossary, its map
labels and its site name. The rules come from data/terms.yml only: an edition is checked
once it has an entry there, and adds data, not code."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from conftest import EDITIONS, ROOT, built
from htmlpages import image_words

TERMS = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))
RULES = TERMS.get("typography") or {}
CHECKED = [lang for lang in EDITIONS if lang in RULES]
# The data files whose texts are written per edition (terms.yml itself lists forms to avoid).
DATA_FILES = [ROOT / "data" / name for name in ("interface.yml", "facts.yml", "timeline.yml",
                                                 "sources.yml", "tonnage.yml")]
MAP_PLACES = ROOT / "scripts" / "maps" / "places.yml"
WEB_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+")
# What is not the edition's own typography: code, and the page's scripts and styles.
NOT_TEXT = re.compile(r"<(script|style|code|pre|kbd)\b.*?</\1>", re.S)
BLOCK_END = re.compile(r"</(p|li|h\d|dt|dd|td|th|tr|figcaption|title|desc|text|div|caption)>")


def published_titles() -> list[str]:
    """Source titles given as their publishers wrote them (one `title` for every
    edition): they keep their own typography (“Briefly: Prime minister…”)."""
    sources = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
    # spaces folded as _clean folds the text, so a title keeps its no-break spaces
    # (“Hadja Lahbib a-t-elle vexé Pékin ?”, as La Libre set it, on a Dutch page)
    fold = lambda title: re.sub(r"[ \t\r\n]+", " ", title).strip()
    titles = [fold(s["title"]) for s in sources.values() if isinstance(s.get("title"), str)]
    # a title given per edition, where an edition keeps the published (English) one
    titles += [fold(t) for s in sources.values() if isinstance(s.get("title"), dict)
               for lang, t in s["title"].items() if lang != "en" and t == s["title"].get("en")]
    return sorted(titles, key=len, reverse=True)


TITLES = published_titles()


def _clean(text: str) -> str:
    """A text without what the rules leave alone: web addresses, published titles,
    shortcodes, Markdown link targets and format fields ({title})."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = WEB_ADDRESS.sub(" ", text)
    text = re.sub(r"[ \t\r\n]+", " ", text)  # ordinary whitespace only: no-break spaces stay
    for title in TITLES:
        text = text.replace(title, " ")
    return text


def page_lines(site, lang: str, md: str) -> list[str]:
    """What a reader reads on the page, one line per block: its text, the chart's words,
    the words on its maps (in their own files), its title and its description (for
    search results and link previews)."""
    path = EDITIONS[lang]["prefix"] + "404.html" if md == "404" else built(lang, md)
    html = (site / path).read_text(encoding="utf-8")
    head = re.findall(r'<meta (?:name|property)="(?:description|og:description|og:title)" content="([^"]*)"', html)
    html = NOT_TEXT.sub(" ", html)
    html = BLOCK_END.sub("\n", html)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    maps = [] if md == "404" else image_words(site, path)
    return [line for line in (_clean(part) for part in text.split("\n") + [unescape(h) for h in head] + maps)
            if line.strip()]


def _texts_for(node, lang: str, where: str):
    """Every string under a key `lang` in a data tree, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield f"{where}.{key}", value
            elif key == lang and isinstance(value, list):
                yield from ((f"{where}.{key}[{i}]", v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from _texts_for(value, lang, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts_for(value, lang, f"{where}[{i}]")


def data_texts(lang: str) -> list[tuple[str, str]]:
    """The edition's texts outside its pages: its `lang` texts in data/ and in the map
    labels, its glossary and its site name and description."""
    found = []
    for path in DATA_FILES + [MAP_PLACES]:
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += list(_texts_for(tree, lang, path.relative_to(ROOT).as_posix()))
    glossary = ROOT / "includes" / f"abbreviations.{lang}.md"
    for number, line in enumerate(glossary.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("*["):
            found.append((f"{glossary.relative_to(ROOT).as_posix()}:{number}", line.split("]:", 1)[1]))
    settings = EDITIONS[lang]["settings"]
    found += [(f"{EDITIONS[lang]['config']}: {key}", str(settings[key]))
              for key in ("site_name", "site_description")]
    # quotation_marks lists an edition's marks for the tests, not a text a reader sees
    return [(where, _clean(text)) for where, text in found
            if not where.startswith("data/interface.yml.quotation_marks.")]


def faults(text: str, rules: dict) -> list[str]:
    """Where `text` breaks the edition's typography rules, each with a snippet."""
    found = []

    def at(match, what):
        start, end = match.start(), match.end()
        found.append(f"{what}: …{text[max(0, start - 25):end + 25]}…")

    if "space_before" in rules:
        marks, space = rules["space_before"]["marks"], rules["space_before"]["space"]
        # A mark used as punctuation: followed by a space, a closing mark or the end.
        for match in re.finditer(rf"(.)([{re.escape(marks)}])(?=\s|$|[)\]»”])", text):
            if match.group(1) != space and match.group(1) not in marks:
                at(match, f"{match.group(2)!r} after {match.group(1)!r}, not {space!r}")
    if "quotes" in rules:
        q = rules["quotes"]
        for match in re.finditer(rf"{re.escape(q['open'])}(.)", text):
            if match.group(1) != q["space"]:
                at(match, f"{match.group(1)!r} after {q['open']}, not {q['space']!r}")
        for match in re.finditer(rf"(.){re.escape(q['close'])}", text):
            if match.group(1) != q["space"]:
                at(match, f"{match.group(1)!r} before {q['close']}, not {q['space']!r}")
    if "digit_groups" in rules:
        mark, length = rules["digit_groups"]["mark"], int(rules["digit_groups"]["from_digits"])
        for match in re.finditer(rf"(?<![\d.,])\d{{{length},}}(?!\d)", text):
            at(match, f"{length}+ digits not grouped with {mark!r}")
        others = "".join(c for c in " \u00a0\u202f\u2009" if c != mark)
        for match in re.finditer(rf"(?<![\d,.])\d{{1,3}}(?:[{others}]\d{{3}})+(?![\d,])", text):
            at(match, f"digit groups not separated by {mark!r}")
    for avoid in rules.get("avoid") or []:
        for match in re.finditer(re.escape(avoid["form"]), text):
            at(match, f"{avoid['form']!r} (write {avoid['write']})")
    return found


# ---------------------------------------------------------------- the rules themselves

def test_every_typography_rule_set_is_for_an_edition():
    assert set(RULES) <= set(EDITIONS), set(RULES) - set(EDITIONS)
    fields = {"space_before", "quotes", "digit_groups", "avoid"}
    for lang, rules in RULES.items():
        assert rules and set(rules) <= fields, (lang, set(rules) - fields)
        for avoid in rules.get("avoid") or []:
            assert avoid.get("form") and avoid.get("write"), (lang, avoid)


@pytest.mark.skipif("fr" not in RULES, reason="no French rules in data/terms.yml")
def test_the_rules_tell_good_french_typography_from_bad():
    rules, nb, nnb = RULES["fr"], "\u00a0", "\u202f"
    good = (f"Le commerce{nb}: 220{nnb}000{nb}m² en 2019{nb}; le «{nb}pont du Nord{nb}» "
            f"à 1:50m, 36,1{nb}milliards d’euros{nb}!")
    assert faults(good, rules) == []
    assert faults("Le commerce : 30 milliards", rules)           # ordinary space before :
    assert faults("Le commerce: 30 milliards", rules)            # no space before :
    assert faults(f"en 2019{nnb}; puis", rules)                   # narrow space before ;
    assert faults(f"le « pont du Nord{nb}»", rules)               # ordinary space inside «
    assert faults("220 000 m²", rules) and faults(f"220{nb}000 m²", rules)
    assert faults("220000 m²", rules)
    assert faults("36,1 Md€", rules) and faults("l'article", rules)


# ---------------------------------------------------------------- the site

@pytest.mark.parametrize("lang", CHECKED)
@pytest.mark.parametrize("md", EDITIONS[next(iter(EDITIONS))]["nav"] + ["404"])
def test_built_pages_follow_the_editions_typography(site, lang, md):
    found = [fault for line in page_lines(site, lang, md) for fault in faults(line, RULES[lang])]
    assert not found, f"{lang}/{md}:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", CHECKED)
def test_the_editions_data_texts_follow_its_typography(lang):
    texts = data_texts(lang)
    assert len(texts) > 100, "the data texts were not found"
    found = [f"{where}: {fault}" for where, text in texts for fault in faults(text, RULES[lang])]
    assert not found, "\n".join(found)
