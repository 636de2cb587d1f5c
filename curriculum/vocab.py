"""One vocabulary for the labels readers see, keyed the way the data names things
(handout kinds and audiences from inputs.py). A new handout kind is one edit here."""

from __future__ import annotations

HANDOUT_KIND_LABELS = {"worksheet": "활동지", "parent-letter": "가정통신문",
                       "teacher-card": "교사용 요약 카드", "poster": "도움 안내 포스터"}
# Extra words people search a kind by.
HANDOUT_KIND_SEARCH = {"worksheet": "활동지", "parent-letter": "가정통신문 안내문 학부모 편지",
                       "teacher-card": "교사용 요약 카드 점검표", "poster": "포스터 도움 안내"}
# Who a printed sheet is for: as a label on the sheet ("학생용") and as a word ("학생").
AUDIENCE_LABELS = {"student": "학생용", "parent": "학부모용", "teacher": "교사용"}
AUDIENCE_WORDS = {"student": "학생", "parent": "학부모", "teacher": "교사"}
