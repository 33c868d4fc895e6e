"""Reading protocol documents (text, markdown, PDF, Word) into plain text lines.

Each reader returns the document as a list of lines; PDF pages are separated by a
form feed line so that the cleaner can find running headers and footers.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from protocol.errors import ImportFailed

PAGE_BREAK = "\f"
HEADING_MARK = "\u0002"  # "\u00022 Access": a heading whose level (2) the source states, as Word's styles do

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_BINARY_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def read_document(path: str | Path) -> str:
    """The text of the document at ``path``, whatever its format.

    Raises :class:`ImportFailed` with a sentence saying what to do when the file is
    missing, unreadable, too large, binary, corrupt or has no text.
    """
    p = Path(path)
    if not p.exists():
        raise ImportFailed(f"There is no file at {p}: check the path and try again.")
    if p.is_dir():
        raise ImportFailed(f"{p} is a folder, not a document: give the path of the protocol file itself.")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFailed(f"{p} cannot be read ({exc.strerror or exc}): check its permissions and try again.") from None
    if size == 0:
        raise ImportFailed(f"{p} is empty: export the protocol again and import the new file.")
    kind = _kind_of(p, head)
    limit = MAX_TEXT_BYTES if kind == "text" else MAX_BINARY_BYTES
    if size > limit:
        raise ImportFailed(
            f"{p} is {size / 1_048_576:.1f} MB, larger than any protocol should be "
            f"(the limit is {limit // 1_048_576} MB): check you chose the right file."
        )
    data = p.read_bytes()
    if kind == "pdf":
        return read_pdf(data, name=p.name)
    if kind == "docx":
        return read_docx(data, name=p.name)
    return decode_text(data, name=p.name)


def _kind_of(p: Path, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if p.suffix.lower() in (".docx", ".docm") or _is_docx_zip(p):
            return "docx"
        raise ImportFailed(
            f"{p.name} is a zip archive but not a Word .docx document: "
            "save the protocol as .docx, .pdf or .txt and try again."
        )
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        raise ImportFailed(f"{p.name} is named .pdf but is not a PDF: check the file, or export the protocol again.")
    if suffix in (".docx", ".docm"):
        raise ImportFailed(f"{p.name} is named .docx but is not a Word document: save it again from Word as .docx.")
    if suffix == ".doc":
        raise ImportFailed(
            f"{p.name} is an old Word .doc file, which cannot be read: open it in Word and save it as .docx, then import that."
        )
    return "text"


def _is_docx_zip(p: Path) -> bool:
    try:
        with zipfile.ZipFile(p) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def decode_text(data: bytes, name: str = "the document") -> str:
    """Decode a text document (UTF-8, UTF-16 with BOM, or Windows-1252)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in sample or controls > max(10, len(sample) // 100):
        raise ImportFailed(
            f"{name} looks like a binary file, not a text document: "
            "import the protocol as .txt, .md, .pdf or .docx."
        )
    return text


def read_pdf(data: bytes, name: str = "the PDF") -> str:
    """The text of a PDF, page by page (pages separated by a form feed line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                opened: object
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - any failure means we cannot open it
                    opened = 0
                if not opened:
                    raise ImportFailed(f"{name} is password-protected: save an unprotected copy and import that.")
            pages = [(page.extract_text() or "") for page in reader.pages]
    except ImportFailed:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise ImportFailed(
            f"{name} is damaged or not a readable PDF: export the protocol to PDF again, or save it as .docx or .txt."
        ) from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on corrupt files
        raise ImportFailed(
            f"{name} could not be read as a PDF: export the protocol to PDF again, or save it as .docx or .txt."
        ) from None
    if not any(p.strip() for p in pages):
        raise ImportFailed(
            f"{name} has no text layer (it may be a scanned image): export it from the original document, "
            "or run it through OCR first."
        )
    return f"\n{PAGE_BREAK}\n".join(pages)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about damaged files; we report them ourselves, once, in a sentence."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def read_docx(data: bytes, name: str = "the Word document") -> str:
    """The text of a .docx: headings as markdown headings, Word's automatic
    numbering written out (``1.1``, ``a.``), list bullets as ``-``, tables row by row."""
    from protocol.docx_text import docx_lines

    try:
        lines = docx_lines(io.BytesIO(data))
    except ImportFailed:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises many kinds of error on corrupt files
        raise ImportFailed(
            f"{name} is damaged or not a readable Word document: save it again from Word as .docx, or as PDF."
        ) from None
    return "\n".join(lines)
