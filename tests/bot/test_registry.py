"""Several councils in one process share a database and see nothing of each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import SettableClock
from bot.config import BotConfig
from bot.council import CouncilFileError
from bot.events import Event, Where
from bot.registry import CouncilBots, council_paths, load_councils
from tests.fakes import MONDAY

REPO = Path(__file__).parents[2]
EXAMPLE = (REPO / "examples" / "brookfield.yaml").read_text(encoding="utf-8")
PROTOCOL = (REPO / "examples" / "brookfield-protocol.yaml").resolve()


def write_council(folder: Path, key: str, name: str, team: str, guild: str) -> Path:
    text = (EXAMPLE.replace("id: brookfield", f"id: {key}\nslack_team_id: {team}\ndiscord_guild_id: \"{guild}\"")
            .replace("Brookfield Town Council", name).replace("brookfield-protocol.yaml", str(PROTOCOL)))
    path = folder / f"{key}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_council_sees_only_its_own_requests(tmp_path: Path, database_url: str) -> None:
    write_council(tmp_path, "brookfield", "Brookfield Town Council", "T1", "1")
    write_council(tmp_path, "ashby", "Ashby Parish Council", "T2", "2")
    councils = load_councils(council_paths(tmp_path))
    bots = CouncilBots.start(councils, BotConfig(database_url=database_url), clock=SettableClock(MONDAY))
    brookfield, ashby = bots.for_slack_team("T1"), bots.for_discord_guild(2)
    assert brookfield is not None and ashby is not None and brookfield is not ashby
    assert bots.for_slack_team("T9") is None
    priya = brookfield.council.find_person("Priya")
    [confirm, _] = brookfield.handle(Event(priya, Where.dm(), '/protocol request documents="Secret papers" '
                                                             'purpose="For the planning committee meeting"'))
    assert "R-1" in confirm.text
    nadia_ashby = ashby.council.clerk  # the same name on the other council's roster
    [review] = ashby.handle(Event(nadia_ashby, Where.dm(), "/protocol review requests all"))
    assert "0 open" in review.text and "Secret" not in review.text
    [nothing] = ashby.handle(Event(nadia_ashby, Where.dm(), "/protocol request R-1"))
    assert "no request R-1" in nothing.text
    [first] = ashby.handle(Event(ashby.council.find_person("Priya"), Where.dm(),
                                 '/protocol request documents="Minutes" purpose="For the planning committee meeting"'))[:1]
    assert "Recorded as R-1" in first.text  # numbering is per council


def test_councils_must_not_share_ids(tmp_path: Path) -> None:
    a = write_council(tmp_path, "brookfield", "Brookfield Town Council", "T1", "1")
    (tmp_path / "b").mkdir()
    b = write_council(tmp_path / "b", "brookfield", "Ashby Parish Council", "T1", "2")
    with pytest.raises(CouncilFileError) as caught:
        load_councils([a, b])
    text = str(caught.value)
    assert "'brookfield' is used by both" in text and "'T1' is used by both" in text


def test_check_takes_a_folder_of_councils(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    write_council(tmp_path, "brookfield", "Brookfield Town Council", "T1", "1")
    write_council(tmp_path, "ashby", "Ashby Parish Council", "T2", "2")
    (tmp_path / "pack.yaml").write_text("clauses: []\n", encoding="utf-8")  # not a council file: skipped
    done = CliRunner().invoke(app, ["check", "--council", str(tmp_path)])
    assert done.exit_code == 0, done.output
    assert "OK: 2 councils" in done.output
    write_council(tmp_path, "ashby", "Ashby Parish Council", "T1", "2")
    done = CliRunner().invoke(app, ["check", "--council", str(tmp_path)])
    assert done.exit_code == 1 and "'T1' is used by both" in done.output


def test_discord_servers_are_matched_strictly_and_dms_by_roster(tmp_path: Path, database_url: str) -> None:
    write_council(tmp_path, "brookfield", "Brookfield Town Council", "T1", "1")
    write_council(tmp_path, "ashby", "Ashby Parish Council", "T2", "2")
    bots = CouncilBots.start(load_councils(council_paths(tmp_path)), BotConfig(database_url=database_url))
    brookfield, ashby = bots.for_discord_guild("1"), bots.for_discord_guild(2)
    assert brookfield is not None and ashby is not None and brookfield is not ashby
    assert bots.for_discord_guild(3) is None and bots.for_discord_guild(None) is None
    priya = brookfield.council.find_person("Priya")
    assert priya is not None and priya.discord_id is not None
    assert bots.for_member("discord", priya.discord_id) is bots.bots[0]  # both rosters have her: the first
    assert bots.for_member("discord", "999") is None  # a stranger, and two councils: no guess


def test_one_council_answers_strangers_in_dms_but_not_unnamed_servers(tmp_path: Path, database_url: str) -> None:
    write_council(tmp_path, "brookfield", "Brookfield Town Council", "T1", "1")
    bots = CouncilBots.start(load_councils(council_paths(tmp_path)), BotConfig(database_url=database_url))
    assert bots.for_member("discord", "999") is bots.bots[0]  # to tell them to ask the Clerk
    assert bots.for_discord_guild(7) is None
