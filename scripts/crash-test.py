#!/usr/bin/python3
"""crash-test.py - kill the server with SIGKILL while it writes, many times,
and show after every restart that nothing it acknowledged was lost and
nothing half-written is visible (issue 11 §4).

Each cycle starts `fazhi serve` on the same database (a checkpoint every
second, so signing runs beside the writes), lets a few clients write for a
random moment — open cases (a number from the agency's gapless series),
approve them (a rendered PDF document), record investigation steps, upload
evidence files — and then kills the server with SIGKILL. Only a write the
server answered 201 counts as acknowledged. With the server dead:

  - `fazhi verify --key <ledger.pub>` passes: every record, leaf, file and
    checkpoint is whole (SQLite's recovery runs as it opens the file);
  - every acknowledged case, event, document and evidence item is in the
    database, and every acknowledged evidence file is on disk with its hash;
  - case and document numbers of each series form 1..n: no gap, no double.

No answer may be a server error other than 503 (busy, with Retry-After).

Then a second `fazhi serve` beside a running one must be refused.
Standard library only; prints one line per cycle and a summary, exits 1 on
the first failure with what failed.

  scripts/crash-test.py [--build build] [--cycles 50] [--seed N] [--keep]
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PASSWORD = "Demo@2026"
NUMBER = re.compile(r"^(.*)〔(\d{4})〕(\d+)号$")


class Failure(Exception):
    pass


def wait_for(what, pred, timeout=120.0):
    """Poll pred until it is true; a loaded machine gets two minutes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    raise Failure("timed out waiting for " + what)


class Server:
    def __init__(self, fazhi, db, work):
        self.log = os.path.join(work, "serve.log")
        self.err = open(self.log, "w")
        self.proc = subprocess.Popen(
            [fazhi, "serve", "--db", db, "--listen", "127.0.0.1:0",
             "--checkpoint-interval", "1", "--threads", "4"],
            stdout=subprocess.DEVNULL, stderr=self.err)

        def port():
            if self.proc.poll() is not None:
                raise Failure("serve exited: " + open(self.log).read())
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", open(self.log).read())
            return m and int(m.group(1))
        self.base = "http://127.0.0.1:%d" % wait_for("the server to start", port)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.err.close()


def call(base, token, method, path, body=None, data=None, ctype="application/json"):
    """(status, parsed JSON or None); status 0 when the connection failed."""
    if body is not None:
        data = json.dumps(body).encode()
    headers = {"Content-Type": ctype}
    if token:
        headers["Authorization"] = "Bearer " + token
    rq = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(rq, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except (OSError, ValueError):
        return 0, None


def login(base, user):
    st, j = call(base, None, "POST", "/api/v1/session",
                 {"username": user, "password": PASSWORD})
    if st != 201 and st != 200:
        raise Failure("sign-in of %s: HTTP %d" % (user, st))
    return j["token"]


class Acked:
    """What the server acknowledged, across all cycles."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cases = {}      # id -> number
        self.events = set()  # (case id, event id)
        self.evidence = {}   # id -> (case id, sha256 hex, size)
        self.approved = set()
        self.statuses = {}   # HTTP status -> count (0: connection broken)

    def count(self, status):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 0:  # the server is gone: this writer's cycle is over
            raise ConnectionError


def writer(*args):
    try:
        write(*args)
    except ConnectionError:
        pass


def write(rng, base, tokens, officers, acked, stop, open_ids):
    today = datetime.date.today()
    while not stop.is_set():
        action = rng.random()
        if action < 0.25 or not open_ids:
            st, j = call(base, tokens["officer1"], "POST", "/api/v1/cases", {
                "procedure": "penalty_general", "domain": "土地管理",
                "title": "崩溃测试：未经批准占用耕地 %d" % rng.randrange(10**6),
                "act_date": str(today - datetime.timedelta(days=10)),
                "party": {"kind": "citizen", "name": "马某", "id": "640522199001011234"},
                "fields": {"facts": "巡查发现占用耕地建房", "source": "日常巡查"},
                "officers": officers})
            acked.count(st)
            if st == 201:
                c = j["case"] if "case" in j else j
                with acked.lock:
                    acked.cases[c["id"]] = c["number"]
                    open_ids.append(c["id"])
            continue
        with acked.lock:
            cid = rng.choice(open_ids)
            approved = cid in acked.approved
        if not approved:
            st, j = call(base, tokens["head1"], "POST", "/api/v1/cases/%d/steps" % cid,
                         {"step": "approve_opening"})
            acked.count(st)
            if st == 201:
                with acked.lock:
                    acked.approved.add(cid)
                    acked.events.add((cid, j["event"]["id"] if "event" in j else j["id"]))
            elif st == 409:
                with acked.lock:  # approved by a write whose answer was lost
                    acked.approved.add(cid)
        elif action < 0.75:
            st, j = call(base, tokens["officer1"], "POST", "/api/v1/cases/%d/steps" % cid,
                         {"step": "investigate", "fields": {"record": "询问笔录 1 份（崩溃测试）"},
                          "officers": officers})
            acked.count(st)
            if st == 201:
                with acked.lock:
                    acked.events.add((cid, j["event"]["id"] if "event" in j else j["id"]))
        else:
            blob = rng.randbytes(rng.randrange(1024, 96 * 1024))
            st, j = call(base, tokens["officer1"], "POST",
                         "/api/v1/cases/%d/evidence?name=crash%d.mp4&kind=av_record"
                         % (cid, rng.randrange(10**6)), data=blob, ctype="video/mp4")
            acked.count(st)
            if st == 201:
                ev = j["evidence"] if "evidence" in j else j
                with acked.lock:
                    acked.evidence[ev["id"]] = (cid, hashlib.sha256(blob).hexdigest(), len(blob))


def demo_officers(base, token):
    """Two certified officers of 海原县自然资源局, from an investigation on record."""
    st, j = call(base, token, "GET", "/api/v1/cases?closed=false&limit=50")
    for c in (j or {}).get("items", []):
        st, evs = call(base, token, "GET", "/api/v1/cases/%d/events?limit=200" % c["id"])
        for ev in (evs or {}).get("items", []):
            if ev.get("step") == "investigate" and len(ev.get("officers", [])) >= 2:
                return ev["officers"][:2]
    raise Failure("no investigation by two officers in the demo")


def check(fazhi, db, data_dir, acked, cycle):
    v = subprocess.run([fazhi, "verify", "--db", db, "--key",
                        os.path.join(data_dir, "ledger.pub")],
                       capture_output=True, text=True)
    if v.returncode != 0:
        raise Failure("cycle %d: verify failed:\n%s%s" % (cycle, v.stdout, v.stderr))
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        cases = dict(con.execute("SELECT id, number FROM cases"))
        for cid, number in acked.cases.items():
            if cases.get(cid) != number:
                raise Failure("cycle %d: acknowledged case %d (%s) is missing" % (cycle, cid, number))
        events = set(con.execute("SELECT case_id, id FROM case_events"))
        lost = acked.events - events
        if lost:
            raise Failure("cycle %d: acknowledged events missing: %s" % (cycle, sorted(lost)[:5]))
        # nothing half-written: each approval event has its one approval form
        half = con.execute(
            "SELECT e.case_id, e.id FROM case_events e WHERE e.step = 'approve_opening' AND "
            "(SELECT count(*) FROM documents d WHERE d.event_id = e.id "
            "AND d.kind = 'opening_approval') <> 1").fetchall()
        if half:
            raise Failure("cycle %d: approvals without their form: %s" % (cycle, half[:5]))
        rows = {r[0]: r[1:] for r in con.execute("SELECT id, case_id, size FROM evidence")}
        for eid, (cid, digest, size) in acked.evidence.items():
            if rows.get(eid) != (cid, size):
                raise Failure("cycle %d: acknowledged evidence %d is missing" % (cycle, eid))
        # numbers: every series 1..n, no gap, no double
        series = {}
        for agency, number in con.execute(
                "SELECT agency_id, number FROM cases UNION "
                "SELECT agency_id, number FROM documents WHERE number <> ''"):
            m = NUMBER.match(number)
            if not m:
                raise Failure("cycle %d: a number out of form: %s" % (cycle, number))
            series.setdefault((agency, m.group(1), m.group(2)), []).append(int(m.group(3)))
        for key, ns in series.items():
            if sorted(ns) != list(range(1, len(ns) + 1)):
                raise Failure("cycle %d: series %s〔%s〕 has a gap or a double: %s"
                              % (cycle, key[1], key[2], sorted(ns)))
        return len(series)
    finally:
        con.close()


def second_server_refused(fazhi, db, work):
    srv = Server(fazhi, db, work)
    try:
        r = subprocess.run([fazhi, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                           capture_output=True, text=True, timeout=120)
        if r.returncode == 0 or "另一个 fazhi serve" not in r.stderr:
            raise Failure("a second server on the same database was not refused: %d %s"
                          % (r.returncode, r.stderr))
        if srv.proc.poll() is not None:
            raise Failure("the first server stopped when a second one was tried")
    finally:
        srv.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    fazhi = os.path.join(root, a.build, "fazhi")
    seed = a.seed if a.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="fazhi-crash-")
    db = os.path.join(work, "c.db")
    data_dir = db + ".data"
    print("crash-test: seed %d, %d cycles, work in %s" % (seed, a.cycles, work), flush=True)
    ok = False
    try:
        subprocess.run([fazhi, "init", "--db", db], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([fazhi, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
        acked = Acked()
        open_ids = []
        officers = None
        series = 0
        for cycle in range(1, a.cycles + 1):
            srv = Server(fazhi, db, work)
            try:
                tokens = {u: login(srv.base, u) for u in ("officer1", "head1")}
                if officers is None:
                    officers = demo_officers(srv.base, tokens["officer1"])
                stop = threading.Event()
                threads = [threading.Thread(
                    target=writer, daemon=True,
                    args=(random.Random(rng.random()), srv.base, tokens, officers, acked,
                          stop, open_ids)) for _ in range(a.writers)]
                for t in threads:
                    t.start()
                # writes under way: at least a few acknowledged, then a random moment
                before = len(acked.events) + len(acked.cases) + len(acked.evidence)
                wait_for("the first writes", lambda: len(acked.events) + len(acked.cases)
                         + len(acked.evidence) > before + 2)
                time.sleep(rng.uniform(0.0, 1.5))
            finally:
                srv.kill()
            stop.set()
            for t in threads:
                t.join(timeout=120)
            series = check(fazhi, db, data_dir, acked, cycle)
            print("cycle %2d: killed; %d cases, %d events, %d evidence files acknowledged "
                  "so far — all present, verify passed, numbers gapless"
                  % (cycle, len(acked.cases), len(acked.events), len(acked.evidence)),
                  flush=True)
        errors = {k: v for k, v in acked.statuses.items() if k >= 500 and k != 503}
        if errors:
            raise Failure("server errors while writing (a busy database must wait, retry "
                          "or answer 503): %s" % errors)
        second_server_refused(fazhi, db, work)
        print("crash-test: %d SIGKILL cycles survived; %d acknowledged writes (%d cases, "
              "%d events, %d evidence files) all present; %d number series gapless; "
              "a second server refused; answers by status: %s"
              % (a.cycles, len(acked.cases) + len(acked.events) + len(acked.evidence),
                 len(acked.cases), len(acked.events), len(acked.evidence), series,
                 json.dumps(dict(sorted(acked.statuses.items())))))
        ok = True
    except (Failure, subprocess.CalledProcessError) as e:
        print("crash-test: FAILED (seed %d): %s" % (seed, e), file=sys.stderr)
    finally:
        if ok and not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("crash-test: kept %s" % work, file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
