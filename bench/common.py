"""Shared pieces of the benchmarks: the seed protocols, a synthetic 1,000-clause pack, percentiles,
and a throw-away PostgreSQL schema."""

from __future__ import annotations

import math
import os
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from protocol.importer import import_file
from protocol.model import Clause, ProtocolPack

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"  # copies of ../shared/seeds, so CI has them
SYNTHETIC_SIZE = 1000
SECTION_SIZE = 25  # synthetic ids run 1.1 … 1.25, 2.1 … 40.25

# Word swaps that keep a clause readable but make it differ from its source.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "councillors": ("members", "elected members"),
    "councillor": ("member", "elected member"),
    "members": ("councillors",),
    "member": ("councillor",),
    "officers": ("employees", "staff"),
    "officer": ("employee", "member of staff"),
    "employees": ("officers",),
    "staff": ("officers",),
    "council": ("authority",),
    "must": ("should",),
    "should": ("must",),
    "will": ("shall",),
    "press": ("media",),
    "media": ("press",),
    "email": ("e-mail",),
    "meeting": ("meetings",),
    "information": ("details",),
    "appropriate": ("suitable",),
    "ensure": ("make sure",),
}
_FILLERS = frozenset({"the", "a", "an", "any", "all", "also", "normally", "generally", "always"})
_WORD = re.compile(r"^[A-Za-z][A-Za-z'-]*$")


def seed_paths() -> list[Path]:
    """The seed protocols, in name order."""
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no seed protocols in {SEEDS}")
    return paths


def load_seeds() -> list[tuple[Path, ProtocolPack]]:
    """Every seed, imported."""
    return [(p, import_file(p)) for p in seed_paths()]


def largest_seed(seeds: list[tuple[Path, ProtocolPack]] | None = None) -> tuple[Path, ProtocolPack]:
    """The seed with the most clauses."""
    return max(seeds if seeds is not None else load_seeds(), key=lambda sp: len(sp[1]))


def _vary_line(line: str, rng: random.Random) -> str:
    """The line with one or two small edits: a word swap, a synonym, a dropped filler word."""
    words = line.split(" ")
    if len(words) < 4:
        return line
    for _ in range(rng.randint(1, 2)):
        op = rng.random()
        if op < 0.4:  # swap two neighbouring words (never the leading one, which may be a number)
            i = rng.randrange(1, len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        elif op < 0.8:  # a synonym
            spots = [i for i, w in enumerate(words) if w.lower() in _VARIANTS]
            if spots:
                i = rng.choice(spots)
                new = rng.choice(_VARIANTS[words[i].lower()])
                words[i] = new[0].upper() + new[1:] if words[i][0].isupper() else new
        else:  # drop a filler word
            spots = [i for i, w in enumerate(words) if i and w.lower() in _FILLERS]
            if spots and len(words) > 5:
                del words[rng.choice(spots)]
    return " ".join(words)


def _vary_clause(source: Clause, cid: str, rng: random.Random) -> Clause:
    if source.is_heading_only:  # a heading stays a heading
        return Clause(id=cid, text=source.text, path=source.path, number=cid, title=source.title)
    items = set(source.items)
    lines, new_items = [], []
    for line in source.text.split("\n"):
        varied = _vary_line(line, rng) if any(_WORD.match(w) for w in line.split()) else line
        lines.append(varied)
        if line in items:
            new_items.append(varied)
    return Clause(
        id=cid,
        text="\n".join(lines),
        path=source.path,
        items=tuple(new_items),
        number=cid,
        title=source.title,
    )


def synthetic_pack(
    seeds: list[tuple[Path, ProtocolPack]] | None = None, size: int = SYNTHETIC_SIZE, seed: int = 1
) -> ProtocolPack:
    """A deterministic ``size``-clause pack made from the seeds' real clauses.

    Cycles through every seed clause in turn (documents in name order), keeping its
    headings and varying a few words of its text; ids are ``S.N`` (25 clauses a section).
    """
    rng = random.Random(seed)
    source = [c for _, pack in (seeds if seeds is not None else load_seeds()) for c in pack.clauses]
    clauses = []
    for k in range(size):
        cid = f"{k // SECTION_SIZE + 1}.{k % SECTION_SIZE + 1}"
        clauses.append(_vary_clause(source[k % len(source)], cid, rng))
    return ProtocolPack(clauses=tuple(clauses), council="Synthetic Town Council", title="Synthetic protocol")


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile ``p`` (0–100) of already-sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def heading(title: str) -> str:
    """A section heading for the printed report."""
    return f"\n== {title} " + "=" * max(3, 72 - len(title))


@contextmanager
def postgres_schema(url: str) -> Iterator[Engine]:
    """An engine whose tables live in a new schema of the server at ``url``, dropped afterwards."""
    from sqlalchemy import text

    from storage.database import make_engine

    schema = f"bench_{os.getpid()}_{time.monotonic_ns()}"
    admin = make_engine(url, timeout=3)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        separator = "&" if "?" in url else "?"
        engine = make_engine(f"{url}{separator}options=-csearch_path%3D{schema}", timeout=3)
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    finally:
        admin.dispose()


def on_each_database(run: Callable[[str, Engine], T]) -> list[T]:
    """``run(name, engine)`` on a temporary SQLite file, then on PostgreSQL (``BENCH_DATABASE_URL``, default the
    local test server) in a schema of its own; PostgreSQL is skipped, saying why, when it cannot be reached."""
    import tempfile

    from storage.database import make_engine, ping
    from storage.errors import StorageUnavailable

    results = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        try:
            results.append(run("SQLite", engine))
        finally:
            engine.dispose()
    print()
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_PG_URL
    try:
        probe = make_engine(url, timeout=3)
        try:
            ping(probe)
        finally:
            probe.dispose()
    except StorageUnavailable as exc:
        print(f"PostgreSQL: skipped ({exc})")
    else:
        with postgres_schema(url) as engine:
            results.append(run("PostgreSQL", engine))
    return results
