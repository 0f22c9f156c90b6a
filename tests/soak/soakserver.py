"""soakserver: the feed server of the soak test, on 127.0.0.1.

Serves /<feed>.json for the five feeds in one of three modes, set by the
test before each refresh round:
- "good": the demo data with one record left out, a different one each good
  round, so every good round brings new data (new bytes, new figures);
- "bad": a body the feed must reject or a failed transfer, rotating through
  invalid JSON, a wrong shape, HTTP 500 and a body cut short;
- "down": nothing listens on the port (connection refused); the next mode
  listens again on the same port.
HTTP/1.0, one request per connection: no kept-alive connection survives a
"down" round. Every wait is bounded.
"""

import http.server
import json
import os
import threading
import time

FEED_FILES = {
    "startups": "betagouv/startups.json",
    "authors": "betagouv/authors.json",
    "incubators": "betagouv/incubators.json",
    "defis": "eig/defis.json",
    "personnes": "eig/personnes.json",
}
BAD_KINDS = ["invalid", "wrongshape", "500", "truncated"]
INVALID_JSON = b'{"data": [ {"id": "alpha", "attributes": '
WRONG_SHAPE = b'{"unexpected": [1, 2, 3]}'
POLL_S = 0.05  # serve_forever's shutdown poll: a "down" round costs about this
IDLE_TIMEOUT_S = 30


def _records(doc):
    """The list or dict of records of a feed document (JSON:API: "data")."""
    return doc["data"] if isinstance(doc, dict) and isinstance(doc.get("data"), list) else doc


def good_body(doc, variant):
    """The document with record number `variant` (modulo their count) left out."""
    doc = json.loads(json.dumps(doc))  # deep copy
    records = _records(doc)
    if isinstance(records, list):
        del records[variant % len(records)]
    else:
        del records[sorted(records)[variant % len(records)]]
    return json.dumps(doc, ensure_ascii=False).encode()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up on a cut body is part of the test


class SoakServer:
    def __init__(self, demo_dir):
        self.docs = {}
        for feed, rel in FEED_FILES.items():
            with open(os.path.join(demo_dir, rel), encoding="utf-8") as f:
                self.docs[feed] = json.load(f)
        self.lock = threading.Condition()
        self.in_flight = 0
        self.requests = 0
        # Start-up refresh: a good body unlike round 0's (variant -1).
        self.mode, self.round = "good", -3
        self.httpd, self.thread = None, None
        self.port = 0
        self._listen()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._close()

    def _listen(self):
        self.httpd = _Server(("127.0.0.1", self.port), _make_handler(self))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": POLL_S}, daemon=True)
        self.thread.start()

    def _close(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(IDLE_TIMEOUT_S)
            self.httpd = None

    def set_mode(self, mode, round_no):
        with self.lock:
            self.mode, self.round = mode, round_no
        if mode == "down":
            self._close()
        elif not self.httpd:
            self._listen()

    def wait_idle(self):
        with self.lock:
            self.lock.wait_for(lambda: self.in_flight == 0, IDLE_TIMEOUT_S)

    def response(self, feed):
        """(status, body, declared length) for feed in the current mode."""
        with self.lock:
            mode, rnd = self.mode, self.round
        if mode == "good":
            body = good_body(self.docs[feed], rnd // 3)
            return 200, body, len(body)
        kind = BAD_KINDS[(rnd // 3 + list(FEED_FILES).index(feed)) % len(BAD_KINDS)]
        if kind == "invalid":
            return 200, INVALID_JSON, len(INVALID_JSON)
        if kind == "wrongshape":
            return 200, WRONG_SHAPE, len(WRONG_SHAPE)
        if kind == "500":
            return 500, b"<html>error page</html>", 23
        body = good_body(self.docs[feed], rnd // 3)
        return 200, body[: len(body) // 2], len(body)  # cut short


def _make_handler(server):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, fmt, *args):
            pass

        def do_GET(self):
            with server.lock:
                server.in_flight += 1
                server.requests += 1
            try:
                name = self.path.strip("/")
                feed = name[: -len(".json")] if name.endswith(".json") else name
                if feed not in FEED_FILES:
                    status, body, length = 404, b"no such feed", 12
                else:
                    status, body, length = server.response(feed)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with server.lock:
                    server.in_flight -= 1
                    server.lock.notify_all()

    return Handler
