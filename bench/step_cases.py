#!/usr/bin/env python3
# bench/step_cases.py - opens N fresh penalty cases through the API as the
# signed-in officer (token), each approved by head1 (立案审批), with two
# certified officers of the demo taken from an investigation already on
# record; prints those two officers' ids, then the cases' ids, on one line.
# Shared by bench/ledger.sh and bench/callgrind_steps.sh.
#   usage: step_cases.py BASE_URL TOKEN N
import datetime
import json
import sys
import urllib.request

base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])


def call(path, body=None, as_token=None):
    rq = urllib.request.Request(base + path, data=body and json.dumps(body).encode(),
                                headers={"Authorization": "Bearer " + (as_token or token),
                                         "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(rq))


# 立案审批 is the head's: head1 approves each case before the load
head = json.load(urllib.request.urlopen(urllib.request.Request(
    base + "/api/v1/session", headers={"Content-Type": "application/json"},
    data=json.dumps({"username": "head1", "password": "Demo@2026"}).encode())))["token"]
officers = None
for c in call("/api/v1/cases?closed=false&limit=50")["items"]:
    for ev in call("/api/v1/cases/%d/events?limit=200" % c["id"])["items"]:
        if ev["step"] == "investigate" and len(ev.get("officers", [])) >= 2:
            officers = ev["officers"][:2]
    if officers:
        break
today = datetime.date.today()
ids = []
for k in range(n):
    c = call("/api/v1/cases", {
        "procedure": "penalty_general", "domain": "土地管理",
        "title": "压测案件 %d：未经批准占用耕地" % k,
        "act_date": str(today - datetime.timedelta(days=30)),
        "party": {"kind": "citizen", "name": "马某%d" % k, "id": "640522199001011234"},
        "fields": {"facts": "巡查发现占用耕地建房", "source": "日常巡查"},
        "officers": officers})
    ids.append(c["id"] if "id" in c else c["case"]["id"])
    call("/api/v1/cases/%d/steps" % ids[-1], {"step": "approve_opening"}, head)
print(officers[0], officers[1], " ".join(str(i) for i in ids))
