"""Small text helpers shared by the page renderers."""

from __future__ import annotations

import datetime as dt
import html
import re

from ..model import Contact


def kdate(d: dt.date | None) -> str:
    """Official Korean date notation: 2026. 4. 3."""
    return f"{d.year}. {d.month}. {d.day}." if d else "기록 없음"


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def grades_label(grades: list[int]) -> str:
    return "·".join(str(g) for g in grades) + "학년" if grades else "성인"


def display_url(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")


def contact_inline(c: Contact) -> str:
    parts = []
    if c.phone:
        parts.append(", ".join(c.phone))
    if c.url:
        parts.append(f"[{display_url(c.url)}]({c.url})")
    extra = []
    if c.text:
        extra.append(f"문자 {c.text}")
    if c.hours == "24시간":
        extra.append("24시간")
    if c.where:
        extra.append(c.where)
    out = f"**{c.name}**"
    if parts:
        out += " " + " · ".join(parts)
    if extra:
        out += f" ({', '.join(extra)})"
    return out


def html_table(caption: str, headers: list[str], rows: list[list[str]], cls: str = "",
               row_headers: bool = True) -> str:
    """An accessible table: <caption>, column heads with scope, row heads with scope.

    Cells are Markdown inline text (md_in_html renders them), so links in them are
    checked and rewritten by the site generator like any other link.
    """
    # The caption travels as data-caption: md_in_html cannot parse <caption>, so the
    # table extension (curriculum.markdown_ext) turns it into the real element.
    out = [f'<table class="{cls}" data-caption="{esc(caption)}" markdown="1">',
           '<thead markdown="1"><tr markdown="1">']
    out += [f'<th scope="col" markdown="span">{esc(h)}</th>' for h in headers]
    out.append('</tr></thead><tbody markdown="1">')
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if i == 0 and row_headers else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f'<{tag}{scope} markdown="span">{cell}</{tag}>')
        out.append('<tr markdown="1">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"


def help_block(keys: list[str], contacts: dict[str, Contact], contacts_link: str,
               heading: str = "## 도움 받을 곳") -> str:
    rows = []
    for key in keys:
        c = contacts.get(key)
        if not c:
            continue
        reach = []
        if c.phone:
            reach.append("☎ " + ", ".join(f"**{p}**" for p in c.phone))
        if c.text:
            reach.append(f"문자 {c.text}")
        if c.url:
            reach.append(f"[{display_url(c.url)}]({c.url})")
        if c.where:
            reach.append(esc(c.where))
        rows.append([esc(c.name), " · ".join(reach), esc(c.hours or "-"), esc(c.purpose)])
    intro = ("혼자 고민하지 않아도 됩니다. 피해를 입은 사람의 잘못이 아닙니다. "
             "아래 기관에서 상담하고 도움을 받을 수 있습니다.")
    return (f"{heading}\n\n<div class=\"help-block\" markdown>\n\n{intro}\n\n"
            + html_table("도움 받을 곳 연락처", ["기관", "연락처", "운영", "이럴 때"], rows,
                         "help-table")
            + f"\n긴급한 위험이 있으면 바로 **112**에 전화하세요. 모든 연락처와 확인 날짜는 "
              f"[연락처 모음]({contacts_link})에 있습니다.\n\n</div>\n")
