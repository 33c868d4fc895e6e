"""The HTTP server for Slack's Events API, slash commands and interactivity (``POST /slack/events``).

A ``ThreadingHTTPServer`` from the standard library: each request is read whole,
handed to slack-bolt as a ``BoltRequest`` (which checks the signature and answers
``url_verification``), and bolt's response is written back. ``GET /healthz`` says
``ok`` for a load balancer's health check.
"""

from __future__ import annotations

import gc
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from slack_bolt import App, BoltRequest

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1_000_000  # bytes; Slack's payloads are far smaller
log = logging.getLogger(__name__)


def freeze_start_up() -> None:
    """Exempt what start-up loaded (protocols, search indexes, the detector's model) from the garbage
    collector's full passes, each of which walks every object while every thread waits (``gc.freeze``)."""
    gc.collect()
    gc.freeze()


class SlackServer(ThreadingHTTPServer):
    """A threading HTTP server that hands Slack's requests to a bolt app."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, app: App, host: str, port: int, path: str = EVENTS_PATH) -> None:
        self.app = app
        self.path = path
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        """Where Slack should send requests, e.g. ``http://127.0.0.1:3000/slack/events``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{self.path}"

    def start_in_thread(self) -> threading.Thread:
        """Serve in a daemon thread (tests and benchmarks); stop with ``shutdown()``."""
        thread = threading.Thread(target=self.serve_forever, name="slack-http", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: SlackServer
    protocol_version = "HTTP/1.1"
    # The headers and the body go out in two writes: without TCP_NODELAY the body waits
    # for the client's delayed ACK (40 ms on Linux) whenever the answer has one.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        parts = urlsplit(self.path)
        if parts.path != self.server.path:
            self._answer(404, b"Not found: Slack requests go to " + self.server.path.encode())
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._answer(413, b"Request too large")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        headers = {name.lower(): [value] for name, value in self.headers.items()}
        response = self.server.app.dispatch(BoltRequest(body=body, query=parts.query, headers=headers))
        content = (response.body or "").encode("utf-8")
        self.send_response(response.status)
        for name, values in response.headers.items():
            if name.lower() == "content-length":
                continue
            for value in values:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self) -> None:  # noqa: N802
        if urlsplit(self.path).path == HEALTH_PATH:
            self._answer(200, b"ok")
        else:
            self._answer(404, b"Not found")

    def _answer(self, status: int, content: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the standard library's name
        log.debug("%s " + format, self.address_string(), *args)
