"""Flags stored with an encrypted excerpt, one per message (also under concurrent inserts), listed per reviewer."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, literal_column, select, text

from protocol.flags import Flag, FlagStatus, ReviewerPost
from storage.audit import AUDIT, AuditLog
from storage.crypto import KeyProblem, TextCipher, fixed_cipher, generate_key
from storage.errors import StorageError
from storage.flag_repository import FlagRepository
from tests.storage.concern_records import CHAIR, CLERK, COUNCILLOR, OFFICER, OTHER_COUNCILLOR
from tests.storage.records import ASHBOURNE, BROOKFIELD, T0

EXCERPT = "Quokka Ptolemy is hopeless at keeping the Zanzibar committee informed"
REASON = "capability criticism of Robert Hale: 'hopeless at'"
BURST = timedelta(minutes=10)


def flag(message_id: str = "m1", council: str = BROOKFIELD, **changes: Any) -> Flag:
    """A new (unstored) flag of a councillor's message about an officer, for the Clerk."""
    values: dict[str, Any] = {
        "council": council, "message_id": message_id, "channel": "general", "author": COUNCILLOR,
        "reviewer": ReviewerPost.CLERK, "created_at": T0, "officer": OFFICER, "kind": "capability",
        "clause_id": "relationship-general.4", "reason": REASON, "excerpt": EXCERPT,
        "link": "https://example.slack.com/archives/C1/p1",
    }
    values.update(changes)
    return Flag(**values)


def about_clerk(message_id: str, **changes: Any) -> Flag:
    return flag(message_id, **{"officer": CLERK, "reviewer": ReviewerPost.CHAIR, **changes})


def make_repo(engine: Engine, cipher: TextCipher | None = None, clock: Any = None) -> FlagRepository:
    kwargs = {"clock": clock} if clock is not None else {}
    return FlagRepository(engine, cipher or fixed_cipher("tests"), AuditLog(engine, **kwargs), **kwargs)


@pytest.fixture
def repo(engine: Engine) -> FlagRepository:
    return make_repo(engine, clock=lambda: T0)


def add(repo: FlagRepository, new: Flag) -> tuple[Flag, bool]:
    return repo.add(new, nudge_unless_nudged_since=new.created_at - BURST)


def audit_of(repo: FlagRepository, council: str = BROOKFIELD) -> list[tuple[str, str, str, str]]:
    return [(e.actor, e.action, e.item, e.detail) for e in repo.audit.entries(council)]


def raw_rows(engine: Engine) -> str:
    with engine.connect() as connection:
        return "\n".join(repr(tuple(row)) for table in ("flags", "audit_log")
                         for row in connection.execute(text(f"SELECT * FROM {table}")))


# ---------------------------------------------------------------- round trip and encryption


def test_add_then_get_gives_back_everything_and_the_read_is_audited(repo: FlagRepository) -> None:
    stored, created = add(repo, flag())
    assert created and stored.ref == "F-1" and stored.nudged_at == T0 and stored.status is FlagStatus.OPEN
    got = repo.get(BROOKFIELD, 1, CLERK)
    assert got is not None
    assert (got.excerpt, got.reason, got.officer, got.kind, got.clause_id, got.channel, got.link) == (
        EXCERPT, REASON, OFFICER, "capability", "relationship-general.4", "general", flag().link)
    assert got.created_at == T0 and got.reviewer is ReviewerPost.CLERK and got.message_id == "m1"
    assert audit_of(repo) == [
        ("protocol-bot", "create", "F-1", "kind=capability reviewer=clerk status=open nudged=1"),
        (CLERK, "read", "F-1", "excerpt"),
    ]


def test_system_reads_have_no_text_and_are_not_audited(repo: FlagRepository) -> None:
    add(repo, flag())
    got = repo.get_for_system(BROOKFIELD, 1)
    assert got is not None and got.excerpt is None and got.reason is None and got.author == COUNCILLOR
    assert repo.get_for_system(BROOKFIELD, 2) is None and repo.get(BROOKFIELD, 2, CLERK) is None
    assert [a[1] for a in audit_of(repo)] == ["create"]


def test_no_excerpt_reaches_the_database_in_the_clear(engine: Engine, repo: FlagRepository,
                                                      database_url: str) -> None:
    add(repo, flag())
    repo.get(BROOKFIELD, 1, CLERK)
    rows = raw_rows(engine)
    assert "F-1" in rows and COUNCILLOR in rows
    for secret in ("Quokka", "Ptolemy", "Zanzibar", "hopeless", "keeping the"):
        assert secret not in rows
    with engine.connect() as connection:
        excerpt, reason = connection.execute(text("SELECT excerpt, reason FROM flags")).one()
    assert excerpt.startswith("gAAAA") and reason.startswith("gAAAA")
    if engine.dialect.name == "sqlite":
        engine.dispose()
        path = Path(database_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
        assert COUNCILLOR.encode() in raw and b"Zanzibar" not in raw


# ---------------------------------------------------------------- one flag per message


def test_the_same_message_never_makes_two_flags(repo: FlagRepository) -> None:
    first, created = add(repo, flag("m1"))
    again, created_again = add(repo, flag("m1", created_at=T0 + timedelta(minutes=30), excerpt="edited text"))
    assert created and not created_again
    assert again.number == first.number == 1 and again.excerpt is None  # the stored one, without its text
    other, _ = add(repo, flag("m1", ASHBOURNE))  # another council's message ids are its own
    assert other.number == 1 and other.council == ASHBOURNE
    assert add(repo, flag("m2"))[0].number == 2  # the duplicate did not use up a number
    assert [a[1] for a in audit_of(repo)] == ["create", "create"]


def test_concurrent_inserts_of_one_message_make_one_flag(engine: Engine) -> None:
    repo = make_repo(engine)
    results: list[tuple[Flag, bool]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work() -> None:
        try:
            start.wait()
            results.append(repo.add(flag("same"), nudge_unless_nudged_since=T0 - BURST))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert sum(created for _, created in results) == 1
    assert {f.number for f, _ in results} == {1}
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM flags")).scalar_one() == 1
    assert repo.audit.verify().ok


def test_concurrent_messages_of_one_author_nudge_once(engine: Engine) -> None:
    repo = make_repo(engine)
    results: list[tuple[Flag, bool]] = []
    start = threading.Barrier(6)

    def work(n: int) -> None:
        start.wait()
        results.append(repo.add(flag(f"burst-{n}"), nudge_unless_nudged_since=T0 - BURST))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(f.number or 0 for f, _ in results) == list(range(1, 7))
    assert sum(f.nudged_at is not None for f, _ in results) == 1


# ---------------------------------------------------------------- the burst rule


def test_one_nudge_per_author_per_burst(repo: FlagRepository) -> None:
    def at(minutes: int, message_id: str, author: str = COUNCILLOR) -> Flag:
        return add(repo, flag(message_id, created_at=T0 + timedelta(minutes=minutes), author=author))[0]

    assert at(0, "a").nudged_at is not None
    assert at(3, "b").nudged_at is None  # within 10 minutes of the nudge: recorded, not nudged
    assert at(9, "c").nudged_at is None
    assert at(4, "d", OTHER_COUNCILLOR).nudged_at is not None  # another author: their own burst
    assert at(10, "e").nudged_at is not None  # 10 minutes after the nudge: a new one
    assert at(12, "f").nudged_at is None
    always = repo.add(flag("g", created_at=T0 + timedelta(minutes=12)), nudge_unless_nudged_since=None)[0]
    assert always.nudged_at is not None


# ---------------------------------------------------------------- who sees what


@pytest.fixture
def reviewed(repo: FlagRepository) -> FlagRepository:
    """F-1 about an officer, F-2 about the Clerk, F-3 collective, F-4 about the Clerk by the Chair, F-5 elsewhere."""
    add(repo, flag("m1"))
    add(repo, about_clerk("m2"))
    add(repo, flag("m3", officer=None, collective=True))
    add(repo, about_clerk("m4", author=CHAIR, reviewer=ReviewerPost.VICE_CHAIR))
    add(repo, flag("m5", ASHBOURNE))
    return repo


def test_the_clerk_never_sees_a_flag_about_the_clerk(reviewed: FlagRepository) -> None:
    repo = reviewed
    assert [f.ref for f in repo.find_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK)] == ["F-3", "F-1"]
    assert repo.count_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK) == 2
    assert [f.ref for f in repo.find_for_reviewer(BROOKFIELD, ReviewerPost.CHAIR, CHAIR)] == ["F-2"]
    assert [f.ref for f in repo.find_for_reviewer(BROOKFIELD, ReviewerPost.VICE_CHAIR, "Colin Marsh")] == ["F-4"]
    # Even a wrongly stored flag about the viewer is never listed for them.
    assert repo.find_for_reviewer(BROOKFIELD, ReviewerPost.CHAIR, CLERK) == []
    assert [f.ref for f in repo.export_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK)] == ["F-1", "F-3"]
    assert [f.ref for f in repo.find_for_reviewer(ASHBOURNE, ReviewerPost.CLERK, CLERK)] == ["F-1"]


def test_lists_hold_no_text_and_are_audited(reviewed: FlagRepository) -> None:
    listed = reviewed.find_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK, limit=1)
    assert [f.ref for f in listed] == ["F-3"] and listed[0].excerpt is None
    exported = reviewed.export_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK)
    assert exported[0].excerpt == EXCERPT
    entries = audit_of(reviewed)[-2:]
    assert entries == [(CLERK, "list", "flags", "as=clerk open_only=0 count=1 refs=F-3"),
                       (CLERK, "export", "flags", "as=clerk flags=2")]


def test_status_changes_are_audited_and_reviewed_flags_leave_the_open_list(reviewed: FlagRepository) -> None:
    repo = reviewed
    answered = repo.set_status(BROOKFIELD, 1, COUNCILLOR, FlagStatus.NOT_CRITICISM, feedback=FlagStatus.NOT_CRITICISM)
    assert answered is not None and answered.feedback is FlagStatus.NOT_CRITICISM and answered.excerpt is None
    done = repo.set_status(BROOKFIELD, 1, CLERK, FlagStatus.REVIEWED, handled_by=CLERK)
    assert done is not None and done.status is FlagStatus.REVIEWED and done.handled_by == CLERK
    assert done.feedback is FlagStatus.NOT_CRITICISM  # the author's answer is kept
    assert repo.set_status(BROOKFIELD, 99, CLERK, FlagStatus.REVIEWED) is None
    assert [f.ref for f in repo.find_for_reviewer(BROOKFIELD, ReviewerPost.CLERK, CLERK, open_only=True)] == ["F-3"]
    assert [a for a in audit_of(repo) if a[1] == "status"] == [
        (COUNCILLOR, "status", "F-1", "status=not_criticism feedback=not_criticism"),
        (CLERK, "status", "F-1", "status=reviewed")]


def test_a_subject_access_export(reviewed: FlagRepository) -> None:
    mine = reviewed.export_person(BROOKFIELD, COUNCILLOR)
    assert [f["ref"] for f in mine["flags_written"]] == ["F-1", "F-2", "F-3"]
    assert mine["flags_written"][0]["excerpt"] == EXCERPT and mine["flags_about"] == []
    about = reviewed.export_person(BROOKFIELD, CLERK)
    assert about["flags_written"] == [] and [f["ref"] for f in about["flags_about"]] == ["F-2", "F-4"]
    assert set(about["flags_about"][0]) == {"ref", "created_at", "kind", "status"}  # no author, no words
    assert audit_of(reviewed)[-1] == ("protocol-bot admin", "export", f"person:{CLERK}",
                                      "flags_written=0 flags_about=2")


# ---------------------------------------------------------------- keys, summary, failures


def test_rotation_and_key_checks(engine: Engine) -> None:
    a, b = generate_key(), generate_key()
    old = make_repo(engine, TextCipher([a]))
    add(old, flag("m1"))
    add(old, flag("m1", ASHBOURNE))
    old.check_keys()
    with pytest.raises(KeyProblem, match="add the old key back"):
        make_repo(engine, TextCipher([b])).check_keys()
    both = make_repo(engine, TextCipher([b, a]))
    assert both.rotate_keys(BROOKFIELD) == 2 and both.rotate_keys(BROOKFIELD) == 0
    got = make_repo(engine, TextCipher([b])).get(BROOKFIELD, 1, CLERK)
    assert got is not None and got.excerpt == EXCERPT
    assert old.get(ASHBOURNE, 1, CLERK) is not None  # the other council was left as it was
    assert both.councils() == [ASHBOURNE, BROOKFIELD]
    with pytest.raises(KeyProblem, match="PROTOCOL_BOT_KEYS is not set"):
        FlagRepository(engine, None, old.audit).add(flag("m9"), nudge_unless_nudged_since=None)


def test_the_annual_summary_has_counts_and_no_names(reviewed: FlagRepository) -> None:
    reviewed.set_status(BROOKFIELD, 1, COUNCILLOR, FlagStatus.DISMISSED, feedback=FlagStatus.DISMISSED)
    summary = reviewed.annual_summary(BROOKFIELD, 2025)
    assert summary == {"flagged": 4, "nudges": 2, "by_kind": {"capability": 4},
                       "by_status": {"dismissed": 1, "open": 3}, "by_answer": {"dismissed": 1, "none": 3}}
    assert reviewed.annual_summary(BROOKFIELD, 2024)["flagged"] == 0
    assert not {CLERK, COUNCILLOR, OFFICER} & set(str(summary).split("'"))


def test_nothing_is_half_stored_when_the_audit_fails(engine: Engine, repo: FlagRepository,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(repo.audit, "append", broken)
    with pytest.raises(RuntimeError):
        add(repo, flag())
    monkeypatch.undo()
    assert raw_rows(engine) == ""
    assert add(repo, flag())[0].number == 1


def test_a_database_failure_writing_the_audit_entry_leaves_no_flag_and_no_number_taken(
        engine: Engine, repo: FlagRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.audit

    # The flag's row is written by then; the audit entry's statement fails in the database itself.
    monkeypatch.setattr(storage.audit, "_HEAD", select(literal_column("no_such_column")).select_from(AUDIT))
    with pytest.raises(StorageError):
        add(repo, flag())
    monkeypatch.undo()
    assert raw_rows(engine) == ""
    stored, created = add(repo, flag())
    assert created and stored.number == 1 and stored.nudged_at == T0
    assert add(repo, flag()) == (stored.evolve(id=stored.id, excerpt=None, reason=None), False)
    assert [a[1] for a in audit_of(repo)] == ["create"] and repo.audit.verify().ok


def test_naive_times_are_refused(repo: FlagRepository) -> None:
    with pytest.raises(ValueError, match="naive"):
        add(repo, flag(created_at=datetime(2025, 3, 3, 9, 30)))


# ---------------------------------------------------------------- retention


def test_purge_keeps_a_stub_of_old_flags_and_audits_it(engine: Engine, repo: FlagRepository) -> None:
    add(repo, flag("old", created_at=T0 - timedelta(days=400)))
    add(repo, flag("new", created_at=T0))
    cutoff = T0 - timedelta(days=365)
    would = repo.purge(BROOKFIELD, cutoff, dry_run=True)
    assert [f.ref for f in would] == ["F-1"] and repo.get(BROOKFIELD, 1, CLERK).excerpt == EXCERPT
    gone = repo.purge(BROOKFIELD, cutoff)
    assert [f.ref for f in gone] == ["F-1"]
    stub = repo.get(BROOKFIELD, 1, CLERK)
    assert stub is not None and stub.excerpt in (None, "") and stub.officer == OFFICER and stub.kind == "capability"
    assert repo.get(BROOKFIELD, 2, CLERK).excerpt == EXCERPT
    assert ("protocol-bot admin", "purge", "F-1") in [a[:3] for a in audit_of(repo)]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT number, excerpt, reason FROM flags ORDER BY number")).all()
    assert stored[0][1:] == (None, None) and None not in stored[1][1:]  # the tokens themselves are gone
    assert repo.purge(BROOKFIELD, cutoff) == []  # a second purge finds nothing


def test_purge_needs_no_keys(engine: Engine, repo: FlagRepository) -> None:
    add(repo, flag("old", created_at=T0 - timedelta(days=400)))
    keyless = FlagRepository(engine, None, AuditLog(engine))
    assert [f.ref for f in keyless.purge(BROOKFIELD, T0)] == ["F-1"]
