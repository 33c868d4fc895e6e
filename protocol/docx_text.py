"""Word .docx to text lines, with Word's automatic numbering written out.

Councils number their protocols with Word's list numbering, which is not part of
the paragraph text; without it a ``1.1`` document would import as unnumbered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from protocol.readers import HEADING_MARK


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list definitions and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> level
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                level = _Level()
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                if start is not None:
                    level.start = int(start.get(qn("w:val"), "1"))
                if fmt is not None:
                    level.fmt = fmt.get(qn("w:val"), "decimal")
                if text is not None:
                    level.text = text.get(qn("w:val"), "")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = level
            numbering.levels[aid] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                numbering.num_to_abstract[num.get(qn("w:numId"))] = ref.get(qn("w:val"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The next label of list ``num_id`` at level ``ilvl`` (and advance its counter)."""
        aid = self.num_to_abstract.get(num_id)
        levels = self.levels.get(aid) if aid is not None else None
        if aid is None or not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return None
        out = level.text
        for k in range(ilvl, -1, -1):
            value = counters.get(k, levels.get(k, _Level()).start)
            out = out.replace(f"%{k + 1}", _format(value, levels.get(k, _Level()).fmt))
        return out.strip() or None


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out or "A"


def _roman(n: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in numerals:
        while n >= v:
            out += s
            n -= v
    return out or "I"


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """The (numId, ilvl) of a paragraph, set directly or through its style."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for ppr in sources:
        if ppr is None or ppr.numPr is None:
            continue
        num_pr: Any = ppr.numPr  # python-docx's stubs do not know numPr's children
        num_id = num_pr.numId
        ilvl = num_pr.ilvl
        if num_id is None or num_id.val == 0:
            return None
        return str(num_id.val), int(ilvl.val) if ilvl is not None else 0
    return None


def _heading_level(paragraph: Paragraph) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading "):
        try:
            return min(6, int(name.split()[1]))
        except (IndexError, ValueError):
            return 2
    return None


def _blocks(document) -> Iterator[Paragraph | Table]:
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def docx_lines(stream: IO[bytes]) -> list[str]:
    """The document as text lines, blank lines between paragraphs; table rows as list entries."""
    document = Document(stream)
    numbering = _Numbering.of(document)
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                    if text and text not in cells:
                        cells.append(text)
                if cells:
                    lines += ["- " + " | ".join(cells), ""]
            continue
        text = block.text.replace("\t", " ").strip()
        if not text:
            continue
        label = None
        num = _num_pr(block)
        if num is not None:
            label = numbering.label(*num)
        if label and not text.startswith(label):
            text = f"{label} {text}"
        level = _heading_level(block)
        if level is not None:
            text = f"{HEADING_MARK}{level} {text}"
        lines += [text, ""]
    return lines
