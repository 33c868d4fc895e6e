"""Importing a protocol document (text, markdown, PDF, Word) into a pack."""

from __future__ import annotations

import re
from pathlib import Path

from protocol.cleaning import clean
from protocol.errors import ImportFailed
from protocol.model import ProtocolPack
from protocol.readers import read_document
from protocol.structure import build_clauses

_ROLE_WORDS = (
    re.compile(r"\b(?:councillors?|members?|mayor)\b", re.I),
    re.compile(r"\b(?:officers?|employees?|staff|clerk|proper officer)\b", re.I),
)


def import_text(text: str, source: str | None = None) -> ProtocolPack:
    """Build a pack from a document's text.

    Raises :class:`ImportFailed` when the text is empty or is not a member/officer
    protocol.
    """
    name = Path(source).name if source else "The document"
    if not text or not text.strip():
        raise ImportFailed(f"{name} has no text: export the protocol again and import the new file.")
    lines, meta = clean(text)
    clauses = build_clauses(lines)
    body = " ".join(c.text for c in clauses)
    if not clauses or not all(p.search(body) for p in _ROLE_WORDS):
        raise ImportFailed(
            f"{name} does not look like a member/officer protocol (it never speaks of councillors and "
            "officers): check you chose the right file."
        )
    return ProtocolPack(
        clauses=tuple(clauses),
        council=meta.council,
        title=meta.title,
        adopted=meta.adopted,
        reviewed=meta.reviewed,
        source=source,
    )


def import_file(path: str | Path) -> ProtocolPack:
    """Import the document at ``path`` (.txt, .md, .pdf or .docx)."""
    return import_text(read_document(path), source=str(path))
