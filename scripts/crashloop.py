#!/usr/bin/env python3
"""The loop and the checks of scripts/crashloop.sh (which starts and stops the sandbox).

After every run, and a reconcile with no faults armed, it checks:
- integrity: `PRAGMA integrity_check` of the cache says ok (sqlite3 CLI);
- duplicates: no RefundDesk operation id appears on more than one refund (Stripe, in
  metadata.refunddesk_operation) or chargeback (IntaSend, "[rd:ID]" at the end of
  reason_details) on the sandbox;
- lost: every operation in the outbox is either open there (pending/unknown) or settled the way
  the sandbox says (succeeded: on the sandbox; rejected: not on it), and an id the CLI printed as
  created is on the sandbox; money that moved on the sandbox without an outbox entry and a `send`
  audit row (no audit trail) counts as lost too, since RefundDesk lost track of it.
"""

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request

ACCOUNTS = {
    # dialect: (account name, secret, secret variable)
    "stripe": ("Loop Stripe", "sk_test_sandbox", "REFUNDDESK_SECRET_LOOP_STRIPE"),
    "intasend": ("Loop IntaSend", "ISSecretKey_test_sandbox", "REFUNDDESK_SECRET_LOOP_INTASEND"),
}
INVOICES_PER_DIALECT = 6
RD_TAG = re.compile(r"\[rd:([^\]\s]+)\]\s*$")


class Loop:
    def __init__(self, args):
        self.cli = args.cli
        self.base = args.sandbox_url.rstrip("/")
        self.db = os.path.join(args.work, "cache.sqlite3")
        self.max_kill_ms = args.max_kill_ms
        self.rng = random.Random(args.seed)
        # The sandbox is on loopback: never through a proxy the environment may name.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.env = dict(os.environ)
        self.env.pop("REFUNDDESK_DB", None)
        self.env.pop("REFUNDDESK_TEST_CRASH_AT", None)
        for _, secret, var in ACCOUNTS.values():
            self.env[var] = secret
        self.invoices = {}  # dialect -> [(invoice id, one minor unit as a decimal string)]
        self.printed_ids = {}  # gateway object id the CLI printed -> dialect
        self.runs = self.kills = self.duplicates = self.lost = 0
        self.reported = set()  # problems already counted, so a later run does not count them again
        self.exits = {}

    # --- plumbing -------------------------------------------------------------------------
    def http(self, method, path, body=None, secret=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if secret:
            req.add_header("Authorization", "Bearer " + secret)
        with self.opener.open(req, timeout=30) as reply:
            text = reply.read()
        return json.loads(text) if text else None

    def run_cli(self, args, check=True):
        p = subprocess.run([self.cli, "--db", self.db] + args, env=self.env,
                           capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            sys.exit(f"crashloop: refunddesk-cli {' '.join(args)} failed ({p.returncode}): "
                     f"{p.stderr.strip()}")
        return p

    def problem(self, key, what, kind):
        if key in self.reported:
            return
        self.reported.add(key)
        print(f"crashloop: run {self.runs}: {what}", file=sys.stderr)
        if kind == "duplicate":
            self.duplicates += 1
        else:
            self.lost += 1

    # --- setup ----------------------------------------------------------------------------
    def set_up(self):
        for dialect, (name, _, _) in ACCOUNTS.items():
            self.run_cli(["accounts", "add", name, "--gateway", dialect,
                          "--base-url", f"{self.base}/{dialect}"])
            ids = self.http("POST", "/_sandbox/invoices",
                            {"dialect": dialect, "count": INVOICES_PER_DIALECT})["ids"]
            self.run_cli(["sync", "--account", name])
            listed = json.loads(self.run_cli(["list", "invoices", "--account", name,
                                              "--format", "json"]).stdout)
            by_id = {row["invoice_id"]: row for row in listed}
            self.invoices[dialect] = []
            for invoice_id in ids:
                if invoice_id not in by_id:
                    sys.exit(f"crashloop: fresh invoice {invoice_id} is not in the cache")
                # One minor unit in the invoice's currency, written with its decimals.
                amount = by_id[invoice_id]["amount"]
                decimals = len(amount.split(".")[1]) if "." in amount else 0
                unit = "1" if decimals == 0 else "0." + "0" * (decimals - 1) + "1"
                self.invoices[dialect].append((invoice_id, unit))

    # --- one run --------------------------------------------------------------------------
    def arm_random_fault(self):
        choice = self.rng.choice(["none", "latency", "fail", "drop", "drop+latency"])
        fault = {}
        if "latency" in choice:
            fault["latency_ms"] = self.rng.choice([20, 80, 200])
        if choice == "fail":
            # Aimed at writes, so the 500 meets the refund rather than the reads before it.
            fault["fail"] = {"status": 500, "count": self.rng.randint(1, 3)}
            fault["method"] = "POST"
        if "drop" in choice:
            fault["drop_after_commit"] = 1
        if fault:
            self.http("POST", "/_sandbox/faults", fault)
        return choice

    def one_run(self):
        self.runs += 1
        self.http("DELETE", "/_sandbox/faults")
        fault = self.arm_random_fault()
        action = self.rng.choice(["refund", "refund", "chargeback", "chargeback", "sync"])
        if action == "refund":
            dialect = "stripe"
        elif action == "chargeback":
            dialect = "intasend"
        else:
            dialect = self.rng.choice(list(ACCOUNTS))
        name = ACCOUNTS[dialect][0]
        if action == "sync":
            args = ["sync", "--account", name]
        else:
            invoice_id, unit = self.rng.choice(self.invoices[dialect])
            args = [action, "--account", name, "--invoice", invoice_id, "--amount", unit]
            if action == "refund":
                args += ["--reason", "requested_by_customer"]
            else:
                args += ["--reason", "crash loop", "--details", f"run {self.runs}"]

        kill_after = self.rng.uniform(0, self.max_kill_ms) / 1000.0
        p = subprocess.Popen([self.cli, "--db", self.db] + args, env=self.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, _ = p.communicate(timeout=kill_after)
            killed = False
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            out, _ = p.communicate()
            killed = True
        if killed:
            self.kills += 1
            outcome = "killed"
        else:
            outcome = str(p.returncode)
            if p.returncode < 0 or p.returncode not in (0, 3, 4, 5, 7):
                self.problem(("exit", self.runs), f"{' '.join(args)} exited {p.returncode} "
                             f"with {fault} armed", "lost")
            if p.returncode == 0 and action != "sync" and out.strip():
                self.printed_ids[out.strip().splitlines()[-1]] = dialect
        self.exits[outcome] = self.exits.get(outcome, 0) + 1

        self.http("DELETE", "/_sandbox/faults")
        reconciled = self.run_cli(["reconcile"], check=False)
        if reconciled.returncode not in (0, 5):
            self.problem(("reconcile", self.runs),
                         f"reconcile exited {reconciled.returncode}: {reconciled.stderr.strip()}",
                         "lost")
        self.check()

    # --- the checks -----------------------------------------------------------------------
    def sandbox_objects(self):
        """Every refund/chargeback on the loop's invoices: (dialect, gateway id, op id, amount)."""
        objects = []
        secret = ACCOUNTS["stripe"][1]
        for invoice_id, _ in self.invoices["stripe"]:
            field = "payment_intent" if invoice_id.startswith("pi_") else "charge"
            after = ""
            while True:
                page = self.http("GET", f"/stripe/v1/refunds?{field}={invoice_id}&limit=100{after}",
                                 secret=secret)
                for r in page["data"]:
                    op = (r.get("metadata") or {}).get("refunddesk_operation", "")
                    objects.append(("stripe", r["id"], op, r["amount"]))
                if not page.get("has_more") or not page["data"]:
                    break
                after = "&starting_after=" + page["data"][-1]["id"]
        ours = {invoice_id for invoice_id, _ in self.invoices["intasend"]}
        for c in self.http("GET", "/intasend/api/v1/chargebacks/",
                           secret=ACCOUNTS["intasend"][1]):
            if c.get("invoice") in ours:
                m = RD_TAG.search(c.get("reason_details") or "")
                objects.append(("intasend", str(c["id"]), m.group(1) if m else "",
                                str(c.get("amount"))))
        return objects

    def check(self):
        integrity = subprocess.run(["sqlite3", self.db, "PRAGMA integrity_check"],
                                   capture_output=True, text=True)
        if integrity.stdout.strip() != "ok":
            self.problem(("integrity", self.runs), f"integrity_check: {integrity.stdout.strip()} "
                         f"{integrity.stderr.strip()}", "lost")
            return

        objects = self.sandbox_objects()
        by_op = {}
        for dialect, object_id, op, _ in objects:
            if not op:
                self.problem(("untagged", object_id),
                             f"{dialect} {object_id} on the sandbox carries no operation id",
                             "lost")
                continue
            by_op.setdefault(op, []).append(object_id)
        for op, ids in by_op.items():
            if len(ids) > 1:
                self.problem(("duplicate", op), f"operation {op} is on the sandbox "
                             f"{len(ids)} times: {', '.join(ids)}", "duplicate")

        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            outbox = {row[0]: row[1:] for row in con.execute(
                "SELECT operation_id, state, result_id FROM outbox")}
            sent = {row[0] for row in con.execute(
                "SELECT DISTINCT operation_id FROM audit_log WHERE action = 'send'")}
        finally:
            con.close()

        for op, (state, result_id) in outbox.items():
            if state == "succeeded" and op not in by_op:
                self.problem(("lost", op), f"operation {op} succeeded ({result_id}) but is not "
                             "on the sandbox", "lost")
            if state == "rejected" and op in by_op:
                self.problem(("lost", op), f"operation {op} is rejected in the outbox but is on "
                             f"the sandbox: {', '.join(by_op[op])}", "lost")
        for op, ids in by_op.items():
            if op not in outbox or op not in sent:
                self.problem(("unaudited", op), f"{', '.join(ids)} moved money for operation "
                             f"{op} with no outbox entry or send audit row", "lost")
        on_sandbox = {object_id for _, object_id, _, _ in objects}
        for object_id in self.printed_ids:
            if object_id not in on_sandbox:
                self.problem(("printed", object_id), f"the CLI printed {object_id} as created "
                             "but it is not on the sandbox", "lost")
        self.open_now = sum(1 for state, _ in outbox.values() if state in ("pending", "unknown"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--sandbox-url", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--max-kill-ms", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1 << 30)

    loop = Loop(args)
    loop.set_up()
    started = time.monotonic()
    for _ in range(args.runs):
        loop.one_run()
    exits = ", ".join(f"{k} {v}" for k, v in sorted(loop.exits.items()))
    print(f"crashloop: seed {args.seed}, {time.monotonic() - started:.0f} s, outcomes: {exits}, "
          f"open in the outbox at the end: {loop.open_now}")
    print(f"runs {loop.runs}, kills {loop.kills}, duplicates {loop.duplicates}, lost {loop.lost}")
    return 1 if loop.duplicates or loop.lost else 0


if __name__ == "__main__":
    sys.exit(main())
