#!/usr/bin/env python3
"""Records the committed seed inputs of fuzz/corpus/ from a running refunddesk-sandbox.

gateway_reply: real replies (list pages, single objects, error bodies) of every dialect, each
prefixed with the selector byte of the parser that reads it (the order of gatewayreply.cpp).
sandbox_request: real requests of every dialect, as "METHOD TARGET", headers, blank line, body,
prefixed with the dialect byte (the order of sandboxrequest.cpp; 5 = fault control).
The sandbox must run with --seed 1 --invoices 12, as the sandbox_request entry seeds its store.
Usage: fuzz/record_corpus.py http://127.0.0.1:PORT
"""
import base64
import json
import os
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
HERE = os.path.dirname(os.path.abspath(__file__))

AUTH = {
    "stripe": "Bearer sk_test_sandbox",
    "wooshpay": "Basic " + base64.b64encode(b"sk_test_sandbox:").decode(),
    "chargebee": "Basic " + base64.b64encode(b"test_sandbox:").decode(),
    "processout": "Basic " + base64.b64encode(b"test-proj_sandbox:key_sandbox").decode(),
    "intasend": "Bearer ISSecretKey_test_sandbox",
}


def fetch(dialect, target, method="GET", body=None, content_type=None, auth=True):
    headers = {"Authorization": AUTH[dialect]} if auth else {}
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(BASE + "/" + dialect + target, data=body, method=method,
                                 headers=headers)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read(), headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), headers


def save(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


PARSERS = 26
STATUSES = [400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503, 418]


def reply(selector, name, dialect, target, error=False, **kw):
    status, body, _ = fetch(dialect, target, **kw)
    if error:  # the error readers take the HTTP status from the selector byte
        selector += PARSERS * STATUSES.index(status)
    save("gateway_reply", name, bytes([selector]) + body)
    return json.loads(body) if body else None


def request(selector, name, dialect, target, method="GET", body=b"", content_type=None):
    status, _, headers = fetch(dialect, target, method, body or None, content_type)
    lines = [f"{method} {target.lstrip('/')}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    save("sandbox_request", name,
         bytes([selector]) + ("\r\n".join(lines) + "\r\n\r\n").encode() + body)


# Stripe (parsers 0-6)
charges = reply(0, "stripe-charges", "stripe", "/v1/charges?limit=3")
reply(1, "stripe-refunds", "stripe", "/v1/refunds?limit=3")
disputes = reply(2, "stripe-disputes", "stripe", "/v1/disputes?limit=2")
charge = charges["data"][0]["id"]
reply(3, "stripe-charge", "stripe", "/v1/charges/" + charge)
refund = fetch("stripe", "/v1/refunds?limit=1")[1]
reply(4, "stripe-refund", "stripe", "/v1/refunds/" + json.loads(refund)["data"][0]["id"])
reply(6, "stripe-error-auth", "stripe", "/v1/charges", error=True, auth=False)
reply(6, "stripe-error-over-refund", "stripe", "/v1/refunds", error=True, method="POST",
      body=b"charge=" + charge.encode() + b"&amount=999999999",
      content_type="application/x-www-form-urlencoded")
if disputes["data"]:
    reply(5, "stripe-dispute", "stripe", "/v1/disputes/" + disputes["data"][0]["id"])
# WooshPay (7-9)
intents = reply(7, "wooshpay-payment-intents", "wooshpay", "/v1/payment_intents?limit=3")
reply(8, "wooshpay-refunds", "wooshpay", "/v1/refunds?limit=3")
reply(9, "wooshpay-payment-intent", "wooshpay", "/v1/payment_intents/" + intents["data"][0]["id"])
# Chargebee (10-14)
invoices = reply(10, "chargebee-invoices", "chargebee", "/api/v2/invoices?limit=3")
reply(11, "chargebee-credit-notes", "chargebee", "/api/v2/credit_notes?limit=3")
cb_invoice = invoices["list"][0]["invoice"]["id"]
reply(13, "chargebee-invoice", "chargebee", "/api/v2/invoices/" + cb_invoice)
reply(14, "chargebee-error-auth", "chargebee", "/api/v2/invoices", error=True, auth=False)
# ProcessOut (15-20)
txs = reply(15, "processout-transactions", "processout", "/transactions?limit=3")
reply(16, "processout-transactions-expanded", "processout",
      "/transactions?limit=3&expand%5B%5D=refunds")
tx = txs["transactions"][0]["id"]
reply(17, "processout-refunds", "processout", "/transactions/" + tx + "/refunds")
reply(19, "processout-transaction", "processout", "/transactions/" + tx)
reply(20, "processout-error-auth", "processout", "/transactions", error=True, auth=False)
# IntaSend (21-25)
reply(21, "intasend-invoices", "intasend", "/api/v1/invoices/?page=1&page_size=3")
chargebacks = reply(22, "intasend-chargebacks", "intasend", "/api/v1/chargebacks/")
if chargebacks:
    reply(23, "intasend-chargeback", "intasend",
          "/api/v1/chargebacks/" + str(chargebacks[0]["id"]) + "/")
reply(25, "intasend-error-auth", "intasend", "/api/v1/chargebacks/", error=True, auth=False)

# Requests, replayed against a fresh store by the sandbox_request entry.
request(0, "stripe-list-charges", "stripe", "/v1/charges?limit=2&starting_after=" + charge)
request(0, "stripe-refund-form", "stripe", "/v1/refunds", "POST",
        b"charge=" + charge.encode() + b"&amount=100&reason=duplicate&metadata%5Bk%5D=a+b",
        "application/x-www-form-urlencoded")
request(1, "wooshpay-refund-json", "wooshpay", "/v1/refunds", "POST",
        json.dumps({"payment_intent": intents["data"][0]["id"], "amount": "100"}).encode(),
        "application/json")
request(2, "chargebee-refund-form", "chargebee", "/api/v2/invoices/" + cb_invoice + "/refund",
        "POST", b"refund_amount=100&comment=x&credit_note%5Breason_code%5D=other",
        "application/x-www-form-urlencoded")
request(2, "chargebee-list", "chargebee", "/api/v2/credit_notes?limit=2&offset=1")
request(3, "processout-refund-json", "processout", "/transactions/" + tx + "/refunds", "POST",
        json.dumps({"amount": "1.00", "reason": "customer_request", "information": "x"}).encode(),
        "application/json")
if chargebacks:
    request(4, "intasend-chargeback-json", "intasend", "/api/v1/chargebacks/", "POST",
            json.dumps({"invoice": chargebacks[0]["invoice"], "amount": "1.00",
                        "reason": "Other", "reason_details": "x"}).encode(),
            "application/json")
save("sandbox_request", "faults",
     bytes([5]) + b"POST _sandbox/faults\r\n\r\n" +
     json.dumps({"fail": {"status": 500, "count": 2, "retry_after": 1}, "latency_ms": 10,
                 "dialect": "stripe", "method": "POST"}).encode())
