"""The Downloads page: the PDFs and the offline zip as built copies, each linked once from
every edition with its size and checksum, and the data files beside them."""
from __future__ import annotations

import hashlib
import zipfile

import pytest
from pypdf import PdfReader

from conftest import EDITIONS, build_all, built, built_site
from htmlpages import download_links

COPIES = ["china-belgium.en.pdf", "china-belgium.zh.pdf", "china-belgium.fr.pdf",
          "china-belgium-offline.zip"]
# How each edition says that a copy is not part of this build.
ABSENT = {"en": "not part of this build", "zh": "本次构建的网站未包含", "fr": "absent de cette version"}
DATA_FILES = ["data/timeline.csv", "data/timeline.json", "data/trade.csv", "data/trade.json"]


def make_copies(folder, names=COPIES):
    """Stand-ins for the built copies: distinct bytes, sizes in kB and MB."""
    folder.mkdir()
    for number, name in enumerate(names, 1):
        (folder / name).write_bytes(bytes([number]) * (40_000 * number ** 4))
    return folder


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    work = tmp_path_factory.mktemp("published")
    copies = make_copies(work / "copies")
    return built_site(work / "site", DOWNLOADS=str(copies)), copies


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_links_each_copy_with_its_size_and_checksum(published, lang):
    site, copies = published
    page_path = built(lang, "downloads.md")
    links = dict((target, href) for href, target in download_links(site, page_path))
    html = (site / page_path).read_text(encoding="utf-8")
    for name in COPIES:
        target = f"downloads/{name}"  # one folder at the site root serves every edition
        assert target in links, name
        assert (site / target).read_bytes() == (copies / name).read_bytes()
        assert hashlib.sha256((copies / name).read_bytes()).hexdigest() in html
    assert any(size in html for size in ("(40 kB)", "（40 kB）", "(40\u00a0ko)"))  # 40,000 bytes
    assert any(size in html for size in ("(3.2 MB)", "（3.2 MB）", "(3,2\u00a0Mo)"))  # 3,240,000 bytes
    prefix = EDITIONS[lang]["prefix"]
    for data_file in DATA_FILES:  # and the edition's own open data
        assert prefix + data_file in links and (site / prefix / data_file).is_file()


def test_the_copies_are_stored_once(published):
    site, _ = published
    assert sorted(p.name for p in (site / "downloads").iterdir()) == sorted(COPIES + ["index.html"])
    assert [p.name for p in (site / "zh" / "downloads").iterdir()] == ["index.html"]


def test_a_publishing_build_stops_when_a_copy_is_missing(tmp_path):
    copies = make_copies(tmp_path / "copies", COPIES[:1])
    result = build_all(tmp_path / "site", DOWNLOADS=str(copies))[0]
    assert result.returncode != 0
    assert "china-belgium.zh.pdf is missing" in result.stderr


@pytest.mark.parametrize("lang", EDITIONS)
def test_without_the_copies_the_page_says_so_and_links_only_the_data(site, lang):
    page_path = built(lang, "downloads.md")
    targets = [target for _, target in download_links(site, page_path)]
    assert len(targets) == len(DATA_FILES) and all("/data/" in "/" + t for t in targets)
    html = (site / page_path).read_text(encoding="utf-8")
    assert html.count(ABSENT[lang]) == len(COPIES)
    assert not (site / "downloads" / COPIES[0]).exists()


def test_make_publish_makes_the_copies_and_the_site_that_offers_them(publication):
    build, site = publication
    sums = {name: digest for digest, name in
            (line.split("  ") for line in (build / "SHA256SUMS").read_text().splitlines())}
    assert sorted(sums) == sorted(COPIES)
    for name, digest in sums.items():  # the release assets are the files the site offers
        content = (build / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == digest
        assert (site / "downloads" / name).read_bytes() == content
        for lang in EDITIONS:
            assert digest in (site / built(lang, "downloads.md")).read_text(encoding="utf-8")
    with zipfile.ZipFile(build / "china-belgium-offline.zip") as archive:
        names = set(archive.namelist())
    for inner in ("index.html", "zh/index.html", "downloads.html", "zh/downloads.html",
                  "downloads/china-belgium.en.pdf", "downloads/china-belgium.zh.pdf"):
        assert "china-belgium-offline/" + inner in names
    for lang in ("en", "zh"):
        assert len(PdfReader(build / f"china-belgium.{lang}.pdf").pages) >= 15
