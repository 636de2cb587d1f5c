"""The site's one public address (`SITE_URL`), and what makes an address unfit to print.

QR codes, the short links printed under them, canonical links and the sitemap all use
this one address. Without it a build prints no QR code and writes no canonical link;
it never falls back to a loopback address. Standard library only: the deploy workflow
runs `scripts/check_site_url.py` before anything is installed.
"""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import urlsplit

# Names that never reach a public host (RFC 6761, RFC 8375, common LAN suffixes).
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home",
                  ".home.arpa", ".corp", ".localdomain")
# Names reserved for examples and tests (RFC 2606): fine in tests, never deployed.
EXAMPLE_SUFFIXES = (".test", ".example", ".invalid", "example.com", "example.net",
                    "example.org")


def normalise(url: str | None) -> str | None:
    """The address with exactly one trailing slash, or None when it is empty."""
    url = (url or "").strip()
    if not url:
        return None
    return url.rstrip("/") + "/"


def from_env() -> str | None:
    return normalise(os.environ.get("SITE_URL"))


def host_problem(host: str) -> str | None:
    """Why a host is not a public one (loopback, private, link-local...), or None."""
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        return "has no host name"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        if getattr(ip, "ipv4_mapped", None) is not None:
            return host_problem(str(ip.ipv4_mapped))
        if ip.is_loopback:
            return f"{host} is a loopback address"
        if ip.is_link_local:
            return f"{host} is a link-local address"
        if not ip.is_global:
            return f"{host} is a private or reserved address"
        return None
    if re.fullmatch(r"[0-9.]+", host) or host.startswith("0x"):
        return f"{host} is not a valid public host name"
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        return f"{host} is a local host name"
    if "." not in host:
        return f"{host} is a single-label host name, not reachable from a phone"
    return None


def problem(url: str | None, deploy: bool = False) -> str | None:
    """Why `url` cannot be the public address of the site, or None if it can.

    Every build refuses loopback and private hosts; `deploy=True` (the deploy workflow)
    also refuses a missing address, plain http and the names reserved for examples.
    """
    if not url:
        return "SITE_URL is not set" if deploy else None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{url!r} is not an http(s) address"
    if parts.query or parts.fragment or parts.username or parts.password:
        return f"{url!r} carries a query, fragment or user name"
    found = host_problem(parts.hostname or "")
    if found:
        return found
    if deploy:
        host = (parts.hostname or "").rstrip(".").lower()
        if parts.scheme != "https":
            return f"{url!r} is not https"
        if host.endswith(EXAMPLE_SUFFIXES):
            return f"{host} is reserved for examples and tests"
    return None


_HOST = (r"(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|10(?:\.\d{1,3}){3}|"
         r"192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|"
         r"169\.254(?:\.\d{1,3}){2}|\[(?:::1?|f[cd][0-9a-f:]*|fe80:[0-9a-f:]*)\])"
         r"(?::\d+)?(?![\w.-])")
URL_ADDRESS = re.compile(r"(?i)(?:https?:)?//" + _HOST)
BARE_ADDRESS = re.compile(r"(?i)(?<![\w.-])" + _HOST)


def local_addresses(text: str, bare: bool = False) -> list[str]:
    """Loopback and private addresses in a text: as URLs (`http://127.0.0.1:8000/`,
    `//localhost/`), or with `bare=True` also without a scheme, as a short link is
    printed (`192.168.0.5/q/abcd`)."""
    return [m.group(0) for m in (BARE_ADDRESS if bare else URL_ADDRESS).finditer(text)]
