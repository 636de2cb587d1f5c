"""Build the site into a fresh folder, then swap it in: a failed build keeps the last
good site/ in place (mkdocs itself empties site/ before building)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path, strict: bool = True) -> int:
    build_root = ROOT / ".build"
    build_root.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=build_root))
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
    sys.exit(build(ROOT / "site"))
