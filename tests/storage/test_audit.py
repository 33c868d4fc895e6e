"""The audit log: one hash chain per council, that verify() checks and tampering breaks."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from storage.audit import ACTIONS, GENESIS, AuditLog, entry_hash
from storage.database import transaction
from tests.storage.records import ASHBOURNE, BROOKFIELD, T0


@pytest.fixture
def log(engine: Engine) -> AuditLog:
    return AuditLog(engine, clock=lambda: T0)


def fill(log: AuditLog, n: int, council: str = BROOKFIELD) -> list[int]:
    """``n`` entries a minute apart; their ids."""
    actions = sorted(ACTIONS)
    return [log.append(council, f"Person {i % 3}", actions[i % len(actions)], f"C-{i}", f"count={i}",
                       at=T0 + timedelta(minutes=i)).id for i in range(n)]


def sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(statement), params)


def test_a_chain_starts_at_genesis_and_links_every_entry(log: AuditLog) -> None:
    fill(log, 30)
    entries = log.entries(BROOKFIELD)
    assert len(entries) == 30 and entries[0].prev_hash == GENESIS
    for before, after in zip(entries, entries[1:]):
        assert after.prev_hash == before.hash and after.id > before.id
    for e in entries:
        assert e.hash == entry_hash(e.council, e.at, e.actor, e.action, e.item, e.detail, e.prev_hash)
    result = log.verify()
    assert result.ok and result.checked == 30 and result.first_bad_id is None
    assert "30 entries" in result.message and "chain intact" in result.message
    assert result.heads == {BROOKFIELD: entries[-1].hash}


def test_the_hash_covers_every_field() -> None:
    base = (BROOKFIELD, T0, "Nadia Kowalski", "read", "C-4", "concern", GENESIS)
    digest = entry_hash(*base)
    assert len(digest) == 64
    for i in range(len(base)):
        changed = list(base)
        changed[i] = T0 + timedelta(microseconds=1) if i == 1 else str(base[i]) + "x"
        assert entry_hash(*changed) != digest
    # The same instant in another zone is the same entry.
    from zoneinfo import ZoneInfo
    assert entry_hash(BROOKFIELD, T0.astimezone(ZoneInfo("Europe/London")), *base[2:]) == digest


def test_each_council_has_its_own_chain(log: AuditLog) -> None:
    for i in range(10):
        log.append(BROOKFIELD, "a", "read", f"C-{i}")
        log.append(ASHBOURNE, "b", "read", f"C-{i}")
    assert log.entries(BROOKFIELD)[0].prev_hash == GENESIS == log.entries(ASHBOURNE)[0].prev_hash
    assert log.verify(BROOKFIELD).checked == 10 and log.verify(ASHBOURNE).checked == 10
    assert log.verify().checked == 20 and log.councils() == [ASHBOURNE, BROOKFIELD]


def test_entries_filter_and_limit_to_the_newest(log: AuditLog) -> None:
    fill(log, 12)
    assert [e.item for e in log.entries(BROOKFIELD, limit=3)] == ["C-9", "C-10", "C-11"]
    assert {e.actor for e in log.entries(BROOKFIELD, actor="Person 1")} == {"Person 1"}
    assert [e.item for e in log.entries(BROOKFIELD, item="C-4")] == ["C-4"]
    assert all(e.action == "read" for e in log.entries(BROOKFIELD, action="read"))
    assert log.entries(ASHBOURNE) == []


def test_an_edited_entry_is_named(engine: Engine, log: AuditLog) -> None:
    ids = fill(log, 20)
    sql(engine, "UPDATE audit_log SET detail = 'count=999' WHERE id = :id", id=ids[7])
    result = log.verify()
    assert not result.ok and result.first_bad_id == ids[7] and result.checked == 7
    assert f"entry {ids[7]}" in result.message and "changed after it was written" in result.message


def test_an_edit_that_recomputes_its_own_hash_breaks_the_next_link(engine: Engine, log: AuditLog) -> None:
    ids = fill(log, 10)
    row = log.entries(BROOKFIELD)[4]
    forged = entry_hash(row.council, row.at, "Someone Else", row.action, row.item, row.detail, row.prev_hash)
    sql(engine, "UPDATE audit_log SET actor = 'Someone Else', hash = :h WHERE id = :id", h=forged, id=ids[4])
    result = log.verify()
    assert not result.ok and result.first_bad_id == ids[5] and "does not follow" in result.message


@pytest.mark.parametrize("position", [0, 9, 18])
def test_a_deleted_entry_is_noticed_at_the_next_one(engine: Engine, log: AuditLog, position: int) -> None:
    ids = fill(log, 20)
    sql(engine, "DELETE FROM audit_log WHERE id = :id", id=ids[position])
    result = log.verify(BROOKFIELD)
    assert not result.ok and result.first_bad_id == ids[position + 1]
    assert "deleted" in result.message


def test_deleting_the_newest_entries_is_noticed_by_the_counter(engine: Engine, log: AuditLog) -> None:
    ids = fill(log, 10)
    sql(engine, "DELETE FROM audit_log WHERE id >= :id", id=ids[7])
    result = log.verify()
    assert not result.ok and result.first_bad_id is None and result.checked == 7
    assert "has 7 entries but 10 were written: the last 3 were deleted" in result.message
    log.append(BROOKFIELD, "a", "read", "C-1")  # appending again does not hide it
    assert not log.verify().ok


def test_deleting_every_entry_is_noticed(engine: Engine, log: AuditLog) -> None:
    fill(log, 3)
    sql(engine, "DELETE FROM audit_log")
    result = log.verify()
    assert not result.ok and "the last 3 were deleted" in result.message


def test_swapped_entries_are_noticed(engine: Engine, log: AuditLog) -> None:
    ids = fill(log, 10)
    columns = ("at", "actor", "action", "item", "detail", "prev_hash", "hash")
    with engine.begin() as connection:
        rows = {i: connection.execute(text(f"SELECT {', '.join(columns)} FROM audit_log WHERE id = :id"),
                                      {"id": i}).mappings().one() for i in (ids[3], ids[6])}
        # prev_hash is unique per council: park one row first.
        connection.execute(text("UPDATE audit_log SET prev_hash = 'parked' WHERE id = :id"), {"id": ids[3]})
        for target, source in ((ids[6], ids[3]), (ids[3], ids[6])):
            sets = ", ".join(f"{c} = :{c}" for c in columns)
            connection.execute(text(f"UPDATE audit_log SET {sets} WHERE id = :id"), {**rows[source], "id": target})
    result = log.verify()
    assert not result.ok and result.first_bad_id == ids[3]


def test_tampering_in_one_council_is_reported_with_its_name(engine: Engine, log: AuditLog) -> None:
    fill(log, 5, ASHBOURNE)
    ids = fill(log, 5, BROOKFIELD)
    sql(engine, "UPDATE audit_log SET item = 'C-77' WHERE id = :id", id=ids[2])
    assert log.verify(ASHBOURNE).ok
    result = log.verify()
    assert not result.ok and result.first_bad_id == ids[2] and BROOKFIELD in result.message


def test_an_append_inside_a_rolled_back_transaction_leaves_no_trace(engine: Engine, log: AuditLog) -> None:
    fill(log, 3)
    with pytest.raises(RuntimeError):
        with transaction(engine, write=True) as connection:
            log.append(BROOKFIELD, "a", "create", "C-9", connection=connection)
            raise RuntimeError("the caller's work failed")
    assert len(log.entries(BROOKFIELD)) == 3
    assert log.verify().ok


def test_append_many_chains_in_order(log: AuditLog) -> None:
    fill(log, 2)
    added = log.append_many(BROOKFIELD, [("admin", "purge", f"C-{i}", "") for i in range(5)])
    assert [e.item for e in added] == [f"C-{i}" for i in range(5)]
    assert log.verify().checked == 7
    assert log.append_many(BROOKFIELD, []) == []


@pytest.mark.parametrize(
    ("action", "item", "detail"),
    [("Read", "C-1", ""), ("read it", "C-1", ""), ("", "C-1", ""), ("read", "", ""),
     ("read", "C-1", "two\nlines"), ("read", "C-1", "x" * 501)],
)
def test_bad_entries_are_refused(log: AuditLog, action: str, item: str, detail: str) -> None:
    with pytest.raises(ValueError):
        log.append(BROOKFIELD, "a", action, item, detail)
    assert log.entries(BROOKFIELD) == []


def test_naive_times_are_refused(log: AuditLog) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        log.append(BROOKFIELD, "a", "read", "C-1", at=T0.replace(tzinfo=None))


def test_there_is_no_way_to_change_or_remove_entries() -> None:
    public = {name for name in dir(AuditLog) if not name.startswith("_")}
    assert public == {"append", "append_many", "entries", "councils", "verify"}


def test_concurrent_appends_keep_one_valid_chain_per_council(engine: Engine) -> None:
    log = AuditLog(engine)
    threads, per_thread = 8, 25
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(per_thread):
                log.append(BROOKFIELD if (n + i) % 2 else ASHBOURNE, f"thread {n}", "read", f"C-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    result = log.verify()
    assert result.ok, result.message
    assert result.checked == threads * per_thread
    assert len(log.entries(BROOKFIELD)) == len(log.entries(ASHBOURNE)) == threads * per_thread // 2


def test_the_counter_starts_with_a_councils_first_entries_and_counts_every_one(engine: Engine, log: AuditLog) -> None:
    def written() -> dict[str, int]:
        with engine.connect() as connection:
            return {council: value - 1 for council, value in connection.execute(text(
                "SELECT council, next_value FROM council_sequences WHERE name = 'audit'"))}

    log.append_many(BROOKFIELD, [("a", "read", f"C-{n}", "") for n in range(3)])
    assert written() == {BROOKFIELD: 3}
    log.append(BROOKFIELD, "a", "read", "C-4")
    log.append(ASHBOURNE, "a", "read", "C-1")
    assert written() == {BROOKFIELD: 4, ASHBOURNE: 1}
    assert log.verify().ok
