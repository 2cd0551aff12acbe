# The benchmark app: a web process that, on GET /run?id=&rate=&count=, writes `count` numbered lines to
# stdout at `rate` lines/s, each with its own wall-clock write time in ns: "bench <id> <n> <time_ns>".
# Unbuffered (one write per line), as an app logging line by line does. Anything else answers 200 "ok".
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def write(run_id, rate, count):
    start = time.perf_counter()
    n = 1
    while n <= count:
        due = min(count, int((time.perf_counter() - start) * rate) + 1)
        while n <= due:
            os.write(1, b'bench %s %d %d\n' % (run_id, n, time.time_ns()))
            n += 1
        if n <= count:
            wait = start + (n - 1) / rate - time.perf_counter()
            if wait > 0:
                time.sleep(wait)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path == '/run':
            q = parse_qs(url.query)
            args = (q['id'][0].encode(), int(q['rate'][0]), int(q['count'][0]))
            threading.Thread(target=write, args=args, daemon=True).start()
            self.send_response(202)
        else:
            self.send_response(200)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def log_message(self, *args):
        pass  # only the numbered lines go to the log


ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
