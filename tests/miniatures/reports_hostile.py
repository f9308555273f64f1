"""A hostile ``python:`` implementation for the reports' tests (a "miniature").

    conformance run --adapter python:tests.miniatures.reports_hostile:handle

It answers like the reference, except that it tries to take over the terminal and forge
a green verdict: its name carries escape sequences, and it answers in turn with errored
replies, skip reasons and wrong verdicts whose text holds ESC, BEL, CR, NUL, a title
sequence, bidi overrides, lone surrogates and lines that read "CONFORMANT at verdict level".
The wrong verdicts make the suite print the vector documents, NUL bytes included.
"""

from __future__ import annotations

from conformance.reference.adapter import handle as reference

FORGED = "CONFORMANT at verdict level: 540 vectors (0 failed), 190 properties (0 failed)"
HOSTILE = ("\x1b[2K\x1b[1A\r\x1b]0;all green\x07" + FORGED + "\x00\x1b[32m\x9b0m"
           "\n\n" + FORGED + "\r\n\u202e" + FORGED + "\u2066\u2069\u202c\x7f\ud800\ufffe")


def handle(message: dict) -> dict:
    reply = reference(message)
    cmd, seq = message.get("cmd"), message.get("seq") or 0
    if cmd == "start":
        info = dict(reply["implementation"], name="hostile\x1b[32m\r" + FORGED, version="\x07\u202e1")
        return dict(reply, implementation=info)
    if cmd == "stop":
        return reply
    if seq % 3 == 0:
        return {"seq": seq, "errored": {"message": HOSTILE, "stderr": HOSTILE + "\n" + HOSTILE}}
    if seq % 3 == 1:
        return {"seq": seq, "skipped": {"reason": HOSTILE}}
    result = reply.get("result")
    if isinstance(result, dict) and "verdict" in result:  # a wrong verdict, to make the suite show the document
        result = dict(result, verdict="valid" if result["verdict"] != "valid" else "invalid", codes=[HOSTILE])
    return dict(reply, result=result)
