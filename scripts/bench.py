"""Benchmark: a clean build's time and memory, the page weights (scripts/page_weight.py:
the theme's floor and our bytes above it), then Lighthouse on every page.

usage: python scripts/bench.py [RUNS [PRESET …]]   (make bench; RUNS defaults to 3, the
       presets to mobile and desktop; `bench.py 3 mobile` for the phone target alone)

Builds the site into a temporary folder (timing it and reading its peak memory), serves it
on 127.0.0.1 with gzip as a real host would, runs Lighthouse (node_modules/.bin/lighthouse, pinned in package.json) in
Debian's Chromium RUNS times per page for the mobile and desktop presets, and prints the
medians. The same table is written to BENCHMARKS.md with the date and the machine.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chromium import ARGS, CHROMIUM
from editions import ROOT, build_commands
from local_site import QuietHandler, serve
from page_weight import table as weight_table

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(["--headless=new", *ARGS])
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"FCP s": ("first-contentful-paint", 1000), "LCP s": ("largest-contentful-paint", 1000),
           "TBT ms": ("total-blocking-time", 1), "CLS": ("cumulative-layout-shift", 1),
           "KB": ("total-byte-weight", 1024)}


def timed_build(site: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of clean `mkdocs build --strict` runs of every edition."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    seconds, peak = 0.0, 0.0
    for command in build_commands(site):
        start = time.perf_counter()
        process = subprocess.Popen(command + ["--clean", "-q"], cwd=ROOT, env=env,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds += time.perf_counter() - start
        peak = max(peak, usage.ru_maxrss / 1024)
        if status:
            sys.exit(f"failed: {' '.join(command)}")
    return seconds, peak


class _GzipHost(QuietHandler):
    """A static host as readers meet it: text sent gzip-compressed when the browser asks."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    row = {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}
    for name, (audit, divisor) in METRICS.items():
        row[name] = report["audits"][audit]["numericValue"] / divisor
    return row


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
            f"Python {platform.python_version()}, {chromium}, Lighthouse 12.2.3")


def main(runs: int, presets: tuple[str, ...] = ("mobile", "desktop")) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        seconds, megabytes = timed_build(site)
        print(f"clean build of every edition: {seconds:.2f} s, peak memory {megabytes:.0f} MB")
        weights = weight_table(site)
        print("\n".join(weights), flush=True)
        pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
        rows = []
        with serve(site, _GzipHost) as base:
            for path in pages:
                url = base + ("" if path == "." else path + "/")
                for preset in presets:
                    results = [lighthouse(url, preset, Path(tmp) / "report.json") for _ in range(runs)]
                    median = {k: statistics.median(r[k] for r in results) for k in results[0]}
                    rows.append(("/" if path == "." else f"/{path}/", preset, median))
                    print(rows[-1][0], preset, {k: round(v, 2) for k, v in median.items()}, flush=True)
    write_report(rows, seconds, megabytes, runs, weights, presets)


WEIGHT_HEADING = "## Page weight"
WEIGHT_INTRO = [
    "What a cold load of each page downloads before the reader does anything (its HTML and the",
    "files it names; the search worker and index wait for the search), gzip -6, from",
    "`scripts/page_weight.py`. The theme's floor is Material's own stylesheets and page script",
    "as it ships them; ours is the rest: the HTML, our stylesheet and images, and what our",
    "patches add to the page script. Budget (tests/test_browser.py): 80 KB and 8 requests.",
]


def write_report(rows, seconds: float, megabytes: float, runs: int, weights: list[str],
                 presets: tuple[str, ...] = ("mobile", "desktop")) -> None:
    header = ["page", "preset", "perf", "a11y", "best pr.", "SEO", *METRICS]
    lines = [
        "# Benchmarks",
        "",
        f"Measured on {dt.date.today().isoformat()} by `make bench` ({machine()}).",
        f"Each row is the median of {runs} Lighthouse runs against the built site served",
        "gzip-compressed on 127.0.0.1; scores out of 100, KB as transferred. Targets: accessibility, best practices and SEO 100 on",
        "every page, performance at least 98 on mobile.",
        *([f"This run measured the {' and '.join(presets)} preset only (`scripts/bench.py {runs} "
           f"{' '.join(presets)}`)."] if set(presets) != {"mobile", "desktop"} else []),
        "",
        f"Clean `mkdocs build --strict` of every edition: {seconds:.2f} s in all, peak memory "
        f"{megabytes:.0f} MB.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 2 + ["--:"] * (len(header) - 2)) + "|",
    ]
    for page, preset, m in rows:
        cells = [f"{m[c]:.0f}" for c in CATEGORIES] + [
            f"{m['FCP s']:.2f}", f"{m['LCP s']:.2f}", f"{m['TBT ms']:.0f}", f"{m['CLS']:.3f}",
            f"{m['KB']:.0f}"]
        lines.append(f"| `{page}` | {preset} | " + " | ".join(cells) + " |")
    lines += ["", WEIGHT_HEADING, "", *WEIGHT_INTRO, "", *weights]
    path = ROOT / "BENCHMARKS.md"
    # The sections below these (## …: the search, make check) are kept; their writers
    # replace them.
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = old[old.index("\n## "):] if "\n## " in old else ""
    kept = "".join(part for part in re.split(r"(?m)(?=^## )", kept)
                   if not part.startswith(WEIGHT_HEADING) and not part.startswith("# "))
    path.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print("written to BENCHMARKS.md")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, tuple(sys.argv[2:]) or ("mobile", "desktop"))
