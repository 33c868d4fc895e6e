"""The repository under test, on the ``engine`` of tests/conftest.py, with a settable clock."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine

from storage.request_repository import RequestRepository
from tests.storage.records import T0


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repo(engine: Engine, clock: Clock) -> RequestRepository:
    return RequestRepository(engine, clock=clock)
