"""Publishing: reproducible builds, the site address in one place, robots.txt, the CSP
(strict when built, relaxed only for `mkdocs serve`'s live reload), the open data."""
from __future__ import annotations

import base64
import csv
import hashlib
import json
import re

import pytest

from conftest import EDITIONS, PAGES, PUBLISHED_URL, ROOT, built, built_site, url
from sitelib import build
from sitelib.files import read_yaml


@pytest.mark.slow  # a second build of every edition
def test_two_builds_of_the_same_commit_are_byte_identical(site, tmp_path):
    """The session's build and one more in another time zone (SOURCE_DATE_EPOCH is the
    same: make sets it from the last commit, the tests fix it)."""
    again = built_site(tmp_path / "again", TZ="Asia/Shanghai")
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert len(files) > 50
    different = [str(f) for f in files if (site / f).read_bytes() != (again / f).read_bytes()]
    assert different == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_site_address_comes_from_site_url(published, lang):
    site, _ = published
    base = PUBLISHED_URL + EDITIONS[lang]["prefix"]
    html = (site / built(lang, "trade.md")).read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}trade/">' in html
    assert f'<meta property="og:url" content="{base}trade/">' in html
    assert f'hreflang="x-default" href="{PUBLISHED_URL}{url(next(iter(EDITIONS)), "trade.md")}"' in html
    sitemap = (site / EDITIONS[lang]["prefix"] / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(base) for loc in locations)
    assert base + "trade/" in locations


def test_robots_txt_points_to_every_sitemap(published):
    site, _ = published
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    for edition in EDITIONS.values():
        assert f"Sitemap: {PUBLISHED_URL}{edition['prefix']}sitemap.xml" in robots
        if edition["prefix"]:
            assert not (site / edition["prefix"] / "robots.txt").exists()


_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)


@pytest.mark.parametrize("lang, md", PAGES + [(lang, "404") for lang in EDITIONS])
def test_every_page_has_a_strict_content_security_policy(site, lang, md):
    path = EDITIONS[lang]["prefix"] + "404.html" if md == "404" else built(lang, md)
    html = (site / path).read_text(encoding="utf-8")
    policy = _POLICY.search(html).group(1)
    head = html[:html.index("</head>")]
    assert head.index("Content-Security-Policy") < head.index("<script")  # before any script
    rules = dict(rule.split(" ", 1) for rule in policy.split("; "))
    assert rules["default-src"] == "'self'"
    assert rules["object-src"] == "'none'" and rules["base-uri"] == "'self'"
    assert "unsafe" not in policy and "http" not in policy
    inline = _INLINE.findall(html)
    assert inline  # the theme's inline scripts are there, and each is allowed by its hash
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in rules["script-src"]
    assert 'style="' not in html  # inline styles would be refused


def test_only_mkdocs_serve_allows_inline_scripts(monkeypatch):
    """The live-reload script of `mkdocs serve` changes with every request: there (and
    only there) inline scripts are allowed, and every other rule stays."""
    import publish

    page = '<meta charset="utf-8"><script>theme()</script>'
    monkeypatch.setitem(build.SERVING, "live_reload", False)
    publish.on_startup(command="build", dirty=False)
    strict = publish.add_policy(page)
    assert "'sha256-" in strict and "unsafe-inline" not in strict
    publish.on_startup(command="serve", dirty=False)
    served = publish.add_policy(page)
    assert "script-src 'self' 'unsafe-inline'" in served and "'sha256-" not in served
    assert _rules(served) - _rules(strict) == {"script-src 'self' 'unsafe-inline'"}


def _rules(html: str) -> set[str]:
    return set(_POLICY.search(html).group(1).split("; "))


@pytest.mark.parametrize("lang", EDITIONS)
def test_open_data_downloads_equal_the_data_files(site, datasets, lang):
    folder = site / EDITIONS[lang]["prefix"] / "data"
    with (ROOT / "data" / "trade.csv").open(newline="", encoding="utf-8") as handle:
        source_rows = list(csv.DictReader(handle))
    with (folder / "trade.csv").open(newline="", encoding="utf-8") as handle:
        published = list(csv.DictReader(handle))
    assert [{k: r[k] for k in ("year", "usd_billion", "qualifier", "source")} for r in published] == source_rows
    trade_json = json.loads((folder / "trade.json").read_text(encoding="utf-8"))
    assert [(str(r["year"]), r["usd_billion"], r["qualifier"]) for r in trade_json["rows"]] == [
        (r["year"], float(r["usd_billion"]), r["qualifier"]) for r in source_rows]
    assert trade_json["licence"] == datasets[lang]["words"]["data_licence"]
    for row in published:  # each row carries its source
        assert row["source_title"] == datasets[lang]["sources"][row["source"]]["title"]

    events = read_yaml(ROOT / "data" / "timeline.yml")
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
