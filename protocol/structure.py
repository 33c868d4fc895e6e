"""From cleaned lines to clauses: numbering, headings, paragraphs and sub-items.

Two passes. The first classifies each line (heading, numbered clause, sub-item,
bullet, text) with a little look-around; the second walks the lines keeping a stack
of headings and builds clauses. Every pattern is anchored and linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protocol.cleaning import TITLE_MARK
from protocol.model import Clause
from protocol.readers import HEADING_MARK, PAGE_BREAK

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^[-*–+]\s+(.*)$")
_STRAY_PAGE = re.compile(r"^\d{1,3}\s+(?=\d{1,3}\.\d{1,3})")
_MULTI = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,5})\.?(?:\s+(.*))?$")
_SINGLE = re.compile(r"^(\d{1,3})\.(?:\s+(.*))?$")
_SINGLE_NODOT = re.compile(r"^(\d{1,2})\s+([A-Z][^.;:]{0,80})$")
_LETTERED = re.compile(r"^([A-Z]{1,2}\d{1,3}(?:\.\d{1,3}){0,3})[.):]?\s+(.*)$")
_PART = re.compile(
    r"^(part|section|schedule|appendix|annex|chapter)\s+([A-Z]{1,2}|\d{1,3}|[IVXLC]{1,6})\b\s*[.:\-–—]?\s*(.*)$", re.I
)
_UPPER_SECTION = re.compile(r"^([IVXLC]{1,6}|[A-Z])[.)]\s+(.*)$")
_ITEM_PAREN = re.compile(r"^\(?([a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,2})\)\s+(.*)$")
_ITEM_DOT = re.compile(r"^([a-z]|[ivx]{1,5})\.\s+(.*)$")

_TERMINAL = tuple('.!?:;)"”’\'')
_CONTINUATION_WORDS = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "its",
    "of", "on", "or", "that", "the", "their", "this", "to", "which", "with", "will", "would", "not",
}
_REFERENCE_WORDS = {
    "section", "sections", "paragraph", "paragraphs", "clause", "clauses", "para", "under", "see", "of",
    "to", "in", "and", "or", "the", "at", "by", "with", "from", "regulation", "article", "standing", "order",
}
_SLUG_STOP = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "is", "it", "of", "on",
    "or", "the", "their", "to", "with", "what", "whats", "s", "its", "into",
}


@dataclass
class Line:
    """One cleaned line and what it was taken to be."""

    kind: str  # title | heading | number | item | bullet | text
    text: str
    blank_before: bool = False
    number: str | None = None  # the clause id for kind "number"
    depth: float = 0.0  # nesting of a number or level of a heading
    marker: str | None = None  # "a." for items
    title_like: bool = False
    level: float | None = None  # a heading's level when the source states it (Word's Heading 1, 2 …)


def _words(text: str) -> list[str]:
    return text.split()


def _ends_terminal(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _looks_like_title(text: str) -> bool:
    """Short, starts with a capital, no sentence punctuation or dangling word at its end."""
    words = _words(text)
    return (
        0 < len(words) <= 12
        and len(text) <= 100
        and text[0].isupper()
        and not text.rstrip().endswith((".", ";", ",", ":"))
        and words[-1].lower() not in _CONTINUATION_WORDS
        and words[-1].lower() not in _REFERENCE_WORDS
    )


def _roman_value(s: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not s or any(c not in values for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = values[c]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


def _classify(raw: list[str]) -> list[Line]:
    """First pass: what each line is, with blank lines folded into ``blank_before``."""
    lines: list[Line] = []
    blank = True
    state = _NumberingState()
    for text in raw:
        if not text or text == PAGE_BREAK:
            blank = True
            continue
        lines.append(_classify_one(text, blank, lines[-1] if lines else None, state))
        blank = False
    return lines


@dataclass
class _NumberingState:
    """The numbering seen so far, to tell a clause number from a number that wrapped to a line start."""

    last: tuple[int, ...] | None = None
    upper: list[str] = field(default_factory=list)  # upper-case section markers (I, II / A, B)

    def plausible(self, number: str) -> bool:
        parts = tuple(int(p) for p in number.split("."))
        last = self.last
        if last is None or parts == last:
            return True
        if parts[: len(last)] == last and len(parts) == len(last) + 1 and parts[-1] <= 2:
            return True  # first child
        for depth in range(1, len(last) + 1):
            prefix = last[: depth - 1]
            if parts[: depth - 1] == prefix and len(parts) >= depth and 0 < parts[depth - 1] - last[depth - 1] <= 3:
                return all(p <= 2 for p in parts[depth:])  # next sibling, or first clause of a next section
        return False

    def accept(self, number: str) -> None:
        self.last = tuple(int(p) for p in number.split("."))


def _classify_one(text: str, blank: bool, prev: Line | None, state: _NumberingState) -> Line:
    if text.startswith(TITLE_MARK):
        return Line("title", text[len(TITLE_MARK):].strip(), blank_before=True)
    if text.startswith(HEADING_MARK) and text[1:2].isdigit():
        inner = _classify_one(text[3:].strip(), True, prev, state)
        if inner.kind == "number":
            inner.title_like = True
            return inner
        # Word's heading levels are real; keep them under any numbered heading (levels below 1).
        return Line("heading", text[3:].strip(), blank_before=True, level=min(0.9, int(text[1]) * 0.2))
    md = _MD_HEADING.match(text)
    if md:
        inner = _classify_one(md.group(2).strip(), True, prev, state)
        if inner.kind == "number":
            inner.title_like = True
            return inner
        return Line("heading", md.group(2).strip(), blank_before=True, depth=0)

    bulleted = _BULLET.match(text)
    body = bulleted.group(1).strip() if bulleted else text
    body = _STRAY_PAGE.sub("", body)
    mid_sentence = (
        prev is not None
        and not blank
        and bulleted is None
        and prev.kind in ("text", "number", "item", "bullet")
        and (prev.text.endswith(",") or prev.text.rsplit(" ", 1)[-1].lower() in _REFERENCE_WORDS)
        and not _ends_list_entry(prev.text)
    )
    boundary = blank or bulleted is not None or prev is None or prev.kind == "heading" or _ends_terminal(prev.text)

    for pattern in (_MULTI, _SINGLE):
        m = pattern.match(body)
        if m and not mid_sentence:
            rest = (m.group(2) or "").strip()
            starts_well = not rest or rest[0].isupper() or rest[0] in "\"'“‘("
            if starts_well and (state.plausible(m.group(1)) or boundary):
                state.accept(m.group(1))
                return Line("number", rest, blank, number=m.group(1), depth=m.group(1).count(".") + 1)
    m = _SINGLE_NODOT.match(body)
    if m and boundary and len(_words(m.group(2))) <= 8 and state.plausible(m.group(1)):
        state.accept(m.group(1))
        return Line("number", m.group(2).strip(), blank, number=m.group(1), depth=1, title_like=True)
    m = _LETTERED.match(body)
    if m and boundary and m.group(2)[:1].isupper():
        num = m.group(1)
        return Line("number", m.group(2).strip(), blank, number=num, depth=num.count(".") + 2)
    m = _PART.match(body)
    if m and boundary and len(_words(m.group(3))) <= 12 and not m.group(3).rstrip().endswith("."):
        label = f"{m.group(1).title()} {m.group(2).upper()}"
        title = f"{label}: {m.group(3).strip()}" if m.group(3).strip() else label
        return Line("heading", title, True, depth=-1)
    m = _UPPER_SECTION.match(body)
    if m and boundary and _is_upper_sequence(m.group(1), state.upper):
        state.upper.append(m.group(1))
        return Line("number", m.group(2).strip(), blank, number=m.group(1), depth=0.5)

    m = _ITEM_PAREN.match(body) or _ITEM_DOT.match(body)
    if m and not mid_sentence:
        marker = body[: len(body) - len(m.group(2))].strip()
        return Line("item", m.group(2).strip(), blank, marker=marker)
    if bulleted:
        return Line("bullet", body, blank, marker="•")
    return Line("text", text, blank)


def _ends_list_entry(text: str) -> bool:
    """``…; and`` / ``…, or``: the end of one entry of a list, with the next to come."""
    return bool(re.search(r"[;,]\s*(?:and|or)$", text.rstrip(), re.I))


def _is_upper_sequence(marker: str, seq: list[str]) -> bool:
    """Whether ``marker`` continues a run of section markers (I, II, III or A, B, C)."""
    if not seq:
        return marker in ("I", "A")
    last = seq[-1]
    roman_last, roman_this = _roman_value(last), _roman_value(marker)
    if seq[0] == "I" and roman_last and roman_this and roman_this == roman_last + 1:
        return True
    return seq[0] == "A" and len(marker) == 1 and len(last) == 1 and ord(marker) == ord(last) + 1


def _mark_headings(lines: list[Line]) -> None:
    """Second look: which plain text lines are headings, and which numbered lines are titles."""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = lines[i - 1] if i else None
        if line.kind == "text":
            line.kind = "heading" if _text_is_heading(line, prev, nxt) else "text"
        elif line.kind == "number" and not line.title_like:
            line.title_like = _number_is_title(line, lines, i)


def _text_is_heading(line: Line, prev: Line | None, nxt: Line | None) -> bool:
    text = line.text
    words = _words(text)
    if not words or len(words) > 12 or len(text) > 100 or not text[0].isupper():
        return False
    if text.endswith((".", ";", ",")) or words[-1].lower() in _CONTINUATION_WORDS | _REFERENCE_WORDS:
        return False
    after_break = line.blank_before or prev is None or prev.kind == "heading" or _ends_terminal(prev.text)
    if not after_break:
        return False
    if nxt is not None and nxt.kind == "text" and not nxt.blank_before and nxt.text[:1].islower():
        return False  # a wrapped sentence, not a heading
    if text.endswith(":"):
        return nxt is not None and nxt.kind in ("text", "number", "heading") and len(words) <= 8
    if nxt is not None and nxt.kind in ("item", "bullet") and not _is_caps(text):
        return False  # a list's lead-in without its colon
    if _is_caps(text):
        return True
    standalone = nxt is None or nxt.blank_before or nxt.kind in ("number", "heading")
    if standalone and len(words) <= 8:
        return nxt is None or nxt.kind != "text" or nxt.text[:1].isupper()
    return False


def _number_is_title(line: Line, lines: list[Line], i: int) -> bool:
    if not line.text:
        return True
    if not _looks_like_title(line.text):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None:
        return _is_caps(line.text)
    if nxt.kind == "number" and nxt.number and line.number and _is_child(nxt.number, line.number):
        return True
    if nxt.kind in ("item", "bullet"):
        return False
    if nxt.kind == "text" and not nxt.blank_before and (nxt.text[:1].islower() or len(_words(line.text)) > 8):
        return False
    return _is_caps(line.text) or nxt.kind in ("text", "heading") or line.depth <= 1


def _is_child(number: str, parent: str) -> bool:
    return number.startswith(parent + ".") or (
        parent.isalpha() and number.startswith(parent) and number[len(parent):][:1].isdigit()
    )


def slugify(text: str, max_words: int = 3) -> str:
    """A short id stem from a heading: ``PRESS AND MEDIA`` → ``press-media``."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower().replace("’", "'").replace("'", ""))
    kept = [w for w in words if w not in _SLUG_STOP] or words
    return "-".join(kept[:max_words]) or "section"


@dataclass
class _Heading:
    level: float
    text: str
    numbered: bool
    is_title: bool = False


@dataclass
class _Building:
    id_stem: str
    number: str | None
    path: tuple[str, ...]
    title: str | None = None
    parts: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    ended: bool = False  # an unnumbered heading came after it

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""

    def add(self, text: str) -> None:
        self.parts.append(text)

    def extend_last(self, text: str) -> None:
        if self.items and self.parts and self.parts[-1] == self.items[-1]:
            self.items[-1] = self.items[-1] + " " + text
        self.parts[-1] = (self.parts[-1] + " " + text) if self.parts else text


def _joins(prev_text: str, line: Line) -> bool:
    """Whether ``line`` continues the sentence of ``prev_text`` (a wrap or page break)."""
    if not prev_text:
        return False
    if not line.blank_before:
        return True
    if _ends_terminal(prev_text):
        return False
    return line.text[:1].islower()


def build_clauses(raw_lines: list[str]) -> list[Clause]:
    """Clauses in document order, ids unique."""
    lines = _classify(raw_lines)
    _mark_headings(lines)

    stack: list[_Heading] = []
    built: list[_Building] = []
    current: _Building | None = None

    def heading_path() -> tuple[str, ...]:
        return tuple(h.text for h in stack)

    def id_stem() -> str:
        return slugify(stack[-1].text) if stack and not stack[-1].is_title else "preamble"

    def push_heading(level: float, text: str, numbered: bool, strict: bool) -> None:
        while stack and (stack[-1].is_title or (stack[-1].level >= level if strict else stack[-1].level > level - 1)):
            stack.pop()
        stack.append(_Heading(level, text, numbered))

    for line in lines:
        if line.kind == "title":
            stack[:] = [_Heading(-9, line.text, False, is_title=True)]
            current = None
            continue
        if line.kind == "heading":
            if line.level is not None:
                level = line.level
            else:
                level = line.depth if line.depth < 0 else _unnumbered_level(line.text, stack)
            push_heading(level, line.text.rstrip(":").strip(), False, strict=True)
            if current is not None:
                current.ended = True
            current = None
            continue

        if line.kind == "number":
            assert line.number is not None
            depth = line.depth
            if line.title_like and line.text:
                push_heading(depth, line.text.rstrip(":").strip(), True, strict=False)
                current = _Building(line.number, line.number, heading_path(), title=line.text.rstrip(":").strip())
            else:
                while stack and stack[-1].numbered and stack[-1].level >= depth:
                    stack.pop()
                current = _Building(line.number, line.number, heading_path())
            if line.text:
                current.add(line.text)
            built.append(current)
            continue

        if line.kind in ("item", "bullet"):
            label = f"{line.marker} {line.text}" if line.marker and line.marker != "•" else f"• {line.text}"
            if current is not None and line.kind == "bullet" and _continues_in_bullet(current.last, line):
                current.extend_last(line.text)
                continue
            if current is None or current.ended:
                current = _Building(id_stem(), None, heading_path())
                built.append(current)
            current.add(label)
            current.items.append(label)
            continue

        # Plain text.
        if current is not None and _joins(current.last, line):
            current.extend_last(line.text)
            continue
        if current is not None and current.number is not None and not current.ended:
            current.add(line.text)
            continue
        current = _Building(id_stem(), None, heading_path())
        current.add(line.text)
        built.append(current)

    return _finish(built)


def _continues_in_bullet(prev_text: str, line: Line) -> bool:
    """A "bullet" that is really the rest of a sentence cut by a page break."""
    if not prev_text or not line.blank_before or _ends_terminal(prev_text):
        return False
    last_word = prev_text.rsplit(" ", 1)[-1].lower()
    return line.text[:1].islower() and last_word in _CONTINUATION_WORDS


def _unnumbered_level(text: str, stack: list[_Heading]) -> float:
    """Upper-case headings sit above title-case ones; both sit under the deepest numbered heading."""
    base = max((h.level for h in stack if h.numbered), default=0.0)
    base = float(int(base)) if base >= 1 else 0.0
    return base + (0.25 if _is_caps(text) else 0.5)


def _finish(built: list[_Building]) -> list[Clause]:
    clauses: list[Clause] = []
    used: set[str] = set()
    paragraph_counts: dict[str, int] = {}
    for b in built:
        if not b.parts:
            continue
        if b.number is None:
            paragraph_counts[b.id_stem] = paragraph_counts.get(b.id_stem, 0) + 1
            cid = f"{b.id_stem}.{paragraph_counts[b.id_stem]}"
        else:
            cid = b.number
        base, n = cid, 1
        while cid in used:
            n += 1
            cid = f"{base}-{n}"
        used.add(cid)
        text = "\n".join(p.strip() for p in b.parts if p.strip())
        if not text:
            continue
        clauses.append(
            Clause(id=cid, text=text, path=b.path, items=tuple(b.items), number=b.number, title=b.title)
        )
    return clauses
