#!/usr/bin/env python3
"""A scripted HTTP server on loopback standing in for AWS endpoints (STS, container
credentials, IMDS, any service) in the AWSClient tests.

Usage: fake_aws.py RULES.json LOG.jsonl [UPSTREAM_URL]

RULES.json is a list of rules: {"match": {...}, "responses": [{"status", "headers", "body"}, ...]}.
A rule matches when every given field matches: "method", "path" (without query), "action" (the
Action of a query-protocol form body or URL), "target" (X-Amz-Target), "bodyContains", "queryContains". Each
match takes the rule's next response; the last one repeats. A response with "reset": true
closes the connection without answering; "delay" waits that many seconds first; "forward": true
passes the request on to UPSTREAM_URL, as does every request no rule matches when UPSTREAM_URL is
given (a fault-injecting proxy in front of moto). Every request is appended to LOG.jsonl (method, path,
query, headers, body). The server prints its port on the first line of standard output.
"""
import http.client
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RULES = json.load(open(sys.argv[1]))
LOG = sys.argv[2]
UPSTREAM = urlsplit(sys.argv[3]) if len(sys.argv) > 3 else None
LOCK = threading.Lock()
COUNTS = [0] * len(RULES)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        parts = urlsplit(self.path)
        form = parse_qs(body) if "x-www-form-urlencoded" in (self.headers.get("Content-Type") or "") else {}
        query = parse_qs(parts.query)
        action = (form.get("Action") or query.get("Action") or [None])[0]
        entry = {"method": self.command, "path": parts.path, "query": parts.query,
                 "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        with LOCK:
            with open(LOG, "a") as log:
                log.write(json.dumps(entry) + "\n")
            response = None
            for index, rule in enumerate(RULES):
                match = rule.get("match", {})
                if "method" in match and match["method"] != self.command:
                    continue
                if "path" in match and match["path"] != parts.path:
                    continue
                if "action" in match and match["action"] != action:
                    continue
                if "target" in match and match["target"] != self.headers.get("X-Amz-Target"):
                    continue
                if "bodyContains" in match and match["bodyContains"] not in body:
                    continue
                if "queryContains" in match and match["queryContains"] not in parts.query:
                    continue
                responses = rule["responses"]
                response = responses[min(COUNTS[index], len(responses) - 1)]
                COUNTS[index] += 1
                break
        if response is None:
            response = {"forward": True} if UPSTREAM else {"status": 404, "body": "no rule for " + self.command + " " + self.path}
        if response.get("forward"):
            response = self.forward(body)
        time.sleep(response.get("delay", 0))
        if response.get("reset"):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        payload = response.get("body", "")
        if not isinstance(payload, str):
            payload = json.dumps(payload)
        data = payload.encode("utf-8")
        self.send_response(response.get("status", 200))
        for name, value in response.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def forward(self, body):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        connection.request(self.command, self.path, body=body.encode("utf-8"), headers=headers)
        answer = connection.getresponse()
        data = answer.read().decode("utf-8", "replace")
        skip = ("content-length", "transfer-encoding", "connection", "server", "date")
        return {"status": answer.status, "body": data,
                "headers": {k: v for k, v in answer.getheaders() if k.lower() not in skip}}

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
