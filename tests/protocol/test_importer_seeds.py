"""The importer on the five real councils' protocols in tests/fixtures/seeds (copies of ../shared/seeds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocol.cleaning import normalise
from protocol.importer import import_file
from protocol.packfile import dump_pack, load_pack

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
pytestmark = pytest.mark.skipif(not SEED_FILES, reason="tests/fixtures/seeds is missing")

# A numbered line of the source: optional markdown/bullet, an optional stray page number, then the number.
_NUMBERED = re.compile(r"^(?:#+\s*)?(?:[-•]\s*)?(?:\d{1,2}\s+(?=\d+\.\d))?(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
# What may be dropped from a source line: front matter, contents, footers, signatures, version tables.
_NOISE = re.compile(
    r"adopted|agreed|approved|review|signed|dated|contact|telephone|@|contents|\.{3,}|\d$|protocol|policy|"
    r"town council|parish council|relations|date update|^introduction$|^the role of the councillors$|"
    r"^business continuity plan$",
    re.I,
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", text.lower())).strip()


def _seed(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda p: p.name[:3])
def seed(request):
    path = request.param
    return path, import_file(path)


def test_every_numbered_clause_of_the_source_is_present_with_its_text(seed):
    path, pack = seed
    blob = {c.id: _norm(c.text) for c in pack}
    source_lines = normalise(path.read_text(encoding="utf-8")).split("\n")
    seen: dict[str, int] = {}
    for line in source_lines:
        m = _NUMBERED.match(line.strip())
        if not m:
            continue
        number, rest = m.groups()
        seen[number] = seen.get(number, 0) + 1
        cid = number if seen[number] == 1 else f"{number}-{seen[number]}"
        assert cid in blob, f"{path.name}: clause {cid} missing"
        first_words = _norm(" ".join(rest.split()[:6]))
        assert first_words in blob[cid], f"{path.name}: clause {cid} lacks its text {rest[:60]!r}"


def test_no_empty_clauses_and_unique_ids(seed):
    _, pack = seed
    ids = [c.id for c in pack]
    assert len(ids) == len(set(ids))
    assert all(c.text.strip() for c in pack)
    assert len(pack) >= 20


def test_reimport_gives_the_same_ids_and_text(seed):
    path, pack = seed
    again = import_file(path)
    assert [c.id for c in again] == [c.id for c in pack]
    assert [c.text for c in again] == [c.text for c in pack]


def test_nothing_of_the_body_is_lost(seed):
    path, pack = seed
    blob = " " + _norm(" ".join(c.text + " " + " ".join(c.path) for c in pack)) + " "
    marker = re.compile(r"^(?:#+\s*)?(?:-\s*)?(?:\d{1,3}\s+(?=\d+\.\d))?(?:\d{1,3}(?:\.\d{1,3})*\.?\s+|[a-z]\.\s+)?")
    lost = []
    for line in normalise(path.read_text(encoding="utf-8")).split("\n"):
        text = marker.sub("", line.strip())
        if _norm(text) and f" {_norm(text)} " not in blob and not _NOISE.search(text):
            lost.append(text)
    assert lost == []


def test_no_debris_in_clauses(seed):
    _, pack = seed
    for c in pack:
        assert "<sup>" not in c.text and "**" not in c.text
        assert not re.search(r"\bPage \d+ of \d+\b", c.text)
        assert not re.search(r"\.{4,}", c.text), c.id
        assert not re.search(r"^Signed", c.text, re.M)


def test_pack_yaml_round_trip(seed, tmp_path):
    _, pack = seed
    out = tmp_path / "pack.yaml"
    out.write_text(dump_pack(pack), encoding="utf-8")
    again = load_pack(out)
    assert again.clauses == pack.clauses
    assert (again.council, again.adopted, again.reviewed) == (pack.council, pack.adopted, pack.reviewed)


def test_ware_metadata_duplicate_number_and_page_glued_number():
    pack = import_file(_seed("000"))
    assert pack.council == "Ware Town Council"
    assert pack.adopted == "15 May 2023"
    assert pack.reviewed == "May 2024"
    assert pack.get("2.3.5").text.startswith("If Councillors wish to request an agenda item")
    assert pack.get("2.3.5-2").text.startswith("Councillors must remember")
    assert pack.get("2.3.3").text.startswith("Councillors do not involve themselves")  # source: "2 2.3.3 ..."
    # The paragraph cut by a page break is joined back together.
    assert "respect the impartiality of officers and employees and must not ask" in " ".join(pack.get("2.4").text.split())
    assert pack.get("2.3").heading == "Councillors"
    assert pack.get("2.3.1").path[-1] == "Councillors"


def test_ashbourne_unnumbered_sub_heading_paragraphs_get_heading_ids():
    pack = import_file(_seed("001"))
    assert pack.council == "Ashbourne Town Council"
    assert pack.adopted == "April 2018"
    first = pack.get("councillors.1")
    assert first is not None and first.text.startswith("Councillors have four main areas of responsibility")
    assert len(first.items) == 4
    assert pack.get("5.1").path == ("WHEN THINGS GO WRONG", "Procedure for Officers")
    assert not any("Signed" in c.text or "Dated" in c.text for c in pack)


def test_bracknell_unnumbered_ids_from_headings_and_no_contents_page():
    pack = import_file(_seed("002"))
    assert pack.council == "Bracknell Town Council"
    ids = [c.id for c in pack]
    assert "councillors-access-information.3" in ids
    assert pack.get("councillors-access-information.3").text.startswith("The common law right of councillors")
    assert pack.get("press-media.1").path == ("PRESS AND MEDIA",)
    assert not any(re.search(r"INTRODUCTION\.{2,}|BACKGROUND4", c.text) for c in pack)
    # The URL in the body is kept; only front-matter contact lines are dropped.
    assert any("local.gov.uk" in c.text for c in pack)


def test_wonderland_sub_items_stay_inside_their_clause():
    pack = import_file(_seed("003"))
    assert pack.council == "Wonderland Town Council"
    c = pack.get("10.3")
    assert c.heading == "MEMBERS' ACCESS TO DOCUMENTS AND INFORMATION"
    assert len(c.items) == 2 and c.items[0].startswith("a.") and c.items[1].startswith("b.")
    assert '"need to know" principle' in c.text
    # "- consents. Where correspondence is copied" continues 12.1 across a page break.
    assert "states that this is the case or consents." in pack.get("12.1").text
    assert [c.id for c in pack if c.id.startswith("15.")] == ["15.1", "15.2", "15.3", "15.4", "15.5"]


def test_hard_wrapped_northamptonshire_seed_is_unwrapped():
    pack = import_file(_seed("004"))
    c = pack.get("7.3")
    assert c.text.startswith("To avoid reputational damage to the Council, disagreements between Members and Officers")
    assert "\n" not in c.text
    assert pack.get("3.2").path[-1] == "Councillors have the same rights"
    assert pack.get("9").is_heading_only and pack.get("9").heading == "Complaints"
    assert len(pack.get("6.2").items) == 8
