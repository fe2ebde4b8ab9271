"""What publishing needs beyond the pages: a Content-Security-Policy on every page and,
for the edition at the site root, a robots.txt that points to every edition's sitemap.
For the offline copy (OFFLINE=true, Material's offline plugin) neither applies; instead
the web-worker shim it needs comes from our npm packages, not from a CDN.

The policy allows only the site's own origin. The theme's inline scripts are allowed by
their SHA-256 hashes, computed here from the finished page, so a theme update cannot
silently break them; `data:` images are allowed for the icons inside the theme's CSS.

Under `mkdocs serve` (make serve), MkDocs adds to every page it serves an inline script
that reloads the page after a rebuild, different on every request, so no hash can allow
it. There, and only there, inline scripts are allowed ('unsafe-inline', which browsers
ignore beside hashes, so the hashes are left out); every other rule stays, so an editor
still sees what the published site would refuse. `mkdocs build` keeps the strict policy.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.structure.files import File

from sitelib.build import SERVING, offline

SHIM = "assets/javascripts/iframe-worker-shim.js"

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)


def policy(html: str, live_reload: bool = False) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    })
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + ("'unsafe-inline'" if live_reload else " ".join(hashes)),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, SERVING["live_reload"])}">'
    return _CHARSET.sub(lambda m: m.group(0) + meta, html, count=1)


def on_startup(command, dirty):
    """Once per run of the mkdocs command: 'serve' live-reloads its pages."""
    SERVING["live_reload"] = command == "serve"


def on_serve(server, config, builder):
    """`mkdocs serve --clean` starts as 'build' but still live-reloads: build again."""
    if not SERVING["live_reload"]:
        SERVING["live_reload"] = True
        builder()
    return server


def on_config(config):
    if offline(config):  # the offline plugin points at unpkg; use our own copy
        polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in url]
        config.extra["polyfills"] = polyfills + [SHIM]


def on_files(files, config):
    if offline(config):
        root = Path(config.config_file_path).parent
        shim = root / "node_modules" / "iframe-worker" / "shim" / "index.js"
        files.append(File.generated(config, SHIM, abs_src_path=str(shim)))
    return files


def on_post_page(output, page, config):
    return output if offline(config) else add_policy(output)


def on_post_template(output_content, template_name, config):
    if offline(config) or not template_name.endswith(".html"):
        return output_content
    return add_policy(output_content)


def on_post_build(config):
    """robots.txt at the site root only, listing the sitemap of each edition."""
    if config.extra["edition"]["path"] or not config.site_url or offline(config):
        return
    root = config.site_url.rstrip("/") + "/"
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {root}{e['path']}sitemap.xml" for e in config.extra["editions"]]
    (Path(config.site_dir) / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
