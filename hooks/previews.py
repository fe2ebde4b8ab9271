"""Link previews: every page's own 1200×630 picture (its title, the site, the edition),
drawn at build time with Pillow from a local font, no network, and declared in the head
(og:image with its size and text alternative, twitter:card summary_large_image; see
overrides/main.html).

The font is Debian's Noto Sans CJK (fonts-noto-cjk, which the Makefile installs when
missing): its Simplified Chinese face writes every edition (Latin included), so one
package serves all. The picture is a palette PNG of a few colours (about 15–30 kB) and,
with no date or random in it, the same bytes on every build of one commit. Pictures go to
assets/previews/<page>.png of the edition (index.png for the home page).
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from sitelib.files import page_title

FONTS = Path("/usr/share/fonts/opentype/noto")
REGULAR, BOLD = FONTS / "NotoSansCJK-Regular.ttc", FONTS / "NotoSansCJK-Bold.ttc"
FACE = "Noto Sans CJK SC"
WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/previews"
# The site's palette (overrides/assets/stylesheets/extra.css): the deep red, dark gold.
RED, DARK_RED, GOLD, WHITE = (163, 22, 33), (125, 15, 24), (232, 190, 100), (255, 255, 255)
PAGES: dict = {}  # file name of the picture -> (title) for this build
# Where a line may break: after a CJK character or full-width mark, or at a space.
_CJK = re.compile(r"[\u2e80-\u9fff]")
_TOKENS = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef][\u3000-\u303f\uff00-\uffef]*|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+\s*|\s+")


def _font(path: Path, size: int):
    from PIL import ImageFont

    if not path.exists():
        raise PluginError(f"hooks/previews.py: the font {path} is missing "
                          "(apt-get install fonts-noto-cjk, as the Makefile does)")
    for index in range(10):
        font = ImageFont.truetype(str(path), size, index=index)
        if font.getname()[0] == FACE:
            return font
    raise PluginError(f"hooks/previews.py: {path} has no face {FACE!r}")


def _features(text: str):
    """Proportional punctuation (the font's Latin ’ rather than its full-width one) in a
    text with no Chinese; a Chinese text keeps full-width marks. Needs libraqm (in
    Pillow's wheels); without it, the font's default forms."""
    from PIL import features

    if _CJK.search(text) or not features.check("raqm"):
        return None
    return ["pwid"]


def _lines(text: str, font, width: int, most: int) -> list[str]:
    lines, line = [], ""
    options = {"features": _features(text)}
    for token in _TOKENS.findall(text):
        if line and font.getlength((line + token).rstrip(), **options) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    if len(lines) > most:  # an ellipsis, never text drawn outside the picture
        lines = lines[:most]
        while lines[-1] and font.getlength(lines[-1] + "…", **options) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


def draw(title: str, site: str, edition: str) -> bytes:
    """The picture as PNG bytes."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 120, WIDTH, HEIGHT), fill=DARK_RED)
    pen.rectangle((80, 92, 200, 100), fill=GOLD)
    left, width = 80, WIDTH - 160
    small = _font(REGULAR, 34)
    for number, line in enumerate(_lines(site, small, width, 2)):
        pen.text((left, 130 + number * 46), line, font=small, fill=WHITE, features=_features(line))
    big = _font(BOLD, 68)
    lines = _lines(title, big, width, 3)
    top = 250 if len(lines) < 3 else 226
    for number, line in enumerate(lines):
        pen.text((left, top + number * 88), line, font=big, fill=WHITE, features=_features(line))
    pen.text((left, HEIGHT - 84), edition, font=_font(REGULAR, 36), fill=GOLD, features=_features(edition))
    # A few colours: the three of the picture and the anti-aliased edges between them.
    out = io.BytesIO()
    image.quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def name(page) -> str:
    return "index" if page.file.src_uri == "index.md" else page.file.src_uri[:-3].replace("/", "-")


def on_config(config):
    PAGES.clear()


def on_page_markdown(markdown, page, config, files):
    words = config.extra["words"]
    title = page_title(page.file.content_string) or page.title
    PAGES[name(page)] = title
    page.meta["preview"] = {
        "url": f"{config.site_url}{FOLDER}/{name(page)}.png", "width": WIDTH, "height": HEIGHT,
        "alt": words.format("preview_alt", title=title, site=config.site_name, edition=words["print_edition"]),
    }
    return markdown


def on_post_build(config):
    words = config.extra["words"]
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, title in sorted(PAGES.items()):
        (folder / f"{file_name}.png").write_bytes(draw(title, config.site_name, words["print_edition"]))
