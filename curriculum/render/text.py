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


def phone_href(number: str) -> str:
    """The address a phone taps: tel:0227358994, or sms:%230117 for a text number."""
    digits = re.sub(r"[^\d#]", "", number)
    if digits.startswith("#"):
        return "sms:%23" + digits[1:]
    return "tel:" + digits


def phone_link(number: str, label: str = "") -> str:
    """A help number as a Markdown link that calls (or texts) it in one tap. The one
    place a number becomes a link: the help block and the help strip write it, and on
    the site every registry number standing in text (the contact macro's among them)
    is linked by the Markdown extension (markdown_ext, `phone_links`) with the same
    address. Printed sheets keep plain numbers."""
    return f"[{label or number}]({phone_href(number)})"


def contact_inline(c: Contact) -> str:
    """The contact macro's words: **name** numbers · address (text number, hours).
    Numbers stay plain here (the PDFs use this too); on the site the Markdown
    extension makes each of them a tel:/sms: link (phone_href)."""
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
               row_headers: bool = True, stack: bool = True) -> str:
    """An accessible table: <caption>, column heads with scope, row heads with scope.

    Cells are Markdown inline text (md_in_html renders them), so links in them are
    checked and rewritten by the site generator like any other link. `stack`: on a
    phone the rows become cards, each cell under its column's name (data-label);
    a wide matrix (stack=False) scrolls in its own box instead.
    """
    # The caption travels as data-caption: md_in_html cannot parse <caption>, so the
    # table extension (curriculum.markdown_ext) turns it into the real element.
    classes = " ".join(c for c in (cls, "stack" if stack else "") if c)
    labelled = stack and len(headers) > 2  # two columns: the row head is the label
    out = [f'<table class="{classes}" data-caption="{esc(caption)}" markdown="1">',
           '<thead markdown="1"><tr markdown="1">']
    out += [f'<th scope="col" markdown="span">{esc(h)}</th>' for h in headers]
    out.append('</tr></thead><tbody markdown="1">')
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if i == 0 and row_headers else "td"
            scope = ' scope="row"' if tag == "th" else ""
            label = (f' data-label="{esc(headers[i])}"'
                     if labelled and tag == "td" and i < len(headers) else "")
            cells.append(f'<{tag}{scope}{label} markdown="span">{cell}</{tag}>')
        out.append('<tr markdown="1">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out) + "\n"


def contact_reach(c: Contact) -> str:
    """How to reach a contact, every number a link: 전화 112 · 문자 #0117 · address."""
    reach = []
    if c.phone:
        reach.append("전화 " + ", ".join(f"**{phone_link(p)}**" for p in c.phone))
    if c.text:
        reach.append("문자 " + phone_link(c.text))
    if c.url:
        reach.append(f"[{display_url(c.url)}]({c.url})")
    if c.where:
        reach.append(esc(c.where))
    return " · ".join(reach)


def help_block(keys: list[str], contacts: dict[str, Contact], contacts_link: str,
               heading: str = "## 도움 받을 곳") -> str:
    rows = []
    for key in keys:
        c = contacts.get(key)
        if not c:
            continue
        rows.append([esc(c.name), contact_reach(c), esc(c.hours or "-"), esc(c.purpose)])
    intro = ("혼자 고민하지 않아도 됩니다. 피해를 입은 사람의 잘못이 아닙니다. "
             "아래 기관에서 상담하고 도움을 받을 수 있습니다.")
    police = next((c for c in contacts.values() if c.key == "police" and c.phone), None)
    urgent = (f"\n긴급한 위험이 있으면 바로 **{phone_link(police.phone[0])}**에 전화하세요. "
              if police else "\n")
    return (f"{heading}\n\n<div class=\"help-block\" markdown>\n\n{intro}\n\n"
            + html_table("도움 받을 곳 연락처", ["기관", "연락처", "운영", "이럴 때"], rows,
                         "help-table")
            + urgent + f"모든 연락처와 확인 날짜는 [연락처 모음]({contacts_link})에 있습니다."
              "\n\n</div>\n")


def help_now(keys: list[str], contacts: dict[str, Contact], links: list[tuple[str, str]]) -> str:
    """The "지금 도움이 필요해요" strip: the first numbers to call, each one tap, from
    the contact registry (never typed), and links (label, relative Markdown link) to
    the rest."""
    items = []
    for key in keys:
        c = contacts.get(key)
        if c is None or not (c.phone or c.text):
            continue
        taps = [f'<a class="help-now__call" href="{phone_href(p)}">'
                f'<span class="help-now__num">{esc(p)}</span> '
                f'<span class="help-now__who">{esc(c.name)}</span></a>' for p in c.phone]
        if c.text:
            taps.append(f'<a class="help-now__text" href="{phone_href(c.text)}">'
                        f"문자 {esc(c.text)}</a>")
        items.append(f"<li>{''.join(taps)}</li>")
    more = " · ".join(f"[{esc(label)}]({href})" for label, href in links)
    return ('<aside class="help-now" aria-labelledby="help-now-title" markdown="1">\n'
            '<p class="help-now__title" id="help-now-title">지금 도움이 필요해요</p>\n'
            '<p class="help-now__lead">번호를 누르면 바로 전화나 문자를 할 수 있습니다.</p>\n'
            f'<ul class="help-now__list">{"".join(items)}</ul>\n\n'
            + (f"{more}\n{{: .help-now__more }}\n\n" if more else "")
            + "</aside>\n")
