"""Reading source files safely: every way a file can be unreadable becomes a finding.

Covers symlinks and paths leading outside the repository, huge and binary files,
wrong encodings, and front matter that is missing or is not valid YAML.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .fastyaml import parse_flat
from .findings import Report

MAX_BYTES = 1024 * 1024  # a lesson is a few KB; anything over 1 MiB is a mistake
try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def rel(root: Path, path: Path) -> str:
    # String prefix test, not Path.relative_to: this runs for every file of 5,000 lessons.
    r, p = str(root), str(path)
    if p.startswith(r + os.sep):
        return p[len(r) + 1:].replace(os.sep, "/")
    return Path(p).as_posix()


class Listing(set):
    """Paths (relative to the root, with /) of the files under some folders, like
    os.walk gives them, with the links to folders found there (neither listed nor
    followed) in `linked_folders`."""

    linked_folders: set


def list_files(base: Path, folders) -> Listing:
    """The Listing of `folders`, paths relative to `base`. Strings, not Path objects,
    and the kind of each entry from the folder listing itself (no stat per file): at
    5,000 lessons this runs for every lesson folder."""
    prefix = len(str(base)) + 1
    slash = os.sep == "/"
    out = Listing()
    out.linked_folders = set()
    stack = [str(f) for f in folders]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except OSError:  # vanished or unreadable: os.walk skips it too
            continue
        with entries:
            for e in entries:
                where = e.path[prefix:] if slash else e.path[prefix:].replace(os.sep, "/")
                if not e.is_dir():
                    out.add(where)
                elif e.is_symlink():
                    out.linked_folders.add(where)
                else:
                    stack.append(e.path)
    return out


def _read_bytes(fd: int, size: int) -> bytes:
    # os.read on the descriptor: no buffered file object for a file read once, whole. A
    # read of size+1 bytes that comes back short has reached the end (one read, not two).
    data = os.read(fd, size + 1)
    if len(data) <= size:
        return data
    chunks = [data]
    while chunks[-1]:  # the file grew since fstat: read on to its end
        chunks.append(os.read(fd, 1 << 16))
    return b"".join(chunks)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_text(root: Path, path: Path, report: Report) -> str | None:
    """Text of `path` (UTF-8, newlines normalised) or None with a finding."""
    name = rel(root, path)
    # Callers reach files only through folders that are not links (discover, walk_files
    # and the handouts loader refuse linked folders), so a file that is not itself a
    # link is inside the repository; resolving every path would cost seconds at 5,000.
    # Opening with O_NOFOLLOW tells whether it is a link (ELOOP), fstat how big it is:
    # one lookup of the path per file.
    fd = None
    try:
        if not _NOFOLLOW and os.path.islink(path):  # pragma: no cover - no O_NOFOLLOW
            raise OSError(errno.ELOOP, "symbolic link")
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            report.add(name, 1, "file-too-large",
                       f"file is {size // 1024} KB; the limit is {MAX_BYTES // 1024} KB",
                       "split the text, or move large pictures to images/ and compress them")
            return None
        data = _read_bytes(fd, size)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            report.add(name, 1, "symlink", "this file is a symbolic link",
                       "replace the link by the real file; links can lead outside the "
                       "repository")
        else:
            report.add(name, 1, "unreadable", f"cannot read the file ({exc.strerror})",
                       "check the file's permissions")
        return None
    finally:
        if fd is not None:
            os.close(fd)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.add(name, line, "binary-file", "this is a binary file, not Markdown text",
                   "save the lesson as plain UTF-8 text (.md)")
        return None
    try:
        # utf-8 and a BOM cut off by hand: the "utf-8-sig" codec runs through Python code.
        if data[:3] == b"\xef\xbb\xbf":
            data = data[3:]
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(name, line, "encoding", "the file is not valid UTF-8 text",
                   "save it again as UTF-8 (in Notepad: 다른 이름으로 저장 → 인코딩 UTF-8; "
                   "files saved as EUC-KR/CP949 show this error)", col=col)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass
class Document:
    """A Markdown file split into front matter data and body, with line numbers."""

    path: str
    meta: dict
    lines: dict  # key (or (key, index)) -> 1-based line of its value
    body: str
    body_line: int  # 1-based line where the body starts
    meta_line: int = 1


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """(front matter text, its first line, body, body's first line)."""
    if not text.startswith("---\n") and text.strip() != "---":
        return None, 1, text, 1
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4: end + 5] not in ("", "\n", " ", "\t"):
        end = text.find("\n---", end + 1)
    if end == -1:
        return None, 1, text, 1
    fm = text[4:end + 1]
    rest_start = end + 4
    nl = text.find("\n", rest_start)
    body = "" if nl == -1 else text[nl + 1:]
    body_line = fm.count("\n") + 3
    return fm, 2, body, body_line


def parse_yaml(text: str, name: str, first_line: int, report: Report):
    """Parse a YAML mapping, returning (data, lines) or (None, {}) with findings.

    `lines` maps a top-level key to the line of its value and (key, i) to the line of
    item i of a list, so later checks can point at the exact place.
    """
    fast = parse_flat(text, first_line)
    if fast is not None:
        return fast
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            report.add(name, first_line + node.start_mark.line, "front-matter-not-mapping",
                       "the front matter must be a list of `key: value` lines",
                       "start each line with a field name, e.g. `title: 가짜 사진, 진짜 피해`")
            return None, {}
        lines: dict = {}
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = first_line + key_node.start_mark.line
            if key in seen:
                report.add(name, line, "duplicate-key", f"`{key}` is written twice",
                           "keep one of the two lines")
            seen.add(key)
            lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    lines[(key, i)] = first_line + item.start_mark.line
        try:
            data = loader.construct_document(node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            mark = getattr(exc, "problem_mark", None) or node.start_mark
            report.add(name, first_line + mark.line, "yaml-value",
                       f"a value cannot be read: {getattr(exc, 'problem', None) or exc}",
                       "dates are written 2026-11-20; quote text that starts with a symbol")
            return None, {}
        return data, lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        report.add(name, line, "yaml-syntax", f"the front matter is not valid YAML: {problem}",
                   "check the indentation and colons on this line; put text with ':' or "
                   "'#' in quotes, and write lists as [a, b] or with '- ' items", col=col)
        return None, {}
    except yaml.YAMLError as exc:
        report.add(name, first_line, "yaml-syntax", f"the front matter is not valid YAML: {exc}",
                   "check the front matter between the two --- lines")
        return None, {}
    finally:
        loader.dispose()


def load_document(root: Path, path: Path, report: Report, need_front_matter=True):
    text = read_text(root, path, report)
    if text is None:
        return None
    name = rel(root, path)
    fm, fm_line, body, body_line = split_front_matter(text)
    if fm is None:
        if need_front_matter:
            report.add(name, 1, "front-matter-missing",
                       "the file has no front matter",
                       "start the file with a line '---', the fields (id, title, …), "
                       "and another '---'")
            return None
        return Document(name, {}, {}, text, 1)
    meta, lines = parse_yaml(fm, name, fm_line, report)
    if meta is None:
        return None
    return Document(name, meta, lines, body, body_line, fm_line)


def walk_files(base: Path, pattern: str):
    """Sorted files under `base` matching a glob, without following symlinked folders."""
    if not base.is_dir():
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(base):  # os.walk skips dir symlinks
        dirnames.sort()
        for fn in filenames:
            p = Path(dirpath) / fn
            if p.match(pattern):
                out.append(p)
    return sorted(out)


def load_yaml_file(root: Path, name: str, report: Report, required: bool = True):
    """(data, lines) of a whole YAML file, `lines` mapping every path in it to its line
    (spec.node_lines); (None, {}) with a finding when it cannot be read."""
    from .spec import node_lines

    path = root / name
    if not path.exists():
        if required:
            report.add(name, 1, "missing-file", f"{name} is missing",
                       f"restore {name} from the repository")
        return None, {}
    text = read_text(root, path, report)
    if text is None:
        return None, {}
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        lines = node_lines(node)
        seen: dict = {}
        _duplicates(node, name, report, seen)
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.add(name, (mark.line + 1) if mark else 1, "yaml-syntax",
                   f"{name} is not valid YAML: {exc.problem or exc.context or 'invalid YAML'}",
                   "check the indentation and colons on this line; put text with ':' or '#' "
                   "in quotes", col=(mark.column + 1) if mark else 1)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        report.add(name, 1, "yaml-value", f"a value in {name} cannot be read: {exc}",
                   "dates are written 2026-11-20; quote text that starts with a symbol")
    finally:
        loader.dispose()
    return None, {}


def _duplicates(node, name: str, report: Report, seen: dict) -> None:
    """A key written twice in one mapping silently hides the first: report it."""
    if isinstance(node, yaml.MappingNode):
        keys = set()
        for k, v in node.value:
            if k.value in keys:
                report.add(name, k.start_mark.line + 1, "duplicate-key",
                           f"`{k.value}` is written twice", "keep one of the two")
            keys.add(k.value)
            _duplicates(v, name, report, seen)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _duplicates(v, name, report, seen)
