"""Build the site into a fresh folder, then swap it in: a failed build keeps the last
good site/ in place (mkdocs itself empties site/ before building).

`--builder mkdocs` (the default): MkDocs + Material through the adapter
(curriculum/mkdocs_hooks.py). `--builder zensical`: `curriculum stage` writes every page,
asset, search index and PDF into .build/stage/, Zensical builds that folder, and the
steps the adapter would take after a build (no sitemap without a public address, the
offline ZIP) are taken here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_zensical(tmp: Path, strict: bool = True) -> subprocess.CompletedProcess:
    from curriculum.printing.build import site_url_from_env
    from curriculum.stage import stage

    stage_dir = ROOT / ".build" / "stage"
    counts = stage(ROOT, stage_dir, site_url_from_env(),
                   pdf=os.environ.get("CURRICULUM_NO_PDF") != "1")
    print(f"staged {counts['pages']} pages and {counts['files']} files in {stage_dir}")
    cmd = [str(Path(sys.executable).with_name("zensical")), "build", "-f",
           str(stage_dir / "mkdocs.yml")]
    if strict:
        cmd.append("--strict")
    result = subprocess.run(cmd, cwd=stage_dir)
    if result.returncode == 0:
        shutil.rmtree(tmp)
        (stage_dir / "site").rename(tmp)
        post_build(tmp)
    return result


def post_build(site: Path) -> None:
    """What mkdocs_hooks.on_post_build does, for a build without the adapter."""
    from curriculum import siteurl
    from curriculum.offline import write_offline_zip

    if siteurl.problem(siteurl.normalise(siteurl.from_env())) or not siteurl.from_env():
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
    if os.environ.get("CURRICULUM_NO_OFFLINE") != "1":
        write_offline_zip(site)


def build(out: Path, strict: bool = True, builder: str = "mkdocs") -> int:
    build_root = ROOT / ".build"
    build_root.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=build_root))
    if builder == "zensical":
        result = build_zensical(tmp, strict)
    else:
        # No --quiet: it hides warnings from the counter that --strict relies on.
        cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp)]
        if strict:
            cmd.append("--strict")
        result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"build failed; {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} "
              "was left as it was", file=sys.stderr)
        return result.returncode
    old = None
    if out.exists():
        old = build_root / f"old-{os.getpid()}"
        out.rename(old)
    tmp.rename(out)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    print(f"built {out}")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=["mkdocs", "zensical"], default="mkdocs")
    parser.add_argument("--out", default=str(ROOT / "site"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.exit(build(Path(args.out).resolve(), builder=args.builder))
