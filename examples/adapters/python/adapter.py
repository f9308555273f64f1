#!/usr/bin/env python3
"""A complete `cmd:` adapter for the orbiplex conformance suite: the template to copy.

    conformance run --adapter 'cmd:python3 examples/adapters/python/adapter.py'

The protocol (CONFORMANCE.md, "Adapter protocol"): one JSON object per line on stdin, one
reply per line on stdout, in order. `start` -> who we are and what we support; `verify` and
`classify` -> a result echoing `seq`; `stop` -> exit. Anything that goes wrong while judging
a case is reported as `errored` (never a crash, never a guess). stdout carries protocol
lines only: diagnostics go to stderr.

This adapter wraps the suite's own reference implementation; replace `judge()` and
`judge_set()` with calls into yours.
"""

from __future__ import annotations

import base64
import json
import sys
import traceback

from conformance.reference.naa.attestation import AttestationVerifier
from conformance.reference.naa.trustconfig import TrustConfig

PROTOCOL_VERSION = 1
KIND = "node-address-attestation.v1"
IMPLEMENTATION = {
    "name": "example-python-adapter",
    "version": "1.0.0",
    "language": "python",
    "operations": ["verify", "classify"],  # leave out what you do not implement: it is then "not applicable"
    "kinds": [KIND],
}


def document_bytes(document: dict) -> bytes:
    """Documents arrive as raw JSON text, or base64 when the bytes are not UTF-8: judge the bytes."""
    if "base64" in document:
        return base64.b64decode(document["base64"])
    return document["text"].encode("utf-8", errors="surrogatepass")


def outcome(result) -> dict:
    return {"verdict": result.verdict, "class": result.trust_class, "codes": result.codes}


def judge(request: dict) -> dict:
    verifier = AttestationVerifier(signing_prefix=request["options"].get("signing-prefix", ""))
    trust = TrustConfig.from_json(request["trust"])
    return outcome(verifier.verify(document_bytes(request["document"]), request["now"], trust))


def judge_set(request: dict) -> dict:
    verifier = AttestationVerifier(signing_prefix=request["options"].get("signing-prefix", ""))
    trust = TrustConfig.from_json(request["trust"])
    raws = [document_bytes(d) for d in request["documents"]]
    return {"results": [outcome(r) for r in verifier.classify_set(raws, request["now"], trust)]}


HANDLERS = {"verify": judge, "classify": judge_set}


def reply_to(message: dict) -> dict | None:
    cmd = message.get("cmd")
    if cmd == "start":
        if message.get("version") != PROTOCOL_VERSION:
            print(f"unsupported protocol version {message.get('version')}", file=sys.stderr)
            sys.exit(1)
        return {"version": PROTOCOL_VERSION, "implementation": IMPLEMENTATION}
    if cmd == "stop":
        return None
    seq = message.get("seq")
    if message.get("kind") != KIND:
        return {"seq": seq, "skipped": {"reason": f"kind {message.get('kind')!r} is not implemented"}}
    handler = HANDLERS.get(cmd)
    if handler is None:
        return {"seq": seq, "errored": {"message": f"unknown cmd {cmd!r}"}}
    try:
        return {"seq": seq, "result": handler(message)}
    except Exception as exc:  # report, do not guess: the runner records it as errored
        return {"seq": seq, "errored": {"message": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}}


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        reply = reply_to(json.loads(line))
        if reply is None:
            return 0
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()  # one reply per request, immediately: the runner waits for it
    return 0


if __name__ == "__main__":
    sys.exit(main())
