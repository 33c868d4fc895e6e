"""Who can see what: every role × every kind of item × every action, on a real database.

Items (on the example council):
  R-1  a request by Priya (planning), handled by the Clerk
  R-2  a confidential request by Dennis (finance), delegated to the RFO
  C-1  Priya's concern about an officer (Robert), handled by the Clerk
  C-2  Priya's concern about the Clerk, handled by the Chair
  C-3  Robert's concern about a councillor (Dennis), handled by the Clerk
  C-4  the Chair's concern about the Clerk, handled by the Vice-Chair
  F-1  Priya's public criticism of an officer (Robert): the Clerk reviews it
  F-2  Priya's public criticism of the Clerk: the Chair reviews it
  F-3  the Chair's public criticism of the Clerk: the Vice-Chair reviews it
  F-4  Dennis's public criticism of staff collectively: the Clerk reviews it
Actions: notify (who was told when it was made: for flags, the author's nudge and the
reviewer's notice), read (``/protocol request|concern|flag REF``), list and count
(``/protocol review … all``), export (a handler's concern export, a reviewer's flag export).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import ProtocolBot
from bot.clock import SettableClock
from bot.config import BotConfig
from bot.council import ModerationSettings, load_council
from bot.events import Event, UnknownUser, Where
from bot.moderation import post_of
from bot.replies import Audience
from bot.stores import open_stores
from storage.audit import AuditLog
from storage.concern_repository import ConcernRepository
from storage.crypto import fixed_cipher
from storage.database import make_engine
from storage.flag_repository import FlagRepository
from tests.fakes import MONDAY

REPO = Path(__file__).parents[2]
CIPHER = fixed_cipher("access matrix")
PEOPLE = ("Nadia Kowalski", "Owen Price", "Farah Siddiqui", "Robert Hale", "May Lin", "Grace Adeyemi",
          "Colin Marsh", "Priya Nair", "Dennis Wood")

# Who may see each item (and so read, list, count and, for concerns, export it).
MAY_SEE = {
    "R-1": {"Priya Nair", "Nadia Kowalski"},
    "R-2": {"Dennis Wood", "Farah Siddiqui", "Nadia Kowalski"},
    "C-1": {"Priya Nair", "Nadia Kowalski"},
    "C-2": {"Priya Nair", "Grace Adeyemi"},
    "C-3": {"Robert Hale", "Nadia Kowalski"},
    "C-4": {"Grace Adeyemi", "Colin Marsh"},
    "F-1": {"Nadia Kowalski"},
    "F-2": {"Grace Adeyemi"},
    "F-3": {"Colin Marsh"},
    "F-4": {"Nadia Kowalski"},
}
NOTIFIED = {
    "R-1": {"Nadia Kowalski"},
    "R-2": {"Farah Siddiqui"},
    "C-1": {"Nadia Kowalski"},
    "C-2": {"Grace Adeyemi"},
    "C-3": {"Nadia Kowalski"},
    "C-4": {"Colin Marsh"},
    "F-1": {"Nadia Kowalski"},
    "F-2": {"Grace Adeyemi"},
    "F-3": {"Colin Marsh"},
    "F-4": {"Nadia Kowalski"},
}
NUDGED = {"F-1": "Priya Nair", "F-2": "Priya Nair", "F-3": "Grace Adeyemi", "F-4": "Dennis Wood"}
FLAGS = ("F-1", "F-2", "F-3", "F-4")
HANDLES = {"C-1": {"Nadia Kowalski"}, "C-2": {"Grace Adeyemi"}, "C-3": {"Nadia Kowalski"}, "C-4": {"Colin Marsh"}}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, _server_database) -> tuple[ProtocolBot, dict[str, set[str]], str]:
    """The items made once for the whole module (on the test server, emptied first, when there is one)."""
    if _server_database is None:
        url = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'm.db'}"
    else:
        engine, truncate = _server_database
        with engine.begin() as connection:
            connection.execute(text(truncate))
        url = str(engine.url.render_as_string(hide_password=False))
    council = load_council(REPO / "examples" / "brookfield.yaml")
    council = replace(council, moderation=ModerationSettings(notify_reviewer=True, burst_minutes=0))
    bot = ProtocolBot.from_council(council, BotConfig(database_url=url), clock=SettableClock(MONDAY),
                                   stores=open_stores(url, cipher=CIPHER))
    person = bot.council.person
    made = [
        ("R-1", "Priya Nair", '/protocol request documents="Tree survey" purpose="For the planning committee '
                              'meeting on the application" committee=planning'),
        ("R-2", "Dennis Wood", '/protocol request documents="Bank statements" purpose="The finance committee '
                               'reviews them" committee=finance confidential=yes'),
        ("C-1", "Priya Nair", '/protocol concern about="Robert Hale" summary="Rude at the allotments"'),
        ("C-2", "Priya Nair", '/protocol concern about="Nadia Kowalski" summary="Minutes never circulated"'),
        ("C-3", "Robert Hale", '/protocol concern about="Dennis Wood" summary="Shouted at me in the office"'),
        ("C-4", "Grace Adeyemi", '/protocol concern about="Nadia Kowalski" summary="Budget papers withheld"'),
    ]
    notified: dict[str, set[str]] = {}
    for ref, who, typed in made:
        replies = bot.handle(Event(person(who), Where.dm(), typed))
        assert ref in replies[0].text, replies[0].text
        notified[ref] = {r.to.name for r in replies if r.audience is Audience.DM and r.to is not None}
    posted = [
        ("F-1", "Priya Nair", "Robert is useless, the allotment gates were left open again."),
        ("F-2", "Priya Nair", "Nadia is hopeless at keeping us informed."),
        ("F-3", "Grace Adeyemi", "Nadia is hopeless at keeping us informed."),
        ("F-4", "Dennis Wood", "The office staff are lazy and never answer the phone."),
    ]
    for ref, who, typed in posted:
        replies = bot.handle(Event(person(who), Where.public("general"), typed, message_id=f"general:{ref}"))
        nudge = replies[0]
        assert nudge.audience is Audience.ASKER and ref in nudge.text, replies
        assert not [r for r in replies if r.audience is Audience.CHANNEL]
        notified[ref] = {r.to.name for r in replies if r.audience is Audience.DM and r.to is not None}
    return bot, notified, url


@pytest.mark.parametrize("ref", sorted(NOTIFIED))
def test_notify(world, ref: str) -> None:
    _, notified, _ = world
    assert notified[ref] == NOTIFIED[ref]


@pytest.mark.parametrize("name", PEOPLE)
@pytest.mark.parametrize("ref", sorted(MAY_SEE))
def test_read(world, name: str, ref: str) -> None:
    bot, _, _ = world
    kind = {"R": "request", "C": "concern", "F": "flag"}[ref[0]]
    [reply] = bot.handle(Event(bot.council.person(name), Where.dm(), f"/protocol {kind} {ref}"))
    allowed = name in MAY_SEE[ref]
    assert (f"no {kind} {ref} that you can see" not in reply.text) == allowed, (name, ref, reply.text)


@pytest.mark.parametrize("name", PEOPLE)
def test_list_and_count(world, name: str) -> None:
    bot, _, _ = world
    who = bot.council.person(name)
    [requests] = bot.handle(Event(who, Where.dm(), "/protocol review requests all"))
    [concerns] = bot.handle(Event(who, Where.dm(), "/protocol review concerns all"))
    for ref, reply in [(r, requests) for r in ("R-1", "R-2")] + [(c, concerns) for c in ("C-1", "C-2", "C-3", "C-4")]:
        assert (f"{ref}" in reply.text) == (name in MAY_SEE[ref]), (name, ref, reply.text)
    mine = sum(name in MAY_SEE[r] for r in ("R-1", "R-2"))
    assert f"All ({mine}):" in requests.text or (mine == 0 and "There are none yet" in requests.text)
    handled = sum(name in HANDLES[c] for c in HANDLES)
    raised = {"Priya Nair": 2, "Robert Hale": 1, "Grace Adeyemi": 1}.get(name, 0)
    assert f"Concerns you handle (all): {handled}" in concerns.text
    assert f"Concerns you raised (all): {raised}" in concerns.text
    [flags] = bot.handle(Event(who, Where.dm(), "/protocol review flags all"))
    for ref in FLAGS:
        assert (f"{ref} " in flags.text) == (name in MAY_SEE[ref]), (name, ref, flags.text)
    if not any(name in MAY_SEE[ref] for ref in FLAGS):
        assert flags.text == "There are no flags you can see (all)."


@pytest.mark.parametrize("ref", FLAGS)
def test_the_officer_named_is_never_told_and_only_the_author_is_nudged(world, ref: str) -> None:
    _, notified, _ = world
    assert "Robert Hale" not in notified[ref] and "Nadia Kowalski" not in notified[ref] - MAY_SEE[ref]
    assert NUDGED[ref] not in notified[ref]  # the nudge is the author's own (only they see it), not a DM


@pytest.mark.parametrize("name", PEOPLE)
def test_export(world, name: str) -> None:
    bot, _, url = world
    post = post_of(bot.council.person(name))
    engine = make_engine(url)
    try:
        records = ConcernRepository(engine, CIPHER, AuditLog(engine)).export_for("brookfield", name)
        flags = [] if post is None else FlagRepository(engine, CIPHER, AuditLog(engine)).export_for_reviewer(
            "brookfield", post, name)
    finally:
        engine.dispose()
    assert {c.ref for c, _ in records} == {ref for ref, who in HANDLES.items() if name in who}
    assert {f.ref for f in flags} == {ref for ref in FLAGS if name in MAY_SEE[ref]}


@pytest.mark.parametrize("text", ["/protocol request R-1", "/protocol concern C-2", "/protocol review concerns",
                                  "/protocol review requests all", "/protocol concern", "a long message in a DM",
                                  "/protocol review flags all", "/protocol flag F-2"])
def test_someone_not_on_the_roster_gets_only_the_polite_answer(world, text: str) -> None:
    bot, _, _ = world
    [reply] = bot.handle(Event(UnknownUser("slack", "U999"), Where.dm(), text))
    assert "not on its roster" in reply.text and not [ref for ref in ("C-", "R-", "F-") if ref in reply.text]
