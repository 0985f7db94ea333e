#!/usr/bin/env python3
"""The loop and the checks of scripts/crashloop.sh (which starts and stops the sandbox).

Each run arms a random fault on the sandbox, starts one refund (Stripe, WooshPay, Chargebee,
ProcessOut, and IntaSend, where a refund is a chargeback request), chargeback (IntaSend, the one
dialect that files them) or sync (all five) with the real refunddesk-cli, and SIGKILLs it at a
random moment unless it finished first. A share of the operations is killed by the test-only
crash hook instead, right after the outbox commit or right after the gateway's answer, the two
narrow moments a timer rarely hits; a share of the operations runs twice at once on one
account, each copy killed at its own moment. When that left an operation open, half the time a
reconcile (the one process that resends) is killed in its turn, with a fault of its own armed.
Then, with no fault armed, `refunddesk-cli reconcile`, and the checks:
- integrity: `PRAGMA integrity_check` of the cache says ok (sqlite3 CLI);
- duplicates: no RefundDesk operation id appears on more than one refund or chargeback on the
  sandbox (the id travels in metadata, a Chargebee credit note's comment or IntaSend's
  reason_details, as the adapters send it);
- lost: every operation in the outbox is either open there (pending/unknown) or settled the way
  the sandbox says (succeeded: on the sandbox with the amount and invoice asked for; rejected: not
  on it); a command that exited 0 or 5 left its entry in the outbox, and an id it printed as
  created is on the sandbox as that entry's result; money that moved on the sandbox without an
  outbox entry and a `send` audit row of the same amount (no audit trail) counts as lost too,
  since RefundDesk lost track of it.
"""

import argparse
import base64
import decimal
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request


class Dialect:
    def __init__(self, name, account, secret, basic):
        self.name = name
        self.account = account
        self.secret = secret
        self.variable = "REFUNDDESK_SECRET_" + re.sub(r"[^A-Z0-9]", "_", account.upper())
        # Authorization header as the sandbox expects it (DESIGN.md, sandbox credentials).
        if basic:
            user = secret if ":" in secret else secret + ":"
            self.authorization = "Basic " + base64.b64encode(user.encode()).decode()
        else:
            self.authorization = "Bearer " + secret


DIALECTS = {d.name: d for d in (
    Dialect("stripe", "Loop Stripe", "sk_test_sandbox", basic=False),
    Dialect("wooshpay", "Loop WooshPay", "sk_test_sandbox", basic=True),
    Dialect("chargebee", "Loop Chargebee", "test_sandbox", basic=True),
    Dialect("processout", "Loop ProcessOut", "test-proj_sandbox:key_sandbox", basic=True),
    Dialect("intasend", "Loop IntaSend", "ISSecretKey_test_sandbox", basic=False),
)}
# Which command each dialect takes (DESIGN.md: IntaSend's refunds are chargeback requests, and
# only IntaSend files chargebacks); every dialect syncs.
ACTIONS = [("refund", d) for d in ("stripe", "wooshpay", "chargebee", "processout", "intasend")] \
    + [("chargeback", "intasend")] * 2 \
    + [("sync", d) for d in DIALECTS]
FAULTS = ["none", "latency", "fail-write", "fail-read", "drop", "drop+latency", "malformed"]
INVOICES_PER_DIALECT = 6
RD_TAG = re.compile(r"\[rd:([^\]\s]+)\]\s*$")


class Loop:
    def __init__(self, args):
        self.cli = args.cli
        self.base = args.sandbox_url.rstrip("/")
        self.db = os.path.join(args.work, "cache.sqlite3")
        self.max_kill_ms = args.max_kill_ms
        self.hook_share = args.hook_share
        self.rng = random.Random(args.seed)
        # The sandbox is on loopback: never through a proxy the environment may name.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.env = dict(os.environ)
        self.env.pop("REFUNDDESK_DB", None)
        self.env.pop("REFUNDDESK_TEST_CRASH_AT", None)
        for d in DIALECTS.values():
            self.env[d.variable] = d.secret
        self.invoices = {}  # dialect -> [(invoice id, decimals of its currency)]
        self.decimals = {}  # (dialect, invoice id) -> decimals
        self.printed_ids = {}  # gateway object id the CLI printed -> the run that printed it
        self.runs = self.kills = self.hook_kills = self.reconcile_kills = 0
        self.duplicates = self.lost = 0
        self.reported = set()  # problems already counted, so a later run does not count them again
        self.exits = {}
        self.actions = {}
        self.phases = {}
        self.open_now = self.moved = self.entries = 0
        self.last_action = "sync"
        self.last_copies = 1
        self.pair_share = args.pair_share

    # --- plumbing -------------------------------------------------------------------------
    def http(self, method, path, body=None, dialect=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if dialect:
            req.add_header("Authorization", DIALECTS[dialect].authorization)
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

    def outbox(self):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            entries = {row[0]: row[1:] for row in con.execute(
                "SELECT operation_id, state, result_id, amount, invoice_id, attempts "
                "FROM outbox")}
            sent = {}
            for op, amount in con.execute(
                    "SELECT operation_id, amount FROM audit_log WHERE action = 'send'"):
                sent.setdefault(op, set()).add(amount)
        finally:
            con.close()
        return entries, sent

    # --- setup ----------------------------------------------------------------------------
    def set_up(self):
        for d in DIALECTS.values():
            self.run_cli(["accounts", "add", d.account, "--gateway", d.name,
                          "--base-url", f"{self.base}/{d.name}"])
            ids = self.http("POST", "/_sandbox/invoices",
                            {"dialect": d.name, "count": INVOICES_PER_DIALECT})["ids"]
            self.run_cli(["sync", "--account", d.account])
            listed = json.loads(self.run_cli(["list", "invoices", "--account", d.account,
                                              "--format", "json"]).stdout)
            by_id = {row["invoice_id"]: row for row in listed}
            self.invoices[d.name] = []
            for invoice_id in ids:
                if invoice_id not in by_id:
                    sys.exit(f"crashloop: fresh invoice {invoice_id} is not in the cache")
                amount = by_id[invoice_id]["amount"]
                decimals = len(amount.split(".")[1]) if "." in amount else 0
                self.invoices[d.name].append(invoice_id)
                self.decimals[(d.name, invoice_id)] = decimals

    # --- one run --------------------------------------------------------------------------
    def arm_random_fault(self):
        choice = self.rng.choice(FAULTS)
        fault = {}
        if "latency" in choice:
            fault["latency_ms"] = self.rng.choice([20, 80, 200])
        if choice == "fail-write":
            # Aimed at writes, so the 500 meets the refund rather than the reads before it.
            fault["fail"] = {"status": 500, "count": self.rng.randint(1, 3)}
            fault["method"] = "POST"
        if choice == "fail-read":
            # The reads before a refund, and a sync's pages.
            fault["fail"] = {"status": 500, "count": self.rng.randint(1, 4)}
            fault["method"] = "GET"
        if "drop" in choice:
            fault["drop_after_commit"] = 1
        if choice == "malformed":
            fault["malformed"] = 1
        if fault:
            self.http("POST", "/_sandbox/faults", fault)
        return choice, fault.get("latency_ms", 0)

    def run_and_kill(self, commands, latency):
        """Starts the CLI once per (args, env), side by side, and SIGKILLs each at its own
        random moment unless it finished first. Gives (process, stdout, stderr, killed)."""
        started = time.monotonic()
        running = []
        for args, env in commands:
            # A run takes a few requests of `latency` each: the kill lands anywhere in it.
            deadline = started + self.rng.uniform(0, self.max_kill_ms + 4 * latency) / 1000.0
            running.append((subprocess.Popen([self.cli, "--db", self.db] + args, env=env,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                             text=True), deadline))
        results = []
        for p, deadline in running:
            try:
                out, err = p.communicate(timeout=max(0.0, deadline - time.monotonic()))
                results.append((p, out, err, False))
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGKILL)
                out, err = p.communicate()
                results.append((p, out, err, True))
        return results

    def killed_reconcile(self):
        """A reconcile, the one process that resends, killed with a fault armed in its turn."""
        self.http("DELETE", "/_sandbox/faults")
        fault, latency = self.arm_random_fault()
        [(p, _, err, killed)] = self.run_and_kill([(["reconcile"], self.env)], latency)
        if killed:
            self.kills += 1
            self.reconcile_kills += 1
        elif p.returncode not in (0, 5, 7):
            self.problem(("reconcile", self.runs), f"reconcile with {fault} armed exited "
                         f"{p.returncode}: {err.strip()}", "lost")

    def command(self, action, dialect):
        """The CLI arguments and environment of one operation or sync."""
        account = DIALECTS[dialect].account
        env = self.env
        if action == "sync":
            return ["sync", "--account", account], env
        invoice_id = self.rng.choice(self.invoices[dialect])
        units = self.rng.randint(1, 5)
        amount = str(decimal.Decimal(units).scaleb(-self.decimals[(dialect, invoice_id)]))
        args = [action, "--account", account, "--invoice", invoice_id, "--amount", amount]
        if action == "refund":
            args += ["--reason", "requested_by_customer"]
        else:
            args += ["--reason", "crash loop", "--details", f"run {self.runs}"]
        if self.rng.random() < self.hook_share:
            env = dict(self.env)
            env["REFUNDDESK_TEST_CRASH_AT"] = self.rng.choice(["after-outbox", "after-send"])
        return args, env

    def one_run(self):
        self.runs += 1
        self.http("DELETE", "/_sandbox/faults")
        fault, latency = self.arm_random_fault()
        action, dialect = self.rng.choice(ACTIONS)
        # Now and then two operations at once on one account: two people at one cache, the
        # outbox's BEGIN IMMEDIATE claim against kills.
        copies = 2 if action != "sync" and self.rng.random() < self.pair_share else 1
        commands = [self.command(action, dialect) for _ in range(copies)]
        self.last_action = action
        self.last_copies = copies
        key = f"{action} {dialect}" + (" (two at once)" if copies == 2 else "")
        self.actions[key] = self.actions.get(key, 0) + 1

        before, _ = self.outbox()
        results = self.run_and_kill(commands, latency)
        after, _ = self.outbox()
        new = set(after) - set(before)
        answered = 0  # operations that exited 0 or 5: each left its entry
        for (args, env), (p, out, err, killed) in zip(commands, results):
            if killed:
                self.kills += 1
                outcome = "killed"
            elif p.returncode == -signal.SIGKILL and env is not self.env:
                self.kills += 1
                self.hook_kills += 1
                outcome = "hook " + env["REFUNDDESK_TEST_CRASH_AT"]
            else:
                outcome = str(p.returncode)
                if p.returncode < 0 or p.returncode not in (0, 3, 4, 5, 7):
                    self.problem(("exit", self.runs), f"{' '.join(args)} exited {p.returncode} "
                                 f"with {fault} armed: {err.strip()}", "lost")
                if action != "sync" and p.returncode in (0, 5):
                    answered += 1
                if p.returncode == 0 and action != "sync" and out.strip():
                    printed = out.strip().splitlines()[-1]
                    self.printed_ids[printed] = self.runs
                    if printed not in {after[op][1] for op in new}:
                        self.problem(("result", self.runs), f"{' '.join(args)} printed "
                                     f"{printed} but no new outbox entry names it", "lost")
            self.exits[outcome] = self.exits.get(outcome, 0) + 1
            if action != "sync" and copies == 1 and outcome.startswith(("killed", "hook")):
                # Where the kill landed: before the outbox entry, after it but before the
                # request (no attempt counted), or with the request sent or answered.
                phase = "before the outbox write" if not new else \
                    "after the outbox write" if after[next(iter(new))][4] == 0 \
                    else "while sending"
                self.phases[phase] = self.phases.get(phase, 0) + 1
        if len(new) < answered:
            self.problem(("entry", self.runs), f"{answered} operations answered 0 or 5 but "
                         f"{len(new)} new outbox entries", "lost")

        if any(e[0] in ("pending", "unknown") for e in after.values()) \
                and self.rng.random() < 0.5:
            self.killed_reconcile()
        self.http("DELETE", "/_sandbox/faults")
        reconciled = self.run_cli(["reconcile"], check=False)
        if reconciled.returncode not in (0, 5):
            self.problem(("reconcile", self.runs),
                         f"reconcile exited {reconciled.returncode}: {reconciled.stderr.strip()}",
                         "lost")
        self.check()

    # --- the checks -----------------------------------------------------------------------
    def minor(self, dialect, invoice_id, major):
        """A decimal string in major units → integer minor units of the invoice's currency."""
        return int(decimal.Decimal(major).scaleb(self.decimals[(dialect, invoice_id)]))

    def cursor_pages(self, dialect, path, query):
        """Stripe-style pages (`data`, `has_more`, `starting_after`)."""
        after = {}
        while True:
            page = self.http("GET", f"{path}?{urllib.parse.urlencode({**query, **after})}",
                             dialect=dialect)
            yield from page["data"]
            if not page.get("has_more") or not page["data"]:
                return
            after = {"starting_after": page["data"][-1]["id"]}

    def sandbox_objects(self):
        """Every refund/chargeback on the loop's invoices:
        (dialect, gateway id, operation id, invoice id, amount in minor units)."""
        objects = []
        for dialect in ("stripe", "wooshpay"):
            for invoice_id in self.invoices[dialect]:
                field = "payment_intent" if invoice_id.startswith("pi_") else "charge"
                for r in self.cursor_pages(dialect, f"/{dialect}/v1/refunds",
                                           {field: invoice_id, "limit": 100}):
                    op = (r.get("metadata") or {}).get("refunddesk_operation", "")
                    objects.append((dialect, r["id"], op, invoice_id, r["amount"]))
        for invoice_id in self.invoices["chargebee"]:
            offset = ""
            while True:
                # The brackets stay literal, as Chargebee's filters are written.
                query = f"limit=100&reference_invoice_id[is]={urllib.parse.quote(invoice_id)}"
                if offset:
                    query += "&offset=" + urllib.parse.quote(offset)
                page = self.http("GET", f"/chargebee/api/v2/credit_notes?{query}",
                                 dialect="chargebee")
                for entry in page["list"]:
                    cn = entry["credit_note"]
                    if cn.get("reference_invoice_id") != invoice_id:
                        continue
                    m = RD_TAG.search(cn.get("comment") or "")
                    objects.append(("chargebee", cn["id"], m.group(1) if m else "", invoice_id,
                                    cn["total"]))
                offset = page.get("next_offset") or ""
                if not offset:
                    break
        for invoice_id in self.invoices["processout"]:
            page = self.http("GET", f"/processout/transactions/{invoice_id}/refunds",
                             dialect="processout")
            for r in page["refunds"]:
                op = (r.get("metadata") or {}).get("refunddesk_operation", "")
                objects.append(("processout", r["id"], op, invoice_id,
                                self.minor("processout", invoice_id, r["amount"])))
        ours = set(self.invoices["intasend"])
        for c in self.http("GET", "/intasend/api/v1/chargebacks/", dialect="intasend"):
            if c.get("invoice") in ours:
                m = RD_TAG.search(c.get("reason_details") or "")
                objects.append(("intasend", str(c["id"]), m.group(1) if m else "", c["invoice"],
                                self.minor("intasend", c["invoice"], str(c.get("amount")))))
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
        for dialect, object_id, op, invoice_id, amount in objects:
            if not op:
                self.problem(("untagged", object_id),
                             f"{dialect} {object_id} on the sandbox carries no operation id",
                             "lost")
                continue
            by_op.setdefault(op, []).append((object_id, invoice_id, amount))
        for op, found in by_op.items():
            if len(found) > 1:
                self.problem(("duplicate", op), f"operation {op} is on the sandbox "
                             f"{len(found)} times: {', '.join(f[0] for f in found)}", "duplicate")

        outbox, sent = self.outbox()
        for op, (state, result_id, amount, invoice_id, _) in outbox.items():
            if state == "succeeded":
                if op not in by_op:
                    self.problem(("lost", op), f"operation {op} succeeded ({result_id}) but is "
                                 "not on the sandbox", "lost")
                elif result_id not in [f[0] for f in by_op[op]]:
                    self.problem(("result", op), f"operation {op} succeeded as {result_id} but "
                                 f"the sandbox has {by_op[op][0][0]}", "lost")
            if state == "rejected" and op in by_op:
                self.problem(("lost", op), f"operation {op} is rejected in the outbox but is on "
                             f"the sandbox: {', '.join(f[0] for f in by_op[op])}", "lost")
        for op, found in by_op.items():
            for object_id, invoice_id, amount in found:
                entry = outbox.get(op)
                if entry is None or amount not in sent.get(op, set()):
                    self.problem(("unaudited", op), f"{object_id} moved {amount} for operation "
                                 f"{op} with no outbox entry or send audit row of that amount",
                                 "lost")
                elif entry[2] != amount or entry[3] != invoice_id:
                    self.problem(("amount", op), f"{object_id} moved {amount} on {invoice_id} "
                                 f"but operation {op} asked for {entry[2]} on {entry[3]}", "lost")
        on_sandbox = {o[1] for o in objects}
        for object_id, run in self.printed_ids.items():
            if object_id not in on_sandbox:
                self.problem(("printed", object_id), f"the CLI printed {object_id} as created "
                             f"in run {run} but it is not on the sandbox", "lost")
        # Independent of operation ids: one command makes at most one refund or chargeback,
        # plus whatever was left open before it, and nothing else creates any.
        allowed = self.open_now + (0 if self.last_action == "sync" else self.last_copies)
        if len(objects) - self.moved > allowed:
            self.problem(("count", self.runs), f"{len(objects) - self.moved} refunds or "
                         f"chargebacks appeared in one run ({self.last_action}), at most "
                         f"{allowed} expected", "duplicate")
        if len(outbox) - self.entries > (0 if self.last_action == "sync" else self.last_copies):
            self.problem(("entries", self.runs), f"{len(outbox) - self.entries} outbox entries "
                         f"appeared in one run ({self.last_action})", "duplicate")
        self.open_now = sum(1 for e in outbox.values() if e[0] in ("pending", "unknown"))
        self.moved = len(objects)
        self.entries = len(outbox)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--sandbox-url", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--max-kill-ms", type=int, default=300)
    parser.add_argument("--hook-share", type=float, default=0.15,
                        help="share of operations killed by the crash hook instead of a timer")
    parser.add_argument("--pair-share", type=float, default=0.15,
                        help="share of operations started twice at once on one account")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1 << 30)
    # The choices (action, dialect, invoice, amount, fault, kill time) repeat with the seed;
    # where a kill lands inside the run still depends on the machine's timing.
    print(f"crashloop: seed {args.seed} (repeat with: scripts/crashloop.sh {args.runs} "
          f"--seed {args.seed})", flush=True)

    loop = Loop(args)
    loop.set_up()
    loop.check()  # the starting counts
    started = time.monotonic()
    for _ in range(args.runs):
        loop.one_run()
    # Whatever a last kill left open gets one more reconcile with no fault, as the next start
    # of RefundDesk would do, and is checked again.
    loop.run_cli(["reconcile"], check=False)
    loop.check()
    exits = ", ".join(f"{k} {v}" for k, v in sorted(loop.exits.items()))
    actions = ", ".join(f"{k} {v}" for k, v in sorted(loop.actions.items()))
    print(f"crashloop: {time.monotonic() - started:.0f} s; runs: {actions}")
    print(f"crashloop: outcomes: {exits}; refunds and chargebacks on the sandbox: {loop.moved}; "
          f"open in the outbox at the end: {loop.open_now}")
    phases = ", ".join(f"{k} {v}" for k, v in sorted(loop.phases.items()))
    print(f"crashloop: refunds and chargebacks killed {phases}; reconciles killed with an "
          f"operation open: {loop.reconcile_kills}")
    print(f"runs {loop.runs}, kills {loop.kills}, duplicates {loop.duplicates}, lost {loop.lost}")
    return 1 if loop.duplicates or loop.lost else 0


if __name__ == "__main__":
    sys.exit(main())
