"""Draws the site's two maps as SVG, one file per map and edition, into includes/maps/.

usage: python scripts/maps/make_maps.py [OUT_DIR]

Land and borders come from Natural Earth (public domain) as TopoJSON in the npm package
world-atlas (node_modules/world-atlas, pinned in package.json); places and the words on
the maps from places.yml beside this script. Each map is an equirectangular projection
of its area (x scaled by the cosine of the middle latitude), clipped to that area and
simplified to what its size can show. Shapes are named by CSS classes (cb-map__*), not
coloured: the build writes each map once per palette with the colours of that palette
(hooks/sitelib/maps.py, whose rules style every class used here); labels are text. No
network is used.
The output is committed; tests/test_maps.py checks that a new run gives the same files.
"""
from __future__ import annotations

import html
import json
import math
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ATLAS = ROOT / "node_modules" / "world-atlas"
OUT = ROOT / "includes" / "maps"
sys.path.insert(0, str(ROOT / "hooks"))  # sitelib
from sitelib.editions import editions  # noqa: E402

LANGS = [edition["lang"] for edition in editions()]  # one map file per edition
SPACES = re.compile(r"[ \t\n]+")  # not no-break spaces, which French keeps before : and ;


def load_places() -> dict:
    return yaml.safe_load((HERE / "places.yml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ TopoJSON outlines


def country_rings(atlas: str) -> dict[str, list[list[tuple[float, float]]]]:
    """Every country's outer and inner rings as (lon, lat) lists, keyed by its ISO code."""
    topo = json.loads((ATLAS / atlas).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantised and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        points: list = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    rings: dict = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        rings[geometry.get("id")] = [ring(r) for polygon in polygons for r in polygon]
    return rings


def contains(rings, lon: float, lat: float) -> bool:
    """Even-odd rule over all rings: inside an outer ring and not in a hole."""
    inside = False
    for points in rings:
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


# ------------------------------------------------------------------ geometry


class Projection:
    def __init__(self, spec: dict):
        (self.lon0, lon1), (lat0, self.lat1) = spec["lon"], spec["lat"]
        self.k = math.cos(math.radians((lat0 + self.lat1) / 2))
        self.scale = spec["width"] / ((lon1 - self.lon0) * self.k)
        self.width = spec["width"]
        self.height = round((self.lat1 - lat0) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.k * self.scale, (self.lat1 - lat) * self.scale


def clip(points, width: float, height: float):
    """Sutherland–Hodgman clipping of a closed ring to the rectangle 0..width, 0..height."""
    edges = [(lambda p: p[0] >= 0, 0, 0), (lambda p: p[0] <= width, 0, width),
             (lambda p: p[1] >= 0, 1, 0), (lambda p: p[1] <= height, 1, height)]
    for inside, axis, value in edges:
        if not points:
            break
        result = []
        for current, previous in zip(points, points[-1:] + points[:-1]):
            if inside(current) != inside(previous):
                t = (value - previous[axis]) / (current[axis] - previous[axis])
                cut = [previous[0] + t * (current[0] - previous[0]),
                       previous[1] + t * (current[1] - previous[1])]
                cut[axis] = value
                result.append(tuple(cut))
            if inside(current):
                result.append(current)
        points = result
    return points


def simplify(points, tolerance: float):
    """Douglas–Peucker on a ring (kept closed by its first point)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    # A closed ring starts and ends on one point: split it at the point farthest away.
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    keep[0] = keep[-1] = keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-9
        worst, where = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > worst:
                worst, where = distance, i
        if where is not None and worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, k in zip(points, keep) if k]


def path_data(rings, digits: int) -> str:
    """Rings as SVG path data: rounded to `digits` decimals, then relative moves (shorter)."""
    parts = []
    for ring in rings:
        points = [(round(x, digits), round(y, digits)) for x, y in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) < 4:
            continue
        number = lambda v: f"{v:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:.0f}"  # noqa: E731
        steps = [f"{number(x2 - x1)} {number(y2 - y1)}".replace(" -", "-")
                 for (x1, y1), (x2, y2) in zip(points, points[1:])]
        parts.append(f"M{number(points[0][0])} {number(points[0][1])}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


# ------------------------------------------------------------------ drawing


def text(x, y, words: str, css: str, anchor: str = "start", size: float | None = None) -> str:
    font = f' font-size="{size:g}"' if size else ""
    return (f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{font}>'
            f"{html.escape(words)}</text>")


def draw(name: str, spec: dict, places: dict, lang: str) -> str:
    project = Projection(spec)
    width, height, font = project.width, project.height, spec["font"]
    rings = country_rings(spec["atlas"])
    out = [f'<svg class="cb-map__svg" viewBox="0 0 {width} {height}" font-size="{font}" role="img" '
           f'aria-labelledby="map-{name}-title" aria-describedby="map-{name}-desc" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="map-{name}-title">{html.escape(spec["title"][lang])}</title>',
           f'<desc id="map-{name}-desc">{html.escape(SPACES.sub(" ", spec["desc"][lang]).strip())}</desc>',
           f'<rect class="cb-map__sea" width="{width}" height="{height}"/>']
    for code in sorted(rings, key=lambda c: (c in spec["focus"], c or "")):
        shapes = []
        for ring in rings[code]:
            clipped = clip([project(lon, lat) for lon, lat in ring], width, height)
            xs, ys = [p[0] for p in clipped], [p[1] for p in clipped]
            if len(clipped) >= 3 and max(max(xs) - min(xs), max(ys) - min(ys)) >= spec["min_size"]:
                shapes.append(simplify(clipped + clipped[:1], spec["tolerance"]))
        data = path_data(shapes, spec["digits"])
        if data:
            css = "cb-map__land cb-map__land--focus" if code in spec["focus"] else "cb-map__land"
            out.append(f'<path class="{css}" d="{data}"/>')
    for code, label in spec.get("countries", {}).items():
        x, y = project(label["lon"], label["lat"])
        out.append(text(x, y, label[lang], "cb-map__country", label.get("anchor", "middle"),
                        font * 0.8))
    if spec.get("triangle"):
        corners = [project(places[p]["lon"], places[p]["lat"]) for p in spec["triangle"]]
        out.append('<path class="cb-map__triangle" d="M'
                   + "L".join(f"{x:.1f},{y:.1f}" for x, y in corners) + 'Z"/>')
    for arc in spec.get("arcs", []):
        (x1, y1), (x2, y2) = (project(places[p]["lon"], places[p]["lat"]) for p in (arc["from"], arc["to"]))
        # A stylised curve: the control point is pushed off the straight line by `bend`.
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        cx, cy = mx + (y2 - y1) * arc["bend"] * 2, my - (x2 - x1) * arc["bend"] * 2
        out.append(f'<path class="cb-map__arc cb-map__arc--{arc["class"]}" '
                   f'd="M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"/>')
        lx, ly = (mx + cx) / 2, (my + cy) / 2  # on the curve's middle
        out.append(text(lx, ly + (-10 if arc["bend"] > 0 else font + 4), arc[lang],
                        f'cb-map__label cb-map__label--{arc["class"]}', "middle"))
    for key in spec["places"]:
        place = places[key]
        x, y = project(place["lon"], place["lat"])
        words = spec.get("place_names", {}).get(key, place["name"])[lang]
        right = x < width * 0.75
        out.append(f'<circle class="cb-map__place" cx="{x:.1f}" cy="{y:.1f}" r="{font * 0.3:.1f}"/>')
        out.append(text(x + (font * 0.5 if right else -font * 0.5), y + font * 0.35, words,
                        "cb-map__label", "start" if right else "end"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(out: Path = OUT) -> list[Path]:
    data = load_places()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in data["maps"].items():
        for lang in LANGS:
            path = out / f"{name}.{lang}.svg"
            path.write_text(draw(name, spec, data["places"], lang), encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{path.stat().st_size / 1024:.1f} KB")
