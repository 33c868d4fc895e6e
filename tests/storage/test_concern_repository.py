"""Concerns stored encrypted, read only through audited calls, found in SQL by handler and raiser."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from protocol.concerns import ConcernCategory, ConcernStatus, MessageKind
from storage.concern_repository import ConcernRepository
from storage.crypto import KeyProblem, TextCipher, fixed_cipher, generate_key
from storage.errors import ConflictError, NotFound
from tests.storage.concern_records import (
    CHAIR,
    CLERK,
    COUNCILLOR,
    OFFICER,
    OTHER_COUNCILLOR,
    about_clerk,
    closing,
    concern,
    make_repo,
    message,
)
from tests.storage.records import ASHBOURNE, BROOKFIELD, T0

# Distinctive text: none of it, nor any long piece of it, may reach the database in the clear.
PLAIN = {
    "summary": "Zanzibar marmalade incident in the Quokka Room",
    "hoped_outcome": "A framed apology from Ptolemy Fairweather",
    "about_other": "Mr Xylophone Quagmire of the bowls club",
    "outcome": "Settled over platypus-shaped biscuits",
    "message": "Ocelot minutes were never circulated",
    "question": "Was Bartholomew Snodgrass present?",
}


@pytest.fixture
def clock() -> list[datetime]:
    return [T0]


@pytest.fixture
def repo(engine: Engine, clock: list[datetime]) -> ConcernRepository:
    return make_repo(engine, clock=lambda: clock[0])


def raw_rows(engine: Engine) -> str:
    """Every row of the concern tables and the audit log, as text."""
    with engine.connect() as connection:
        return "\n".join(
            repr(tuple(row))
            for table in ("concerns", "concern_handlers", "concern_messages", "audit_log")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )


def pieces(value: str, size: int = 8) -> set[str]:
    """Every ``size``-character piece of ``value`` (and every word of 5 letters or more)."""
    return {value[i:i + size] for i in range(len(value) - size + 1)} | {w for w in value.split() if len(w) >= 5}


def audit_of(repo: ConcernRepository, **filters: str) -> list[tuple[str, str, str, str]]:
    return [(e.actor, e.action, e.item, e.detail) for e in repo.audit.entries(BROOKFIELD, **filters)]


# ---------------------------------------------------------------- round trip


def test_add_then_get_gives_back_everything(repo: ConcernRepository) -> None:
    new = concern(about_other="the bowls club", outcome=None, note_for_clerk=True, handlers=(CLERK, CHAIR))
    stored = repo.add(new, COUNCILLOR)
    assert (stored.id, stored.number, stored.ref, stored.version) == (stored.id, 1, "C-1", 1)
    got = repo.get(BROOKFIELD, 1, CLERK)
    assert got == stored.evolve(updated_at=got.updated_at if got else None)
    assert got is not None and got.handlers == (CLERK, CHAIR) and got.about_other == "the bowls club"
    assert got.created_at == T0 and got.created_at.tzinfo is not None
    assert repo.add(concern(), COUNCILLOR).number == 2
    assert audit_of(repo)[:2] == [
        (COUNCILLOR, "create", "C-1", "category=officer_conduct route=councillor_about_officer status=new "
                                      "handlers=2 messages=0"),
        (CLERK, "read", "C-1", "concern"),
    ]


def test_an_unknown_concern_is_none_and_not_audited(repo: ConcernRepository) -> None:
    assert repo.get(BROOKFIELD, 5, CLERK) is None
    assert repo.messages(BROOKFIELD, 5, CLERK) == []
    assert audit_of(repo) == []


def test_system_reads_are_not_audited(repo: ConcernRepository) -> None:
    stored = repo.add(concern(), COUNCILLOR, message(1, COUNCILLOR, "first words"))
    assert repo.get_for_system(BROOKFIELD, 1) == stored.evolve(updated_at=stored.updated_at)
    assert [m.body for m in repo.messages_for_system(BROOKFIELD, 1)] == ["first words"]
    assert [a[1] for a in audit_of(repo)] == ["create"]


def test_updates_store_messages_and_audit_the_action(repo: ConcernRepository, clock: list[datetime]) -> None:
    stored = repo.add(concern(), COUNCILLOR)
    clock[0] = T0 + timedelta(hours=1)
    question = message(60, CLERK, PLAIN["question"], MessageKind.QUESTION, concern_id=stored.id)
    asked = repo.update(stored.evolve(status=ConcernStatus.IN_DISCUSSION), CLERK, "question", question)
    assert asked.version == 2 and asked.updated_at == clock[0]
    answer = message(90, COUNCILLOR, "Yes he was.")
    closed = repo.update(closing(asked, T0 + timedelta(days=3)), CLERK, "status",
                         message(100, CLERK, "Resolved.", MessageKind.STATUS,
                                 status=ConcernStatus.RESOLVED_INFORMALLY), answer)
    assert closed.version == 3
    got = repo.get(BROOKFIELD, 1, COUNCILLOR)
    assert got is not None and got.status is ConcernStatus.RESOLVED_INFORMALLY
    assert got.outcome == "Resolved after a meeting with both." and got.closed_at == T0 + timedelta(days=3)
    messages = repo.messages(BROOKFIELD, 1, COUNCILLOR)
    assert [(m.kind, m.author, m.body, m.status) for m in messages] == [
        (MessageKind.QUESTION, CLERK, PLAIN["question"], None),
        (MessageKind.REPLY, COUNCILLOR, "Yes he was.", None),
        (MessageKind.STATUS, CLERK, "Resolved.", ConcernStatus.RESOLVED_INFORMALLY),
    ]
    assert all(m.concern_id == stored.id and m.id for m in messages)
    assert [(a[1], a[3]) for a in audit_of(repo)][1:] == [
        ("question", "status=in_discussion messages=1"),
        ("status", "status=resolved_informally messages=2"),
        ("read", "concern"),
        ("read", "messages=3"),
    ]


def test_a_stale_version_is_a_conflict_and_an_unknown_id_not_found(repo: ConcernRepository) -> None:
    stored = repo.add(concern(), COUNCILLOR)
    repo.update(stored.evolve(status=ConcernStatus.ACKNOWLEDGED), CLERK, "status")
    with pytest.raises(ConflictError, match="C-1 was changed by someone else"):
        repo.update(stored.evolve(status=ConcernStatus.CLOSED), CLERK, "status", message(5))
    with pytest.raises(NotFound):
        repo.update(stored.evolve(id=9999), CLERK, "status")
    with pytest.raises(NotFound):  # another council's id is not this council's
        repo.update(stored.evolve(council=ASHBOURNE), CLERK, "status")
    assert repo.messages_for_system(BROOKFIELD, 1) == []
    assert [a[1] for a in audit_of(repo)] == ["create", "status"]


def test_handlers_can_change(repo: ConcernRepository) -> None:
    stored = repo.add(concern(), COUNCILLOR)
    repo.update(stored.evolve(handlers=(CHAIR, CLERK, CHAIR)), CLERK, "status")
    got = repo.get_for_system(BROOKFIELD, 1)
    assert got is not None and got.handlers == (CHAIR, CLERK)
    assert [c.ref for c in repo.find_for_handler(BROOKFIELD, CHAIR)] == ["C-1"]


def test_updating_a_listed_record_keeps_the_raisers_words(repo: ConcernRepository) -> None:
    repo.add(concern(about_other="the bowls club", outcome="interim"), COUNCILLOR)
    [listed] = repo.find_for_handler(BROOKFIELD, CLERK)
    assert listed.hoped_outcome == "" and listed.about_other is None and listed.outcome is None
    repo.update(listed.evolve(status=ConcernStatus.ACKNOWLEDGED), CLERK, "status")
    got = repo.get_for_system(BROOKFIELD, 1)
    assert got is not None and got.status is ConcernStatus.ACKNOWLEDGED
    assert (got.summary, got.hoped_outcome, got.about_other, got.outcome) == (
        concern().summary, concern().hoped_outcome, "the bowls club", "interim")


# ---------------------------------------------------------------- encryption at rest


def test_no_plain_text_reaches_the_database(engine: Engine, repo: ConcernRepository, database_url: str) -> None:
    for council in (BROOKFIELD, ASHBOURNE):
        stored = repo.add(concern(council, summary=PLAIN["summary"], hoped_outcome=PLAIN["hoped_outcome"],
                                  about=None, about_other=PLAIN["about_other"]), COUNCILLOR,
                          message(0, COUNCILLOR, PLAIN["message"]))
        repo.update(closing(stored, T0 + timedelta(days=1), PLAIN["outcome"]), CLERK, "question",
                    message(5, CLERK, PLAIN["question"], MessageKind.QUESTION))
    got = repo.get(BROOKFIELD, 1, CLERK)
    assert got is not None and got.summary == PLAIN["summary"] and got.outcome == PLAIN["outcome"]
    secrets = set().union(*(pieces(value) for value in PLAIN.values()))
    rows = raw_rows(engine)
    assert "C-1" in rows and COUNCILLOR in rows  # the query did see the data
    assert [s for s in secrets if s in rows] == []
    if engine.dialect.name == "sqlite":
        engine.dispose()
        path = Path(database_url.removeprefix("sqlite:///"))
        files = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
        raw = b"".join(p.read_bytes() for p in files)
        assert COUNCILLOR.encode() in raw
        assert [s for s in secrets if s.encode() in raw] == []


def test_every_text_column_holds_a_token(engine: Engine, repo: ConcernRepository) -> None:
    repo.add(concern(about_other="x", outcome="y"), COUNCILLOR, message(0))
    with engine.connect() as connection:
        row = connection.execute(text("SELECT summary, hoped_outcome, about_other, outcome FROM concerns")).one()
        body = connection.execute(text("SELECT body FROM concern_messages")).scalar_one()
    for token in (*row, body):
        assert token.startswith("gAAAA") and fixed_cipher("tests").decrypt(token)


# ---------------------------------------------------------------- keys


def test_rotation_new_key_in_front_then_the_old_one_dropped(engine: Engine, clock: list[datetime]) -> None:
    a, b = generate_key(), generate_key()
    old = make_repo(engine, TextCipher([a]))
    for council in (BROOKFIELD, ASHBOURNE):
        stored = old.add(concern(council, about_other="someone", summary=PLAIN["summary"]), COUNCILLOR,
                         message(0), message(1))
        old.update(closing(stored, T0), CLERK, "status")
    both = make_repo(engine, TextCipher([b, a]))
    # 2 concerns x 4 fields, 2 x 2 message bodies.
    assert both.rotate_keys(batch=1) == 12
    assert both.rotate_keys() == 0  # nothing left under the old key
    new = make_repo(engine, TextCipher([b]))
    for council in (BROOKFIELD, ASHBOURNE):
        got = new.get(council, 1, CLERK)
        assert got is not None and got.summary == PLAIN["summary"] and got.outcome is not None
        assert [m.body for m in new.messages(council, 1, CLERK)] == [message(0).body] * 2
    with pytest.raises(KeyProblem, match="add the old key back"):
        old.get(BROOKFIELD, 1, CLERK)
    rotations = [e for e in new.audit.entries(BROOKFIELD) if e.action == "rotate"]
    assert [e.detail for e in rotations] == [f"values=6 key={TextCipher([b]).fingerprint}",
                                             f"values=0 key={TextCipher([b]).fingerprint}"]
    assert new.audit.verify().ok


def test_rotating_one_council_leaves_the_others(engine: Engine) -> None:
    a, b = generate_key(), generate_key()
    old = make_repo(engine, TextCipher([a]))
    old.add(concern(BROOKFIELD), COUNCILLOR)
    old.add(concern(ASHBOURNE), COUNCILLOR)
    assert make_repo(engine, TextCipher([b, a])).rotate_keys(BROOKFIELD) == 2
    assert make_repo(engine, TextCipher([b])).get_for_system(BROOKFIELD, 1) is not None
    assert old.get_for_system(ASHBOURNE, 1) is not None


def test_a_wrong_key_is_a_clear_error_and_nothing_is_audited(engine: Engine, repo: ConcernRepository) -> None:
    repo.add(concern(summary=PLAIN["summary"]), COUNCILLOR, message(0, body=PLAIN["message"]))
    stranger = make_repo(engine, TextCipher([generate_key()]))
    for read in (lambda: stranger.get(BROOKFIELD, 1, CLERK), lambda: stranger.messages(BROOKFIELD, 1, CLERK),
                 lambda: stranger.find_for_handler(BROOKFIELD, CLERK)):
        with pytest.raises(KeyProblem) as caught:
            read()
        message_text = str(caught.value)
        assert "encrypted with a key that is not in PROTOCOL_BOT_KEYS; add the old key back" in message_text
        assert not [s for s in pieces(PLAIN["summary"]) | pieces(PLAIN["message"]) if s in message_text]
        assert "gAAAA" not in message_text
    assert [a[1] for a in audit_of(repo)] == ["create"]


def test_without_keys_text_work_fails_clearly_and_the_rest_works(engine: Engine) -> None:
    keyless = ConcernRepository(engine, None, make_repo(engine).audit)
    with pytest.raises(KeyProblem, match="PROTOCOL_BOT_KEYS is not set"):
        keyless.add(concern(), COUNCILLOR)
    make_repo(engine).add(concern(status=ConcernStatus.CLOSED, closed_at=T0), COUNCILLOR)
    assert [i.ref for i in keyless.purge(BROOKFIELD, T0 + timedelta(days=1))] == ["C-1"]
    assert keyless.annual_summary(BROOKFIELD, 2025)["raised"] == 1


# ---------------------------------------------------------------- who sees what


@pytest.fixture
def roster_concerns(repo: ConcernRepository) -> ConcernRepository:
    """C-1 about an officer (Clerk handles), C-2 about the Clerk (Chair handles), C-3 raised by the Clerk,
    C-4 closed (Clerk handles), C-5 advice only (no handler); and one concern of another council."""
    repo.add(concern(), COUNCILLOR)
    repo.add(about_clerk(), COUNCILLOR)
    repo.add(concern(raiser=CLERK, about=OTHER_COUNCILLOR, handlers=(CHAIR,), route="officer_about_councillor",
                     category=ConcernCategory.COUNCILLOR_CONDUCT), CLERK)
    repo.add(concern(raiser=OTHER_COUNCILLOR, status=ConcernStatus.CLOSED, closed_at=T0, outcome="done"),
             OTHER_COUNCILLOR)
    repo.add(concern(raiser=OTHER_COUNCILLOR, handlers=(), category=ConcernCategory.CODE_OF_CONDUCT,
                     route="code_of_conduct", status=ConcernStatus.ADVICE_GIVEN, closed_at=T0), OTHER_COUNCILLOR)
    repo.add(concern(ASHBOURNE, handlers=(CLERK,)), COUNCILLOR)
    return repo


def test_a_concern_about_the_clerk_never_reaches_the_clerk(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    clerk_sees = [c.ref for c in repo.find_for_handler(BROOKFIELD, CLERK)]
    assert clerk_sees == ["C-1", "C-4"]
    assert [c.ref for c in repo.find_for_handler(BROOKFIELD, CLERK, open_only=True)] == ["C-1"]
    assert repo.count_for_handler(BROOKFIELD, CLERK) == 2
    assert [c.ref for c in repo.find_for_raiser(BROOKFIELD, CLERK)] == ["C-3"]
    assert [c.ref for c in repo.find_for_handler(BROOKFIELD, CHAIR)] == ["C-2", "C-3"]
    got = repo.find_for_handler(BROOKFIELD, CHAIR)[0]
    assert got.about == CLERK and got.handlers == (CHAIR,)


def test_people_who_neither_raised_nor_handle_see_nothing(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    for name in (OFFICER, "Nobody At All"):
        assert repo.find_for_handler(BROOKFIELD, name) == [] == repo.find_for_raiser(BROOKFIELD, name)
        assert repo.count_for_handler(BROOKFIELD, name) == 0 == repo.count_for_raiser(BROOKFIELD, name)
    assert repo.export_for(BROOKFIELD, OFFICER) == []


def test_raisers_see_what_they_raised(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    assert [c.ref for c in repo.find_for_raiser(BROOKFIELD, COUNCILLOR)] == ["C-1", "C-2"]
    assert [c.ref for c in repo.find_for_raiser(BROOKFIELD, OTHER_COUNCILLOR, open_only=True)] == []
    assert repo.count_for_raiser(BROOKFIELD, OTHER_COUNCILLOR) == 2
    assert repo.count_for_raiser(BROOKFIELD, OTHER_COUNCILLOR, open_only=True) == 0


def test_lists_page_in_sql(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    assert [c.ref for c in repo.find_for_raiser(BROOKFIELD, COUNCILLOR, limit=1)] == ["C-1"]
    assert [c.ref for c in repo.find_for_raiser(BROOKFIELD, COUNCILLOR, limit=1, offset=1)] == ["C-2"]
    assert repo.find_for_raiser(BROOKFIELD, COUNCILLOR, offset=2) == []


def test_councils_are_kept_apart(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    ashbourne = repo.get(ASHBOURNE, 1, CLERK)
    assert ashbourne is not None and ashbourne.council == ASHBOURNE and ashbourne.number == 1
    assert [c.ref for c in repo.find_for_handler(ASHBOURNE, CLERK)] == ["C-1"]
    assert repo.get(ASHBOURNE, 2, CHAIR) is None and repo.get_for_system("nowhere", 1) is None
    assert repo.find_for_handler("nowhere", CLERK) == []
    assert len(repo.audit.entries(ASHBOURNE)) == 3  # create, read, list
    assert repo.audit.verify().ok


def test_lists_decrypt_only_the_summary_and_audit_refs_and_count(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    listed = repo.find_for_handler(BROOKFIELD, CLERK)
    assert listed[0].summary == concern().summary
    assert all(c.hoped_outcome == "" and c.outcome is None and c.about_other is None for c in listed)
    repo.count_for_raiser(BROOKFIELD, COUNCILLOR, open_only=True)
    assert audit_of(repo)[-2:] == [
        (CLERK, "list", "concerns", "as=handler open_only=0 count=2 refs=C-1,C-4"),
        (COUNCILLOR, "count", "concerns", "as=raiser open_only=1 count=2"),
    ]


def test_exports_for_a_handler_hold_only_theirs(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    first = repo.get_for_system(BROOKFIELD, 1)
    assert first is not None
    repo.update(first, CLERK, "reply", message(3, CLERK, "Noted."))
    exported = repo.export_for(BROOKFIELD, CLERK)
    assert [(c.ref, [m.body for m in ms]) for c, ms in exported] == [("C-1", ["Noted."]), ("C-4", [])]
    assert exported[1][0].outcome == "done" and exported[0][0].hoped_outcome == concern().hoped_outcome
    assert audit_of(repo)[-1] == (CLERK, "export", "export", "as=handler concerns=2")


def test_a_subject_access_export(roster_concerns: ConcernRepository) -> None:
    repo = roster_concerns
    repo.update(repo.get_for_system(BROOKFIELD, 2), CHAIR, "reply",  # type: ignore[arg-type]
                message(5, CHAIR, "I will raise it with the Clerk."), message(6, COUNCILLOR, "Thank you."))
    repo.update(repo.get_for_system(BROOKFIELD, 3), CHAIR, "reply",  # type: ignore[arg-type]
                message(7, CLERK, "Clerk's own note on C-3."))
    repo.update(repo.get_for_system(BROOKFIELD, 4), CLERK, "reply",  # type: ignore[arg-type]
                message(8, CLERK, "A handler's message on C-4."))

    mine = repo.export_person(BROOKFIELD, COUNCILLOR)
    assert [c["ref"] for c in mine["raised"]] == ["C-1", "C-2"]
    assert mine["raised"][1]["summary"] == about_clerk().summary
    assert [m["body"] for m in mine["raised"][1]["messages"]] == ["I will raise it with the Clerk.", "Thank you."]
    assert mine["about"] == [] and mine["messages_written"] == []

    clerk = repo.export_person(BROOKFIELD, CLERK)
    assert [c["ref"] for c in clerk["raised"]] == ["C-3"]
    assert [(m["concern"], m["body"]) for m in clerk["messages_written"]] == [("C-4", "A handler's message on C-4.")]
    assert clerk["about"] == [{"ref": "C-2", "created_at": T0.isoformat(), "category": "officer_conduct",
                               "status": "new", "closed_at": None}]
    assert [h["ref"] for h in clerk["handled"]] == ["C-1", "C-4"]
    dumped = json.dumps(clerk["about"]) + json.dumps(clerk["handled"])
    assert COUNCILLOR not in dumped and "withheld" in clerk["notes"][0]
    assert "finance papers" not in json.dumps(clerk)  # the text of the concern about the Clerk
    assert audit_of(repo, action="export")[-1] == ("protocol-bot admin", "export", f"person:{CLERK}",
                                                    "raised=1 messages=1 about=1 handled=2")


# ---------------------------------------------------------------- retention


def test_purge_dry_run_then_for_real(engine: Engine, repo: ConcernRepository, clock: list[datetime]) -> None:
    old = repo.add(concern(summary=PLAIN["summary"], about_other=PLAIN["about_other"]), COUNCILLOR,
                   message(0, COUNCILLOR, PLAIN["message"]))
    repo.update(closing(old, T0 + timedelta(days=10), PLAIN["outcome"]), CLERK, "status")
    recent = repo.add(concern(), COUNCILLOR)
    repo.update(closing(recent, T0 + timedelta(days=400)), CLERK, "status")
    repo.add(concern(created_at=T0), COUNCILLOR)  # still open
    other = repo.add(concern(ASHBOURNE), COUNCILLOR)
    repo.update(closing(other, T0 + timedelta(days=10)), CLERK, "status")
    clock[0] = T0 + timedelta(days=6 * 365)
    cutoff = T0 + timedelta(days=100)

    before = raw_rows(engine)
    planned = repo.purge(BROOKFIELD, cutoff, dry_run=True)
    assert [(i.ref, i.status, i.category, i.route, i.closed_at) for i in planned] == [
        ("C-1", ConcernStatus.RESOLVED_INFORMALLY, ConcernCategory.OFFICER_CONDUCT, "councillor_about_officer",
         T0 + timedelta(days=10))]
    assert raw_rows(engine) == before

    assert repo.purge(BROOKFIELD, cutoff) == planned
    stub = repo.get(BROOKFIELD, 1, CLERK)
    assert stub is not None and stub.purged_at == clock[0] and stub.version == 3
    assert (stub.summary, stub.hoped_outcome, stub.about_other, stub.outcome) == ("", "", None, None)
    assert (stub.status, stub.category, stub.route, stub.closed_at, stub.raiser) == (
        ConcernStatus.RESOLVED_INFORMALLY, ConcernCategory.OFFICER_CONDUCT, "councillor_about_officer",
        T0 + timedelta(days=10), COUNCILLOR)
    assert [m.body for m in repo.messages(BROOKFIELD, 1, CLERK)] == [""]
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT summary, hoped_outcome, about_other, outcome FROM concerns WHERE number = 1 "
            "AND council = :c"), {"c": BROOKFIELD}).one() == (None, None, None, None)
    for number in (2, 3):
        assert repo.get_for_system(BROOKFIELD, number).summary  # type: ignore[union-attr]
    assert repo.get_for_system(ASHBOURNE, 1).summary  # type: ignore[union-attr]
    assert audit_of(repo, action="purge") == [
        ("protocol-bot admin", "purge", "C-1", "status=resolved_informally closed=2025-03-13")]
    assert repo.purge(BROOKFIELD, cutoff) == []
    with pytest.raises(ConflictError, match="purged"):
        repo.update(stub, CLERK, "status")
    with pytest.raises(ValueError):
        repo.purge(BROOKFIELD, cutoff.replace(tzinfo=None))


def test_a_purge_waits_for_nobody_and_stale_updates_cannot_bring_the_text_back(repo: ConcernRepository) -> None:
    stored = repo.add(concern(status=ConcernStatus.CLOSED, closed_at=T0, outcome="x"), COUNCILLOR)
    repo.purge(BROOKFIELD, T0 + timedelta(days=1))
    with pytest.raises(ConflictError):
        repo.update(stored.evolve(outcome="the old text again"), CLERK, "status")
    assert repo.get_for_system(BROOKFIELD, 1).outcome is None  # type: ignore[union-attr]


# ---------------------------------------------------------------- statistics


def test_the_annual_summary_has_counts_and_no_personal_details(repo: ConcernRepository) -> None:
    a = repo.add(concern(), COUNCILLOR)
    repo.update(closing(a, T0 + timedelta(days=2)), CLERK, "status")
    b = repo.add(about_clerk(category=ConcernCategory.BULLYING), COUNCILLOR)
    repo.update(b.evolve(status=ConcernStatus.CLOSED, closed_at=T0 + timedelta(days=6), outcome="ok"), CHAIR,
                "status")
    repo.add(concern(), COUNCILLOR)
    repo.add(concern(created_at=datetime(2024, 12, 31, 23, 30, tzinfo=UTC)), COUNCILLOR)  # last year
    repo.add(concern(created_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC)), COUNCILLOR)  # GMT: still 2025
    summary = repo.annual_summary(BROOKFIELD, 2025)
    assert summary == {
        "council": BROOKFIELD, "year": 2025, "raised": 4, "open": 2, "closed": 2,
        "by_category": {"bullying": 1, "officer_conduct": 3},
        "by_route": {"about_clerk": 1, "councillor_about_officer": 3},
        "by_status": {"closed": 1, "new": 2, "resolved_informally": 1},
        "days_to_close": {"median": 4.0, "mean": 4.0},
    }
    dumped = json.dumps(summary)
    assert not any(name in dumped for name in (COUNCILLOR, CLERK, CHAIR, OFFICER))
    assert repo.annual_summary(BROOKFIELD, 2019)["days_to_close"] == {"median": None, "mean": None}


def test_the_year_is_the_uk_year(repo: ConcernRepository) -> None:
    repo.add(concern(created_at=datetime(2025, 6, 30, 23, 30, tzinfo=UTC)), COUNCILLOR)  # BST: 1 July
    repo.add(concern(created_at=datetime(2024, 12, 31, 23, 59, tzinfo=UTC)), COUNCILLOR)  # GMT: still 2024
    assert repo.annual_summary(BROOKFIELD, 2025)["raised"] == 1
    assert repo.annual_summary(BROOKFIELD, 2024)["raised"] == 1


# ---------------------------------------------------------------- failures and concurrency


def test_nothing_is_half_stored_when_the_audit_fails(engine: Engine, repo: ConcernRepository,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    stored = repo.add(concern(), COUNCILLOR)
    before = raw_rows(engine)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(repo.audit, "append", broken)
    with pytest.raises(RuntimeError):
        repo.add(concern(), COUNCILLOR, message(0))
    with pytest.raises(RuntimeError):
        repo.update(stored.evolve(status=ConcernStatus.CLOSED, handlers=(CHAIR,)), CLERK, "status", message(1))
    with pytest.raises(RuntimeError):
        repo.get(BROOKFIELD, 1, CLERK)
    with pytest.raises(RuntimeError):
        repo.find_for_handler(BROOKFIELD, CLERK)
    monkeypatch.undo()
    assert raw_rows(engine) == before
    assert repo.add(concern(), COUNCILLOR).number == 2  # the failed add did not use up C-2
    assert repo.audit.verify().ok


def test_a_bad_message_stores_nothing(engine: Engine, repo: ConcernRepository) -> None:
    stored = repo.add(concern(), COUNCILLOR)
    before = raw_rows(engine)
    with pytest.raises(ValueError):
        repo.update(stored.evolve(status=ConcernStatus.CLOSED), CLERK, "status",
                    message(1, concern_id=(stored.id or 0) + 100))
    with pytest.raises(ValueError):
        repo.add(concern(), COUNCILLOR, message(1, kind="shout"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        repo.add(stored, COUNCILLOR)
    assert raw_rows(engine) == before


def test_concurrent_adds_get_distinct_numbers_and_a_valid_chain(engine: Engine) -> None:
    repo = make_repo(engine)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for _ in range(10):
                stored = repo.add(concern(summary=f"thread {n}"), COUNCILLOR)
                repo.update(stored.evolve(status=ConcernStatus.ACKNOWLEDGED), CLERK, "status", message(1))
                numbers.append(stored.number or 0)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 61))
    assert repo.count_for_handler(BROOKFIELD, CLERK) == 60
    result = repo.audit.verify()
    assert result.ok and result.checked == 60 * 2 + 1


def test_check_keys_opens_stored_text_or_says_why_not(engine: Engine, repo: ConcernRepository) -> None:
    repo.check_keys()  # nothing stored yet: any key will do
    repo.add(concern(), COUNCILLOR, message(0))
    repo.check_keys()
    with pytest.raises(KeyProblem, match="add the old key back"):
        make_repo(engine, TextCipher([generate_key()])).check_keys()
    with pytest.raises(KeyProblem, match="PROTOCOL_BOT_KEYS is not set"):
        ConcernRepository(engine, None, repo.audit).check_keys()
    assert [a[1] for a in audit_of(repo)] == ["create"]
