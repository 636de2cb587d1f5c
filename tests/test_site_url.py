"""The site's public address: what a build accepts, and the deploy gate
(scripts/check_site_url.py, run by .github/workflows/deploy.yml)."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from curriculum.siteurl import local_addresses, normalise, problem

SCRIPT = ROOT / "scripts" / "check_site_url.py"

LOCAL = ["http://127.0.0.1:8000/", "http://localhost:8000/", "https://10.1.2.3/curriculum/",
         "https://192.168.0.5/", "https://172.16.4.1/", "https://169.254.1.1/",
         "https://[::1]/", "https://[fd12::1]/", "https://0.0.0.0/", "https://printer.local/",
         "https://intranet/", "https://[::ffff:127.0.0.1]/", "ftp://example.test/"]


@pytest.mark.parametrize("url", LOCAL)
def test_a_loopback_private_or_local_address_is_never_the_site_address(url):
    assert problem(url) and problem(url, deploy=True)


def test_a_public_address_passes_and_a_test_one_passes_only_outside_deploy():
    assert problem("https://jeonnam.github.io/curriculum/", deploy=True) is None
    assert problem("https://example.test/curriculum/") is None
    assert "reserved" in problem("https://example.test/curriculum/", deploy=True)
    assert "https" in problem("http://jeonnam.github.io/curriculum/", deploy=True)
    assert problem(None) is None and "not set" in problem(None, deploy=True)
    assert normalise(" https://a.example.org/x ") == "https://a.example.org/x/"
    assert normalise("") is None


def run(env_url, *args):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if env_url is not None:
        env["SITE_URL"] = env_url
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env, capture_output=True,
                          text=True)


@pytest.mark.parametrize("url", [None, "", "http://127.0.0.1:8000/", "https://192.168.1.20/",
                                 "https://example.test/curriculum/"])
def test_the_deploy_gate_fails_without_a_public_address(url):
    result = run(url)
    assert result.returncode == 1 and "SITE_URL" in result.stderr


def test_the_deploy_gate_passes_a_public_address_and_scans_the_built_site(tmp_path):
    assert run("https://jeonnam.github.io/curriculum/").returncode == 0
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<link rel="canonical" href="https://jeonnam.github.io/'
                                           'curriculum/a/">', "utf-8")
    assert run("https://jeonnam.github.io/curriculum/", "--site", str(site)).returncode == 0
    (site / "sitemap.xml").write_text("<loc>http://127.0.0.1:8000/a/</loc>", "utf-8")
    result = run("https://jeonnam.github.io/curriculum/", "--site", str(site))
    assert result.returncode == 1 and "sitemap.xml: http://127.0.0.1:8000" in result.stderr


def test_the_deploy_gate_finds_a_local_address_inside_a_pdf(tmp_path):
    import weasyprint

    site = tmp_path / "site"
    site.mkdir()
    weasyprint.HTML(string='<html lang="ko"><title>t</title><img alt="QR 코드: '
                    'http://127.0.0.1:8000/lessons/" src="data:,"><a href="http://10.0.0.7/">'
                    "링크</a></html>").write_pdf(site / "a.pdf")
    result = run("https://jeonnam.github.io/curriculum/", "--site", str(site))
    assert result.returncode == 1
    assert "a.pdf: http://10.0.0.7" in result.stderr


def test_local_addresses_in_text():
    text = "see http://127.0.0.1:8000/x and //localhost/y, not 2026. 10. 1. or example.org"
    assert local_addresses(text) == ["http://127.0.0.1:8000", "//localhost"]
    assert local_addresses("printed: 192.168.0.5/q/abcd", bare=True) == ["192.168.0.5"]
