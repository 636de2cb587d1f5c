"""The deploy gate for the site's public address, run by .github/workflows/deploy.yml.

    python scripts/check_site_url.py            # checks $SITE_URL before the build
    python scripts/check_site_url.py --site site  # also scans the built site

Fails (exit 1, with the reason) when SITE_URL is missing, is not https, or points at a
loopback, private, link-local or local host, or at a name reserved for examples: QR
codes and short links printed from that build would be dead on every phone. With
--site, it also fails on any loopback or private address written in the built pages,
the sitemap or the PDFs' links. Standard library only (runs before `make`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curriculum.siteurl import local_addresses, normalise, problem  # noqa: E402

TEXT = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".webmanifest"}
STREAM = re.compile(rb"(?<!end)stream\r?\n(.*?)\r?\nendstream", re.S)
UTF16 = re.compile(rb"<[Ff][Ee][Ff][Ff]((?:[0-9A-Fa-f]{4})+)>")


def pdf_text(data: bytes) -> str:
    """The PDF's strings as text: its Flate streams inflated, its UTF-16 strings (alt
    texts, titles) decoded. Link URIs, alt texts and metadata are read; text shown on
    the page is glyph codes, not read here (the tests read it with PyMuPDF)."""
    parts = [data]
    for m in STREAM.finditer(data):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    raw = b"\n".join(parts)
    strings = [bytes.fromhex(m.group(1).decode()).decode("utf-16-be", errors="replace")
               for m in UTF16.finditer(raw)]
    return raw.decode("latin-1") + "\n" + "\n".join(strings)


def scan(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT:
            text = path.read_text("utf-8", errors="replace")
        elif path.suffix == ".pdf":
            text = pdf_text(path.read_bytes())
        else:
            continue
        for address in sorted(set(local_addresses(text))):
            found.append(f"{path.relative_to(site)}: {address}")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="also scan this built site folder")
    args = ap.parse_args(argv)
    url = normalise(os.environ.get("SITE_URL"))
    bad = problem(url, deploy=True)
    if bad:
        print(f"SITE_URL: {bad}. Set it to the site's public https address (for GitHub "
              "Pages, the repository variable SITE_URL or the default "
              "https://OWNER.github.io/REPOSITORY/).", file=sys.stderr)
        return 1
    print(f"SITE_URL {url}: a public address")
    if args.site:
        found = scan(args.site)
        for line in found[:50]:
            print(f"local address in the built site: {line}", file=sys.stderr)
        if found:
            return 1
        print(f"{args.site}: no loopback or private address")
    return 0


if __name__ == "__main__":
    sys.exit(main())
