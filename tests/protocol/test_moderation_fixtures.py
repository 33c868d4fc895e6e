"""The labelled moderation sets are well formed: every row parses and agrees with its council's roster."""

from __future__ import annotations

import re

import pytest

from bench.moderation_quality import HOLDOUT, development_sets, read_set, sets_in
from bot.council import load_council

SETS = development_sets() + sets_in(HOLDOUT)
_MENTION = re.compile(r"<@!?([A-Za-z0-9]+)>")


@pytest.mark.parametrize("council_path, tsv", SETS, ids=[t.stem for _c, t in SETS])
def test_rows_agree_with_the_roster(council_path, tsv):
    council = load_council(council_path)
    names = {p.name for p in council.people}
    officers = {p.name for p in council.people if p.is_officer}
    ids = {i for p in council.people for i in (p.slack_id, p.discord_id) if i}
    rows = read_set(tsv)
    assert rows and len({r.id for r in rows}) == len(rows)
    for r in rows:
        assert r.place in ("public", "private", "dm"), r.id
        assert r.author in names, r.id
        assert not r.officer or (r.flag and r.officer in officers), r.id
        assert not r.flag or r.place == "public", r.id
        assert all(uid in ids for uid in _MENTION.findall(r.text)), r.id


def test_the_sets_do_not_share_messages():
    seen: dict[str, str] = {}
    for _council, tsv in SETS:
        for r in read_set(tsv):
            assert r.text not in seen or seen[r.text] == tsv.stem, f"{r.id} repeats a message of {seen.get(r.text)}"
            seen[r.text] = tsv.stem
