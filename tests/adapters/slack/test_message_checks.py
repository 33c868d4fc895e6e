"""Message checks in a pool of their own, as ``protocol-bot run slack`` serves (the work after the ack): commands
are acknowledged while checks are stuck, nothing is lost when they resume, and a full queue pushes back on Slack."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NoReturn

import pytest

from adapters.slack.app import build_app, finish_work
from adapters.slack.failures import SORRY
from adapters.slack.message_checks import MessageChecks
from adapters.slack.text import escape
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import Harness, acknowledged, shown_text

ABOUT_CLERK = "Nadia is hopeless at keeping us informed."
ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."
PLAIN = "Who is going to the fete on Saturday?"
AUTHORS = ["U08PRIYA", "U09DENNIS"]


@dataclass
class StuckDetector:
    """The council's conduct detector, held at its first step until ``release`` (what it read, in order)."""

    released: threading.Event
    read: list[str]
    started: threading.Semaphore


@pytest.fixture
def stuck(slack: Harness, monkeypatch: pytest.MonkeyPatch) -> Iterator[StuckDetector]:
    detector = slack.bot.nudges.detector
    real: Callable[..., object] = detector.check
    held = StuckDetector(threading.Event(), [], threading.Semaphore(0))
    lock = threading.Lock()

    def check(text: str, *args: object, **kwargs: object) -> object:
        held.started.release()
        assert held.released.wait(timeout=30), "the test never released the detector"
        with lock:
            held.read.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(detector, "check", check)
    yield held
    held.released.set()  # whatever the test did, no check stays stuck


def _served(slack: Harness, checks: MessageChecks) -> Harness:
    app = build_app(slack.bot, signing_secret=payloads.SECRET, client=slack.app.client, message_checks=checks)
    return Harness(app, slack.bot, slack.fake, slack.clock)


def _message(served: Harness, n: int, text: str, retry: int | None = None) -> int:
    return served.message(text, user=AUTHORS[n % 2], event_id=f"Ev0CHECK{n:04d}", ts=f"1765800000.{n:06d}",
                          retry=retry).status


def _until(condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("the condition never came true")


def test_commands_are_acknowledged_while_message_checks_are_stuck_and_no_message_is_lost(
        slack: Harness, stuck: StuckDetector) -> None:
    checks = MessageChecks(workers=2)
    served = _served(slack, checks)
    texts = [[ABOUT_CLERK, ABOUT_ROBERT, PLAIN][n % 3] + f" ({n})" for n in range(12)]  # more than bolt's 5 threads
    try:
        assert [_message(served, n, text) for n, text in enumerate(texts)] == [200] * 12  # all acknowledged
        for _ in range(2):
            assert stuck.started.acquire(timeout=10)  # both checking threads are inside the detector
        lookup = acknowledged(served.command("press"))  # answered in the acknowledgement itself
        assert "press-media." in shown_text(lookup)
        review = served.command("review requests", user="U01NADIA")  # acknowledged, then answered
        assert review.status == 200 and not review.body
        _until(lambda: bool(slack.fake.of("respond")))
        assert stuck.read == [] and checks.pending == 12  # the checks were stuck all along
    finally:
        stuck.released.set()
    finish_work(served.app, checks)  # as `protocol-bot run slack` does when it stops: every check finishes
    assert sorted(stuck.read) == sorted(texts)
    assert checks.pending == 0
    assert all(not slack.bot.first_delivery("slack", f"Ev0CHECK{n:04d}") for n in range(12))  # each claimed once
    nudged = {call.body["user"] for call in slack.fake.of("chat.postEphemeral")}
    assert nudged == set(AUTHORS)  # each author's criticism of an officer got its private word


def test_a_retry_while_the_first_delivery_waits_is_checked_once(slack: Harness, stuck: StuckDetector) -> None:
    checks = MessageChecks(workers=1)
    served = _served(slack, checks)
    try:
        assert _message(served, 0, PLAIN) == 200
        assert stuck.started.acquire(timeout=10)
        assert _message(served, 1, ABOUT_CLERK) == 200
        assert _message(served, 1, ABOUT_CLERK, retry=1) == 200  # Slack did not hear back in time and sent it again
    finally:
        stuck.released.set()
    finish_work(served.app, checks)
    assert stuck.read == [PLAIN, ABOUT_CLERK]
    assert len(slack.fake.of("chat.postEphemeral")) == 1


def test_when_no_check_can_wait_slack_is_told_to_send_the_event_again_and_it_is_checked(
        slack: Harness, stuck: StuckDetector, caplog: pytest.LogCaptureFixture) -> None:
    checks = MessageChecks(workers=1, capacity=2, wait=0.05)
    served = _served(slack, checks)
    try:
        assert _message(served, 0, PLAIN) == 200
        assert stuck.started.acquire(timeout=10)
        assert _message(served, 1, PLAIN + " again") == 200  # waits its turn
        assert _message(served, 2, ABOUT_CLERK) == 503  # no room, even after a wait: refused, not dropped
        refusals = [r for r in caplog.records if r.levelno == logging.ERROR and "Ev0CHECK0002" in r.getMessage()]
        assert len(refusals) == 1 and "Slack will send it again" in refusals[0].getMessage()
    finally:
        stuck.released.set()
    _until(lambda: checks.pending == 0)
    assert _message(served, 2, ABOUT_CLERK, retry=1) == 200  # Slack's retry, now there is room
    finish_work(served.app, checks)
    assert stuck.read == [PLAIN, PLAIN + " again", ABOUT_CLERK]
    [nudge] = slack.fake.of("chat.postEphemeral")
    assert "Nadia Kowalski has not been told" in shown_text(nudge.body)


def test_a_check_that_fails_in_the_pool_is_logged_and_a_dm_answered(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise RuntimeError("the database went away mid-query")

    monkeypatch.setattr(slack.bot, "handle", fail)
    checks = MessageChecks()
    served = _served(slack, checks)
    assert _message(served, 0, ABOUT_CLERK) == 200
    assert served.message("The estates manager shouted at me in the office yesterday.", channel="D0PRIYA001",
                          channel_type="im", event_id="Ev0CHECKDM01").status == 200
    finish_work(served.app, checks)
    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert failures == ["A Slack message event (message) failed for user U08PRIYA."] * 2
    [sorry] = slack.fake.sent()  # the message in the channel is only logged; the DM is answered, in the DM
    assert sorry.method == "chat.postMessage" and sorry.body["channel"] == "D0PRIYA001"
    assert shown_text(sorry.body) == escape(SORRY)
