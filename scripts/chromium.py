"""The browser that the scripts and the tests drive: Debian's Chromium, or $CHROMIUM.

The flags keep it from calling Google's services in the background, which on a closed
network only fails, slowly and many times over.
"""
import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
