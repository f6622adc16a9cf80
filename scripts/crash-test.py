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

Then the disk fills while clients write (a small tmpfs when run as root,
else a file-size limit on the server): every refusal is 507 storage_full
with its Chinese message, the server keeps answering reads, nothing
acknowledged is lost, and it writes again once there is room.

  scripts/crash-test.py [--build build] [--cycles 50] [--seed N] [--keep]
                        [--disk-full yes|no|only]
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import re
import resource
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
    def __init__(self, fazhi, db, work, fsize=None):
        self.log = os.path.join(work, "serve.log")
        self.err = open(self.log, "w")

        def limit():  # a file-size limit stands in for a full disk
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, resource.RLIM_INFINITY))
        self.proc = subprocess.Popen(
            [fazhi, "serve", "--db", db, "--listen", "127.0.0.1:0",
             "--checkpoint-interval", "1", "--threads", "4"],
            stdout=subprocess.DEVNULL, stderr=self.err,
            preexec_fn=limit if fsize else None)

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
        try:
            return e.code, json.loads(e.read() or b"null")
        except (OSError, ValueError):
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
        self.refusals = []   # bodies of 507 answers (disk full)
        self.unexpected = [] # (status, body) of the first server errors

    def count(self, status, body=None):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 507:
                self.refusals.append(body)
            elif status >= 500 and status != 503 and len(self.unexpected) < 5:
                self.unexpected.append((status, body))
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
            acked.count(st, j)
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
            acked.count(st, j)
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
            acked.count(st, j)
            if st == 201:
                with acked.lock:
                    acked.events.add((cid, j["event"]["id"] if "event" in j else j["id"]))
        else:
            blob = rng.randbytes(rng.randrange(1024, 96 * 1024))
            st, j = call(base, tokens["officer1"], "POST",
                         "/api/v1/cases/%d/evidence?name=crash%d.mp4&kind=av_record"
                         % (cid, rng.randrange(10**6)), data=blob, ctype="video/mp4")
            acked.count(st, j)
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


def dir_size(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def disk_full(fazhi, work, rng):
    """A disk that fills while clients write: every refusal is 507 with a
    Chinese message, the server stays up and answers reads, nothing
    acknowledged is lost, and once there is room it writes again. A small
    tmpfs when we may mount one (root), else a file-size limit on the
    server (RLIMIT_FSIZE: a write past it fails as one on a full disk)."""
    src = os.path.join(work, "seed")
    os.makedirs(src)
    seed_db = os.path.join(src, "f.db")
    subprocess.run([fazhi, "init", "--db", seed_db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([fazhi, "demo", "--db", seed_db], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["sqlite3", seed_db, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True,
                   stdout=subprocess.DEVNULL)
    used = dir_size(src)
    mnt = os.path.join(work, "small")
    os.makedirs(mnt)
    room = used + 3 * 1024 * 1024
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%d" % room, "tmpfs", mnt],
                             capture_output=True).returncode == 0
    how = ("a %.1f MiB tmpfs" % (room / 2**20) if mounted
           else "a file-size limit (no tmpfs: mounting needs root)")
    db = os.path.join(mnt, "f.db")
    try:
        shutil.copy(seed_db, db)
        shutil.copytree(seed_db + ".data", db + ".data")
        acked = Acked()
        open_ids = []
        refusals = acked.refusals
        fsize = None if mounted else os.path.getsize(db) + 256 * 1024
        srv = Server(fazhi, db, work, fsize=fsize)
        try:
            tokens = {u: login(srv.base, u) for u in ("officer1", "head1")}
            officers = demo_officers(srv.base, tokens["officer1"])
            stop = threading.Event()

            def full_writer(r):
                try:
                    write(r, srv.base, tokens, officers, acked, stop, open_ids)
                except ConnectionError:
                    pass
            threads = [threading.Thread(target=full_writer, args=(random.Random(rng.random()),),
                                        daemon=True) for _ in range(3)]
            for t in threads:
                t.start()
            wait_for("the disk to fill (20 refusals)",
                     lambda: len(refusals) >= 20 or len(acked.unexpected) >= 5, timeout=600)
            stop.set()
            for t in threads:
                t.join(timeout=120)
            if srv.proc.poll() is not None:
                raise Failure("disk full: the server stopped: " + open(srv.log).read()[-2000:])
            st, _ = call(srv.base, tokens["officer1"], "GET", "/api/v1/cases?limit=5")
            if st != 200:
                raise Failure("disk full: reads stopped answering (HTTP %d)" % st)
            st, _ = call(srv.base, None, "GET", "/healthz")
            if st not in (200, 503):
                raise Failure("disk full: /healthz answered HTTP %d" % st)
        finally:
            srv.kill()
        errors = {k: v for k, v in acked.statuses.items() if k >= 500 and k not in (503, 507)}
        if errors or 0 in acked.statuses:
            raise Failure("disk full: answers other than 507/503 for a full disk: %s; "
                          "first: %s" % (acked.statuses, acked.unexpected))
        bad = [b for b in refusals if b is not None and (
            b.get("error", {}).get("code") != "storage_full"
            or "存储空间已满" not in b.get("error", {}).get("message", ""))]
        if bad:
            raise Failure("disk full: a refusal without its code or message: %s" % bad[:2])
        check(fazhi, db, db + ".data", acked, "full")
        # room again
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=%d" % (room * 4), mnt], check=True)
        srv = Server(fazhi, db, work)
        try:
            token = login(srv.base, "officer1")
            st, j = call(srv.base, token, "POST", "/api/v1/cases/%d/steps" % open_ids[0],
                         {"step": "investigate", "fields": {"record": "磁盘扩容后的询问笔录"},
                          "officers": officers})
            if st != 201 and st != 409:
                raise Failure("disk full: no write after room was made (HTTP %d %s)" % (st, j))
        finally:
            srv.kill()
        check(fazhi, db, db + ".data", acked, "after room")
        return ("disk full on %s: %d writes acknowledged, %d refused with 507 "
                "storage_full, no other error, reads answered, nothing lost, verify "
                "passed, writes again once there was room"
                % (how, len(acked.cases) + len(acked.events) + len(acked.evidence),
                   len(refusals)))
    finally:
        if mounted:
            subprocess.run(["umount", mnt])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--disk-full", choices=("yes", "no", "only"), default="yes",
                    help="after the cycles, fill the disk while clients write")
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
        for cycle in range(1, (a.cycles if a.disk_full != "only" else 0) + 1):
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
                          "or answer 503): %s; first: %s" % (errors, acked.unexpected))
        if a.disk_full != "only":
            second_server_refused(fazhi, db, work)
        if a.disk_full != "no":
            print("crash-test: " + disk_full(fazhi, work, rng), flush=True)
        if a.disk_full == "only":
            ok = True
            return 0
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
