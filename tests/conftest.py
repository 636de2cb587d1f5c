import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from curriculum.engine import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 12, 2)

# Every command the tests start sees the same "today" as the tests themselves.
os.environ.setdefault("CURRICULUM_TODAY", TODAY.isoformat())
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files in tests/golden/ instead of comparing "
                          "(same as `make golden`); review the change with git diff")


# Tiers (markers registered in pyproject.toml; `make test-fast` runs neither):
# a test that uses one of these fixtures gets the marker even if its module forgot it.
NEEDS = {"browser": ("browser",), "site_server": ("site",), "built_site": ("site",)}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            for marker in NEEDS.get(fixture, ()):
                if item.get_closest_marker(marker) is None:
                    item.add_marker(getattr(pytest.mark, marker))


def check(root, on=TODAY):
    return load(root, on=on)


def edit(root, rel, old, new):
    """Replace the first `old` by `new` in a file of a fixture copy (it must be there)."""
    p = root / rel
    text = p.read_text("utf-8")
    assert old in text, old
    p.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def healthy(tmp_path):
    """A writable copy of the healthy fixture repository."""
    dst = tmp_path / "repo"
    shutil.copytree(FIXTURES / "healthy", dst)
    return dst


def site_files(root: Path) -> dict[str, bytes]:
    """Contents of every source file (to prove a command changed none of them)."""
    out = {}
    for base in ("lessons", "docs"):
        for p in sorted((root / base).rglob("*")):
            if p.is_file() and not p.is_symlink():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


REPO_URL = "https://github.com/example/curriculum"
# The public address the test build is made for (a name reserved for tests, RFC 2606):
# QR codes, short links, canonical links and the sitemap must all use it.
SITE_URL = "https://example.test/curriculum/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per test run with `mkdocs build --strict`."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("site")
    before = site_files(ROOT)
    env = dict(os.environ, SITE_REPO_URL=REPO_URL, SITE_URL=SITE_URL)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert site_files(ROOT) == before, "the build changed a source file"
    return out


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site served on a free loopback port (what a school browser sees)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`make test` installs it; never downloaded)."""
    assert os.path.exists(CHROMIUM), "Chromium is missing: run `make browser` (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
