#!/usr/bin/env python3
"""bench/slow_clients.py - 1,000 slow clients against `fazhi serve`.

Starts a server over a fresh demo county on 127.0.0.1, opens COUNT
connections (default 1000) from as many loopback source addresses
(127.1.x.y; Linux routes all of 127.0.0.0/8 to lo), each sending half a
request head and then nothing, and while they are held measures /healthz
and a sign-in from 127.0.0.1. Then it waits for the server to drop the
slow connections (the whole-request deadline, 30 s) and reports how long
that took. Exit status 1 when /healthz or sign-in failed.

    bench/slow_clients.py [--count 1000] [--per-address 1] [--build build]
"""
import argparse
import http.client
import json
import os
import resource
import select
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_healthy(port, proc, limit=60.0):
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if proc.poll() is not None:
            sys.exit("fazhi serve exited early")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("fazhi serve did not answer /healthz")


def timed(fn):
    t = time.monotonic()
    ok = fn()
    return ok, (time.monotonic() - t) * 1000


def healthz(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/healthz")
    return c.getresponse().status == 200


def sign_in(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"username": "officer1", "password": "Demo@2026"})
    c.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    return c.getresponse().status == 201


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--per-address", type=int, default=1)
    ap.add_argument("--build", default="build")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.count + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))

    fazhi = os.path.join(ROOT, args.build, "fazhi")
    work = tempfile.mkdtemp(prefix="fazhi-slow-")
    db = os.path.join(work, "bench.db")
    subprocess.run([fazhi, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    proc = subprocess.Popen([fazhi, "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                            stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port, proc)
        socks = []
        part = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: "
        t0 = time.monotonic()
        n = 0
        while len(socks) < args.count:
            addr = f"127.1.{n // 250}.{1 + n % 250}"
            n += 1
            for _ in range(args.per_address):
                if len(socks) >= args.count:
                    break
                s = socket.socket()
                s.bind((addr, 0))
                s.connect(("127.0.0.1", port))
                s.sendall(part)
                socks.append(s)
        opened = (time.monotonic() - t0) * 1000
        ok_h, ms_h = timed(lambda: healthz(port))
        ok_s, ms_s = timed(lambda: sign_in(port))
        # The server drops them at its deadline; wait for every one.
        t1 = time.monotonic()
        left = set(socks)
        while left and time.monotonic() - t1 < 120:
            r, _, _ = select.select(list(left)[:1000], [], [], 1.0)
            for s in r:
                try:
                    if not s.recv(64):
                        left.discard(s)
                except OSError:
                    left.discard(s)
        dropped = (time.monotonic() - t1) * 1000
        print(f"slow connections: {len(socks)} from {n} addresses (opened in {opened:.0f} ms)")
        print(f"healthz while held: {'ok' if ok_h else 'FAILED'} {ms_h:.1f} ms")
        print(f"sign-in while held: {'ok' if ok_s else 'FAILED'} {ms_s:.1f} ms")
        print(f"all slow connections dropped by the server: {'yes' if not left else 'no'}"
              f" after {dropped / 1000:.1f} s more")
        for s in socks:
            s.close()
        return 0 if ok_h and ok_s else 1
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
