"""An HTTP server on 127.0.0.1 for the fetching tests: threads, a random port.

Routes map ``(host, path)`` to a :class:`Reply`, or to a function of the
request giving one. The host part lets one server stand in for several sites:
the tests' resolver maps ``*.test`` names to 127.0.0.1 and the server routes on
the Host header (``None`` matches any host). Every request is recorded.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Seen:
    """A request the server received."""

    host: str
    path: str
    headers: dict[str, str]
    method: str = "GET"
    body: bytes = b""


@dataclass
class Reply:
    """What to answer: ``status``, ``headers``, ``body`` (bytes, or chunks sent
    with chunked encoding unless a Content-Length header is given), ``delay``
    (seconds before answering)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0


Route = Reply | Callable[[Seen], Reply]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str | None, str], Route] = {}
        self.requests: list[Seen] = []
        self.bytes_sent: dict[str, int] = {}
        self.finished: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle's
                # algorithm and delayed ACKs add 40 ms to each answer.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                self.do_GET(self.rfile.read(length) if length else b"")

            def do_GET(self, body: bytes | None = None) -> None:  # noqa: N802
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
                seen = Seen(host, self.path, {k.lower(): v for k, v in self.headers.items()},
                            "GET" if body is None else "POST", body or b"")
                with server._lock:
                    server.requests.append(seen)
                    route = server.routes.get((host, self.path), server.routes.get((None, self.path)))
                try:
                    reply = Reply(404, body=b"not here") if route is None else (
                        route(seen) if callable(route) else route)
                    if reply.delay:
                        time.sleep(reply.delay)
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    self.close_connection = True
                finally:
                    with server._lock:
                        server.finished.append(self.path)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                headers = {k.lower(): v for k, v in reply.headers.items()}
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                body = reply.body
                if isinstance(body, bytes):
                    if "content-length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    self._count(len(body))
                    return
                chunked = "content-length" not in headers
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for chunk in body:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                    self._count(len(chunk))
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")

            def _count(self, n: int) -> None:
                with server._lock:
                    server.bytes_sent[self.path] = server.bytes_sent.get(self.path, 0) + n

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()
            self.bytes_sent.clear()
            self.finished.clear()

    def route(self, path: str, reply: Route, host: str | None = None) -> None:
        with self._lock:
            self.routes[(host, path)] = reply

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def wait_finished(self, path: str, timeout: float = 5.0) -> bool:
        """Wait until the handler of ``path`` has returned."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if path in self.finished:
                    return True
            time.sleep(0.01)
        return False

    def posts(self, path: str) -> list[Seen]:
        """The POST requests made to ``path``."""
        with self._lock:
            return [r for r in self.requests if r.method == "POST" and r.path == path]

    def paths(self, host: str | None = None) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests if host is None or r.host == host]
