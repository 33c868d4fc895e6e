"""Detector speed: messages checked per second on one core, p50/p99 latency, and memory.

Run: ``python -m bench.moderation_speed``. The roster has 30 people (10 officers, 20
councillors, with aliases, titles and platform ids). Two message streams:

- *typical chat*: a council channel's everyday traffic, where three messages in four
  name no officer, mixed with the labelled development messages (most of which do);
- *labelled only*: the development messages alone, nearly all naming an officer
  (the detector's slow path).

Targets (issue 5): at least 20,000 typical messages per second; p99 under 1 ms.
"""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc

from bench.common import percentile
from bench.moderation_quality import development_sets, read_set
from protocol.conduct import ConductDetector, RosterEntry

ROUNDS = 60_000
CHAT = (
    "Morning all, is the meeting still at 7?", "Can someone send me the link for tonight?",
    "Agreed, let's park that until the spring.", "The new benches look great in the park!",
    "I'll bring the minutes to the next meeting, thanks all", "Anyone going to the Christmas lights switch-on?",
    "Apologies, I can't make Thursday.", "Great turnout at the litter pick today 👏",
    "Has the grant application gone in yet?", "The bus shelter on the high street has been vandalised again.",
    "Reminder: planning committee at 6.30 in the small hall.", "Thanks everyone for a productive meeting.",
    "Could we add the footpath survey to the next agenda?", "The weather forecast for the fun run looks grim.",
    "I've had three residents ask about the dog bins on Mill Lane.", "Does anyone have the precept figures handy?",
    "Happy to second that motion.", "The district council's consultation closes on Friday.",
    "Lovely photos from the fete, well done all!", "Who is bringing the urn for the coffee morning?",
    "I'll be late tonight, stuck on the A-road.", "Can we get a quote for the bench repairs?",
    "The play area inspection report is in the shared drive.", "Brilliant news about the lottery funding!",
)
FIRST = ("Aisha", "Ben", "Chloe", "Dev", "Ellen", "Femi", "Gareth", "Hannah", "Imran", "Jess", "Kofi", "Laura",
         "Marek", "Nia", "Oscar", "Pooja", "Quentin", "Rhys", "Sana", "Tom", "Uma", "Victor", "Wendy", "Xander",
         "Yusuf", "Zara", "Adam", "Bea", "Carl", "Dina")
SURNAMES = ("Okoro", "Hughes", "Patel", "Ng", "Walsh", "Adebayo", "Lloyd", "Khan", "Novak", "Byrne", "Mensah",
            "Price", "Kowal", "Evans", "Reid", "Shah", "Fox", "Morgan", "Ali", "Doyle", "Iqbal", "Stone", "Green",
            "Silva", "Farah", "Jones", "Bell", "Hale", "Lin", "Wood")
TITLES = ("Town Clerk", "Deputy Clerk", "Responsible Financial Officer", "Facilities Officer", "Grounds Manager",
          "Office Administrator", "Events Officer", "Community Engagement Officer", "Caretaker", "Finance Assistant")
ROLES = ("clerk", "deputy_clerk", "rfo") + ("officer",) * 7


def roster() -> list[RosterEntry]:
    """Thirty people: ten officers with titles and aliases, twenty councillors."""
    people = []
    for k in range(30):
        officer = k < 10
        people.append(RosterEntry(
            f"{FIRST[k]} {SURNAMES[k]}", ROLES[k] if officer else ("chair" if k == 10 else "councillor"),
            TITLES[k] if officer else None, (FIRST[k][:3],) if officer else (), (f"U{k:08d}", f"8200000000000000{k:02d}")))
    return people


def labelled_texts() -> list[str]:
    return [item.text for _council, tsv in development_sets() for item in read_set(tsv)]


def typical(labelled: list[str]) -> list[str]:
    """Three everyday messages to one labelled one."""
    out = []
    for k, text in enumerate(labelled):
        out += [CHAT[(3 * k + j) % len(CHAT)] for j in range(3)] + [text]
    return out


def measure(detector: ConductDetector, messages: list[str]) -> tuple[float, float, float]:
    """(messages per second, p50 µs, p99 µs) over ROUNDS checks on one core."""
    check = detector.check
    for text in messages[:500]:
        check(text)
    gc.disable()
    latencies = []
    start = time.perf_counter()
    clock = time.perf_counter
    for k in range(ROUNDS):
        text = messages[k % len(messages)]
        t0 = clock()
        check(text, "public", "Laura Price")
        latencies.append(clock() - t0)
    total = time.perf_counter() - start
    gc.enable()
    latencies.sort()
    return ROUNDS / total, percentile(latencies, 50) * 1e6, percentile(latencies, 99) * 1e6


def main() -> None:
    """Print throughput, latency and memory."""
    tracemalloc.start()
    detector = ConductDetector(roster())
    built, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    labelled = labelled_texts()
    for name, messages in (("typical chat", typical(labelled)), ("labelled only", labelled)):
        rate, p50, p99 = measure(detector, messages)
        verdict = "ok" if rate >= 20_000 and p99 < 1000 else "FAIL"
        print(f"  {name:14} {rate:9,.0f} messages/s   p50 {p50:6.1f} µs   p99 {p99:6.1f} µs   "
              f"(target >= 20,000/s typical, p99 < 1,000 µs) {verdict if name == 'typical chat' else ''}")
    print(f"  detector for 30 people: {built / 1024:.0f} KiB; process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
