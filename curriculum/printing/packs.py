"""Print packs for the field support team: per track and for the whole curriculum, a
ZIP of the PDFs (and the editable letters) in lesson order with a Korean manifest and
order sheet, and one PDF for a print shop.

The print-shop PDF is not the handout PDFs glued together (that loses their tags,
language and title): WeasyPrint renders it as one tagged document made of the sheets'
own HTML, each on its own pages with its own footer and page count, with a bookmark
per sheet and section. It is cached like a handout, by the hash of its HTML.

It opens with an order sheet (인쇄 주문서: item, pages in this file, copies per class,
paper, single- or double-sided), and every document starts on a front side when the
file is printed double-sided: a document ending on a front side is followed by a blank
back side (`break-before: right`). One file, not one PDF per kind, because the print
shop then gets one job whose page ranges the order sheet names, and the bookmarks and
tags stay those of one document; the ZIP beside it holds every document as its own
file for anyone who prints only some of them.
"""

from __future__ import annotations

import csv
import hashlib
import html as htmllib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..model import Curriculum
from ..render.text import kdate
from .html import (AUDIENCE_LABELS, KIND_LABELS, bookmark_labels, document_html,
                   keep_korean_words, sheet_css, text_font_chars)
from .pdf import Job, RenderedPdf, cache_key, cached, fingerprint, prune, render_missing

CLASS_SIZE = 30
PAPER = "A4 흑백"
# Rows of the order sheet on one A4 page (its table is split there, heads repeated).
ORDER_ROWS_PER_PAGE = 24
# The manifest's columns (목록.csv and the keys of 목록.json), in Korean.
COLUMNS = ("번호", "파일", "자료", "수업", "종류", "대상", "쪽수", "한 반 부수", "인쇄",
           "크기(바이트)", "SHA-256")
MANIFEST_CSV, MANIFEST_JSON, ORDER_CSV = "목록.csv", "목록.json", "인쇄_주문서.csv"
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def copies(r: RenderedPdf) -> int:
    """Suggested copies for one class of 30: one each for students and families,
    one for the teacher, two posters (classroom and corridor)."""
    if r.doc.handout.kind == "poster":
        return 2
    return 1 if r.doc.audience == "teacher" else CLASS_SIZE


def sides(r: RenderedPdf) -> str:
    return "양면" if r.pages > 1 else "단면"


def safe_name(text: str, limit: int = 40) -> str:
    """A part of a file name: no characters Windows or macOS refuse, one space at most."""
    text = " ".join(UNSAFE.sub(" ", text).split())
    return text[:limit].rstrip()


def file_name(n: int, r: RenderedPdf, ext: str = "pdf") -> str:
    """`003_수업 제목_활동지_교사용.pdf`: number, lesson, kind, audience (Korean)."""
    kind = KIND_LABELS.get(r.doc.handout.kind, r.doc.handout.kind)
    audience = AUDIENCE_LABELS.get(r.doc.audience, r.doc.audience)
    return f"{n:03d}_{safe_name(r.doc.lesson.title)}_{safe_name(kind)}_{audience}.{ext}"


@dataclass
class Pack:
    key: str  # track key or "all"
    title: str
    zip_path: Path
    pdf_path: Path
    files: int
    pages: int
    zip_size: int
    pdf_size: int
    date: str

    @property
    def download_name(self) -> str:
        """The Korean name a browser saves the ZIP under (the URL stays ASCII)."""
        return safe_name(self.title, 60)


def page_plan(items: list[RenderedPdf]) -> tuple[int, list[tuple[int, int]]]:
    """Pages of the order sheet and (first, last) page of every document in the merged
    PDF, each document starting on an odd (front) page."""
    order = max(1, -(-len(items) // ORDER_ROWS_PER_PAGE))
    p = order + (order % 2)  # the order sheet's last page, padded to a back side
    ranges = []
    for r in items:
        ranges.append((p + 1, p + r.pages))
        p += r.pages + (r.pages % 2)
    return order, ranges


def manifest_rows(items: list[RenderedPdf], docx: dict | None = None) -> list[dict]:
    """One row per file in the ZIP (the editable letter right after its PDF), whose
    파일 is exactly the name in the ZIP."""
    rows = []
    for r in items:
        kind = KIND_LABELS.get(r.doc.handout.kind, r.doc.handout.kind)
        audience = AUDIENCE_LABELS.get(r.doc.audience, r.doc.audience)
        base = {"자료": r.doc.title, "수업": r.doc.lesson.title, "대상": audience}
        n = len(rows) + 1
        rows.append({"번호": n, "파일": file_name(n, r), **base, "종류": kind,
                     "쪽수": r.pages, "한 반 부수": copies(r), "인쇄": sides(r),
                     "크기(바이트)": r.size, "SHA-256": r.sha256, "_path": r.path})
        d = (docx or {}).get(r.doc.site_path)
        if d is not None:
            n = len(rows) + 1
            data = d.read_bytes()
            rows.append({"번호": n, "파일": file_name(n, r, "docx"), **base,
                         "종류": f"{kind}(편집용 DOCX)", "쪽수": "", "한 반 부수": "",
                         "인쇄": "", "크기(바이트)": len(data),
                         "SHA-256": hashlib.sha256(data).hexdigest(), "_path": d})
    return [{k: row[k] for k in COLUMNS} | {"_path": row["_path"]} for row in rows]


def order_rows(items: list[RenderedPdf]) -> list[dict]:
    _, ranges = page_plan(items)
    return [{"번호": n, "자료": r.doc.title, "수업": r.doc.lesson.title,
             "대상": AUDIENCE_LABELS.get(r.doc.audience, r.doc.audience),
             "쪽": f"{a}~{b}" if b > a else str(a), "쪽수": r.pages,
             "한 반 부수": copies(r), "용지": PAPER, "인쇄": sides(r)}
            for n, (r, (a, b)) in enumerate(zip(items, ranges), 1)]


def order_sheet_html(title: str, items: list[RenderedPdf]) -> str:
    """The order sheet: what to print from this file, and how many of each for a class."""
    esc = htmllib.escape
    rows = order_rows(items)
    heads = ["번호", "자료", "대상", "쪽", "쪽수", "한 반 부수", "용지", "인쇄"]
    per_class = sum(r.pages * copies(r) for r in items)
    out = [f'<section class="order-sheet"><h1>{esc(title)}: 인쇄 주문서</h1>',
           '<p class="order-note">이 PDF 한 파일을 그대로 인쇄합니다. 모든 자료는 앞면에서 '
           '시작하도록 빈 쪽을 넣었습니다(양면 인쇄 기준). 부수는 한 반(30명) 기준이며, '
           f'한 반에 모두 {per_class}쪽을 인쇄합니다. 학급 수만큼 곱해 주세요.</p>']
    for start in range(0, max(len(rows), 1), ORDER_ROWS_PER_PAGE):
        chunk = rows[start:start + ORDER_ROWS_PER_PAGE]
        cls = ' class="order-table next"' if start else ' class="order-table"'
        out.append(f"<table{cls}><caption>인쇄할 자료 ({start + 1}~"
                   f"{start + len(chunk)}번)</caption><thead><tr>"
                   + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead><tbody>")
        for row in chunk:
            cells = [f'<th scope="row">{row["번호"]}</th>']
            cells += [f"<td>{esc(str(row[h]))}</td>" for h in heads[1:]]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


ORDER_CSS = """
.order-sheet { page: order; font-size: 9pt; }
.order-sheet h1 { font-size: 15pt; }
.order-sheet .order-note { margin: 0 0 2mm; }
.order-sheet table.next { break-before: page; }
.order-sheet th, .order-sheet td { padding: 0.8mm 1.5mm; }
@page order { @bottom-left { content: "인쇄 주문서"; }
  @bottom-right { content: counter(page) " / " ORDER_PAGES "쪽"; } }
.sheet { break-before: right; }
@page :blank { @top-center { content: "양면 인쇄를 위해 비워 둔 쪽"; font-size: 7pt;
  color: #555; } @bottom-left { content: none; } @bottom-right { content: none; } }
"""


def pack_html(title: str, items: list[RenderedPdf], font_dir: Path) -> str:
    """One document: the order sheet, then every sheet of the pack on pages of its own,
    each starting on a front side."""
    order, _ = page_plan(items)
    sheets = [keep_korean_words(bookmark_labels(order_sheet_html(title, items)),
                                text_font_chars(font_dir.resolve()))]
    css = [ORDER_CSS.replace("ORDER_PAGES", f'"{order}"')]
    for n, r in enumerate(items, 1):
        sheets.append(r.doc.sheet.replace("SHEET_NO", str(n)))
        css.append(sheet_css(n, r.doc.footer, r.pages))
    return document_html(title, f"{title}: 인쇄 주문서와 인쇄 자료 {len(items)}개 (전라남도교육청)",
                         font_dir, sheets, "".join(css))


def csv_text(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["번호"],
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()  # BOM: Excel reads Korean


def build_zip(key: str, items: list[RenderedPdf], out_dir: Path,
              docx: dict | None = None) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = manifest_rows(items, docx)
    # The stamp holds the content hash: an unchanged pack's ZIP is not written again.
    digest = hashlib.sha256(("v2" + "".join(r["SHA-256"] for r in rows)).encode()) \
        .hexdigest()[:12]
    zip_path, stamp = out_dir / f"{key}.zip", out_dir / f"{key}.hash"
    if not (stamp.exists() and stamp.read_text() == digest and zip_path.exists()):
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(ORDER_CSV, csv_text(order_rows(items)))
            for row in rows:
                z.write(row["_path"], row["파일"])
            public = [{k: v for k, v in row.items() if k != "_path"} for row in rows]
            z.writestr(MANIFEST_JSON, json.dumps(public, ensure_ascii=False, indent=2))
            z.writestr(MANIFEST_CSV, csv_text(public))
        stamp.write_text(digest)
    return zip_path


def build_packs(cur: Curriculum, rendered: list[RenderedPdf], out_dir: Path, cache_dir: Path,
                font_dir: Path, workers: int | None = None,
                docx: dict | None = None) -> tuple[list[Pack], int]:
    """Every pack (per track, then the whole curriculum); returns them and how many
    pack PDFs were rendered (the others came from `cache_dir`). `docx`: the editable
    letters, by the site path of their PDF."""
    groups = []
    for key, track in cur.tracks.items():
        items = [r for r in rendered if r.doc.lesson.track == key]
        if items:
            groups.append((key, f"{track.name} 인쇄 꾸러미", items))
    if rendered:
        groups.append(("all", "전체 교육과정 인쇄 꾸러미", rendered))
    cache_dir.mkdir(parents=True, exist_ok=True)
    fp = fingerprint(font_dir)
    jobs = []
    for key, title, items in groups:
        html = pack_html(title, items, font_dir)
        k = cache_key(html, fp)
        jobs.append(Job(k, html, str(cache_dir / f"{k}.pdf")))
    made = render_missing(jobs, cache_dir, workers)
    packs = []
    for (key, title, items), job in zip(groups, jobs):
        pdf, pages, data = cached(cache_dir, job.key)
        zip_path = build_zip(key, items, out_dir, docx)
        # The pack's date is that of its newest lesson review: it changes with its content.
        date = kdate(max((r.doc.lesson.reviewed for r in items if r.doc.lesson.reviewed),
                         default=None))
        packs.append(Pack(key, title, zip_path, pdf, len(items), pages,
                          zip_path.stat().st_size, len(data), date))
    prune(cache_dir, [p.pdf_path for p in packs])
    return packs, made
