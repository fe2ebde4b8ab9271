"""The maps as the site serves them: each map of includes/maps/ (drawn by
scripts/maps/make_maps.py, its shapes named by cb-map__* classes) written as two
standalone SVG files per edition, one for each of Material's palettes, with the colours
resolved into a small <style> of its own. The page shows them as images (render.map_figure),
loaded when the reader scrolls near them and cached, instead of inlining them in its HTML.

The colours are the values that the CSS variables named in RULES take in each palette,
read from the theme's stylesheets and ours (extra.css) as a browser would apply them to
the page's <body>: Material's defaults first, then its palette stylesheet, then
extra_css, the rules for the edition's palette (data-md-color-scheme, -primary and
-accent of theme.palette) and language (:lang) winning over those of :root. So the map
files keep the colours of the page around them, and a colour is set in one place.
The labels use the page's text font (--md-text-font, with the Chinese fonts first in the
Chinese edition): system fonts, as an image cannot load a web font.
"""
from __future__ import annotations

import colorsys
import re
from pathlib import Path

from .errors import DataError
from .files import read_text

FOLDER = "maps"  # in each edition's site: maps/link.light.svg …
# Material's schemes, by the name a file takes and the URL fragment (#only-light,
# #only-dark) by which Material shows an image in that scheme only.
VARIANTS = {"light": "default", "dark": "slate"}
FONT = "--md-text-font"

# How the shapes look: the classes make_maps.py writes, the colours as CSS variables.
# Country names are the text colour at 80 %, not Material's light variant, which is
# under 4.5:1 on the dark palette's land. On a phone the image is about 360 px
# wide and a label of 19 units would be 11 px: below 480 px (the image's own width, which
# media queries inside an image measure), the labels grow to what the maps leave room for.
RULES = """\
svg{font-family:var(--md-text-font)}
.cb-map__sea{fill:var(--cb-map-sea)}
.cb-map__land{fill:var(--cb-map-land);stroke:var(--cb-map-border);stroke-width:1;stroke-linejoin:round}
.cb-map__land--focus{fill:var(--cb-map-focus)}
.cb-map__place{fill:var(--cb-mark);stroke:var(--md-default-bg-color);stroke-width:2}
text{fill:var(--md-default-fg-color);paint-order:stroke;stroke:var(--cb-map-land);stroke-width:4px;stroke-linejoin:round}
.cb-map__country{fill:var(--md-default-fg-color);fill-opacity:.8;letter-spacing:.08em}
.cb-map__arc,.cb-map__triangle{fill:none;stroke-linecap:round}
.cb-map__arc--air{stroke:var(--cb-mark);stroke-width:3;stroke-dasharray:2 7}
.cb-map__arc--rail{stroke:var(--md-accent-fg-color);stroke-width:3.5;stroke-dasharray:14 6}
.cb-map__triangle{stroke:var(--cb-mark);stroke-width:2.5;stroke-dasharray:9 6}
@media (max-width:480px){text{font-size:1.15em}.cb-map__country{font-size:1em}}
"""
NAMES = sorted(set(re.findall(r"var\((--[\w-]+)\)", RULES)))  # every variable RULES reads

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)")
_ATTRIBUTE = re.compile(r"""\[data-md-color-(scheme|primary|accent)=["']?([\w-]+)["']?\]""")
_LANG = re.compile(r":lang\(([\w-]+)\)")
_FUNCTION = re.compile(r"(hsla?|rgba?)\(([^()]*)\)")


def source(name: str, variant: str) -> str:
    """Where a map file lands in its edition's site: 'maps/link.light.svg'."""
    return f"{FOLDER}/{name}.{variant}.svg"


def drawn(root: Path, lang: str) -> dict[str, Path]:
    """The edition's maps as make_maps.py drew them, by name."""
    return {path.name.split(".")[0]: path
            for path in sorted((root / "includes" / "maps").glob(f"*.{lang}.svg"))}


# ------------------------------------------------------------------ the stylesheets


def _rules(css: str):
    """(media, selectors, declarations) of every rule, in order; media is the text of the
    @media around it ('' for none). Other at-rules (@font-face, @keyframes, @supports …)
    are skipped whole."""
    css = _COMMENT.sub("", css)
    stack, start, quote, i = [], 0, "", 0
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            stack.append(css[start:i].strip())
            start = i + 1
        elif char == "}":
            head = stack.pop() if stack else ""
            if not head.startswith("@") and all(h.startswith("@media") for h in stack):
                media = " and ".join(h[len("@media"):].strip() for h in stack)
                yield media, head, css[start:i]
            start = i + 1
        elif char == ";" and not stack:
            start = i + 1  # @charset, @import
        i += 1


def _declarations(block: str) -> dict[str, str]:
    found = {}
    for part in re.split(r";(?![^()]*\))", block):
        name, colon, value = part.partition(":")
        if colon and name.strip().startswith("--"):
            found[name.strip()] = value.replace("!important", "").strip()
    return found


def _matches(selector: str, attributes: dict[str, str], lang: str) -> int | None:
    """0 when the selector is :root (the document, whose values <body> inherits), 1 when it
    selects <body> by the palette's attributes and the language alone; None otherwise."""
    selector = selector.strip()
    if selector == ":root":
        return 0
    rest = _LANG.sub("", _ATTRIBUTE.sub("", selector))
    if rest or selector == "":
        return None
    if any(attributes.get(key) != value for key, value in _ATTRIBUTE.findall(selector)):
        return None
    if any(not (lang == code or lang.startswith(code + "-")) for code in _LANG.findall(selector)):
        return None
    return 1


def variables(stylesheets: list[str], attributes: dict[str, str], lang: str) -> dict[str, str]:
    """The custom properties as <body> has them on screen, with the palette's `attributes`
    (scheme, primary, accent), from the stylesheets in the order the page loads them."""
    tiers: list[dict[str, str]] = [{}, {}]
    for css in stylesheets:
        for media, selectors, block in _rules(css):
            if media not in ("", "screen"):
                continue
            levels = [_matches(s, attributes, lang) for s in selectors.split(",")]
            level = max((x for x in levels if x is not None), default=None)
            if level is not None:
                tiers[level].update(_declarations(block))
    return {**tiers[0], **tiers[1]}


def _hex(function: str, arguments: str) -> str:
    parts = [p for p in re.split(r"[\s,/]+", arguments.strip()) if p]
    alpha = float(parts[3].rstrip("%")) / (100 if parts[3].endswith("%") else 1) if len(parts) > 3 else 1.0
    if function.startswith("hsl"):
        hue = float(re.sub(r"deg$", "", parts[0])) / 360
        light, saturation = (float(p.rstrip("%")) / 100 for p in (parts[2], parts[1]))
        rgb = colorsys.hls_to_rgb(hue % 1, light, saturation)
    else:
        rgb = tuple(float(p.rstrip("%")) / (100 if p.endswith("%") else 255) for p in parts[:3])
    digits = "".join(f"{round(c * 255):02x}" for c in rgb)
    return "#" + digits + ("" if alpha >= 1 else f"{round(alpha * 255):02x}")


def resolve(value: str, found: dict[str, str], depth: int = 0) -> str:
    """`value` with every var() replaced by its value, and rgb()/hsl() colours as hex."""
    if depth > 10:
        raise DataError(f"maps: the CSS variables in {value!r} refer to each other in a loop")

    def replace(match):
        name, fallback = match.groups()
        if name in found:
            return resolve(found[name], found, depth + 1)
        if fallback is not None:
            return resolve(fallback, found, depth + 1)
        raise DataError(f"maps: no stylesheet sets {name} (the map colours read it)")

    while _VAR.search(value):
        value = _VAR.sub(replace, value)
    value = _FUNCTION.sub(lambda m: _hex(*m.groups()), value)
    return " ".join(value.split()).lower() if value.startswith("#") else " ".join(value.split())


def palettes(stylesheets: list[str], palette: list[dict], lang: str) -> dict[str, dict[str, str]]:
    """For each file variant (light, dark): the values of NAMES in that palette of
    theme.palette, resolved."""
    found = {}
    for variant, scheme in VARIANTS.items():
        entry = next((p for p in palette if p.get("scheme", "default") == scheme), None)
        if entry is None:
            raise DataError(f"maps: theme.palette has no scheme {scheme!r} (the {variant} map files)")
        attributes = {"scheme": scheme, "primary": entry.get("primary", "indigo"),
                      "accent": entry.get("accent", "indigo")}
        values = variables(stylesheets, attributes, lang)
        found[variant] = {name: resolve(f"var({name})", values) for name in NAMES}
    return found


def stylesheets(config) -> list[str]:
    """The texts of the theme's stylesheets (main, palette) and of our extra_css, in the
    order the page loads them."""
    theme = []
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        for folder in config.theme.dirs:
            hits = sorted(Path(folder, "assets", "stylesheets").glob(pattern))
            if hits:
                theme.append(read_text(hits[0]))
                break
        else:
            raise DataError(f"maps: the theme has no assets/stylesheets/{pattern}")
    # A plugin's stylesheet (print-site's, under PDF=true) is in neither folder: it sets
    # none of the colours, and a colour that no stylesheet sets stops the build (resolve).
    folders = [Path(config.docs_dir)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    extra = []
    for name in map(str, config.extra_css):
        found = [folder / name for folder in folders if (folder / name).is_file()]
        if found:
            extra.append(read_text(found[0]))
    return theme + extra


# ------------------------------------------------------------------ the files


def view_box(svg: str) -> tuple[int, int]:
    """The map's width and height, from its viewBox."""
    box = re.search(r'<svg [^>]*viewBox="0 0 (\d+) (\d+)"', svg)
    if not box:
        raise DataError("maps: a map without a viewBox \"0 0 WIDTH HEIGHT\" (run make maps)")
    return int(box.group(1)), int(box.group(2))


def title(svg: str) -> str:
    found = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
    return found.group(1).strip() if found else ""


def standalone(svg: str, values: dict[str, str]) -> str:
    """The drawn map with its <style>: RULES with the palette's values. Its <desc> is
    left out: the page shows it as the caption, and a screen reader reads an image's alt
    text, not what the image holds."""
    style = _VAR.sub(lambda m: values[m.group(1)], RULES)
    svg = re.sub(r' aria-describedby="[^"]*"', "", svg.strip(), count=1)
    svg = re.sub(r"\n?<desc[^>]*>.*?</desc>", "", svg, count=1, flags=re.S)
    head = next(m for m in (re.search(p, svg) for p in ("</title>", "<svg [^>]*>")) if m)
    return svg[:head.end()] + f"\n<style>\n{style}</style>" + svg[head.end():] + "\n"


def files(config, lang: str) -> dict[str, str]:
    """Every map file of the edition: its path in the site -> its text."""
    root = Path(config.config_file_path).parent
    maps = drawn(root, lang)
    if not maps:
        return {}
    palette = config.theme["palette"]
    values = palettes(stylesheets(config), palette if isinstance(palette, list) else [palette], lang)
    return {source(name, variant): standalone(read_text(path), values[variant])
            for name, path in maps.items() for variant in VARIANTS}
