"""`make bench`: check and build corpora replicated from the real lessons; print the figures.

Sizes 100, 500, 1,000 and 5,000 lessons (BENCH_SIZES overrides), made by
scripts/make_corpus.py, which copies this repository's real lessons whole (full length,
with their handouts). For each size: check time (the `curriculum check` command, wall
clock, best of two, and its CPU time), build time (`mkdocs build`, wall clock), pages
built, build time per page, peak memory of the build, the size of one lesson page's
HTML and of the search index. Then the targets of the engine issue.

`make bench-check` (`scripts/bench.py --check-only`) measures only the check, at 500
and 5,000 lessons (best and median of five): seconds instead of the many minutes of
site builds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import describe, make_corpus  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
# Site builds of synthetic corpora skip PDFs (12,000 PDFs would take half an hour and
# measure WeasyPrint, not the site); the real curriculum's PDFs are measured separately.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", CURRICULUM_NO_PDF="1", CURRICULUM_NO_OFFLINE="1")


def timed(cmd, cwd, with_log: bool = False) -> tuple:
    """(wall seconds, exit code, peak RSS in KiB, CPU seconds) of one command (its
    worker processes included); with_log adds what it wrote to stderr."""
    # stderr goes to a file: a pipe read only after the end fills up and hangs mkdocs.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
    code = proc.returncode
    if code not in (0, 1):
        print(err[-2000:], file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return (elapsed, code, usage.ru_maxrss, cpu) + ((err,) if with_log else ())


STOCK_SIZES = {100, 1000}  # where the stock Material index is built for comparison


def stock_index_mb(corpus: Path) -> float:
    """Size of Material's stock search index for the same pages (a second build)."""
    cfg = corpus / "mkdocs-stock.yml"
    cfg.write_text("INHERIT: mkdocs.yml\nplugins:\n  - search\n", "utf-8")
    out = corpus / "site-stock"
    code = timed([sys.executable, "-m", "mkdocs", "build", "-f", str(cfg), "--site-dir",
                  str(out)], corpus)[1]
    if code != 0:
        raise SystemExit("stock build failed")
    return round((out / "search" / "search_index.json").stat().st_size / 1024 / 1024, 2)


def query_ms(site: Path) -> tuple[float, float]:
    """Mean and slowest query time of the evaluation queries, in headless Chromium."""
    import functools
    import http.server
    import threading

    import yaml
    from playwright.sync_api import sync_playwright

    queries = [c["q"] for c in yaml.safe_load((ROOT / "tests" / "search_eval.yml").read_text())]
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/")
            page.wait_for_function("window.curriculumSearch !== undefined")
            page.evaluate("curriculumSearch.query('준비')")  # loads the index once
            times = [page.evaluate("q => curriculumSearch.query(q, 10)", q)["ms"] for q in queries]
            browser.close()
    finally:
        server.shutdown()
    return round(sum(times) / len(times), 2), round(max(times), 2)


CHECK_CMD = [sys.executable, "-m", "curriculum", "check", "--format", "json"]


def measure_check(corpus: Path, runs: int) -> tuple[float, float, float]:
    """(best wall seconds, CPU seconds of that run, median wall seconds) of `curriculum
    check` on a corpus. Best and median both: this kind of machine's speed swings by a
    quarter from minute to minute."""
    os.sync()  # the corpus was just written: no write-back of it during the runs
    results = [timed(CHECK_CMD, corpus) for _ in range(runs)]
    if any(r[1] != 0 for r in results):
        raise SystemExit(f"the check of {corpus} found errors: the corpus must be clean")
    best = min(results, key=lambda r: r[0])
    median = sorted(r[0] for r in results)[len(results) // 2]
    return round(best[0], 2), round(best[3], 2), round(median, 2)


def measure(n: int, work: Path) -> dict:
    corpus = make_corpus(n, work / f"c{n}")
    check_s, check_cpu_s, _ = measure_check(corpus, 2)
    out = corpus / "site"
    build_s, code, rss, _ = timed([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                                   str(out)], corpus)
    if code != 0:
        raise SystemExit(f"build of {n} lessons failed")
    pages = sum(1 for _ in out.rglob("index.html"))
    first = min((corpus / "lessons").glob("*/*-00000"))
    lesson_html = out / first.relative_to(corpus) / "index.html"
    search = out / "search" / "index.json"
    mean_ms, max_ms = query_ms(out)
    row = {"lessons": n, "check_s": check_s, "check_cpu_s": check_cpu_s,
           "build_s": round(build_s, 1),
           "pages": pages, "ms_per_page": round(build_s * 1000 / pages, 2),
           "peak_mib": round(rss / 1024), "lesson_html_kb": round(lesson_html.stat().st_size / 1024, 1),
           "index_ko_mb": round(search.stat().st_size / 1024 / 1024, 2),
           "stock_index_mb": stock_index_mb(corpus) if n in STOCK_SIZES else "",
           "query_ms_mean": mean_ms, "query_ms_max": max_ms}
    shutil.rmtree(corpus, ignore_errors=True)  # 5,000 lessons take gigabytes on disk
    return row


def measure_pdfs(work: Path) -> dict:
    """Cold and warm rendering of every handout of the real curriculum, and its packs."""
    import shutil

    from curriculum.engine import load
    from curriculum.printing.build import build_print

    loaded = load(ROOT)
    cache = work / "print"
    shutil.rmtree(cache, ignore_errors=True)
    cold = build_print(loaded, "https://example.org/", cache)
    warm = build_print(loaded, "https://example.org/", cache)
    packs = {p.key: round(p.zip_size / 1024 / 1024, 2) for p in cold.packs}
    return {"pdfs": len(cold.rendered), "cold_s": round(cold.stats.seconds, 1),
            "warm_s": round(warm.stats.seconds, 2), "warm_rendered": warm.stats.rendered,
            "pdfs_per_s": round(cold.stats.rendered / cold.stats.seconds, 2),
            "pack_zip_mb": packs}


def main_check_only() -> int:
    """Check time only, on corpora replicated from the real lessons (500 and 5,000)."""
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "500,5000").split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            corpus = make_corpus(n, Path(tmp) / f"c{n}")
            check_s, cpu_s, median_s = measure_check(corpus, 5)
            rows.append({"lessons": n, **{k: v for k, v in describe(corpus).items()
                                           if k != "lessons"},
                         "check_s": check_s, "check_cpu_s": cpu_s, "check_median_s": median_s,
                         "cores": os.cpu_count()})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
            shutil.rmtree(corpus, ignore_errors=True)
    by = {r["lessons"]: r for r in rows}
    if 5000 not in by:
        return 0
    ok = by[5000]["check_s"] < 3.0
    print(f"\n{'PASS' if ok else 'FAIL'}  check of 5,000 replicated lessons under 3 s "
          f"(best of 5: {by[5000]['check_s']} s wall, {by[5000]['check_cpu_s']} s CPU; "
          f"median {by[5000]['check_median_s']} s)")
    return 0 if ok else 1


def main() -> int:
    if "--check-only" in sys.argv[1:]:
        return main_check_only()
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "100,500,1000,5000").split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            row = measure(n, Path(tmp))
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        # Last: WeasyPrint in this process would inflate the peak memory that the
        # builds above report (a forked child starts with its parent's pages).
        pdf = measure_pdfs(Path(tmp))
        print(json.dumps({"handout_pdfs": pdf}, ensure_ascii=False), flush=True)
    head = ["lessons", "check_s", "check_cpu_s", "build_s", "pages", "ms_per_page", "peak_mib",
            "lesson_html_kb", "index_ko_mb", "stock_index_mb", "query_ms_mean", "query_ms_max"]
    print("\n| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(str(r[h]) for h in head) + " |")
    by = {r["lessons"]: r for r in rows}
    verdicts = []
    if 5000 in by:
        verdicts.append(("check of 5,000 lessons under 3 s", by[5000]["check_s"] < 3.0))
    if 5000 in by and 500 in by:
        ratio = by[5000]["ms_per_page"] / by[500]["ms_per_page"]
        verdicts.append((f"build per page at 5,000 within 1.2x of 500 (x{ratio:.2f})",
                         ratio <= 1.2))
    if 5000 in by and 100 in by:
        ratio = by[5000]["lesson_html_kb"] / by[100]["lesson_html_kb"]
        verdicts.append((f"lesson page HTML at 5,000 within 10% of 100 (x{ratio:.3f})",
                         abs(ratio - 1) <= 0.10))
    for r in rows:
        if r["stock_index_mb"]:
            ratio = r["index_ko_mb"] / r["stock_index_mb"]
            verdicts.append((f"search index at {r['lessons']} lessons within 1.5x of the stock "
                             f"index (x{ratio:.2f})", ratio <= 1.5))
    if 5000 in by:
        verdicts.append((f"query at 5,000 lessons under 200 ms (mean {by[5000]['query_ms_mean']} ms, "
                         f"max {by[5000]['query_ms_max']} ms)", by[5000]["query_ms_max"] < 200))
    print(f"\nHandout PDFs of the real curriculum: {pdf['pdfs']} PDFs, cold {pdf['cold_s']} s "
          f"({pdf['pdfs_per_s']} PDFs/s on {os.cpu_count()} cores), warm {pdf['warm_s']} s "
          f"({pdf['warm_rendered']} rendered); pack ZIPs (MB): {pdf['pack_zip_mb']}")
    verdicts.append(("warm rebuild renders no PDF", pdf["warm_rendered"] == 0))
    print()
    for text, ok in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
