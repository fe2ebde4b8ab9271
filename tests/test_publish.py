"""Publishing: reproducible builds, the site address in one place, robots.txt, the CSP."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from conftest import EDITIONS, PAGES, built, built_site


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    first = built_site(tmp_path / "a", SOURCE_DATE_EPOCH="1764000000", TZ="UTC")
    second = built_site(tmp_path / "b", SOURCE_DATE_EPOCH="1764000000", TZ="Asia/Shanghai")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) > 50
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return built_site(tmp_path_factory.mktemp("published") / "site",
                      SITE_URL="https://example.org/china-belgium/")


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_site_address_comes_from_site_url(published, lang):
    base = "https://example.org/china-belgium/" + EDITIONS[lang]["prefix"]
    html = (published / built(lang, "trade.md")).read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}trade/">' in html
    assert f'<meta property="og:url" content="{base}trade/">' in html
    sitemap = (published / EDITIONS[lang]["prefix"] / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(base) for loc in locations)
    assert base + "trade/" in locations


def test_robots_txt_points_to_every_sitemap(published):
    robots = (published / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://example.org/china-belgium/sitemap.xml" in robots
    assert "Sitemap: https://example.org/china-belgium/zh/sitemap.xml" in robots
    assert not (published / "zh" / "robots.txt").exists()


@pytest.mark.parametrize("lang, md", PAGES + [(lang, "404") for lang in EDITIONS])
def test_every_page_has_a_strict_content_security_policy(site, lang, md):
    path = EDITIONS[lang]["prefix"] + "404.html" if md == "404" else built(lang, md)
    html = (site / path).read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    head = html[:html.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<script")  # before any script
    rules = dict(rule.split(" ", 1) for rule in policy.split("; "))
    assert rules["default-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["base-uri"] == "'self'"
    assert "unsafe" not in policy and "http" not in policy
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", html, re.S)
    assert inline  # the theme's inline scripts are there, and each is allowed by its hash
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in rules["script-src"]
    assert 'style="' not in html  # inline styles would be refused


@pytest.mark.parametrize("lang", EDITIONS)
def test_open_data_downloads_equal_the_data_files(site, datasets, lang):
    import csv
    import json

    import yaml

    from conftest import ROOT

    folder = site / EDITIONS[lang]["prefix"] / "data"
    with (ROOT / "data" / "trade.csv").open(newline="", encoding="utf-8") as handle:
        source_rows = list(csv.DictReader(handle))
    with (folder / "trade.csv").open(newline="", encoding="utf-8") as handle:
        published = list(csv.DictReader(handle))
    assert [{k: r[k] for k in ("year", "usd_billion", "qualifier", "source")} for r in published] == source_rows
    trade_json = json.loads((folder / "trade.json").read_text(encoding="utf-8"))
    assert [(str(r["year"]), r["usd_billion"], r["qualifier"]) for r in trade_json["rows"]] == [
        (r["year"], float(r["usd_billion"]), r["qualifier"]) for r in source_rows]
    assert "CC BY 4.0" in trade_json["licence"]
    for row in published:  # each row carries its source
        assert row["source_title"] == datasets[lang]["sources"][row["source"]]["title"]

    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    with (folder / "timeline.csv").open(newline="", encoding="utf-8") as handle:
        timeline = list(csv.DictReader(handle))
    assert [(r["id"], r["date"], r["source"]) for r in timeline] == [
        (e["id"], str(e["date"]), e["source"]) for e in events]
    assert all("<!--" not in r["what"] and r["what"] for r in timeline)
    timeline_json = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in timeline_json["rows"]] == [e["id"] for e in events]
    for row in timeline:
        assert (site / EDITIONS[lang]["prefix"] / row["page"].split("#")[0] / "index.html").exists()


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("md, name", [("timeline.md", "timeline"), ("trade.md", "trade")])
def test_pages_offer_their_data_for_download(site, lang, md, name):
    html = (site / built(lang, md)).read_text(encoding="utf-8")
    for kind in ("csv", "json"):
        link = re.search(rf'<a ([^>]*)href="\.\./data/{name}\.{kind}"[^>]*>', html)
        assert link and "download" in link.group(1) and "md-button" in link.group(1), kind
