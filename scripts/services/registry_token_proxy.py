#!/usr/bin/env python3
"""A bearer-token front for a Docker distribution registry, for eksguard's registry client tests.

Serves /v2/ of the upstream registry only with `Authorization: Bearer <token>`, answering 401 with a Bearer
challenge otherwise; /token hands out the token for HTTP basic credentials USER:PASSWORD (GET), or for the
identity token REFRESH_TOKEN in Docker's OAuth2 form (POST grant_type=refresh_token). Blob requests are
answered with a 307 redirect to a second port (another "host"), which streams the blob from upstream and
refuses any request that carries an Authorization header, so a client that leaks credentials on redirect fails.

Usage: registry_token_proxy.py FRONT_PORT BLOB_PORT UPSTREAM_URL USER PASSWORD REFRESH_TOKEN
"""
import base64
import http.server
import sys
import threading
import urllib.parse
import urllib.request

front_port, blob_port, upstream, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
refresh_token = sys.argv[6]
TOKEN = "eksguard-test-token"


def fetch(path, accept):
    request = urllib.request.Request(upstream + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


class Front(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/token"):
            expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}')
            return self.reply(200, ('{"token":"%s"}' % TOKEN).encode(), [("Content-Type", "application/json")])
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            challenge = f'Bearer realm="http://127.0.0.1:{front_port}/token",service="eksguard-test"'
            return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}', [("WWW-Authenticate", challenge)])
        if "/blobs/" in self.path:
            return self.reply(307, b"", [("Location", f"http://localhost:{blob_port}{self.path}")])
        status, content_type, body = fetch(self.path, self.headers.get("Accept"))
        self.reply(status, body, [("Content-Type", content_type)])


    def do_POST(self):
        if not self.path.startswith("/token"):
            return self.reply(405)
        length = min(int(self.headers.get("Content-Length") or 0), 65536)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        field = lambda name: form.get(name, [""])[0]
        if (field("grant_type"), field("refresh_token"), field("service")) != ("refresh_token", refresh_token, "eksguard-test") \
                or not field("client_id") or not field("scope").startswith("repository:"):
            return self.reply(401, b'{"errors":[{"code":"UNAUTHORIZED"}]}')
        return self.reply(200, ('{"access_token":"%s","expires_in":300}' % TOKEN).encode(), [("Content-Type", "application/json")])


class Blobs(Front):
    def do_GET(self):
        if self.headers.get("Authorization"):
            return self.reply(400, b"credentials leaked to the redirect target")
        status, content_type, body = fetch(self.path, None)
        self.reply(status, body, [("Content-Type", content_type)])


servers = [http.server.ThreadingHTTPServer(("127.0.0.1", front_port), Front),
           http.server.ThreadingHTTPServer(("127.0.0.1", blob_port), Blobs)]
threading.Thread(target=servers[1].serve_forever, daemon=True).start()
servers[0].serve_forever()
