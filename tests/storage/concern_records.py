"""Builders for the concern and audit tests: a roster, concerns, messages, and a repository on ``engine``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from protocol.concerns import Concern, ConcernCategory, ConcernMessage, ConcernStatus, MessageKind
from storage.audit import AuditLog
from storage.concern_repository import ConcernRepository
from storage.crypto import TextCipher, fixed_cipher
from tests.storage.records import BROOKFIELD, T0

CLERK = "Nadia Kowalski"
CHAIR = "Grace Adeyemi"
OFFICER = "Robert Hale"
COUNCILLOR = "Priya Nair"
OTHER_COUNCILLOR = "Dennis Wood"


def concern(council: str = BROOKFIELD, **changes: Any) -> Concern:
    """A new (unstored) concern of a councillor about an officer, handled by the Clerk."""
    values: dict[str, Any] = {
        "council": council,
        "raiser": COUNCILLOR,
        "category": ConcernCategory.OFFICER_CONDUCT,
        "summary": "The officer shouted at me in the car park after the planning meeting.",
        "handlers": (CLERK,),
        "route": "councillor_about_officer",
        "created_at": T0,
        "about": OFFICER,
        "hoped_outcome": "An apology and a quiet word.",
        "clause_id": "6.2",
    }
    values.update(changes)
    return Concern(**values)


def about_clerk(council: str = BROOKFIELD, **changes: Any) -> Concern:
    """A concern about the Clerk: the Chair handles it, and the Clerk must never see it."""
    return concern(council, about=CLERK, handlers=(CHAIR,), route="about_clerk",
                   summary="The Clerk withheld the finance papers from me twice.", **changes)


def message(minutes: int, author: str = CLERK, body: str = "Thank you, I will look into it.",
            kind: MessageKind = MessageKind.REPLY, **changes: Any) -> ConcernMessage:
    """A message ``minutes`` after :data:`T0`."""
    return ConcernMessage(kind, T0 + timedelta(minutes=minutes), author, body, **changes)


def closing(stored: Concern, at: datetime, outcome: str = "Resolved after a meeting with both.") -> Concern:
    """``stored`` closed at ``at`` with ``outcome``."""
    return stored.evolve(status=ConcernStatus.RESOLVED_INFORMALLY, closed_at=at, outcome=outcome)


def make_repo(engine: Engine, cipher: TextCipher | None = None, clock: Any = None) -> ConcernRepository:
    """A repository on ``engine`` with the test key (or ``cipher``) and its own audit log."""
    kwargs = {"clock": clock} if clock is not None else {}
    audit = AuditLog(engine, **kwargs)
    return ConcernRepository(engine, cipher or fixed_cipher("tests"), audit, **kwargs)
