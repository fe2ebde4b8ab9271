"""The names of what the build writes, for the Makefile (hooks/sitelib/build.py holds them).

usage: python scripts/outputs.py NAME   with NAME one of
       offline-folder  the folder the offline zip unpacks into
       offline-zip     the offline zip
       pdf-site        the build that make pdf prints
       checksums       the file of checksums make publish writes
       copies          every take-away copy (a PDF per edition, the zip), space-separated
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))  # sitelib

from sitelib import build  # noqa: E402


def name(what: str) -> str:
    if what == "copies":
        from sitelib.editions import editions

        return " ".join(build.copies(editions()))
    names = {"offline-folder": build.OFFLINE_FOLDER, "offline-zip": build.OFFLINE_ZIP,
             "pdf-site": build.PDF_SITE, "checksums": build.CHECKSUMS}
    if what not in names:
        sys.exit(__doc__)
    return names[what]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(name(sys.argv[1]))
