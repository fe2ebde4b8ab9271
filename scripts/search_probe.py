"""Ask the built site's search a question as a reader does, in a real browser page.

Used by the search benchmark (scripts/search_bench.py) and the tests
(tests/test_search.py), so both measure the same thing. `node_search` asks the same
built worker in Node, without a browser (make check).
"""
from __future__ import annotations

from urllib.parse import urlsplit

# Material's result messages, from the page's own config, in its language.
_DONE = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations;
  const shown = document.querySelector(".md-search-result__meta").textContent.trim();
  const messages = [t["search.result.none"], t["search.result.one"], t["search.result.other"]];
  return messages.includes(shown) || messages.includes(shown.replace(/\\d+/, "#"));
}"""

# Records when the field's text last changed and when the result list last changed.
_WATCH = """() => {
  const field = document.querySelector(".md-search__input");
  const results = document.querySelector(".md-search-result");
  window.__probe = {input: 0, rendered: 0};
  field.addEventListener("input", () => { window.__probe.input = performance.now() });
  new MutationObserver(() => { window.__probe.rendered = performance.now() })
    .observe(results, {childList: true, subtree: true, characterData: true});
}"""


def open_search(page) -> None:
    """Opens the search field (with its button on a phone) and waits for the index."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():
        opener.click()
    field = page.locator(".md-search__input")
    field.click()
    page.evaluate(_WATCH)


def ask(page, query: str, delay: int = 60) -> tuple[list[str], float | None]:
    """Types `query` into an empty field (Chinese arrives as text input, as an input
    method delivers it) and returns the pages of the results in order, as paths below
    the site root, and the milliseconds from the last character to the last change of
    the result list (None if the last character left the list as it was)."""
    field = page.locator(".md-search__input")
    field.fill("")
    page.keyboard.type(query[:-1], delay=delay)
    page.wait_for_timeout(250)  # let the searches for the partial query finish
    page.evaluate("window.__probe.rendered = 0")
    page.keyboard.insert_text(query[-1])
    page.wait_for_function(_DONE)
    page.wait_for_function("""() => performance.now() - window.__probe.input > 400
        && performance.now() - window.__probe.rendered > 150""")
    probe = page.evaluate("window.__probe")
    elapsed = probe["rendered"] - probe["input"] if probe["rendered"] > probe["input"] else None
    links = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    pages = []
    for href in links:
        path = urlsplit(href).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages, elapsed


def node_search(edition_dir, queries: list[str]) -> list[dict]:
    """The queries asked of a built edition's search worker in Node, without a browser
    (scripts/search_node.mjs): for each, {query, pages (below the edition, "" for its
    home page), ms}."""
    import json
    import subprocess
    from pathlib import Path

    script = Path(__file__).resolve().parent / "search_node.mjs"
    result = subprocess.run(["node", str(script), str(edition_dir)], input=json.dumps(queries),
                            capture_output=True, text=True, check=True, timeout=120)
    return json.loads(result.stdout)


KINDS = ("reader", "slip", "syntax")  # a query's `kind` in scripts/search_queries.yml


def kind(item: dict) -> str:
    return item.get("kind", "reader")


def rank(pages: list[str], expected: str) -> int:
    """Where the expected page comes in the results (1 = first), 0 if not at all."""
    return pages.index(expected) + 1 if expected in pages else 0


def hits(ranks: list[int]) -> dict[str, float]:
    """hit@1, hit@3 and the mean reciprocal rank of a list of ranks."""
    n = len(ranks)
    return {"n": n, "hit@1": sum(r == 1 for r in ranks) / n,
            "hit@3": sum(0 < r <= 3 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}
