"""A deliberately misbehaving `cmd:` implementation, for the runner's robustness tests.

    python tests/faulty_adapter.py MODE [N]

It answers like the reference, except for MODE (at request seq N where that applies):
crash, hang, garbage, wrong-seq, unsolicited, huge-line, exit0-after-start, stderr-flood,
all-valid, all-invalid, slow, bad-message.
"""

from __future__ import annotations

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from conformance.reference.adapter import handle  # noqa: E402

MODE = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def say(obj) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> int:
    for line in sys.stdin:
        message = json.loads(line)
        cmd, seq = message.get("cmd"), message.get("seq")
        if cmd == "stop":
            return 0
        reply = handle(message)
        if cmd == "start":
            say(reply)
            if MODE == "exit0-after-start":
                return 0
            continue
        if MODE == "stderr-flood":
            sys.stderr.write("noise " * 200_000 + "\n")
        if MODE == "slow":
            time.sleep(0.05)
        if seq == N:
            if MODE == "crash":
                sys.stderr.write(f"fatal: cannot judge request {seq}\n")
                sys.stderr.flush()
                os._exit(3)
            if MODE == "hang":
                time.sleep(3600)
            if MODE == "garbage":
                sys.stdout.write("this is not json\n")
                sys.stdout.flush()
                continue
            if MODE == "wrong-seq":
                reply["seq"] = seq + 1000
            if MODE == "huge-line":
                sys.stdout.write(json.dumps({"seq": seq, "pad": "x" * (2 * 1024 * 1024)}) + "\n")
                sys.stdout.flush()
                continue
            if MODE == "bad-message":
                reply = {"seq": seq, "result": {"verdict": "maybe", "class": None, "codes": []}}
        if MODE == "all-valid":
            reply = {"seq": seq, "result": {"verdict": "valid", "class": "self-only", "codes": []}}
        if MODE == "all-invalid":
            reply = {"seq": seq, "result": {"verdict": "invalid", "class": None, "codes": []}}
        say(reply)
        if MODE == "unsolicited" and seq == N:
            say({"seq": 99999, "result": {"verdict": "valid", "class": "self-only", "codes": []}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
