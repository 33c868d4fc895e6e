"""Cleaning extracted text: debris out, metadata (council, title, dates) kept aside.

Works line by line with anchored, linear-time patterns. What it removes is never
protocol body: contents pages, page footers and running headers, signature blocks,
contact details, version tables, and extraction debris (``<sup>``, ``**``,
hyphenation, zero-width characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from protocol.readers import HEADING_MARK, PAGE_BREAK

BULLET_CHARS = "•●▪◦‣∙·○■□➢►✓"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SUP = re.compile(r"</?(?:sup|sub|u|b|i|em|strong|span|br)\b[^<>]{0,200}>", re.I)
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_ITALIC_LINE = re.compile(r"^\*([^*\n]{1,2000})\*$", re.M)
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\(([^)\s]{1,500})\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,500})>")
_BULLET_START = re.compile(rf"^[{BULLET_CHARS}]\s*")

_PAGE_FOOTER = re.compile(r"^(?:-\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?$", re.I)
_CONTENTS_HEAD = re.compile(r"^(?:table of )?contents:?$|^index:?$", re.I)
_TOC_ENTRY = re.compile(r"^[^\n]{1,120}?(?:\s|\.|…|_|·){0,200}\d{1,3}$")
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|_{4,}|(?:\. ){4,})\s*\d{1,3}$")
_SIGNATURE = re.compile(
    r"^(?:signed|signature|dated|date|name|position|chair(?:man)?|mayor|town clerk|clerk|proper officer)\b"
    r"[^\n]{0,80}?(?:\.{3,}|_{3,}|…)",
    re.I,
)
_SIGNED = re.compile(r"^(?:signed|signature)\b\s*[:(.…_]", re.I)
_BARE_SIGNED = re.compile(r"^(?:signed|dated|signature)\.?$", re.I)
_CONTACT = re.compile(
    r"^(?:for (?:more|further) information(?: please)? contact|contact(?: us| details)?|tel(?:ephone)?|phone|"
    r"e-?mail|web(?:site)?|address)\b[^\n]{0,120}$",
    re.I,
)
_EMAIL_OR_URL = re.compile(r"^(?:[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}|(?:https?://|www\.)\S{1,300})$", re.I)
_VERSION_TABLE_HEAD = re.compile(
    r"^(?:review summary|version (?:control|history)|document (?:control|history)|revision history|"
    r"amendment (?:record|history)|change log)\b",
    re.I,
)
_MD_HEADING = re.compile(r"^#{1,6}\s")

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"(?:\d{{1,2}}\s*(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b(?:19|20)\d{2}\b)",
    re.I,
)
_ADOPTED = re.compile(
    r"^(?:date (?:of )?adopt(?:ed|ion)|adopted|agreed|approved|ratified|re-?adopted)\b[^\n]{0,120}$", re.I
)
_REVIEWED = re.compile(
    r"^(?:(?:next |date of (?:next )?)?review(?:ed)?(?: date| due)?|to be reviewed|review by)\b[^\n]{0,120}$", re.I
)
_REVIEW_IN_LINE = re.compile(r"\breview(?:ed| date| due)?\b[:\s]{1,5}([^\n]{1,60})$", re.I)
_ENDS_ON = re.compile(r"\b(?:on|by|dated)$", re.I)

COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,4}?(?:town|parish|city|community|village|neighbourhood)\s+council)\b",
    re.I,
)
_TITLE_WORDS = re.compile(r"\b(?:protocol|relations|code|policy)\b", re.I)
TITLE_MARK = "\u0001"  # prefixes a document-title line handed on to the structure pass
_SMALL_WORDS = {"and", "of", "the", "on", "in", "for", "to", "a", "an", "with", "by"}


@dataclass
class Metadata:
    """What the document says about itself."""

    council: str | None = None
    title: str | None = None
    adopted: str | None = None
    reviewed: str | None = None


def normalise(text: str) -> str:
    """Unicode, markup and whitespace debris out; line structure kept."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    text = _SUP.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    text = _MD_ITALIC_LINE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1 (\2)", text)
    text = _AUTOLINK.sub(r"\1", text)
    lines = []
    for line in text.split("\n"):
        if PAGE_BREAK in line and not line.replace(PAGE_BREAK, "").strip():  # strip() would eat the form feed
            lines.append(PAGE_BREAK)
            continue
        line = line.replace(PAGE_BREAK, " ")
        line = re.sub(r" {2,}", " ", line.strip())
        line = _BULLET_START.sub("- ", line)
        lines.append(line)
    return "\n".join(lines)


def _is_blank(line: str) -> bool:
    return not line or line == PAGE_BREAK


_STRUCTURED_START = re.compile(r"^(?:- )?(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-z]\.|\([a-z0-9]{1,5}\))\s")
_RUNNING_WORDS = re.compile(r"council|protocol|policy|page|#")


def _could_be_running(line: str) -> bool:
    """A line short and bare enough to be a page header or footer (never a clause, item or sentence)."""
    return (
        bool(line)
        and line != PAGE_BREAK
        and len(line.split()) <= 14
        and not line.startswith("- ")
        and not _STRUCTURED_START.match(line)
        and not line.rstrip().endswith((".", ":", ";", ","))
    )


def _drop_running_lines(lines: list[str]) -> list[str]:
    """Remove page headers and footers: lines that stand at the top or foot of most pages
    (or, in text with no page breaks, name the council or document again and again)."""

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line == PAGE_BREAK:
            pages.append([])
        elif line:
            pages[-1].append(i)
    drop: set[int] = set()
    if len(pages) >= 2:
        edge_lines: dict[str, list[int]] = {}
        for page in pages:
            edges = page[:3] + page[-3:]
            for k in {key(lines[i]) for i in edges if _could_be_running(lines[i])}:
                edge_lines.setdefault(k, []).extend(i for i in edges if key(lines[i]) == k)
        needed = max(2, -(-len(pages) // 2))
        for where in edge_lines.values():
            if len({_page_of(pages, i) for i in where}) >= needed:
                drop.update(where)
    else:
        counts = Counter(key(line) for line in lines if _could_be_running(line))
        for i, line in enumerate(lines):
            if _could_be_running(line) and counts[key(line)] >= 3 and _RUNNING_WORDS.search(key(line)):
                drop.add(i)
    return [line for i, line in enumerate(lines) if i not in drop]


def _page_of(pages: list[list[int]], index: int) -> int:
    for n, page in enumerate(pages):
        if page and page[0] <= index <= page[-1]:
            return n
    return -1


def _join_hyphenated(lines: list[str]) -> list[str]:
    """``conc-`` + ``iliation`` across a line (or page) break becomes ``conciliation``."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.search(r"[a-z]-$", line) and not re.search(r"\s-$", line):
            j = i + 1
            while j < len(lines) and _is_blank(lines[j]) and j - i <= 3:
                j += 1
            if j < len(lines) and re.match(r"^[a-z]", lines[j]):
                first, _, rest = lines[j].partition(" ")
                out.append(line[:-1] + first)
                lines[j] = rest
                if not rest:
                    i = j + 1
                    continue
                i = j
                continue
        out.append(line)
        i += 1
    return out


def _drop_contents(lines: list[str]) -> list[str]:
    """Remove a contents page: a ``Contents`` line and the entries that follow it."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _CONTENTS_HEAD.match(lines[i].lstrip("# ")):
            j = i + 1
            entries = 0
            while j < len(lines):
                line = lines[j].lstrip("-# ").strip()
                if _is_blank(line) or _PAGE_FOOTER.match(line):
                    j += 1
                elif _TOC_ENTRY.match(line) and len(line.split()) <= 14:
                    entries += 1
                    j += 1
                else:
                    break
            if entries >= 2:
                i = j
                continue
        if _DOT_LEADER.search(lines[i][-120:]):  # only a line's end can hold a leader; a long run must not rescan
            i += 1
            continue
        out.append(lines[i])
        i += 1
    return out


def _date_in(line: str) -> str | None:
    match = _DATE.search(line)
    if not match:
        return None
    return re.sub(r"(\d)\s*(?:st|nd|rd|th)\b", r"\1", match.group(0)).strip()


def _title_case(text: str) -> str:
    if text.upper() != text:
        return text
    words = text.lower().split()
    titled = " ".join(w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return re.sub(r"([/-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), titled)


def _council_in(line: str) -> str | None:
    match = COUNCIL_NAME.search(line)
    if not match:
        return None
    name = re.sub(r"\s+", " ", match.group(1)).strip()
    words = name.split()
    # "Protocol Policy Ashbourne Town Council": keep the proper-noun run before the council kind.
    while len(words) > 3 and (words[0].lower() in _SMALL_WORDS or _TITLE_WORDS.match(words[0])):
        words = words[1:]
    if words[0].lower() in {"the", "this", "our", "each", "any", "every", "principal", "a"}:
        return None
    return _title_case(" ".join(words))


def _is_title_line(line: str) -> bool:
    text = line.lstrip("# ").strip()
    words = text.split()
    if not words or len(words) > 12 or text[-1] in ".:;,":
        return False
    if COUNCIL_NAME.search(text) and _council_in(text):
        return True
    if not _TITLE_WORDS.search(text):
        return False
    words = [w for w in words if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS)
    return capitalised >= 0.8 * len(words)


def clean(text: str) -> tuple[list[str], Metadata]:
    """The document's body as cleaned lines ("" between paragraphs), and its metadata."""
    meta = Metadata()
    lines = normalise(text).split("\n")
    lines = _drop_running_lines(lines)
    lines = [line for line in lines if not (_PAGE_FOOTER.match(line) and not line.startswith("- "))]
    lines = _join_hyphenated(lines)
    lines = _drop_contents(lines)

    out: list[str] = []
    first_clause_seen = False
    skipping_table = False
    for line in lines:
        if line == PAGE_BREAK:
            out.append(PAGE_BREAK)
            continue
        bare = re.sub(rf"^{HEADING_MARK}\d ", "", line).lstrip("#").strip()
        if skipping_table:
            if _MD_HEADING.match(line) or line.startswith(HEADING_MARK) or re.match(r"^(?:- )?\d{1,3}(?:\.\d{1,3})*\.?\s+[A-Z]", bare):
                skipping_table = False
            else:
                continue
        if not bare:
            out.append("")
            continue
        if re.match(r"^(?:- )?\d{1,3}(?:\.\d{1,3})*\.?\s", bare) or len(bare.split()) >= 25:
            first_clause_seen = True
        words = len(bare.split())
        if _VERSION_TABLE_HEAD.match(bare) and words <= 6:
            skipping_table = True
            continue
        if words <= 24 and _ADOPTED.match(bare) and (_date_in(bare) or _ENDS_ON.search(bare)):
            meta.adopted = meta.adopted or _date_in(bare)
            review = _REVIEW_IN_LINE.search(bare)
            if review:
                meta.reviewed = meta.reviewed or _date_in(review.group(1))
            continue
        if words <= 14 and _REVIEWED.match(bare) and (_date_in(bare) or _ENDS_ON.search(bare) or bare.endswith(":")):
            meta.reviewed = meta.reviewed or _date_in(bare)
            continue
        if words <= 14 and re.search(r"\b(?:reviewed|adopted|agreed|approved)\b", bare, re.I) and _ENDS_ON.search(bare):
            date = _date_in(bare)
            if re.search(r"review", bare, re.I):
                meta.reviewed = meta.reviewed or date
            else:
                meta.adopted = meta.adopted or date
            continue
        if words <= 6 and _ENDS_ON.search(bare) and COUNCIL_NAME.search(bare):
            continue  # "Ashbourne Town Council on" — the stub of a signature line
        if words <= 12 and (_SIGNATURE.match(bare) or _SIGNED.match(bare) or _BARE_SIGNED.match(bare)):
            continue
        if not first_clause_seen and words <= 16 and (
            (_CONTACT.match(bare) and re.search(r"@|\d{4}|www\.|:$", bare)) or _EMAIL_OR_URL.match(bare)
        ):
            continue
        if not first_clause_seen and _is_title_line(bare):
            council = _council_in(bare)
            if council and not meta.council:
                meta.council = council
            rest = COUNCIL_NAME.sub("", bare).strip(" -–—:") if council else bare
            if rest and _TITLE_WORDS.search(rest) and not meta.title:
                meta.title = _title_case(rest)
            out.append(TITLE_MARK + bare)
            continue
        out.append(line)

    if not meta.council:
        for line in out[:80]:
            if line and len(line.split()) <= 14:
                council = _council_in(line.lstrip("# "))
                if council:
                    meta.council = council
                    break
    return out, meta
