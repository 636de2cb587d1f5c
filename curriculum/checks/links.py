"""Do the links and images of lessons, handouts and guides lead somewhere real?

Paths are resolved in the site's namespace: docs/x.md is `x.md`, a lesson is
`lessons/<track>/<slug>/index.md`, so the same relative link works on disk and online.
"""

from __future__ import annotations

import difflib
import posixpath
import re

from ..findings import WARNING, Report
from .text import Locator, mask_fences

LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
VAGUE = re.compile(r"^\s*(여기|이곳|클릭|더\s?보기|자세히|바로가기|링크|here|click here|more|read more|link)\s*[.!]?\s*$",
                   re.IGNORECASE)
EXTERNAL = ("http://", "https://", "mailto:", "tel:")


def check_links(path: str, site_path: str, body: str, first_line: int,
                targets: set[str], report: Report, deferred: list | None = None) -> None:
    """`targets` holds every site path a link may reach (pages, images, files). With
    `deferred`, a link not found there is kept in it for `resolve_links` (a worker
    process knows only its own lessons' files; the parent knows them all)."""
    if "](" not in body:
        return
    text = mask_fences(body) if ("```" in body or "~~~" in body) else body
    where = Locator(text, first_line)
    base = posixpath.dirname(site_path)
    for m in LINK.finditer(text):
        image, label, target = m.group(1) == "!", m.group(2), m.group(3)
        line, col = where(m.start())
        if image and not label.strip():
            report.add(path, line, "image-alt-missing", "this picture has no alt text",
                       "describe what the picture shows: ![그림: 두 친구가 사진을 보며 "
                       "이야기하는 모습](images/talk.png)", col=col)
        if not image and VAGUE.match(label):
            report.add(path, line, "link-text-vague",
                       f"link text “{label}” does not say where it goes",
                       "name the destination: [삭제·신고 방법](../guides/takedown.md)",
                       severity=WARNING, col=col)
        if not target or target.startswith("#") or target.lower().startswith(EXTERNAL):
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            report.add(path, line, "link-scheme", f"link `{target}` uses an unsupported scheme",
                       "link to pages of this site with relative paths, or to https:// sites",
                       col=col)
            continue
        if target.startswith("/"):
            report.add(path, line, "link-absolute",
                       f"link `{target}` starts with '/', which breaks when the site moves",
                       "write a relative path, e.g. ../guides/help.md", col=col)
            continue
        clean = target.split("#", 1)[0].split("?", 1)[0]
        joined = posixpath.normpath(posixpath.join(base, clean)) if clean else site_path
        if joined == ".." or joined.startswith("../"):
            report.add(path, line, "link-outside",
                       f"link `{target}` leads outside the site",
                       "link only to pages and files inside docs/ and lessons/", col=col)
            continue
        candidates = (joined, joined + "/index.md", joined.rstrip("/") + ".md",
                      joined + ("index.md" if joined.endswith("/") else ""))
        if not any(c in targets for c in candidates):
            link = (path, line, col, target, joined, image, base)
            if deferred is not None:
                deferred.append(link)
            else:
                resolve_links([link], targets, report)


def resolve_links(links: list, targets: set[str], report: Report) -> None:
    """Report the links of `check_links(..., deferred=…)` that lead nowhere in `targets`."""
    ordered = None
    for path, line, col, target, joined, image, base in links:
        candidates = (joined, joined + "/index.md", joined.rstrip("/") + ".md",
                      joined + ("index.md" if joined.endswith("/") else ""))
        if any(c in targets for c in candidates):
            continue
        ordered = ordered or sorted(targets)
        near = difflib.get_close_matches(joined, ordered, 1, 0.6)
        hint = (f"did you mean `{posixpath.relpath(near[0], base or '.')}`?"
                if near else "check the file name and the number of ../ in the path")
        report.add(path, line, "broken-link" if not image else "broken-image",
                   f"`{target}` does not lead to any page or file of the site", hint, col=col)
