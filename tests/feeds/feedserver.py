"""feedserver: a scriptable HTTP server on 127.0.0.1 for the feed tests.

Serves /<feed>.json from a fixtures directory in a "mode" chosen per feed
(200 with ETag, Last-Modified, a new ETag on the same bytes, gzip, errors, stalls before or after the
headers, drips, oversize or truncated bodies, a header line over curl's limit, connections reset in the middle
of a body, bad JSON, redirects...) and records every request, so a
test can assert what vitrine sent (conditional headers, Accept-Encoding,
User-Agent) and what it got. Every wait is bounded and stops when the server
shuts down; a silent response also stops when the client hangs up, and
take_requests waits (bounded) for the requests in flight to be logged, so
one scenario's requests never turn up in the next one's.
"""

import gzip
import hashlib
import http.server
import os
import select
import socket
import struct
import sys
import threading
import time

STEP_S = 0.05  # slow modes sleep in steps this long, watching for shutdown
IDLE_WAIT_S = 10.0  # take_requests: longest wait for the requests in flight
SLOW_S = 1.0  # "slow": delay before an "etag" answer
STALL_S = 4.0  # "stall": silence before the response (past the test timeout)
HEADERS_STALL_S = 60.0  # "headers-stall": longest silence after the headers
DRIP_TOTAL_S = 6.0  # "drip": longest time spent dripping
DRIP_EVERY_S = 0.2  # "drip": one byte this often (5 B/s)
OVERSIZE = 200_000  # "toobig": body bytes (test max_bytes is 100 000)
BIG_HEADER = 200_000  # "bigheader": bytes of one header line (curl's limit: 102 400)
LAST_MODIFIED = "Wed, 20 Aug 2026 09:22:29 GMT"
WRONG_SHAPE = b'{"unexpected": [1, 2, 3]}'
INVALID_JSON = b'{"data": [ {"id": "alpha", "attributes": '


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """Clients that hang up (timeouts, size limits) are part of the tests."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class FeedServer:
    """Owns the server thread; modes and bodies can change between runs."""

    def __init__(self, fixtures):
        self.fixtures = fixtures
        self.modes = {}  # feed -> mode name (default "etag")
        self.bodies = {}  # feed -> bytes overriding the fixture file
        self.requests = []  # dicts: feed, path, headers, status
        self.etags = 0  # "newetag": ETags handed out
        self.in_flight = 0  # requests being answered (under lock)
        self.lock = threading.Lock()
        self.idle = threading.Condition(self.lock)
        self.stopping = threading.Event()
        handler = _make_handler(self)
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    def url(self, feed):
        return "http://127.0.0.1:%d/%s.json" % (self.port, feed)

    def body(self, feed):
        if feed in self.bodies:
            return self.bodies[feed]
        with open(os.path.join(self.fixtures, feed + ".json"), "rb") as f:
            return f.read()

    def take_requests(self):
        """The requests logged since the last call, once none is in flight."""
        with self.idle:
            self.idle.wait_for(lambda: self.in_flight == 0, timeout=IDLE_WAIT_S)
            out, self.requests = self.requests, []
        return out

    def begin(self):
        with self.lock:
            self.in_flight += 1

    def log(self, entry):
        with self.idle:
            self.requests.append(entry)
            self.in_flight -= 1
            self.idle.notify_all()

    def hold(self, conn, seconds):
        """Bounded silence on an open connection; False when it ended early
        because the client hung up or the server is shutting down."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.stopping.is_set():
                return False
            readable, _, _ = select.select([conn], [], [], STEP_S)
            if not readable:
                continue
            try:
                if not conn.recv(1, socket.MSG_PEEK):
                    return False  # the client closed its end
            except OSError:
                return False
            if self.stopping.wait(STEP_S):  # bytes we do not read: no busy loop
                return False
        return True

    def sleep(self, seconds):
        """Bounded sleep; False when the server is shutting down."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.stopping.wait(STEP_S):
                return False
        return True


def _etag(body, salt=""):
    return '"%s%s"' % (salt, hashlib.sha1(body).hexdigest()[:16])


def _make_handler(server):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # keep test output readable
            pass

        def send(self, status, body=b"", headers=None, length=None):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)
            self.status = status

        def do_GET(self):
            server.begin()
            self.status = self.feed = None
            try:
                self.answer()
            finally:
                server.log({"feed": self.feed, "path": self.path, "status": self.status,
                            "headers": {k.lower(): v for k, v in self.headers.items()}})

        def answer(self):
            parts = self.path.strip("/").split("/")
            if parts[0] == "loop":  # /loop/<feed>/<n>: endless redirects
                self.feed, n = parts[1], int(parts[2])
                self.send(302, headers={"Location": "/loop/%s/%d" % (self.feed, n + 1)})
            elif parts[0] == "moved":  # /moved/<feed>.json: where "redirect-ok" points
                self.feed = parts[1][: -len(".json")]
                self.serve(self.feed, "etag")
            else:
                feed = parts[0][: -len(".json")] if parts[0].endswith(".json") else parts[0]
                self.feed = feed
                try:
                    self.serve(feed, server.modes.get(feed, "etag"))
                except (BrokenPipeError, ConnectionResetError):
                    self.status = "aborted by client"

        def serve(self, feed, mode):
            body = server.body(feed)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if mode == "etag":
                tag = _etag(body)
                if inm == tag:
                    self.send(304, headers={"ETag": tag})
                else:
                    self.send(200, body, {"ETag": tag, "Content-Type": "application/json"})
            elif mode == "lastmod":
                if ims == LAST_MODIFIED:
                    self.send(304)
                else:
                    self.send(200, body, {"Last-Modified": LAST_MODIFIED})
            elif mode == "slow":  # as "etag", a second later
                if server.sleep(SLOW_S):
                    self.serve(feed, "etag")
            elif mode == "newetag":  # the same bytes under a new ETag every time
                server.etags += 1
                self.send(200, body, {"ETag": _etag(body, "v%d-" % server.etags)})
            elif mode == "gzip":
                accept = self.headers.get("Accept-Encoding", "")
                if "gzip" in accept:
                    self.send(200, gzip.compress(body),
                              {"Content-Encoding": "gzip", "ETag": _etag(body, "gz-")})
                else:
                    self.send(406, b"gzip required by this test")
            elif mode in ("500", "404"):
                self.send(int(mode), b"<html>error page</html>", {"Content-Type": "text/html"})
            elif mode == "stall":
                if server.hold(self.connection, STALL_S):
                    self.send(200, body)
                else:
                    self.status = "client hung up"
                    self.close_connection = True
            elif mode == "headers-stall":
                self.headers_then_silence(body)
            elif mode == "drip":
                self.drip(body)
            elif mode == "reset":
                self.reset_mid_body(body)
            elif mode == "toobig":
                self.send(200, b"[" + b" " * (OVERSIZE - 2) + b"]")
            elif mode == "toobig-chunked":
                self.stream_unsized(b"[" + b" " * (OVERSIZE - 2) + b"]")
            elif mode == "truncated":
                self.send(200, body[: len(body) // 2], length=len(body))
                self.close_connection = True
            elif mode == "truncated-unsized":
                self.stream_unsized(body[: len(body) // 2])
            elif mode == "bigheader":  # one header line over curl's limit (100 KB)
                self.send(200, body, {"X-Padding": "a" * BIG_HEADER})
            elif mode == "invalid":
                self.send(200, INVALID_JSON)
            elif mode == "wrongshape":
                self.send(200, WRONG_SHAPE)
            elif mode == "http09":  # no status line: what a spoilt connection reads
                self.wfile.write(b"garbage left on the connection\r\n\r\n")
                self.status = "no status line"
                self.close_connection = True
            elif mode == "redirect-file":
                self.send(302, headers={"Location": "file:///etc/passwd"})
            elif mode == "redirect-loop":
                self.send(302, headers={"Location": "/loop/%s/1" % feed})
            elif mode == "redirect-ok":
                self.send(301, headers={"Location": "/moved/%s.json" % feed})
            else:
                self.send(500, ("unknown test mode " + mode).encode())

        def drip(self, body):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            deadline = time.monotonic() + DRIP_TOTAL_S
            for i in range(len(body)):
                if time.monotonic() > deadline or not server.sleep(DRIP_EVERY_S):
                    break
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
            self.status = 200
            self.close_connection = True

        def headers_then_silence(self, body):
            """Status line and headers at once, then not one byte of the body."""
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            server.hold(self.connection, HEADERS_STALL_S)
            self.status = "stalled after headers"
            self.close_connection = True

        def reset_mid_body(self, body):
            """Half the body, then a TCP reset (SO_LINGER 0, no FIN)."""
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            os.close(self.connection.detach())  # closing the fd with linger 0 sends RST
            self.status = "reset"
            self.close_connection = True

        def stream_unsized(self, body):
            """No Content-Length: the body ends when the connection closes."""
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.status = 200
            self.close_connection = True

    return Handler
