"""The annual summary the Clerk can put to the council: counts and times, no names and no text."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any, Iterable

from protocol.concerns import ConcernCategory, ConcernStatus
from protocol.flags import FlagStatus
from protocol.requests import InformationRequest, RequestStatus
from protocol.working_days import WorkingCalendar

from bot.clock import uk_date


def requests_summary(requests: Iterable[InformationRequest], year: int, calendar: WorkingCalendar) -> dict[str, Any]:
    """Information requests made in ``year`` (UK dates): by outcome and advice, and working days to decide."""
    made = [r for r in requests if uk_date(r.created_at).year == year]
    days = [calendar.working_days_between(uk_date(r.created_at), uk_date(r.decided_at))
            for r in made if r.decided_at is not None and r.status is not RequestStatus.WITHDRAWN]
    on_time = sum(1 for r in made if r.decided_at is not None and uk_date(r.decided_at) <= r.due)
    return {
        "made": len(made),
        "by_outcome": dict(sorted(Counter(r.status.value for r in made).items())),
        "by_advice": dict(sorted(Counter(r.verdict or "none" for r in made).items())),
        "answered_by_the_deadline": on_time,
        "working_days_to_decide": {"median": statistics.median(days) if days else None,
                                   "longest": max(days) if days else None},
    }


def summary_text(council: str, year: int, requests: dict[str, Any], concerns: dict[str, Any],
                 flags: dict[str, Any] | None = None) -> str:
    """The summary as plain sentences and lists, for a council report."""
    lines = [f"{council}: member/officer protocol, summary for {year}", "", "Information requests",
             f"  Made: {requests['made']}; answered by the deadline: {requests['answered_by_the_deadline']}."]
    lines += [f"  {RequestStatus(k).label.capitalize()}: {n}" for k, n in requests["by_outcome"].items()]
    days = requests["working_days_to_decide"]
    if days["median"] is not None:
        lines.append(f"  Working days to decide: median {days['median']}, longest {days['longest']}.")
    lines += ["", "Private concerns",
              f"  Raised: {concerns['raised']}; closed: {concerns['closed']}; still open: {concerns['open']}."]
    lines += [f"  {ConcernCategory(k).label.capitalize()}: {n}" for k, n in concerns["by_category"].items()]
    lines += [f"  Outcome, {ConcernStatus(k).label}: {n}" for k, n in concerns["by_status"].items()]
    close = concerns["days_to_close"]
    if close["median"] is not None:
        lines.append(f"  Days to close: median {close['median']}, mean {close['mean']}.")
    if flags is not None:
        lines += ["", "Public criticism of officers (nudges)",
                  f"  Messages flagged: {flags['flagged']}; authors nudged: {flags['nudges']}."]
        lines += [f"  {kind.replace('_', ' ').capitalize()}: {n}" for kind, n in flags["by_kind"].items()]
        answers = {k: n for k, n in flags["by_answer"].items() if k != "none"}
        lines += [f"  Authors' answer, {FlagStatus(k).label}: {n}" for k, n in answers.items()]
    lines += ["", "No names or details are included. Small numbers may still point to people: "
                  "consider that before publishing."]
    return "\n".join(lines) + "\n"
