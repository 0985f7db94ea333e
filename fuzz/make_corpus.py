#!/usr/bin/env python3
"""Builds the starting corpus of each fuzz target in OUT/<target>/ from what sits beside the
clone and in the tree: the gateway documents (../shared/seeds/), Stripe's own example objects
(../shared/fixtures/stripe/), the recorded sandbox traffic (fuzz/corpus/) and every input that
ever crashed (fuzz/crashes/). Missing shared files only make the corpus smaller.
Usage: fuzz/make_corpus.py OUT
"""
import json
import os
import re
import shutil
import sys

OUT = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
TARGETS = ["gateway_reply", "money_parse", "csv_writer", "search_fold", "sandbox_request"]
# Which gateway_reply selectors read each seed's bodies (the order of gatewayreply.cpp), and
# which sandbox_request dialect byte a seed's request bodies go to.
SEED_PARSERS = {"000": (21, 26), "001": (15, 21), "002": (10, 15), "003": (0, 7), "004": (0, 10)}
SEED_DIALECT = {"000": 4, "001": 3, "002": 2, "003": 0, "004": 1}
STRIPE_PARSERS = {"charge": (0, 3), "refund": (1, 4), "dispute": (2, 5), "payment_intent": (7, 9)}


def json_bodies(text):
    """Every JSON object or array that starts a line and parses, as the parser tests read seeds."""
    out = []
    for m in re.finditer(r"(?m)^[\[{]", text):
        depth, in_string, i = 0, False, m.start()
        j = i
        while j < len(text):
            c = text[j]
            if in_string:
                if c == "\\":
                    j += 1
                elif c == '"':
                    in_string = False
            elif c == '"':
                in_string = True
            elif c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    try:
                        json.loads(text[i:j + 1])
                        out.append(text[i:j + 1].encode())
                    except ValueError:
                        pass
                    break
            j += 1
    return out


class Corpus:
    def __init__(self):
        self.count = {t: 0 for t in TARGETS}

    def add(self, target, data):
        folder = os.path.join(OUT, target)
        os.makedirs(folder, exist_ok=True)
        self.count[target] += 1
        with open(os.path.join(folder, "shared-%04d" % self.count[target]), "wb") as f:
            f.write(data)


def main():
    corpus = Corpus()
    for target in TARGETS:
        os.makedirs(os.path.join(OUT, target), exist_ok=True)
        for kind in ("corpus", "crashes"):
            folder = os.path.join(ROOT, "fuzz", kind, target)
            if os.path.isdir(folder):
                for name in sorted(os.listdir(folder)):
                    shutil.copy(os.path.join(folder, name),
                                os.path.join(OUT, target, kind + "-" + name))
    seeds = os.path.join(SHARED, "seeds")
    for name in sorted(os.listdir(seeds)) if os.path.isdir(seeds) else []:
        prefix = name[:3]
        if prefix not in SEED_PARSERS:
            continue
        with open(os.path.join(seeds, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        first, last = SEED_PARSERS[prefix]
        for body in json_bodies(text):
            for selector in range(first, last):
                corpus.add("gateway_reply", bytes([selector]) + body)
            corpus.add("sandbox_request", bytes([SEED_DIALECT[prefix]]) +
                       b"POST v1/refunds\r\nContent-Type: application/json\r\n\r\n" + body)
        for line in text.splitlines():
            corpus.add("search_fold", b"\x00" + line.encode())
            corpus.add("csv_writer", b"\x00" + line.replace(",", "\x1f").encode())
        for amount in sorted(set(re.findall(r"-?\d+(?:\.\d+)?", text)))[:40]:
            corpus.add("money_parse", bytes([len(amount) % 16]) + amount.encode())
    fixtures = os.path.join(SHARED, "fixtures", "stripe", "fixtures3-subset.json")
    if os.path.isfile(fixtures):
        with open(fixtures, encoding="utf-8") as f:
            resources = json.load(f).get("resources", {})
        for kind, obj in resources.items():
            body = json.dumps(obj).encode()
            for selector in STRIPE_PARSERS.get(kind, ()):
                corpus.add("gateway_reply", bytes([selector]) + body)
                page = {"object": "list", "has_more": False, "data": [obj]}
                corpus.add("gateway_reply", bytes([selector]) + json.dumps(page).encode())
            error = json.dumps({"error": {"type": "invalid_request_error", "code": kind,
                                          "message": obj.get("description") or kind}})
            corpus.add("gateway_reply", bytes([6]) + error.encode())
    for target in TARGETS:
        print("%s: %d inputs" % (target, len(os.listdir(os.path.join(OUT, target)))))


main()
