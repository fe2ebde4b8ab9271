"""Publishing: reproducible builds, the site address in one place, robots.txt, the CSP."""
from __future__ import annotations

import base64
import hashlib
import os
import re

import pytest

from conftest import EDITIONS, PAGES, build_all, built


def _build(tmp_path, name, **env):
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        results = build_all(tmp_path / name)
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    assert all(r.returncode == 0 for r in results), results[-1].stderr
    return tmp_path / name


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    first = _build(tmp_path, "a", SOURCE_DATE_EPOCH="1764000000", TZ="UTC")
    second = _build(tmp_path, "b", SOURCE_DATE_EPOCH="1764000000", TZ="Asia/Shanghai")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) > 50
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("published"), "site",
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
