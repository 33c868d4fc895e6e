"""The council as the conduct detector sees it: its roster, its tuning, and who reviews a flag.

``detector_for(council)`` is called once at start-up (by the bot and by
``protocol-bot moderate``); the roster and the settings come from the council file
(``people:`` and ``moderation:``).
"""

from __future__ import annotations

from protocol.conduct import ConductDetector, DetectorSettings, RosterEntry
from protocol.flags import ReviewerPost

from bot.council import Council, Person, Role


def roster_entries(council: Council) -> list[RosterEntry]:
    """Everyone on the roster, with their platform ids (Slack, Discord), for the detector."""
    return [
        RosterEntry(name=p.name, role=p.role.value, title=p.title, aliases=p.aliases,
                    platform_ids=tuple(i for i in (p.slack_id, p.discord_id) if i))
        for p in council.people
    ]


def detector_settings(council: Council) -> DetectorSettings:
    """The council's ``moderation:`` tuning as the detector takes it."""
    moderation = council.moderation
    return DetectorSettings(sensitivity=moderation.sensitivity, extra_words=moderation.extra_words,
                            ignore_words=moderation.ignore_words, home=(council.name,))


def detector_for(council: Council) -> ConductDetector:
    """The council's detector (built once: it compiles the roster's names and the word tables)."""
    return ConductDetector(roster_entries(council), detector_settings(council))


def reviewer_post(council: Council, officer: str | None, author: str) -> ReviewerPost:
    """Who reviews a flag: the Clerk; the Chair when the officer criticised is the Clerk.

    When the Chair wrote the message about the Clerk, or there is no Chair, the
    Vice-Chair reviews it (as with concerns about the Clerk). Criticism of staff
    collectively goes to the Clerk.
    """
    if officer is None or officer != council.clerk.name:
        return ReviewerPost.CLERK
    chair = council.chair
    if chair is not None and chair.name != author:
        return ReviewerPost.CHAIR
    return ReviewerPost.VICE_CHAIR if council.vice_chair is not None else ReviewerPost.CHAIR


def post_of(person: Person) -> ReviewerPost | None:
    """The reviewing post ``person`` holds, if any."""
    return {Role.CLERK: ReviewerPost.CLERK, Role.CHAIR: ReviewerPost.CHAIR,
            Role.VICE_CHAIR: ReviewerPost.VICE_CHAIR}.get(person.role)


def holder_of(council: Council, post: ReviewerPost) -> Person | None:
    """The person who holds ``post`` now."""
    if post is ReviewerPost.CLERK:
        return council.clerk
    return council.chair if post is ReviewerPost.CHAIR else council.vice_chair
