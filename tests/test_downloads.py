"""The Downloads page: the PDFs and the offline zip as built copies, each linked once from
every edition with its size and checksum, and the data files beside them."""
from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

import downloads
from conftest import EDITIONS, FIRST, built
from htmlpages import download_links
from sitelib.errors import DataError

COPIES = [name for files in downloads.copies(list(EDITIONS.values())).values() for name, _, _ in files]
DATA_FILES = ["data/timeline.csv", "data/timeline.json", "data/trade.csv", "data/trade.json"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_links_each_copy_with_its_size_and_checksum(published, lang):
    site, copies = published
    words = EDITIONS[lang]["words"]
    page_path = built(lang, "downloads.md")
    links = dict((target, href) for href, target in download_links(site, page_path))
    html = (site / page_path).read_text(encoding="utf-8")
    for name in COPIES:
        target = f"{downloads.FOLDER}/{name}"  # one folder at the site root serves every edition
        assert target in links, name
        assert (site / target).read_bytes() == (copies / name).read_bytes()
        assert hashlib.sha256((copies / name).read_bytes()).hexdigest() in html
        assert downloads.size(copies / name, words) in html
    prefix = EDITIONS[lang]["prefix"]
    for data_file in DATA_FILES:  # and the edition's own open data
        assert prefix + data_file in links and (site / prefix / data_file).is_file()


def test_sizes_are_written_in_kilobytes_or_megabytes(published):
    _, copies = published
    words = EDITIONS[FIRST]["words"]
    small, large = sorted((copies / name for name in COPIES), key=lambda p: p.stat().st_size)[::len(COPIES) - 1]
    assert downloads.size(small, words) == words.format("size_kb", value=f"{small.stat().st_size / 1000:.0f}")
    assert downloads.size(large, words) == words.format("size_mb", value=f"{large.stat().st_size / 1e6:.1f}")


def test_the_copies_are_stored_once(published):
    site, _ = published
    assert sorted(p.name for p in (site / "downloads").iterdir()) == sorted(COPIES + ["index.html"])
    for edition in EDITIONS.values():
        if edition["prefix"]:
            assert [p.name for p in (site / edition["prefix"] / "downloads").iterdir()] == ["index.html"]


def test_a_publishing_build_stops_when_a_copy_is_missing(tmp_path, monkeypatch):
    (tmp_path / COPIES[0]).write_bytes(b"pdf")
    monkeypatch.setenv("DOWNLOADS", str(tmp_path))
    config = SimpleNamespace(extra={"editions": list(EDITIONS.values())}, plugins={})
    with pytest.raises(DataError, match=f"{COPIES[1]} is missing"):
        downloads.on_config(config)


@pytest.mark.parametrize("lang", EDITIONS)
def test_without_the_copies_the_page_says_so_and_links_only_the_data(site, lang):
    page_path = built(lang, "downloads.md")
    targets = [target for _, target in download_links(site, page_path)]
    assert len(targets) == len(DATA_FILES) and all("/data/" in "/" + t for t in targets)
    html = (site / page_path).read_text(encoding="utf-8")
    assert html.count(EDITIONS[lang]["words"]["copy_absent"]) == len(COPIES)
    assert not (site / "downloads" / COPIES[0]).exists()


@pytest.mark.browser
def test_make_publish_offers_the_copies_it_made_with_their_checksums(publication):
    """`make publish` (PDFs and zip by Chromium, then the site): the release's files,
    listed in SHA256SUMS, are the ones the site offers. Their contents: test_pdf, test_offline."""
    build, site = publication
    sums = {name: digest for digest, name in
            (line.split("  ") for line in (build / "SHA256SUMS").read_text().splitlines())}
    assert sorted(sums) == sorted(COPIES)
    for name, digest in sums.items():
        content = (build / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == digest
        assert (site / downloads.FOLDER / name).read_bytes() == content
        for lang in EDITIONS:
            assert digest in (site / built(lang, "downloads.md")).read_text(encoding="utf-8")
