"""A light HTTP load generator for the benchmarks: one asyncio loop, N keep-alive HTTP/1.1 connections.

Run it in a process of its own (``post_all`` is picklable for a process pool) so that
it does not take the interpreter lock from the server it measures. Requests are
prepared in full, and the connections opened and warmed, before the clock starts;
each sender posts its share one after another on its own connection and times each
request until its whole response has been read. The servers measured always answer
with ``Content-Length``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    """What a run measured: wall time, each request's latency (ms, sorted) and the non-200 answers."""

    seconds: float
    latencies_ms: list[float]
    errors: int

    @property
    def rate(self) -> float:
        """Requests answered per second."""
        return len(self.latencies_ms) / self.seconds


def http_request(host: str, port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    """A whole ``POST`` request as it goes on the wire (keep-alive)."""
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {len(body)}",
             *(f"{name}: {value}" for name, value in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return int(status_line.split(" ", 2)[1])


async def _post_all(host: str, port: int, requests: list[bytes], senders: int, warmup: list[bytes],
                    settle: float) -> LoadResult:
    latencies: list[float] = []
    errors = 0

    async def sender(first: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal errors
        try:
            for raw in requests[first::senders]:
                start = time.perf_counter()
                writer.write(raw)
                status = await _read_response(reader)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += status != 200
        finally:
            writer.close()

    connections = [await asyncio.open_connection(host, port) for _ in range(senders)]
    for (_, writer), raw in zip(connections, warmup):  # the server has a thread for each connection from now on
        writer.write(raw)
    await asyncio.gather(*(_read_response(reader) for (reader, _), _ in zip(connections, warmup)))
    await asyncio.sleep(settle)
    start = time.perf_counter()
    await asyncio.gather(*(sender(i, *connection) for i, connection in enumerate(connections)))
    seconds = time.perf_counter() - start
    return LoadResult(seconds, sorted(latencies), errors)


def post_all(host: str, port: int, requests: list[bytes], senders: int, warmup: list[bytes] | None = None,
             settle: float = 0.0) -> LoadResult:
    """Send ``requests`` (whole, from :func:`http_request`) from ``senders`` concurrent connections.

    Untimed first: one ``warmup`` request on each connection (at most ``senders``), then
    ``settle`` seconds for the work they started to finish.
    """
    return asyncio.run(_post_all(host, port, requests, senders, warmup or [], settle))


async def _post_mixed(host: str, port: int, burst: list[bytes], burst_senders: int, probes: list[bytes],
                      probe_senders: int, gap: float, warmup: list[bytes], settle: float,
                      ) -> tuple[LoadResult, LoadResult]:
    burst_latencies: list[float] = []
    probe_latencies: list[float] = []
    errors = {"burst": 0, "probe": 0}
    bursting = True

    async def send(raw: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, into: list[float],
                   kind: str) -> None:
        start = time.perf_counter()
        writer.write(raw)
        status = await _read_response(reader)
        into.append((time.perf_counter() - start) * 1000)
        errors[kind] += status != 200

    async def burst_sender(first: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for raw in burst[first::burst_senders]:
            await send(raw, reader, writer, burst_latencies, "burst")

    async def probe_sender(first: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for raw in probes[first::probe_senders]:
            if not bursting:
                break
            await send(raw, reader, writer, probe_latencies, "probe")
            await asyncio.sleep(gap)

    connections = [await asyncio.open_connection(host, port) for _ in range(burst_senders + probe_senders)]
    for (_, writer), raw in zip(connections, warmup):
        writer.write(raw)
    await asyncio.gather(*(_read_response(reader) for (reader, _), _ in zip(connections, warmup)))
    await asyncio.sleep(settle)
    start = time.perf_counter()
    probing = asyncio.gather(*(probe_sender(i, *c) for i, c in enumerate(connections[burst_senders:])))
    await asyncio.gather(*(burst_sender(i, *c) for i, c in enumerate(connections[:burst_senders])))
    seconds = time.perf_counter() - start
    bursting = False
    await probing
    probe_seconds = time.perf_counter() - start
    for _, writer in connections:
        writer.close()
    return (LoadResult(seconds, sorted(burst_latencies), errors["burst"]),
            LoadResult(probe_seconds, sorted(probe_latencies), errors["probe"]))


def post_mixed(host: str, port: int, burst: list[bytes], burst_senders: int, probes: list[bytes],
               probe_senders: int, gap: float = 0.01, warmup: list[bytes] | None = None,
               settle: float = 0.0) -> tuple[LoadResult, LoadResult]:
    """Send the ``burst`` from ``burst_senders`` connections and, while it lasts, the ``probes`` from
    ``probe_senders`` others (each pausing ``gap`` seconds between its requests): the figures of both.

    Untimed first: one ``warmup`` request on each connection (burst senders' first), then ``settle``
    seconds. Probing stops when every request of the burst has been answered (or the probes run out).
    """
    return asyncio.run(_post_mixed(host, port, burst, burst_senders, probes, probe_senders, gap, warmup or [],
                                   settle))
