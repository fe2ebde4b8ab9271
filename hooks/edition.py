"""Each edition's configuration, completed from the one list of editions and the interface
words, so that an edition's mkdocs.<lang>.yml carries only what differs:

- extra.edition: this build's entry of extra.editions (found by theme.language), which the
  other hooks and the templates read; site_url gets the edition's path (zh/);
- extra.words: this edition's interface words (data/interface.yml), for the templates;
- the search separator: the shared one of mkdocs.yml with the edition's own characters
  (search_separators of its entry), before the search plugin reads it;
- the palette toggles' names, the nav's section titles and the PDF's contents title,
  which mkdocs.yml names by their entries in data/interface.yml (palette_dark, nav_topics…).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from sitelib.editions import check, separator
from sitelib.errors import DataError
from sitelib.words import load_interface


def _titled(nav: list, words) -> list:
    """The nav with each title (an interface entry) in the edition's words."""
    return [{words[title]: _titled(value, words) if isinstance(value, list) else value
             for title, value in item.items()} if isinstance(item, dict) else item
            for item in nav]


@event_priority(100)  # before the search plugin's on_config, which reads the separator
def on_config(config):
    lang = config.theme["language"]
    edition = next((e for e in check(config.extra.get("editions")) if e["lang"] == lang), None)
    if edition is None:
        raise DataError(f"{Path(config.config_file_path).name}: theme.language {lang!r} "
                        "is not an edition of extra.editions (mkdocs.yml)")
    config.extra["edition"] = edition
    if config.site_url and not config.site_url.endswith("/" + edition["path"]):
        config.site_url = config.site_url.rstrip("/") + "/" + edition["path"]

    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            plugin.config["separator"] = separator(plugin.config["separator"], edition)

    words = load_interface(Path(config.config_file_path).parent / "data" / "interface.yml", lang)
    config.extra["words"] = words
    palette = config.theme["palette"]
    for scheme in palette if isinstance(palette, list) else [palette]:
        scheme["toggle"]["name"] = words[scheme["toggle"]["name"]]
    if config.nav:
        config.nav = _titled(config.nav, words)
    if "print-site" in config.plugins:  # read when it prints, after every on_config
        config.plugins["print-site"].config["toc_title"] = words["contents"]
