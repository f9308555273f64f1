"""``--failures-dir``: each failing case written as a vector file of its own, replayable
exactly (no seed, no Hypothesis) with ``conformance replay FILE --adapter SPEC``."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conformance import vectors
from conformance.errors import HarnessError


def file_name(case_id: str, n: int) -> str:
    return f"{n:03d}-" + re.sub(r"[^A-Za-z0-9._-]+", "_", case_id)[:120] + ".json"


def write_all(result, directory: Path, adapter_spec: str, level: str) -> list[Path]:
    failing = [r for r in result.vectors if result.is_failure(r.status) and r.case is not None]
    failing += [p.failure for p in result.properties if p.failure is not None and p.failure.case is not None
                and result.is_failure(p.failure.status)]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HarnessError(f"--failures-dir {directory}: {exc.strerror or exc}") from None
    written = []
    for n, r in enumerate(failing, start=1):
        path = directory / file_name(r.case.id, n)
        note = f"Failed under {adapter_spec}: {r.message}"
        path.write_bytes(vectors.case_file(r.case, note))
        command = f"conformance replay {shlex.quote(str(path))} --adapter {shlex.quote(adapter_spec)}"
        if level != "verdict":
            command += f" --level {level}"
        r.replay = command + ("\n" + r.replay if r.replay else "")
        written.append(path)
    return written
