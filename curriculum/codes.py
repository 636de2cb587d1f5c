"""The catalogue of finding codes: every code the engine may report, in one table.

Each entry gives the code, its severity, what it means for an editor (Korean, with a
short English line) and how to fix it. `Report.add` refuses a code that is not here:
an unknown code is a bug in the engine, not a mistake in a lesson. The editors' page
`editors/finding-codes.md` is generated from this table (render/pages.py), so what
editors read and what the check reports cannot drift apart.

A family of codes is written with a placeholder, e.g. `invalid-<field>`: the code is
the prefix followed by a field name, rule id and so on. An exact entry wins over a
family (`handout-missing` is its own entry, not `handout-<field>`).

Meanings and fixes are Markdown for the page: put code, file names and macros in
backticks (a macro outside backticks would be expanded on the page). Link only to other
generated pages (e.g. `language-rules.md`): hand-written docs may not exist in every
repository the engine builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Code:
    code: str  # "broken-link", or a family such as "invalid-<field>"
    severity: str | None  # ERROR or WARNING; None: set case by case (see `fix`)
    area: str  # section of the editors' page
    meaning: str  # one line, Korean, for editors
    fix: str  # how to fix it, Korean
    en: str = ""  # one line in English

    @property
    def family(self) -> str | None:
        """The prefix of a family entry ("invalid-"), None for a plain code."""
        return self.code.split("<", 1)[0] if "<" in self.code else None


def _c(code, severity, area, meaning, fix, en=""):
    return Code(code, severity, area, meaning, fix, en)


# Areas in page order.
FILES = "파일 읽기"
FRONT = "머리말(front matter)"
FOLDERS = "수업 폴더와 id"
BODY = "수업 본문"
HANDOUTS = "인쇄물(handouts)"
COVERAGE = "교육과정 충족"
CONTACTS = "연락처와 개인정보"
WORDING = "표현 점검"
LINKS = "링크와 그림"
CONFIG = "설정 파일(curriculum.yml)"
REGISTRIES = "법령·기관·공통 블록"
SPEC = "YAML 입력 명세"
AREAS = (FILES, FRONT, FOLDERS, BODY, HANDOUTS, COVERAGE, CONTACTS, WORDING, LINKS, CONFIG,
         REGISTRIES, SPEC)

CODES: tuple[Code, ...] = (
    # --- reading files ----------------------------------------------------------------
    _c("symlink", ERROR, FILES,
       "파일이나 폴더가 심볼릭 링크(바로 가기)입니다. 링크는 저장소 밖을 가리킬 수 있어 읽지 않습니다.",
       "링크를 지우고 진짜 파일이나 폴더를 그 자리에 두세요.",
       "a file or folder is a symbolic link"),
    _c("file-too-large", ERROR, FILES,
       "파일이 1 MB보다 큽니다. 수업안은 몇 KB면 충분하므로 실수로 보입니다.",
       "글을 나누거나, 큰 그림은 `images/`로 옮기고 용량을 줄이세요.",
       "the file is over the size limit"),
    _c("unreadable", ERROR, FILES,
       "파일을 열 수 없습니다(권한 문제 등).",
       "파일 권한을 확인하세요.",
       "the file cannot be read"),
    _c("binary-file", ERROR, FILES,
       "글자 파일이 아니라 이진 파일(그림, 한글 문서 등)입니다.",
       "수업안을 UTF-8 일반 텍스트(`.md`)로 저장하세요.",
       "a binary file where Markdown text was expected"),
    _c("encoding", ERROR, FILES,
       "파일이 UTF-8 인코딩이 아닙니다. EUC-KR/CP949로 저장하면 이 오류가 납니다.",
       "UTF-8로 다시 저장하세요(메모장: 다른 이름으로 저장 → 인코딩 UTF-8).",
       "the file is not valid UTF-8"),
    _c("missing-file", ERROR, FILES,
       "꼭 있어야 하는 설정 파일(`curriculum.yml`, `contacts.yml` 등)이 없습니다.",
       "저장소에서 그 파일을 되살리세요.",
       "a required configuration file is missing"),

    # --- front matter -----------------------------------------------------------------
    _c("front-matter-missing", ERROR, FRONT,
       "수업안이나 인쇄물 맨 앞에 머리말(`---`로 둘러싼 항목들)이 없습니다.",
       "파일 첫 줄에 `---`, 그다음 항목(id, title, …), 다시 `---`를 쓰세요.",
       "the file has no front matter"),
    _c("front-matter-not-mapping", ERROR, FRONT,
       "머리말이 `항목: 값` 줄의 모임이 아닙니다.",
       "줄마다 항목 이름으로 시작하세요. 예: `title: 가짜 사진, 진짜 피해`",
       "the front matter is not a list of key: value lines"),
    _c("yaml-syntax", ERROR, FRONT,
       "머리말이나 YAML 파일의 문법이 틀려 읽을 수 없습니다.",
       "알려 준 줄의 들여쓰기와 쌍점(`:`)을 확인하세요. `:`이나 `#`이 든 글은 따옴표로 감싸고, "
       "목록은 `[가, 나]` 또는 `- ` 줄로 씁니다.",
       "the YAML cannot be parsed"),
    _c("yaml-value", ERROR, FRONT,
       "값 하나를 읽을 수 없습니다(없는 날짜 2026-13-45 등).",
       "날짜는 `2026-11-20`처럼 쓰고, 기호로 시작하는 글은 따옴표로 감싸세요.",
       "a value cannot be read"),
    _c("duplicate-key", ERROR, FRONT,
       "같은 항목을 두 번 썼습니다.",
       "둘 중 하나만 남기세요.",
       "a key is written twice"),
    _c("unknown-field", ERROR, FRONT,
       "수업안 머리말에 정해지지 않은 항목이 있습니다. 오타(`topic:`, `objective:`)일 때가 많습니다.",
       "힌트가 알려 주는 항목 이름으로 고치세요. 쓸 수 있는 항목은 편집자 안내의 "
       "‘수업안 작성 형식’에 있습니다.",
       "the lesson has a field that does not exist"),
    _c("missing-field", ERROR, FRONT,
       "수업안 머리말에 꼭 필요한 항목이 빠졌습니다.",
       "빠진 항목을 머리말에 한 줄로 더하세요(`summary`, `order`만 생략할 수 있습니다).",
       "a required field is missing"),
    _c("invalid-<field>", ERROR, FRONT,
       "수업안 머리말의 한 항목 값이 틀렸습니다(`invalid-periods`, `invalid-topics` 등). "
       "종류가 다르거나(숫자 자리에 글), 허용된 값이 아니거나, 범위를 벗어났습니다. "
       "`invalid-grades`는 트랙에서 가르치지 않는 학년도 알려 줍니다.",
       "메시지와 힌트가 말하는 형식으로 고치세요. 주제와 트랙은 `curriculum.yml`의 키를 씁니다.",
       "a lesson field has a wrong value (family: one code per field)"),

    # --- folders and ids ----------------------------------------------------------------
    _c("lessons-missing", ERROR, FOLDERS,
       "`lessons/` 폴더가 없습니다.",
       "`lessons/<트랙>/<수업>/index.md` 구조로 폴더를 만드세요.",
       "there is no lessons/ folder"),
    _c("unknown-track-folder", ERROR, FOLDERS,
       "`lessons/` 아래 폴더 이름이 `curriculum.yml`의 트랙이 아닙니다.",
       "폴더 이름을 트랙 키로 고치세요(힌트에 가까운 이름이 나옵니다).",
       "a folder in lessons/ is not a track"),
    _c("lesson-index-missing", ERROR, FOLDERS,
       "수업 폴더에 `index.md`가 없습니다.",
       "수업안 `index.md`를 넣거나, 빈 폴더를 지우세요.",
       "a lesson folder has no index.md"),
    _c("stray-file", ERROR, FOLDERS,
       "`lessons/`나 트랙 폴더에 바로 놓인 파일은 누리집에 실리지 않습니다.",
       "수업 폴더 안(`lessons/<트랙>/<수업>/`)으로 옮기세요.",
       "a file lies outside any lesson folder"),
    _c("track-folder-mismatch", ERROR, FOLDERS,
       "머리말의 `track`과 수업이 들어 있는 트랙 폴더가 다릅니다.",
       "폴더를 옮기거나 `track:`을 폴더 이름과 같게 고치세요.",
       "track does not match the folder"),
    _c("id-folder-mismatch", ERROR, FOLDERS,
       "`id`가 폴더 이름과 맞지 않습니다. id는 `트랙-수업폴더`입니다.",
       "힌트대로 `id:`를 고치거나 폴더 이름을 바꾸세요.",
       "id does not match the folder"),
    _c("duplicate-id", ERROR, FOLDERS,
       "두 수업이 같은 `id`를 씁니다(폴더를 복사했을 때 흔합니다).",
       "수업마다 자기 id(트랙 + 폴더 이름)를 주세요.",
       "two lessons share an id"),

    # --- lesson body ----------------------------------------------------------------------
    _c("objective-form", WARNING, BODY,
       "학습 목표가 '~할 수 있다.'로 끝나지 않습니다.",
       "학습자가 할 수 있게 되는 일로 쓰세요: '…을 설명할 수 있다.'",
       "an objective does not end in ~할 수 있다"),
    _c("review-stale", WARNING, BODY,
       "마지막 내용 검토(`reviewed`)가 정해진 기간(기본 12개월)보다 오래되었습니다.",
       "사실, 법령, 연락처를 다시 확인한 뒤 `reviewed` 날짜를 고치세요.",
       "the lesson has not been reviewed for too long"),
    _c("review-future", WARNING, BODY,
       "`reviewed` 날짜가 오늘보다 뒤입니다.",
       "실제로 검토한 날짜를 쓰세요.",
       "the review date is in the future"),
    _c("phase-minutes-missing", ERROR, BODY,
       "도입·전개·정리 제목에 시간(분)이 없습니다.",
       "괄호 안에 분을 쓰세요: `## 전개 (30분)`",
       "a phase heading has no minutes"),
    _c("phase-missing", ERROR, BODY,
       "도입·전개·정리 가운데 빠진 단계가 있습니다.",
       "`## 도입 (N분)`처럼 제목을 더하세요(순서: 도입, 전개, 정리).",
       "a phase is missing"),
    _c("phase-minutes-sum", ERROR, BODY,
       "세 단계의 분을 더한 값이 `차시 수 × 1차시 시간`과 다릅니다.",
       "분을 고쳐 합을 맞추거나 `periods`를 고치세요.",
       "phase minutes do not add up to the lesson length"),
    _c("section-missing", ERROR, BODY,
       "꼭 있어야 하는 절(`## 준비물`, `## 유의점`, `## 평가`)이 없습니다.",
       "빠진 `##` 절을 더하세요.",
       "a required section is missing"),
    _c("extra-title", WARNING, BODY,
       "본문에 `#` 제목이 따로 있습니다. 페이지 제목은 머리말 `title:`에서 옵니다.",
       "본문의 `#` 제목 줄을 지우세요.",
       "the body has its own # title"),

    # --- handouts ---------------------------------------------------------------------------
    _c("handout-missing", ERROR, HANDOUTS,
       "머리말 `handouts`에 적은 인쇄물 파일이 `handouts/` 폴더에 없습니다.",
       "파일을 만들거나 `handouts`에서 그 이름을 지우세요.",
       "a listed handout file does not exist"),
    _c("handout-field", ERROR, HANDOUTS,
       "인쇄물 머리말의 항목(`title`, `kind`, `audience`, `pages`)이 없거나 틀렸습니다.",
       "메시지가 말하는 항목을 고치세요. `kind`는 worksheet·parent-letter·teacher-card·poster, "
       "`audience`는 student·parent·teacher, `pages`는 1–20입니다.",
       "a handout's front matter is wrong"),
    _c("handout-<field>", ERROR, HANDOUTS,
       "인쇄물 머리말의 한 항목 값이 틀렸습니다(항목마다 코드가 하나: `handout-kind` 등).",
       "메시지와 힌트가 말하는 값으로 고치세요.",
       "a handout field has a wrong value (family: one code per field)"),
    _c("handout-unlisted", WARNING, HANDOUTS,
       "`handouts/` 폴더에 있는 파일이 수업 머리말 `handouts`에 없어 인쇄되지 않습니다.",
       "`index.md`의 `handouts:`에 이름을 더하거나 파일을 지우세요.",
       "a handout file is not listed by its lesson"),
    _c("translation-field", ERROR, HANDOUTS,
       "번역본(`<이름>.<언어>.md`)의 머리말 값이 틀렸거나 빠졌습니다(`title`, `lang`, `source_hash`, `status`).",
       "편집자 안내 → 번역본 추가하기의 머리말 예시대로 고치세요. `lang`은 파일 이름의 언어 키와 같아야 합니다.",
       "a translation's front matter is wrong"),
    _c("translation-lang-unknown", ERROR, HANDOUTS,
       "번역본 파일 이름의 언어 키를 누리집이 알지 못합니다.",
       "`vi`, `zh`, `km`, `ja`, `en`, `tl`, `ko-easy` 가운데 하나로 파일 이름을 바꾸세요.",
       "a translation's language key is unknown"),
    _c("translation-source-missing", ERROR, HANDOUTS,
       "번역본의 한국어 원문이 없거나 수업 머리말 `handouts`에 없습니다.",
       "번역본을 원문 `handouts/<이름>.md` 옆에 두고, 원문 이름을 `handouts:`에 적으세요.",
       "a translation has no listed Korean source"),
    _c("translation-review-missing", ERROR, HANDOUTS,
       "`status: reviewed`인데 누가 언제 검토했는지(`reviewed_by`, `reviewed_on`)가 없습니다.",
       "`reviewed_by:`와 `reviewed_on:`을 적거나, 검토 전이면 `status: draft`로 두세요.",
       "a translation says reviewed without who and when"),
    _c("translation-stale", WARNING, HANDOUTS,
       "번역한 뒤 한국어 원문이 바뀌었습니다(`source_hash`가 원문 본문의 해시와 다름). 두 파일을 함께 알려 줍니다.",
       "원문의 바뀐 곳을 번역에 반영하고, 결과에 나온 새 해시를 `source_hash`에 적으세요.",
       "the Korean source changed after the translation was made"),
    _c("translation-help-missing", WARNING, HANDOUTS,
       "가정통신문 번역본에 다국어 상담 전화(`{{contact:danuri}}`, 다누리콜센터)가 없습니다.",
       "도움받을 곳의 맨 앞에 `{{contact:danuri}}`와 그 언어로 쓴 짧은 설명을 넣으세요.",
       "a translated letter lacks the multilingual help line"),
    _c("translation-glyph-missing", WARNING, HANDOUTS,
       "번역본 PDF의 글꼴에 없는 글자가 있습니다(드문 한자 등). 인쇄하면 빈 네모로 나옵니다.",
       "흔히 쓰는 글자로 바꾸거나, 글꼴 부분 집합에 더하세요(`scripts/make_cjk_fonts.py`).",
       "a translation uses a character its fonts lack"),
    _c("translation-over-budget", WARNING, HANDOUTS,
       "번역본 PDF가 쪽수 예산(번역본의 `pages:`, 없으면 원문의 `pages:`)보다 깁니다. 번역은 원문보다 길어지기 쉬워 경고로 알립니다.",
       "번역본 머리말에 `pages:`를 적거나(힌트의 쪽수), 글을 줄이세요.",
       "a translated sheet is longer than its page budget"),
    _c("translation-missing", WARNING, COVERAGE,
       "`curriculum.yml`의 `translations:`가 요구하는 언어의 번역본이 없습니다. 충족 현황 페이지에도 나옵니다.",
       "빠진 언어의 `handouts/<이름>.<언어>.md`를 더하세요(편집자 안내 → 번역본 추가하기).",
       "a required translation is missing"),
    _c("site-url-not-public", ERROR, HANDOUTS,
       "`SITE_URL`이 공개 누리집 주소가 아닙니다(루프백·사설 주소 등). 인쇄물에 QR 코드를 넣지 않습니다.",
       "`SITE_URL`을 누리집의 공개 https 주소로 정하거나, 지우고 만드세요(그러면 QR 코드 없이 만듭니다).",
       "SITE_URL is not a public address; handouts are printed without a QR code"),
    _c("kit-slide-overflow", WARNING, HANDOUTS,
       "수업 준비 꾸러미의 슬라이드 가운데 16:9 한 쪽을 넘는 것이 있어 슬라이드 PDF의 쪽수가 슬라이드 수보다 많습니다. 넘친 내용은 다음 쪽으로 밀리고, 편집용 PPTX와 쪽 번호가 어긋납니다.",
       "긴 `!!! slide` 상자를 4~5줄 안쪽으로 줄이거나 두 상자로 나누세요.",
       "a kit slide runs over its 16:9 page"),
    _c("handout-over-budget", ERROR, HANDOUTS,
       "만든 PDF가 인쇄물의 쪽수 예산(`pages`)보다 깁니다(`make check`가 PDF를 만들어 확인).",
       "글이나 표를 줄이거나, 정말 필요하면 `pages:`를 늘리세요.",
       "the PDF is longer than its page budget"),
    _c("worksheet-missing", ERROR, HANDOUTS,
       "활동지가 필요한 트랙의 게시된 수업에 활동지가 없습니다.",
       "`handouts/worksheet.md`(`kind: worksheet`)를 만들고 `handouts`에 적으세요.",
       "a student lesson has no worksheet"),
    _c("parent-letter-missing", ERROR, HANDOUTS,
       "트랙에 필요한 가정통신문이 게시된 수업 어디에도 없습니다.",
       "게시된 수업 하나에 `handouts/parent-letter.md`(`kind: parent-letter`)를 더하세요.",
       "the track has no letter to parents"),
    _c("fonts-missing", ERROR, HANDOUTS,
       "인쇄물에 쓰는 글꼴 파일이 `fonts/`에 없습니다.",
       "저장소에서 `fonts/`(Pretendard GOV OTF)를 되살리세요.",
       "the handout fonts are missing"),

    # --- coverage -----------------------------------------------------------------------------
    _c("coverage-lessons", ERROR, COVERAGE,
       "트랙의 게시된 수업 수가 `curriculum.yml`이 정한 최소 수보다 적습니다. 작성 중(draft)인 수업은 세지 않습니다.",
       "수업을 더 게시하세요. 부족한 곳은 충족 현황 페이지에도 나옵니다.",
       "a track has too few published lessons"),
    _c("coverage-topic", ERROR, COVERAGE,
       "트랙의 필수 주제를 다루는 게시된 수업이 없습니다.",
       "그 주제를 실제로 가르치는 게시된 수업의 `topics:`에 주제 키를 더하거나, 수업을 새로 쓰세요.",
       "a required topic has no published lesson"),

    # --- contacts and personal data ------------------------------------------------------------
    _c("unknown-contact", ERROR, CONTACTS,
       "`{{contact:키}}`나 트랙의 `help`가 `contacts.yml`에 없는 연락처 키를 씁니다.",
       "힌트가 알려 주는 키로 고치거나, 새 연락처를 출처와 확인한 날짜와 함께 `contacts.yml`에 더하세요.",
       "a contact key is not in contacts.yml"),
    _c("unknown-phone", ERROR, CONTACTS,
       "손으로 쓴 전화번호가 `contacts.yml`에 없습니다(예: 1377을 1337로 잘못 씀).",
       "힌트의 번호로 고치거나 `{{contact:키}}`를 쓰세요. 새 번호는 `contacts.yml`에 출처와 함께 더합니다.",
       "a phone number is not in contacts.yml"),
    _c("personal-phone", ERROR, CONTACTS,
       "개인 휴대전화 번호로 보이는 번호가 있습니다.",
       "개인 번호는 절대 싣지 마세요. 학교 대표 번호나 `contacts.yml`의 연락처를 쓰세요.",
       "a personal mobile number"),
    _c("personal-id", ERROR, CONTACTS,
       "주민등록번호로 보이는 번호가 있습니다.",
       "지우세요. 개인 식별 번호는 절대 싣지 않습니다.",
       "a resident registration number"),
    _c("personal-email", ERROR, CONTACTS,
       "공식 연락처가 아닌 전자우편 주소가 있습니다.",
       "개인 주소를 지우고 `contacts.yml`의 연락처나 학교 공식 창구를 안내하세요.",
       "a private e-mail address"),
    _c("contact-stale", WARNING, CONTACTS,
       "연락처를 확인한 지 정해진 기간(기본 6개월)이 지났습니다.",
       "공식 누리집에서 번호와 운영 시간을 다시 확인하고 `checked`를 고치세요.",
       "a contact was checked too long ago"),

    # --- wording --------------------------------------------------------------------------------
    _c("wording-<rule>", None, WORDING,
       "피해자를 탓하거나 두려움을 부추기는 표현입니다. 코드 뒷부분이 규칙 이름입니다"
       "(`wording-blame-posting` 등). 심각도는 규칙마다 `language-rules.yml`에서 정합니다.",
       "메시지의 '이렇게 바꿔 쓰기'대로 고치세요. 잘못된 생각을 바로잡으려고 인용할 때는 따옴표로 "
       "감싸거나 줄 앞에 ✗를 붙입니다. 규칙 목록: [표현 점검 목록](language-rules.md)",
       "victim-blaming or fear wording (family: one code per rule)"),
    _c("language-rule-invalid", ERROR, WORDING,
       "`language-rules.yml`의 규칙 하나를 쓸 수 없습니다(빠진 항목, 틀린 정규식, 틀린 심각도).",
       "규칙마다 `id`, `pattern`(올바른 정규식), `why`, `instead`를 쓰고, `severity`는 "
       "error 또는 warning으로 쓰세요.",
       "a wording rule cannot be used"),

    # --- links ------------------------------------------------------------------------------------
    _c("broken-link", ERROR, LINKS,
       "링크가 누리집의 어떤 페이지나 파일로도 이어지지 않습니다.",
       "파일 이름과 `../`의 개수를 확인하세요(힌트에 가까운 경로가 나옵니다).",
       "a link leads nowhere"),
    _c("broken-image", ERROR, LINKS,
       "그림 파일을 찾을 수 없습니다.",
       "그림을 수업 폴더의 `images/`에 넣고 경로를 확인하세요.",
       "an image file does not exist"),
    _c("image-alt-missing", ERROR, LINKS,
       "그림에 대체 글(alt)이 없어 화면 낭독기 사용자가 내용을 알 수 없습니다.",
       "그림이 보여 주는 것을 쓰세요: `![그림: 두 친구가 사진을 보며 이야기하는 모습](images/talk.png)`",
       "an image has no alt text"),
    _c("link-text-vague", WARNING, LINKS,
       "링크 글자(‘여기’, ‘클릭’ 등)가 어디로 가는지 말하지 않습니다.",
       "가는 곳의 이름을 쓰세요: `[삭제·신고 방법](../guides/takedown.md)`",
       "link text does not say where it goes"),
    _c("link-scheme", ERROR, LINKS,
       "지원하지 않는 방식(scheme)의 링크입니다.",
       "누리집 안은 상대 경로로, 밖은 `https://` 주소로 링크하세요.",
       "a link uses an unsupported scheme"),
    _c("link-absolute", ERROR, LINKS,
       "링크가 `/`로 시작해, 누리집 주소가 바뀌면 깨집니다.",
       "상대 경로로 쓰세요. 예: `../guides/help.md`",
       "a link starts with /"),
    _c("link-outside", ERROR, LINKS,
       "링크가 누리집 밖(저장소의 다른 곳)으로 나갑니다.",
       "`docs/`와 `lessons/` 안의 페이지와 파일에만 링크하세요.",
       "a link leads outside the site"),

    # --- curriculum.yml ----------------------------------------------------------------------------

    # --- registries, macros and blocks (issue 9) ----------------------------------------------------
    _c("law-unknown", ERROR, REGISTRIES,
       "`{{law:ID}}`의 ID가 법령 목록(`reference/laws.yml`)에 없습니다.",
       "힌트가 알려 주는 ID로 고치거나, 새 조문을 출처와 확인한 날짜와 함께 `reference/laws.yml`에 더하세요.",
       "a law id is not in reference/laws.yml"),
    _c("law-form", ERROR, REGISTRIES,
       "`{{law:ID|형태}}`의 형태나 `ID.행위`의 행위가 없는 것입니다.",
       "형태는 (없음)·`full`·`penalty`만 씁니다. `{{law:ID.행위|penalty}}`의 행위는 "
       "`reference/laws.yml`의 그 조문 `offences`에 있는 이름이어야 합니다.",
       "a law macro asks for a form or offence that does not exist"),
    _c("penalty-by-hand", ERROR, REGISTRIES,
       "처벌(`7년 이하의 징역`, `5천만 원 이하의 벌금` 등)을 손으로 썼습니다. 법이 바뀌면 고칠 수 없게 됩니다.",
       "`{{law:ID|penalty}}` 또는 `{{law:ID.행위|penalty}}`로 바꾸세요. 처벌은 `reference/laws.yml`에서 옵니다.",
       "a penalty typed by hand instead of the law macro"),
    _c("org-unknown", ERROR, REGISTRIES,
       "`{{org:KEY}}`의 KEY가 기관 목록(`reference/organisations.yml`)에 없습니다.",
       "힌트가 알려 주는 키로 고치거나 기관을 `reference/organisations.yml`에 더하세요.",
       "an organisation key is not in reference/organisations.yml"),
    _c("former-name", ERROR, REGISTRIES,
       "이름이 바뀐 기관의 옛 이름을 옛 이름이라고 밝히지 않고 썼습니다(예: 2025-10-01에 이름이 바뀐 기관).",
       "현재 이름(또는 `{{org:KEY}}`)으로 바꾸세요. 옛 이름을 꼭 써야 하면 ‘옛 …’, ‘(구 …)’처럼 표시하세요.",
       "a former name of a body used without marking it as former"),
    _c("block-unknown", ERROR, REGISTRIES,
       "`{{block:ID/VARIANT}}`가 가리키는 공통 블록 파일(`blocks/ID/VARIANT.md`)이 없습니다.",
       "힌트가 알려 주는 블록과 대상(variant)으로 고치세요. 블록 목록은 `blocks/` 폴더에 있습니다.",
       "a block or block variant does not exist"),
    _c("block-missing", ERROR, REGISTRIES,
       "트랙이 `curriculum.yml`에서 요구하는 공통 블록(예: 학생이 털어놓을 때의 절차)이 게시된 수업에 없습니다.",
       "수업의 알맞은 자리에 `{{block:ID/VARIANT}}`를 한 줄로 넣으세요.",
       "a lesson lacks a block its track requires"),
    _c("block-nested", ERROR, REGISTRIES,
       "공통 블록 안에서 다른 블록을 불렀습니다. 블록 안에는 블록을 넣을 수 없습니다.",
       "블록 본문에서 `{{block:…}}`를 지우고, 필요한 내용은 수업에서 블록을 나란히 놓으세요.",
       "a block places another block"),
    _c("when-alone-missing", ERROR, FRONT,
       "`stands_alone: false`(앞 수업에 이어지는 수업)인데 따로 가르칠 때 바꿀 점(`when_alone`)이 없습니다.",
       "`when_alone:`에 따로 가르칠 때 더하거나 뺄 것을 한두 문장으로 쓰세요.",
       "a lesson that builds on others does not say what to change when taught alone"),
    _c("codeowners-stale", WARNING, CONFIG,
       "`.github/CODEOWNERS`(과정별 검토자)가 `curriculum.yml`의 `maintainers:`와 맞지 않습니다.",
       "`make codeowners`(`curriculum codeowners --write`)를 실행하고 만들어진 파일을 함께 커밋하세요.",
       "CODEOWNERS does not match the maintainers in curriculum.yml"),
    _c("checklist-unknown", ERROR, CONFIG,
       "`site.checklist`(첫 화면과 대응 안내에서 여는 한 쪽 점검표)가 게시된 수업의 인쇄물이 아닙니다.",
       "수업 id와 인쇄물 파일 이름을 `staff-incident-response/teacher-card`처럼 쓰세요.",
       "site.checklist does not name a handout of a published lesson"),
    _c("search-word-empty", ERROR, CONFIG,
       "`search.yml`의 말에 검색이 찾을 수 있는 낱말이 없습니다(조사만 있는 말 등).",
       "두 글자 이상의 낱말이나 구절을 쓰세요. 조사(을, 에서)만으로는 찾지 않습니다.",
       "a search.yml word holds nothing the search can find"),
    _c("search-page-unknown", ERROR, CONFIG,
       "`search.yml`이 가리키는 쪽이 누리집에 없습니다.",
       "누리집에 보이는 주소(예: `guides/help/`)나 `docs/` 아래 파일 경로(예: `guides/faq.md`)를 쓰세요.",
       "search.yml names a page that does not exist"),
    _c("block-inline", ERROR, REGISTRIES,
       "`{{block:…}}`가 다른 글과 같은 줄에 있습니다. 블록은 문단이라 한 줄에 혼자 있어야 합니다.",
       "`{{block:ID/VARIANT}}`만 있는 줄을 만들고 앞뒤에 빈 줄을 두세요.",
       "a block macro shares its line with other text"),
    _c("block-path", ERROR, REGISTRIES,
       "공통 블록 파일이 `blocks/<이름>/<대상>.md` 자리에 있지 않거나 이름이 형식에 맞지 않습니다.",
       "파일을 `blocks/disclosure/lesson.md`처럼 옮기세요(영문 소문자·숫자·하이픈).",
       "a block file is not at blocks/<id>/<variant>.md"),
    _c("directive-unknown", ERROR, REGISTRIES,
       "`<!-- curriculum:… -->` 줄의 이름이 엔진이 만드는 표 이름이 아닙니다.",
       "힌트가 알려 주는 이름(`coverage`, `contacts`, `packs`, `language-rules`, `finding-codes`, `law-table`) 가운데 하나를 쓰세요.",
       "an unknown generated-table directive"),
    _c("page-missing", ERROR, REGISTRIES,
       "꼭 있어야 하는 안내 쪽(`docs/contacts.md`, `docs/coverage.md`)이 없습니다. 수업의 도움 안내가 이 쪽으로 연결됩니다.",
       "저장소에서 그 파일을 되살리세요. 파일에는 설명 글과 `<!-- curriculum:… -->` 줄이 있습니다.",
       "a page the generated pages link to is missing"),
    _c("macro-unknown-kind", ERROR, REGISTRIES,
       "`{{종류:…}}`의 종류가 없는 것입니다(오타일 때가 많습니다).",
       "`contact`, `law`, `org`, `block` 가운데 하나를 쓰세요.",
       "a macro of an unknown kind"),
    _c("registry-stale", WARNING, REGISTRIES,
       "법령·기관·블록 항목을 확인한 날(`checked`)이 정해진 기간보다 오래되었습니다.",
       "메시지가 알려 주는 출처(`source`)에서 내용을 다시 확인하고 `checked`를 고치세요.",
       "a registry entry was checked too long ago"),

    # --- the YAML input spec (issue 9) -----------------------------------------------------------------
    _c("spec-type", ERROR, SPEC,
       "YAML 입력의 값 종류가 틀렸습니다(숫자 자리에 글, 목록 자리에 한 값 등).",
       "메시지가 말하는 종류로 고치세요. 예: `review_months: 12`",
       "a value has the wrong type"),
    _c("spec-required", ERROR, SPEC,
       "YAML 입력에 꼭 필요한 항목이 빠졌습니다.",
       "빠진 항목을 더하세요. 무엇을 쓰는지는 힌트와 `schema/`의 JSON 스키마에 있습니다.",
       "a required key is missing"),
    _c("spec-unknown-key", ERROR, SPEC,
       "YAML 입력에 정해지지 않은 항목이 있습니다. 그대로 두면 조용히 무시되므로 오류로 알립니다.",
       "오타라면 힌트의 이름으로 고치고, 필요 없는 항목이면 지우세요.",
       "an unknown key (never silently ignored)"),
    _c("spec-enum", ERROR, SPEC,
       "허용된 값 가운데 하나가 아닙니다.",
       "힌트가 알려 주는 값 가운데 하나를 쓰세요.",
       "a value is not one of the allowed values"),
    _c("spec-range", ERROR, SPEC,
       "숫자나 날짜, 목록의 길이가 허용 범위를 벗어났습니다.",
       "메시지가 말하는 범위 안의 값으로 고치세요.",
       "a value is out of range"),
    _c("spec-pattern", ERROR, SPEC,
       "값의 모양이 정해진 형식과 다릅니다(키는 영문 소문자·숫자·하이픈 등).",
       "힌트가 말하는 형식으로 고치세요.",
       "a value does not match its pattern"),
    _c("spec-ref", ERROR, SPEC,
       "다른 파일의 항목을 가리키는 값(주제, 연락처, 블록 등)이 그 파일에 없습니다.",
       "가리키는 파일에 있는 키로 고치거나, 그 파일에 항목을 더하세요.",
       "a reference to an entry that does not exist"),
)

_EXACT: dict[str, Code] = {c.code: c for c in CODES if c.family is None}
_FAMILIES: tuple[Code, ...] = tuple(c for c in CODES if c.family is not None)
_SUFFIX = re.compile(r"^\S+$")


def lookup(code: str) -> Code | None:
    """The catalogue entry of a code (its family's entry for `invalid-periods`)."""
    entry = _EXACT.get(code)
    if entry is not None:
        return entry
    for fam in _FAMILIES:
        if code.startswith(fam.family) and _SUFFIX.match(code[len(fam.family):]):
            return fam
    return None


def resolve(code: str, severity: str | None) -> str:
    """The severity a finding of `code` gets; raises AssertionError for a code or a
    severity the catalogue does not allow (a bug in the engine, not in a lesson)."""
    entry = lookup(code)
    if entry is None:
        raise AssertionError(
            f"finding code `{code}` is not in the catalogue: add it to curriculum/codes.py "
            "with its severity, meaning and fix (the editors' page is generated from it)")
    if severity is None:
        return entry.severity or ERROR
    if severity not in SEVERITIES:
        raise AssertionError(f"finding `{code}`: severity `{severity}` is not one of {SEVERITIES}")
    if entry.severity is not None and severity != entry.severity:
        raise AssertionError(
            f"finding `{code}` is reported as {severity} but curriculum/codes.py says "
            f"{entry.severity}: change one of them")
    return severity
