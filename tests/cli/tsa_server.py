#!/usr/bin/env python3
"""tsa_server.py DIR - a local RFC 3161 time-stamping authority for the
tests: `openssl ts -reply` behind HTTP on 127.0.0.1 and an ephemeral port.
DIR holds tsa.cnf, the TSA's key and certificate (made by the test); the
port is written to DIR/port once the server listens."""
import http.server
import os
import subprocess
import sys

d = sys.argv[1]


class TSA(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get('Content-Length', '0'))
        q = os.path.join(d, 'q.tsq')
        r = os.path.join(d, 'r.tsr')
        with open(q, 'wb') as f:
            f.write(self.rfile.read(n))
        ok = subprocess.run(['openssl', 'ts', '-reply', '-config', os.path.join(d, 'tsa.cnf'),
                             '-queryfile', q, '-out', r],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        body = open(r, 'rb').read() if ok else b''
        self.send_response(200 if ok else 500)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


srv = http.server.HTTPServer(('127.0.0.1', 0), TSA)
with open(os.path.join(d, 'port.tmp'), 'w') as f:
    f.write(str(srv.server_address[1]))
os.rename(os.path.join(d, 'port.tmp'), os.path.join(d, 'port'))
srv.serve_forever()
