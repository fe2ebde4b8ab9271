"""`make serve`: every edition at one address, each rebuilt and reloaded as it is edited.

Each edition runs its own `mkdocs serve` (live reload and all) on a free port of its own,
mounted at its path of the site (zh/); this server, at the one address, hands every
request to the edition whose path it falls under, so the language links and every
edition's pages work while editing, as on the published site. MkDocs' live-reload script
polls /livereload/ at the root; the page that polls (its Referer) says which edition it is.

usage: python scripts/dev_server.py [HOST:PORT]   (DEV_ADDR, or 127.0.0.1:8000 by default)
"""
from __future__ import annotations

import http.client
import http.server
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))  # sitelib

from sitelib.editions import ROOT, editions  # noqa: E402

STARTUP = 300  # seconds an edition may take to answer for the first time (its first build)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization"}


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start(host: str, port: int) -> tuple[list[subprocess.Popen], list[tuple[str, int]]]:
    """One `mkdocs serve` per edition, each on a free port, at its path below the one address."""
    processes, routes = [], []
    for edition in editions():
        own = free_port(host)
        env = {**os.environ, "SITE_URL": f"http://{host}:{port}/{edition['path']}"}
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", edition["config"],
             "--dev-addr", f"{host}:{own}"], cwd=ROOT, env=env))
        routes.append(("/" + edition["path"], own))
    # The longest path first, so /zh/… goes to the Chinese edition and the rest to the root one.
    return processes, sorted(routes, key=lambda route: len(route[0]), reverse=True)


def handler(host: str, routes: list[tuple[str, int]]):
    class Forward(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _backend(self) -> int:
            path = self.path
            if path.startswith("/livereload/"):  # the page that polls names its edition
                path = urlsplit(self.headers.get("Referer", "/")).path
            return next(port for prefix, port in routes if path.startswith(prefix) or path + "/" == prefix)

        def do_GET(self):
            port, deadline = self._backend(), time.monotonic() + STARTUP
            while True:
                connection = http.client.HTTPConnection(host, port, timeout=120)
                try:
                    connection.request(self.command, self.path, headers={
                        k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP})
                    response = connection.getresponse()
                    break
                except ConnectionRefusedError:  # the edition is still building for the first time
                    connection.close()
                    if time.monotonic() > deadline:
                        self.send_error(502, "the edition's mkdocs serve does not answer")
                        return
                    time.sleep(0.5)
            body = response.read()
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            connection.close()

        do_HEAD = do_GET

    return Forward


def main(address: str = os.environ.get("DEV_ADDR") or "127.0.0.1:8000") -> None:
    host, _, port = address.rpartition(":")
    processes, routes = start(host, int(port))
    server = http.server.ThreadingHTTPServer((host, int(port)), handler(host, routes))
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Serving every edition on http://{address}/ "
          f"({', '.join('/' + e['path'] for e in editions())})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(__doc__)
    main(*sys.argv[1:])
