"""Several councils in one process: one council file each, one bot each, one database for all.

An event is matched to its council by Slack team id or Discord guild id. Each bot
reads and writes only rows with its own council key, and the keys, team ids and
guild ids must be unique across the files, so nothing of one council is ever
visible to another.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from bot.app import ProtocolBot
from bot.clock import Clock, system_clock
from bot.config import BotConfig
from bot.council import Council, CouncilFileError, Problem, load_council
from bot.stores import open_stores


def council_paths(spec: str | Path) -> list[Path]:
    """The council files named by ``spec``: one file, a folder of ``.yaml`` files, or paths joined by ``:``."""
    paths: list[Path] = []
    for part in str(spec).split(os.pathsep):
        if not part.strip():
            continue
        path = Path(part.strip())
        if path.is_dir():
            paths += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and _is_council_file(p))
        else:
            paths.append(path)
    return paths


def _is_council_file(path: Path) -> bool:
    """A ``.yaml`` file in a folder of councils that has a roster (a protocol pack beside it has none)."""
    try:
        return path.is_file() and re.search(r"^people\s*:", path.read_text(encoding="utf-8"), re.M) is not None
    except (OSError, UnicodeDecodeError):
        return True  # let loading it report the problem


def load_councils(paths: Iterable[Path]) -> list[Council]:
    """Load every council file; raise CouncilFileError if two share a key, a Slack team or a Discord guild."""
    councils = [load_council(p) for p in paths]
    problems: list[Problem] = []
    for attr, what in (("key", "id"), ("slack_team_id", "slack_team_id"), ("discord_guild_id", "discord_guild_id")):
        seen: dict[str, Council] = {}
        for council in councils:
            value = getattr(council, attr)
            if value is None:
                continue
            if value in seen:
                problems.append(Problem(what, f"'{value}' is used by both {seen[value].source} and {council.source}; "
                                              "each council needs its own"))
            seen.setdefault(value, council)
    if len(councils) > 1:
        for council in councils:
            if council.slack_team_id is None and council.discord_guild_id is None:
                problems.append(Problem("slack_team_id", f"{council.source}: with several councils, each needs "
                                                         "slack_team_id or discord_guild_id to match its events"))
    if problems:
        raise CouncilFileError("council files", problems)
    return councils


@dataclass
class CouncilBots:
    """The bots of every council served by this process."""

    bots: tuple[ProtocolBot, ...]

    @classmethod
    def start(cls, councils: Iterable[Council], config: BotConfig | None = None,
              clock: Clock = system_clock) -> CouncilBots:
        """Open the database once and build a bot for each council."""
        config = config or BotConfig()
        stores = open_stores(config.database_url)
        return cls(tuple(ProtocolBot.from_council(c, config, clock=clock, stores=stores) for c in councils))

    def for_slack_team(self, team_id: str | None) -> ProtocolBot | None:
        """The bot of the council whose Slack workspace this is (the only one, if just one has no team id)."""
        return self._match("slack_team_id", team_id)

    def for_discord_guild(self, guild_id: str | int | None) -> ProtocolBot | None:
        """The bot of the council whose Discord server this is: one council per server, so a server no council
        file names as ``discord_guild_id`` has none (the bot may have been invited anywhere)."""
        wanted = None if guild_id is None else str(guild_id)
        return next((b for b in self.bots if wanted is not None and b.council.discord_guild_id == wanted), None)

    def for_member(self, platform: str, user_id: str) -> ProtocolBot | None:
        """For a DM, which names no workspace: the council whose roster has this platform user id (the only
        council, if there is just one, so that a stranger still gets its answer)."""
        for bot in self.bots:
            if bot.council.person_by_platform_id(platform, user_id) is not None:
                return bot
        return self.bots[0] if len(self.bots) == 1 else None

    def _match(self, attr: str, value: str | None) -> ProtocolBot | None:
        for bot in self.bots:
            if value is not None and getattr(bot.council, attr) == value:
                return bot
        if len(self.bots) == 1 and getattr(self.bots[0].council, attr) is None:
            return self.bots[0]  # a single council that did not say its id serves its one workspace
        return None
