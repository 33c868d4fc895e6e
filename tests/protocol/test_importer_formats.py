"""The importer on PDF and Word documents, on corrupt and odd files, and the CLI's import contract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from protocol.errors import ImportFailed
from protocol.importer import import_file
from protocol.readers import MAX_TEXT_BYTES

fpdf = pytest.importorskip("fpdf")
docx = pytest.importorskip("docx")

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / ".venv" / "bin" / "protocol-bot"
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
WONDERLAND = SEEDS / "003_816d57c5047fc2be.txt"


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- PDF ------------------------------------------------------------------------------------------

PDF_HEADER = "Brookmere Town Council - Member/Officer Protocol"
PDF_SECTIONS = ["Introduction", "Roles", "Information", "Correspondence", "Press", "Concerns"]
PDF_ITEMS_LEAD = "A councillor may ask the Clerk for documents where:"
PDF_ITEMS = ("a. the councillor sits on the committee concerned;", "b. the councillor shows a need to know.")
PDF_HYPHEN_LINES = (
    "6.2 An officer with a concern about a councillor should seek an informal conc-",
    "iliation through the Clerk before using the grievance procedure.",
)
POOL = [  # distinct sentences for the PDF's clauses
    "Councillors and officers will treat one another with courtesy and respect at all times.",
    "Neither will seek to take unfair advantage of their position.",
    "Officers give impartial advice and councillors are free to disagree with it in the proper way.",
    "A councillor acting alone has no authority to instruct any member of staff.",
    "The Clerk is the head of paid service and manages every other employee of the Council.",
    "Requests for help with council business go to the Clerk, who may pass them to a colleague.",
    "Confidential papers must be kept securely and returned or shredded once they are no longer needed.",
    "Personal data about residents or staff is released only where a specific need is shown.",
    "Letters that commit the Council to any course of action are signed by the Clerk alone.",
    "Copies of e-mails should be visible to every recipient, so blind copies are not used.",
    "Only the Mayor, or a councillor named by the Council, speaks to journalists for the Council.",
    "Staff give facts to reporters but never offer political opinions of their own.",
    "Council equipment, stationery and postage are for council business and nothing else.",
    "Visits to the depot or the office are arranged with the Clerk in advance.",
    "Appointments are made on merit, and any personal connection with a candidate is declared.",
    "A concern about an officer is raised privately with the Clerk and never in public.",
    "A concern about the Clerk is raised with the Chair of the Staffing Committee.",
    "Complaints under the Code of Conduct go to the Monitoring Officer of the district council.",
    "Political groups cannot require staff to attend their meetings or write material for them.",
    "Out of hours, staff are contacted only in a genuine emergency.",
]


def _pdf_body(section: int, clause: int, name: str) -> str:
    # Every clause worded differently: lines repeated on many pages would be taken for running headers.
    i = (section - 1) * 3 + clause
    picks = [POOL[(i * 3 + j) % len(POOL)] for j in range(6)]
    return f"On {name.lower()}, clause {section}.{clause} says this. " + " ".join(picks)


def _make_protocol_pdf(path: Path, sections: list[str] = PDF_SECTIONS) -> int:
    class ProtocolPDF(fpdf.FPDF):
        def header(self):
            self.set_font("Helvetica", "I", 9)
            self.cell(0, 8, PDF_HEADER, new_x="LMARGIN", new_y="NEXT", align="C")
            self.ln(2)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "I", 9)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = ProtocolPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Brookmere Town Council", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 8, "Adopted: 14 January 2025", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def line(text: str) -> None:
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")

    for s, name in enumerate(sections, 1):
        pdf.set_font("Helvetica", "B", 12)
        line(f"{s}. {name}")
        pdf.set_font("Helvetica", "", 11)
        for k in range(1, 4):
            if (s, k) == (3, 2):
                line(f"3.2 {PDF_ITEMS_LEAD}")
                for item in PDF_ITEMS:
                    line(item)
            elif (s, k) == (6, 2):
                for text in PDF_HYPHEN_LINES:
                    line(text)
            else:
                pdf.multi_cell(0, 6, f"{s}.{k} {_pdf_body(s, k, name)}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))
    return pdf.pages_count


@pytest.fixture(scope="module")
def pdf_pack(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "brookmere.pdf"
    pages = _make_protocol_pdf(path)
    assert pages == 3
    return import_file(path)


def test_pdf_clause_ids_in_order(pdf_pack):
    expected = []
    for s in range(1, len(PDF_SECTIONS) + 1):
        expected += [str(s)] + [f"{s}.{k}" for k in range(1, 4)]
    assert [c.id for c in pdf_pack] == expected
    assert pdf_pack.council == "Brookmere Town Council"
    assert pdf_pack.adopted == "14 January 2025"


def test_pdf_section_headings(pdf_pack):
    for s, name in enumerate(PDF_SECTIONS, 1):
        head = pdf_pack.get(str(s))
        assert head.is_heading_only and head.heading == name
        for k in range(1, 4):
            c = pdf_pack.get(f"{s}.{k}")
            assert c.path == (name,) and c.heading == name and not c.is_heading_only


def test_pdf_clause_texts_whole_across_line_and_page_breaks(pdf_pack):
    for s, name in enumerate(PDF_SECTIONS, 1):
        for k in range(1, 4):
            if (s, k) in ((3, 2), (6, 2)):
                continue
            c = pdf_pack.get(f"{s}.{k}")
            assert "\n" not in c.text, c.id
            assert _squash(c.text) == _pdf_body(s, k, name), c.id


def test_pdf_items(pdf_pack):
    c = pdf_pack.get("3.2")
    assert c.items == PDF_ITEMS
    assert c.text == "\n".join((PDF_ITEMS_LEAD, *PDF_ITEMS))
    assert pdf_pack.get("3.3").items == ()


def test_pdf_hyphenated_word_rejoined(pdf_pack):
    assert pdf_pack.get("6.2").text == (
        "An officer with a concern about a councillor should seek an informal conciliation through the Clerk "
        "before using the grievance procedure."
    )


def test_pdf_no_header_or_footer_debris(pdf_pack):
    for c in pdf_pack:
        for part in (c.text, *c.path, *c.items):
            assert PDF_HEADER not in part, c.id
            assert "Member/Officer Protocol" not in part, c.id
            assert not re.search(r"\bPage \d+ of \d+\b", part), c.id
            assert not re.search(r"\{nb\}|\f", part), c.id


def test_two_page_pdf_running_header_is_removed(tmp_path):
    path = tmp_path / "two-pages.pdf"
    assert _make_protocol_pdf(path, PDF_SECTIONS[:4]) == 2
    pack = import_file(path)
    assert [c.id for c in pack] == [i for s in range(1, 5) for i in [str(s)] + [f"{s}.{k}" for k in range(1, 4)]]
    for c in pack:
        assert PDF_HEADER not in c.text, c.id
    assert _squash(pack.get("3.1").text) == _pdf_body(3, 1, "Information")


def test_pdf_with_owner_password_only_still_imports(tmp_path):
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner-only")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "1. Councillors and officers work together.")
    path = tmp_path / "owner.pdf"
    pdf.output(str(path))
    pack = import_file(path)
    assert [(c.id, c.text) for c in pack] == [("1", "Councillors and officers work together.")]


# --- Word ---------------------------------------------------------------------------------------------

DOCX_TABLE = (
    ("About an officer's work", "Raise it in private with the Town Clerk."),
    ("About the Town Clerk", "Raise it with the Chair of the Staffing Committee."),
)


def _make_protocol_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Fernlea Town Council Member/Officer Protocol", style="Title")
    d.add_paragraph("Adopted: 3 February 2025")
    d.add_heading("Introduction", level=1)
    d.add_paragraph("Councillors and officers must treat each other with respect.", style="List Number")
    d.add_paragraph("The Clerk manages all other officers and staff.", style="List Number")
    d.add_heading("Access to information", level=2)
    d.add_paragraph("A councillor may ask the Clerk for information needed for their role.", style="List Number")
    d.add_heading("Correspondence", level=1)
    d.add_paragraph("10.3 Members may ask the Clerk to copy letters to other councillors.")
    d.add_paragraph("10.4 Councillors must not use Council letterhead for:")
    d.add_paragraph("private business;", style="List Bullet")
    d.add_paragraph("party political campaigns.", style="List Bullet")
    d.add_heading("Raising concerns", level=1)
    d.add_paragraph("10.5 Councillors raise concerns about staff in private, as follows.")
    table = d.add_table(rows=len(DOCX_TABLE), cols=2)
    for r, (left, right) in enumerate(DOCX_TABLE):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right
    d.add_paragraph("10.6 Officers raise concerns about councillors with the Town Clerk.")
    d.save(str(path))


@pytest.fixture(scope="module")
def docx_pack(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "fernlea.docx"
    _make_protocol_docx(path)
    return import_file(path)


def test_docx_ids_include_word_automatic_numbering(docx_pack):
    # "List Number" numbering is not in the paragraph text: 1, 2, 3 come from Word's numbering definitions.
    assert [c.id for c in docx_pack] == ["1", "2", "3", "10.3", "10.4", "10.5", "10.6"]
    assert docx_pack.get("1").text == "Councillors and officers must treat each other with respect."
    assert docx_pack.get("2").text == "The Clerk manages all other officers and staff."
    assert docx_pack.get("3").text == "A councillor may ask the Clerk for information needed for their role."
    assert docx_pack.get("10.3").text == "Members may ask the Clerk to copy letters to other councillors."
    assert docx_pack.get("10.6").text == "Officers raise concerns about councillors with the Town Clerk."


def test_docx_metadata_and_headings(docx_pack):
    assert docx_pack.council == "Fernlea Town Council"
    assert docx_pack.title == "Member/Officer Protocol"
    assert docx_pack.adopted == "3 February 2025"
    headings = {c.id: c.heading for c in docx_pack}
    assert headings == {
        "1": "Introduction",
        "2": "Introduction",
        "3": "Access to information",
        "10.3": "Correspondence",
        "10.4": "Correspondence",
        "10.5": "Raising concerns",
        "10.6": "Raising concerns",
    }
    assert docx_pack.get("10.3").path == ("Correspondence",)
    assert not any(c.text.startswith("#") or "Fernlea" in c.text for c in docx_pack)


def test_docx_bullets_are_items(docx_pack):
    c = docx_pack.get("10.4")
    assert c.items == ("• private business;", "• party political campaigns.")
    assert c.text == (
        "Councillors must not use Council letterhead for:\n• private business;\n• party political campaigns."
    )


def test_docx_table_text_is_kept(docx_pack):
    c = docx_pack.get("10.5")
    assert c.text.startswith("Councillors raise concerns about staff in private, as follows.")
    for left, right in DOCX_TABLE:
        assert re.search(re.escape(left) + r"\W{1,5}" + re.escape(right), c.text), (left, c.text)


def test_docx_heading_2_nests_under_heading_1(docx_pack):
    assert docx_pack.get("3").path == ("Introduction", "Access to information")


def _add_multilevel_list(d) -> str:
    """A Word list numbered 1. / 1.1 / a. (as councils' protocols are), returning its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.find(qn("w:num")).addprevious(abstract)  # abstract definitions come before the nums
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def test_docx_multilevel_word_numbering_is_written_out(tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("Fernlea Town Council", style="Title")
    num_id = _add_multilevel_list(d)

    def numbered(text: str, level: int, style: str | None = None) -> None:
        p = d.add_paragraph(text, style=style)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    numbered("Roles", 0, "Heading 1")
    numbered("Councillors set policy and officers carry it out.", 1)
    numbered("Councillors must not:", 1)
    numbered("instruct officers;", 2)
    numbered("ask officers for private favours.", 2)
    numbered("Access to information", 0, "Heading 1")
    numbered("The Clerk decides whether a councillor needs to know.", 1)
    path = tmp_path / "multilevel.docx"
    d.save(str(path))

    pack = import_file(path)
    assert [c.id for c in pack] == ["1", "1.1", "1.2", "2", "2.1"]
    assert pack.get("1").is_heading_only and pack.get("1").heading == "Roles"
    assert pack.get("1.2").items == ("a. instruct officers;", "b. ask officers for private favours.")
    assert pack.get("1.2").text.startswith("Councillors must not:\n")
    assert pack.get("2.1").path == ("Access to information",)
    assert pack.get("2.1").text == "The Clerk decides whether a councillor needs to know."


def test_docx_table_of_short_labels_is_kept_as_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("Fernlea Town Council Member/Officer Protocol", style="Title")
    d.add_heading("Complaints", level=1)
    d.add_paragraph("Councillors and officers should raise concerns privately. Formal complaints go to:")
    table = d.add_table(rows=2, cols=2)
    for r, (left, right) in enumerate([("Role", "Contact"), ("Monitoring Officer", "North Downs District Council")]):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right
    d.add_paragraph("Anonymous complaints are not accepted.")
    path = tmp_path / "table.docx"
    d.save(str(path))

    pack = import_file(path)
    text = "\n".join(c.text for c in pack)
    assert "Monitoring Officer" in text and "North Downs District Council" in text
    assert all(c.heading == "Complaints" for c in pack)


# --- corrupt and odd files -----------------------------------------------------------------------------

_VERBS = r"(?:check|export|save|give|import|open|run|try|choose)"
_CODE_WORDS = re.compile(
    r"Traceback|File \"|\bline \d+\b|\b[A-Z]\w*(?:Error|Exception|Warning)\b|ImportFailed|BadZipFile|NoneType|"
    r"\berrno\b|<\w+(?:\.\w+)* object|\bpypdf\b|\bzipfile\b"
)


def _blank_pdf() -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def _text_pdf() -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for i in range(1, 60):
        pdf.cell(0, 6, f"{i}. Councillors and officers work together, says line {i}.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _zip_without_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/styles.xml", "<styles/>")


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        fh.write(b"Councillors and officers must respect each other.\n")
        fh.truncate(size)


RECIPE = (
    "Victoria Sponge\n\nIngredients\n\n- 200g butter\n- 200g caster sugar\n- 4 eggs\n- 200g self-raising flour\n\n"
    "Method\n\n1. Heat the oven to 180C and line two tins.\n2. Cream the butter and sugar until pale.\n"
    "3. Beat in the eggs, then fold in the flour.\n4. Bake for 20 minutes and leave to cool.\n"
)

# name -> a function writing the bad input at the given path (None: leave the path missing).
BAD_INPUTS = {
    "random-bytes.pdf": lambda p: p.write_bytes(os.urandom(4096)),
    "pdf-header-then-garbage.pdf": lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(4096)),
    "truncated.pdf": lambda p: p.write_bytes(_text_pdf()[: len(_text_pdf()) // 2]),
    "blank-page.pdf": lambda p: p.write_bytes(_blank_pdf()),
    "no-document-xml.docx": _zip_without_document,
    "plain-text.docx": lambda p: p.write_text("Councillors and officers must respect each other.\n"),
    "old-word.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)),
    "binary.txt": lambda p: p.write_bytes(bytes(range(256)) * 100),
    "empty.txt": lambda p: p.write_bytes(b""),
    "whitespace.txt": lambda p: p.write_text("   \n\n\t  \n \r\n"),
    "a-folder": lambda p: p.mkdir(),
    "missing.txt": None,
    "recipe.txt": lambda p: p.write_text(RECIPE),
    "too-big.txt": lambda p: _sparse(p, MAX_TEXT_BYTES + 1),
}


def _bad_input(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    maker = BAD_INPUTS[name]
    if maker is not None:
        maker(path)
    return path


def _assert_user_message(message: str) -> None:
    assert message.strip() == message and message, repr(message)
    assert "\n" not in message and "\r" not in message, message
    assert message.endswith("."), message
    assert re.search(rf":\s{_VERBS}\b", message), f"no instruction for the user: {message}"
    assert not _CODE_WORDS.search(message), message


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_file_fails_with_one_plain_sentence(tmp_path, name):
    path = _bad_input(tmp_path, name)
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    message = str(info.value)
    _assert_user_message(message)
    assert info.value.__cause__ is None or isinstance(info.value.__cause__, ImportFailed)


def test_bad_file_messages_say_what_is_wrong(tmp_path):
    expectations = {
        "random-bytes.pdf": "not a PDF",
        "blank-page.pdf": "no text",
        "old-word.doc": ".docx",
        "binary.txt": "binary",
        "empty.txt": "empty",
        "whitespace.txt": "no text",
        "a-folder": "folder",
        "missing.txt": "no file",
        "recipe.txt": "protocol",
        "too-big.txt": "MB",
    }
    for name, phrase in expectations.items():
        with pytest.raises(ImportFailed) as info:
            import_file(_bad_input(tmp_path, name))
        assert phrase in str(info.value), (name, str(info.value))


def test_password_protected_pdf_says_so(tmp_path):
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "1. Councillors and officers work together.")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    _assert_user_message(str(info.value))
    assert "password" in str(info.value)


WRAPPED = REPO / "tests" / "fixtures" / "protocols" / "wrapped.txt"


def test_utf16_with_bom_imports(tmp_path):
    source = WRAPPED.read_text(encoding="utf-8")
    path = tmp_path / "utf16.txt"
    path.write_bytes(source.encode("utf-16"))  # with BOM
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    pack = import_file(path)
    reference = import_file(WRAPPED)
    assert [c.id for c in pack] == [c.id for c in reference]
    assert [c.text for c in pack] == [c.text for c in reference]
    assert pack.council == "Oakhurst Parish Council"
    assert "through conciliation if appropriate" in pack.get("11.2").text


def test_windows_1252_with_curly_quotes_imports(tmp_path):
    text = (
        "Linford Parish Council\r\nMember/Officer Protocol\r\n\r\n"
        "1. The Council\u2019s councillors and officers must treat each other with respect.\r\n\r\n"
        "2. Officers will not forward a \u201cprivate\u201d e-mail \u2013 ever.\r\n"
    )
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    pack = import_file(path)
    assert pack.council == "Linford Parish Council"
    assert [(c.id, c.text) for c in pack] == [
        ("1", "The Council\u2019s councillors and officers must treat each other with respect."),
        ("2", "Officers will not forward a \u201cprivate\u201d e-mail \u2013 ever."),
    ]


# --- the CLI -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> Path:
    if not CLI.exists():
        pytest.skip(f"{CLI} does not exist")
    probe = subprocess.run([str(CLI), "import", "--help"], check=False, capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("protocol-bot has no import command")
    return CLI


def _run(cli: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], check=False, capture_output=True, text=True, timeout=30, cwd=REPO)


@pytest.mark.parametrize(
    "name",
    [
        "random-bytes.pdf",
        "truncated.pdf",
        "blank-page.pdf",
        "plain-text.docx",
        "binary.txt",
        "empty.txt",
        "a-folder",
        "missing.txt",
        "recipe.txt",
    ],
)
def test_cli_import_of_bad_file_is_one_line_on_stderr(cli, tmp_path, name):
    path = _bad_input(tmp_path, name)
    result = _run(cli, "import", str(path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].rstrip().endswith("."), lines[0]


@pytest.mark.skipif(not WONDERLAND.is_file(), reason="tests/fixtures/seeds is missing")
def test_cli_import_json_contract_on_a_seed(cli):
    result = _run(cli, "import", str(WONDERLAND), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) >= 20
    for obj in data:
        assert isinstance(obj, dict)
        assert {"id", "heading", "text"} <= obj.keys(), obj
        assert isinstance(obj["id"], str) and obj["id"]
        assert isinstance(obj["heading"], str)
        assert isinstance(obj["text"], str) and obj["text"].strip()
    ids = [obj["id"] for obj in data]
    assert len(ids) == len(set(ids))
    # Document order: the numbered ids appear in the order the numbers appear in the source.
    source_numbers = re.findall(r"^\s*-\s*(\d{1,2}\.\d{1,2})\s", WONDERLAND.read_text(encoding="utf-8"), re.MULTILINE)
    assert [i for i in ids if re.fullmatch(r"\d{1,2}\.\d{1,2}", i)] == source_numbers
    # And the same as the in-process import.
    pack = import_file(WONDERLAND)
    assert ids == [c.id for c in pack]
    assert [obj["text"] for obj in data] == [c.text for c in pack]
    assert [obj["heading"] for obj in data] == [c.heading for c in pack]
