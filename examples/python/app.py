"""CodeRunner sample app: answers on $PORT with the standard library only."""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INSTANCE = os.environ.get("CODERUNNER_INSTANCE", "local")
RELEASE = os.environ.get("CODERUNNER_RELEASE", "dev")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/healthz":
            self.reply(200, "text/plain", "ok\n")
        elif path == "/headers":
            self.reply(200, "application/json", json.dumps(dict(self.headers.items())))
        elif path == "/":
            self.reply(200, "text/plain", f"hello from python {INSTANCE} {RELEASE}\n")
        else:
            self.reply(404, "text/plain", "not found\n")

    def reply(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print(f"{self.address_string()} {fmt % args}", flush=True)


def main():
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    # SIGTERM is how CodeRunner stops an instance: exit 0 instead of a traceback
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"python example listening on port {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
