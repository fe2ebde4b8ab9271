"""An edition's interface words: every word of the site's own making (data/interface.yml),
from the dates and the chart's labels to the palette toggles and the nav's sections."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import fail
from .files import read_yaml

WHERE = "interface.yml"
# number_format: one thousand and a half as the edition writes it, its thousands mark
# between 1 and 000, its decimal mark before the 5 (1,000.5; 1 000,5).
NUMBER_FORMAT = re.compile(r"1(\D+)000(\D)5")


class Words(dict):
    """Entry -> this edition's text. A missing entry, or a pattern whose {placeholder} the
    code does not fill, stops the build naming the entry, instead of a KeyError."""

    def __init__(self, texts: dict, lang: str):
        super().__init__(texts)
        self.lang = lang

    def __missing__(self, key):
        fail(WHERE, key, self.lang, "is missing (every edition needs it)")

    def format(self, key: str, **values) -> str:
        try:
            return self[key].format(**values)
        except (KeyError, IndexError, ValueError) as err:
            allowed = ", ".join("{" + name + "}" for name in values) or "none"
            fail(WHERE, key, self.lang, f"{self[key]!r} cannot be filled in ({err!r}); "
                                        f"its placeholders: {allowed}")

    def number(self, value: float, places: int = 2, trim: bool = True) -> str:
        """`value` with `places` decimals, in the edition's marks (number_format): 1,234.5
        or 1 234,5; `trim` drops trailing zeros (30, not 30.00)."""
        text = f"{value:,.{places}f}"
        if trim and places:
            text = text.rstrip("0").rstrip(".")
        thousands, decimal = self["number_marks"]
        return text.translate(str.maketrans({",": thousands, ".": decimal}))


def load_interface(path: Path, lang: str) -> Words:
    data = read_yaml(path)
    if not isinstance(data, dict) or not data:
        fail(path.name, "-", "-", "expected a mapping of interface words")
    texts = {}
    for key, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
            fail(path.name, key, key, f"missing its {lang!r} text")
        # Newlines go, spaces stay: a quoted word may start or end with one (", ").
        texts[key] = value[lang].strip("\n")
    words = Words(texts, lang)
    months = words["month_names"].split()
    if len(months) != 12:
        fail(path.name, "month_names", lang, f"must name 12 months, not {len(months)}")
    words["month_names"] = months
    for factor in ("unit_factor", "small_factor", "tonnes_factor"):
        try:
            words[factor] = float(words[factor])
        except ValueError:
            fail(path.name, factor, lang, f"{words[factor]!r} is not a number")
        if not 0 < words[factor] < float("inf"):
            fail(path.name, factor, lang, "must be a number greater than 0")
    marks = NUMBER_FORMAT.fullmatch(words["number_format"])
    if not marks or marks.group(1) == marks.group(2):
        fail(path.name, "number_format", lang, f"{words['number_format']!r} is not one thousand and a "
                                               "half with two different marks (1,000.5)")
    words["number_marks"] = marks.groups()
    return words
