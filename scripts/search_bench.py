"""Search-quality benchmark: reader queries typed into the built site in Chromium.

usage: python scripts/search_bench.py   (part of make bench)

Builds every edition, serves it on 127.0.0.1, types each query of
scripts/search_queries.yml into its edition's search field and notes where the page that
should come first is ranked. Prints hit@1, hit@3 and the mean reciprocal rank per
edition and kind of query (a reader's, a slip, pasted syntax), the queries that missed
first place, the time from the last character to the rendered results (median and
worst) and the worker's own time in Node (scripts/search_node.mjs, as make check runs
it), and writes them to the "Search quality" section of BENCHMARKS.md. Targets: hit@1
at least 90%, hit@3 at least 98%, median time under 50 ms; make check holds the floors
of search_queries.yml.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from chromium import ARGS, CHROMIUM
from local_site import serve
from search_probe import KINDS, ask, hits, kind, node_search, open_search, rank

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "scripts" / "search_queries.yml"
HEADING = "## Search quality"


def editions() -> dict[str, str]:
    """lang -> path of the edition below the site root, from mkdocs.yml."""
    from mkdocs.utils.yaml import yaml_load
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    return {e["lang"]: e["path"] for e in config["extra"]["editions"]}


def build(site: Path, paths: dict[str, str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for lang, path in paths.items():
        config = "mkdocs.yml" if not path else f"mkdocs.{lang}.yml"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                        "-d", str(site / path)], cwd=ROOT, env=env, check=True,
                       stderr=subprocess.DEVNULL)


def target(path: str, page: str) -> str:
    return path + (page.removesuffix("index.md") if page.endswith("index.md") else page[:-3] + "/")


def run(base: str, paths: dict[str, str], site: Path) -> dict[str, dict]:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang, path in paths.items():
            if lang not in queries:
                continue
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + path, wait_until="networkidle")
            open_search(page)
            ask(page, "warm up")  # the index is built on the first query
            ranks, times, misses = {}, [], []
            for item in queries[lang]:
                query, expected = str(item["q"]), target(path, item["page"])
                pages, ms = ask(page, query)
                ranks.setdefault(kind(item), []).append(rank(pages, expected))
                if ms is not None:
                    times.append(ms)
                if pages[:1] != [expected]:
                    misses.append(f"{query} -> /{expected} ranked {rank(pages, expected) or 'not found'}"
                                  f" (first: /{pages[0] if pages else '-'})")
            page.close()
            node = [a["ms"] for a in node_search(site / path, [str(i["q"]) for i in queries[lang]])]
            results[lang] = {
                "kinds": {name: hits(ranks[name]) for name in KINDS if name in ranks},
                "median": statistics.median(times), "worst": max(times), "misses": misses,
                "node median": statistics.median(node), "node worst": max(node),
            }
        browser.close()
    return results


def report(results: dict[str, dict]) -> str:
    lines = [
        HEADING, "",
        f"Measured on {dt.date.today().isoformat()} by `scripts/search_bench.py` (`make bench`):",
        f"the reader queries of `scripts/search_queries.yml`, typed into each edition's search",
        "field in Chromium. A hit is the page that should come first; time is from the last",
        "character typed to the last change of the result list. Targets: hit@1 at least 90%,",
        "hit@3 at least 98%, median under 50 ms. Kinds: reader (queries as readers type them),",
        "slip (a word with one letter wrong, missing, extra or swapped), syntax (text carrying",
        "lunr's query characters). Node ms: the worker alone, in Node (make check).", "",
        "| edition | kind | queries | hit@1 | hit@3 | MRR | median ms | worst ms | Node median ms | Node worst ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for lang, r in results.items():
        for name, k in r["kinds"].items():
            lines.append(f"| {lang} | {name} | {k['n']} | {k['hit@1']:.0%} | {k['hit@3']:.0%} | {k['mrr']:.3f} "
                         f"| {r['median']:.0f} | {r['worst']:.0f} | {r['node median']:.1f} | {r['node worst']:.1f} |")
    misses = [f"- {lang}: {m}" for lang, r in results.items() for m in r["misses"]]
    if misses:
        lines += ["", "Queries whose page did not come first:", "", *misses]
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    """Replaces the search section of BENCHMARKS.md (make bench writes the rest first)."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    text = re.sub(rf"\n{re.escape(HEADING)}\n.*?(?=\n## |\Z)", "", text, flags=re.S)
    path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def main() -> None:
    paths = editions()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, paths)
        with serve(site) as base:
            results = run(base, paths, site)
    section = report(results)
    print(section)
    write(section)
    print("written to BENCHMARKS.md")


if __name__ == "__main__":
    main()
