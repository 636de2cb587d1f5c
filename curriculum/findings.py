"""Findings: what a check reports instead of raising.

A finding names a place (path relative to the repository, 1-based line and column),
a severity, a short stable code, a message and a hint on how to fix it. Every code is
in the catalogue (curriculum/codes.py), which also gives its default severity.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from .codes import ERROR, WARNING, resolve

__all__ = ["ERROR", "WARNING", "Finding", "Report", "default_format", "format_report"]


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    hint: str = ""

    def text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col} {self.severity} {self.code} {self.message}"
        return head + (f"\n    hint: {self.hint}" if self.hint else "")

    def github(self) -> str:
        # GitHub workflow commands: newlines and % must be escaped in the message.
        level = "error" if self.severity == ERROR else "warning"
        msg = f"{self.code}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col},title={self.code}::{msg}"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, path: str, line: int, code: str, message: str, hint: str = "",
            severity: str | None = None, col: int = 1) -> None:
        """Record a finding. `code` must be in the catalogue (AssertionError otherwise:
        that is a bug in the engine); `severity` defaults to the catalogue's."""
        self.findings.append(Finding(path, max(int(line), 1), max(int(col), 1),
                                     resolve(code, severity), code, message, hint))

    def extend(self, other: "Report") -> None:
        self.findings.extend(other.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings))

    def codes(self) -> list[tuple[str, int, str]]:
        """(path, line, code) triples: what tests usually assert on."""
        return [(f.path, f.line, f.code) for f in self.sorted()]


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def format_report(report: Report, fmt: str) -> str:
    items = report.sorted()
    if fmt == "json":
        return json.dumps({"errors": len(report.errors), "warnings": len(report.warnings),
                           "findings": [asdict(f) for f in items]},
                          ensure_ascii=False, indent=2)
    lines = [f.github() if fmt == "github" else f.text() for f in items]
    summary = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
    lines.append(summary if fmt == "text" else f"::notice::{summary}")
    return "\n".join(lines)
