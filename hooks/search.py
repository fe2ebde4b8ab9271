"""Search that finds what readers type.

Material for MkDocs (9.8.2, in maintenance) builds its search index in the browser, in a
web worker, from search/search_index.json. Three fixes are ours to carry:

- The worker splits a Chinese query into words it finds in the index, but never tries the
  whole query: 无息贷款, itself an indexed word, falls back to its first prefix (无). One
  loop bound in the pinned worker is patched so that the whole query is tried too.
- Accents: `liege` should find Liège. The worker folds accents (and œ, æ) out of every
  indexed word and out of the query, so both sides meet without accents; the text shown
  to readers keeps them.
- Words inside compounds: jieba cuts 中国工商银行 as one word, so 工商银行 found nothing.
  Each section of a Chinese page gets a `subwords` field with the shorter dictionary
  words inside its long words, as jieba's search-engine cut finds them (but of any
  length); it is indexed but never shown.
- Names across editions: a reader may type a name as another edition writes it (Liège
  or Zhengzhou on a Chinese page, 列日 on an English one). Each section that names a
  person, organisation, place, event or initiative of data/terms.yml gets an `aliases`
  field with that thing's names in the other editions; indexed, never shown.

- Length and phrases: the theme ignores a section's length, so a name said once in a long
  list ranks with the short section about it; lunr's length normalisation is turned
  back on, below its usual weight. A query of two words or more whose words stand in a
  row in a section (He Jinping, not Xi Jinping) ranks that section higher.
- Slips and pasted text: a long word that finds nothing as typed is looked for one
  letter away (Cainao finds Cainiao), and lunr's syntax characters in a reader's text
  (Cainiao:, - Henan) are read as spaces (hooks/search-worker.js).

The worker (and, so that neither the worker nor the index is fetched before a reader
opens the search, the page script) is patched as it is copied into the site, and
renamed with a hash of its patched content. Our JavaScript is in hooks/search-worker.js
(appended to the worker) and hooks/search-page.js (put into the page script). If a
pattern is gone or found twice (a theme update), the build stops and names the patch:
review it against the theme's new code then. make check runs each edition's patched
worker in Node on the queries of scripts/search_queries.yml.
The index is also rewritten as UTF-8 (the plugin escapes every non-ASCII letter, which
makes the Chinese index about 40% larger).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
MARKER = "/* search worker patched by hooks/search.py */\n"

# Our JavaScript, in files of its own (checked with node --check by the tests): appended
# to the worker (accent folding, query preparation), and put into the page script in
# place of the theme's `new Worker` (the worker starts when the search opens).
HERE = Path(__file__).resolve().parent
WORKER_JS = HERE / "search-worker.js"
PAGE_JS = HERE / "search-page.js"
SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")


# lunr's b: how much a section's length lowers the weight of each word in it (0: not at
# all, as the theme has it; 1: in proportion).
LENGTH_WEIGHT = 0.5

# (what it fixes, pattern that must match exactly once, replacement)
PATCHES = [
    ("a Chinese query that is itself one indexed word is tried whole",
     re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)"),
     r"for(let \1=\2+1;\1<=\3.length;\1++)"),
    # Joined with '* ', each word became 'word**' for the theme, which then counted only
    # the last one towards the boost a result gets for matching every word of a query.
    ("the words of a segmented Chinese query are joined as plain words",
     re.compile(r'(\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\]\.join\()"\* "\)'),
     r'\1" ")'),
    # The theme turns lunr's length normalisation off (b=0), so a name said once in a long
    # "After 2019" list scores as much as in the short section about it; tie broken by the
    # order of the pages. LENGTH_WEIGHT, below BM25's usual 0.75, lets the shorter section
    # come first while a long section about the word (Huawei and 5G) still outweighs a
    # short one that names it (from 0.3 to 0.75 the reader queries pass their floors).
    ("a word in a short section weighs more than the same word in a long one",
     re.compile(r"this\.b\(0\)"),
     f"this.b({LENGTH_WEIGHT})"),
    ("results whose text holds the reader's words in a row come first (hooks/search-worker.js)",
     re.compile(r"(this\.index\.search\([\w$]+\))(\.reduce\(\([\w$]+,\{ref:([\w$]+),score:[\w$]+,"
                r"matchData:[\w$]+\}\)=>\{let [\w$]+=this\.map\.get\(\3\))"),
     r"self.rankPhrases(\1,this.map)\2"),
    ("the query is prepared (accents, syntax, whole words, slips) before it is segmented and parsed",
     re.compile(r'search\((\w+)\)\{if\(\1=\1\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\)'),
     lambda m: m.group(0).replace(f"{m.group(1)}=" + f"{m.group(1)}.replace",
                                  f"{m.group(1)}=self.prepareQuery({m.group(1)},this.index).replace", 1)),
]

# The page script fetches the search index as soon as a page loads, so a reader who
# never searches pays for it (13 KB on a Chinese page). It is fetched when the search
# opens (as the theme already does for a copy opened from disk), or for highlighting
# when the address carries a search term (?h=).
BUNDLE_PATCHES = [
    ("the search index is fetched when the search opens",
     re.compile(r'\(([\w$]+)\(location\.protocol!=="file:"\),([\w$]+)\("search"\)\)'),
     r'(\1(!1),\2("search"))'),
    ("the highlighter asks for the index only when there is a term to highlight",
     re.compile(r'(\{index\$:([\w$]+),location\$:[\w$]+\}\)\{return [\w$]+\(\[)\2,'),
     r'\1(/[?&]h=/.test(location.search)?\2:new Promise(()=>{})),'),
    ("the search worker starts when the search opens (hooks/search-page.js)",
     re.compile(r'(function [\w$]+\(([\w$]+),[\w$]+=)new Worker\(\2\)\)'),
     lambda m: f"{m.group(1)}({PAGE_JS.read_text(encoding='utf-8').strip()})({m.group(2)}))"),
]


def _apply(source: str, patches, asset: str) -> str:
    for purpose, pattern, replacement in patches:
        source, count = pattern.subn(replacement, source)
        if count != 1:
            raise PluginError(
                f"hooks/search.py: Material's {asset} no longer has the code that this "
                f"patch expects ({purpose}); found {count} matches of {pattern.pattern!r}. "
                f"Check the patch against the theme's new {asset}.")
    return source


def _without_map(source: str) -> str:
    """Our code moves the theme's lines, so its source map would point at wrong places."""
    return SOURCE_MAP.sub("", source).rstrip() + "\n"


def patch_worker(source: str) -> str:
    """The worker's code with our patches, or PluginError naming the one that failed."""
    source = _without_map(_apply(source, PATCHES, "search worker"))
    # Appended: it must run after the worker's own code has set `self.lunr`.
    return MARKER + source + WORKER_JS.read_text(encoding="utf-8")


def patch_bundle(source: str) -> str:
    """The theme's page script with our patches, or PluginError naming the one that failed."""
    return MARKER + _without_map(_apply(source, BUNDLE_PATCHES, "page script (bundle)"))


def hashed_name(uri: str, content: str) -> str:
    """assets/…/search.a7633da7.min.js -> the same with a hash of our patched content, so
    that a host that caches hashed files for long never serves an older patched copy."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]+\.min\.js$", f".{digest}.min.js", uri)


def on_files(files, config):
    renamed = {}
    for asset, patch in ((WORKER, patch_worker), (BUNDLE, patch_bundle)):
        found = next((f for f in files if asset.fullmatch(f.src_uri)), None)
        if found is None:
            raise PluginError(f"hooks/search.py: the theme's {asset.pattern} was not found")
        patched = patch(Path(found.abs_src_path).read_text(encoding="utf-8"))
        files.remove(found)
        source_map = files.get_file_from_path(found.src_uri + ".map")
        if source_map is not None:
            files.remove(source_map)
        uri = hashed_name(found.src_uri, patched)
        files.append(File.generated(config, uri, content=patched))
        renamed[found.src_uri.rsplit("/", 1)[1]] = uri.rsplit("/", 1)[1]
    RENAMED.clear()
    RENAMED.update(renamed)
    return files


# The theme's names of the patched files -> ours, for the pages that name them.
RENAMED: dict[str, str] = {}


def _renamed(html: str) -> str:
    for old, new in RENAMED.items():
        html = html.replace(old, new)
    return html


def on_post_page(output, page, config):
    return _renamed(output)


def on_post_template(output_content, template_name, config):
    return _renamed(output_content) if template_name.endswith(".html") else output_content


def subwords(text: str, known) -> list[str]:
    """The shorter words inside each long Chinese word of `text`: every part of two or
    more characters that jieba's dictionary knows (`known`, jieba.get_FREQ), as its
    search-engine cut does, but of any length (中国工商银行 -> 中国, 工商, 工商银行, 银行…)."""
    found = set()
    for run in HAN.findall(text):
        for word in run.split("\u200b"):
            n = len(word)
            found.update(word[i:j] for i in range(n) for j in range(i + 2, n + 1)
                         if j - i < n and known(word[i:j]))
    return sorted(found)


def _jieba(config):
    """jieba as the search plugin set it up (with our dictionary), or None where the
    edition's index is not segmented."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not plugin.config.get("jieba_dict_user"):
        return None
    import jieba
    jieba.initialize()  # loads the dictionary, if the plugin has not yet
    return jieba


def aliases(text: str, lang: str, terms: list[dict]) -> list[str]:
    """The names in the other editions of every term that `text` names in `lang`."""
    plain = text.replace("\u200b", "")
    found = set()
    for term in terms:
        forms = [term["name"][lang], *term.get("short", {}).get(lang, [])]
        if any(form in plain for form in forms):
            for other, name in term["name"].items():
                if other != lang:
                    found.update([name, *term.get("short", {}).get(other, [])])
    return sorted(found)


def _terms(config) -> list[dict]:
    """data/terms.yml, read as every data file is (a bad file names itself)."""
    from sitelib.files import read_yaml
    return read_yaml(Path(config.config_file_path).parent / "data" / "terms.yml")["terms"]


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    lang, terms = config.theme["language"], _terms(config)
    index["config"]["fields"]["aliases"] = {"boost": 1.0}
    for doc in index["docs"]:
        names = aliases(doc["title"] + " " + doc["text"], lang, terms)
        if names:
            doc["aliases"] = " ".join(names)
    jieba = _jieba(config)
    if jieba is not None:
        index["config"]["fields"]["subwords"] = {"boost": 1.0}
        for doc in index["docs"]:
            # The plugin's text joins jieba's words with U+200B.
            words = subwords(doc["title"] + " " + doc["text"], jieba.get_FREQ)
            if words:
                doc["subwords"] = " ".join(words)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
