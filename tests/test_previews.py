"""Link previews: every page of every edition declares its own 1200×630 picture in its
head (og:image with its size and text, a large Twitter card), and the picture is in the
site, small, and drawn for that page."""
from __future__ import annotations

import struct

import pytest

from conftest import EDITIONS, PAGES, built, heading
from htmlpages import read

PNG = b"\x89PNG\r\n\x1a\n"


def png_header(data: bytes) -> tuple[int, int, int]:
    """(width, height, colour type) from the PNG's IHDR chunk."""
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    width, height, _, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.mark.parametrize("lang, md", PAGES)
def test_every_page_declares_its_own_preview_picture(site, lang, md):
    meta = read(site / built(lang, md)).meta
    canonical = meta["og:url"]
    root = canonical[:len(canonical) - len(built(lang, md).removesuffix("index.html"))]
    image = meta["og:image"]
    assert image.startswith(root + EDITIONS[lang]["prefix"]), (image, root)  # absolute, this edition's
    data = (site / image[len(root):]).read_bytes()
    width, height, colour = png_header(data)
    assert (width, height) == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
    assert colour == 3 and len(data) < 40_000  # a palette PNG, small
    words = EDITIONS[lang]["words"]
    assert meta["og:image:alt"] == words.format(
        "preview_alt", title=heading(lang, md), site=EDITIONS[lang]["settings"]["site_name"],
        edition=words["print_edition"])
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == image


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_page_has_a_picture_of_its_own(site, lang):
    images = [read(site / built(lang, md)).meta["og:image"] for md in EDITIONS[lang]["nav"]]
    assert len(set(images)) == len(images)
    root = site / EDITIONS[lang]["prefix"] / "assets" / "previews"
    assert len({p.read_bytes() for p in root.glob("*.png")}) == len(images)
