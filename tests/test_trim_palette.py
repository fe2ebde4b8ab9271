"""The palette stylesheet with only the colours the site uses (hooks/trim_palette.py)."""
from __future__ import annotations

import gzip
import importlib.util
import re
from pathlib import Path

import yaml

from conftest import ROOT
from trim_palette import trim

THEME = Path(importlib.util.find_spec("material").origin).parent / "templates"
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _used() -> set[str]:
    schemes = CONFIG["theme"]["palette"]
    return {scheme[key] for scheme in schemes for key in ("primary", "accent")}


def test_trimming_keeps_the_schemes_and_drops_only_named_colours():
    css = ("@media screen{[data-md-color-scheme=slate]{--a:1}}[data-md-color-primary=red]{--b:2}"
           "@media (min-width:1em){[data-md-color-primary=white] .x{--c:3}.y{--d:4}}"
           "[data-md-color-accent=custom]{--e:5}/* note */:root{--f:6}")
    assert trim(css, {"custom"}) == ("@media screen{[data-md-color-scheme=slate]{--a:1}}"
                                     "@media (min-width:1em){.y{--d:4}}[data-md-color-accent=custom]{--e:5}"
                                     ":root{--f:6}\n")


def test_the_built_palette_keeps_the_themes_dark_scheme_and_no_unused_colour(site):
    theme_css = next((THEME / "assets" / "stylesheets").glob("palette.*.min.css"))
    built = (site / "assets" / "stylesheets" / theme_css.name).read_text(encoding="utf-8")
    used = _used()
    named = set(re.findall(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]", built))
    assert named <= used
    theme = theme_css.read_text(encoding="utf-8")
    slate = re.search(r"\[data-md-color-scheme=slate\]\{[^}]*\}", theme).group(0)
    assert slate in built  # the theme's own dark scheme, as it writes it
    assert len(gzip.compress(built.encode())) < len(gzip.compress(theme.encode())) / 2
