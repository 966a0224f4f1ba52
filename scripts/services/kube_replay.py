"""A Kubernetes API server stand-in for the KubernetesClient tests: serves recorded list answers
over HTTPS, in pages (limit/continue) like the real server, behind client-certificate or bearer-token
authentication. Python standard library only.

Fixtures: <root>/<request path>.json is the complete recorded list for that path; <root>/forbidden.json
lists paths answered with 403; any other path is 404, as for a resource the server does not serve.
/test/slow stalls (30 s) and /test/big answers 3 MiB, for the client's time and size limits.
"""
import argparse
import base64
import json
import os
import ssl
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def status(code, reason, message):
    return code, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": message, "reason": reason, "code": code}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def identity(self):
        certificate = self.connection.getpeercert()
        if certificate:
            for entry in certificate.get("subject", ()):
                for key, value in entry:
                    if key == "commonName":
                        return value
        header = self.headers.get("Authorization", "")
        if header == "Bearer " + self.server.token:
            return "token-user"
        return None

    def send(self, code, body):
        data = body if isinstance(body, bytes) else json.dumps(body, separators=(",", ":")).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        user = self.identity()
        if user is None:
            return self.send(*status(401, "Unauthorized", "Unauthorized"))
        if url.path == "/test/slow":
            time.sleep(30)
            return self.send(200, {})
        if url.path == "/test/big":
            return self.send(200, b"[" + b"0," * (3 << 19) + b"0]")
        if url.path in self.server.forbidden:
            resource = url.path.rsplit("/", 1)[-1]
            return self.send(*status(403, "Forbidden",
                                     f'{resource} is forbidden: User "{user}" cannot list resource "{resource}" at the cluster scope'))
        fixture = os.path.normpath(os.path.join(self.server.root, url.path.lstrip("/") + ".json"))
        if not fixture.startswith(self.server.root + os.sep) or not os.path.isfile(fixture):
            return self.send(*status(404, "NotFound", "the server could not find the requested resource"))
        with open(fixture) as handle:
            recorded = json.load(handle)
        query = parse_qs(url.query)
        items = recorded.get("items") or []
        limit = int(query.get("limit", ["0"])[0])
        start = int(base64.b64decode(query["continue"][0]).decode()) if "continue" in query else 0
        end = len(items) if limit <= 0 else min(len(items), start + limit)
        page = dict(recorded)
        page["metadata"] = dict(recorded.get("metadata", {}))
        page["items"] = items[start:end]
        if end < len(items):
            page["metadata"]["continue"] = base64.b64encode(str(end).encode()).decode()
            page["metadata"]["remainingItemCount"] = len(items) - end
        return self.send(200, page)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca", required=True)
    parser.add_argument("--token-file", required=True)
    options = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.root = os.path.realpath(options.fixtures)
    with open(os.path.join(server.root, "forbidden.json")) as handle:
        server.forbidden = set(json.load(handle))
    with open(options.token_file) as handle:
        server.token = handle.read().strip()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(options.cert, options.key)
    context.load_verify_locations(options.client_ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    # The handshake runs in the request's thread, so one stalled client cannot block the others.
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    server.serve_forever()


if __name__ == "__main__":
    main()
