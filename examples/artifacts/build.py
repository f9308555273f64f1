"""Rebuild the sample artifacts of this directory from the golden vectors and the suite's
builders: ``python examples/artifacts/build.py``. Each file is ``<valid|invalid>.<kind>.json``, the first golden-vector
document of that kind that `conformance check` (no --trust, no --context) judges so;
tests/test_docs_commands.py checks that `conformance check` gives each the verdict its name says.

node-address-attestation and storage-policy-bundle samples are judged at 2026-04-17T12:01:00Z,
the client-instance ones at 2026-03-28T20:26:00Z (the instants of their golden vectors)."""

from __future__ import annotations

import json
from pathlib import Path

from conformance import check, vectors
from conformance.reference.naa.trustconfig import TrustConfig
from strategies.naa.build import signed_advertisement
from strategies.naa.scenarios import fixed_bases

HERE = Path(__file__).resolve().parent
NAA_NOW, CIR_NOW = "2026-04-17T12:01:00Z", "2026-03-28T20:26:00Z"
KINDS = {"node-address-attestation": NAA_NOW, "storage-policy-bundle": NAA_NOW, "participant-bind": CIR_NOW,
         "client-instance-attachment": CIR_NOW, "client-instance-detachment": CIR_NOW,
         "client-instance-recovery": CIR_NOW}


def verdict(path: Path, kind: str) -> str:
    """What `conformance check FILE --now NOW` says (no --trust, no --context)."""
    return check.check_file(path, None, "full", KINDS[kind], TrustConfig())["verdict"]


def pick(cases, kind: str, wanted: str) -> Path:
    """The first golden-vector document of ``kind`` that `check` judges ``wanted``."""
    path = HERE / f"{wanted}.{kind}.json"
    for case in cases:
        if case.operation in ("verify", "evaluate") and case.kind == kind + ".v1" \
                and case.expected[0].verdict == wanted:
            path.write_bytes(case.documents[0])
            if verdict(path, kind) == wanted:
                return path
    raise SystemExit(f"no golden vector gives a {wanted} {kind} under check")


def main() -> None:
    cases = [case for _, case in vectors.load(vectors.bundled_dir())]
    for kind in KINDS:
        for wanted in ("valid", "invalid"):
            pick(cases, kind, wanted)
    advertisement = signed_advertisement(fixed_bases()["directory-confirmed"])
    (HERE / "valid.node-advertisement.json").write_text(json.dumps(advertisement, indent=1) + "\n")
    del advertisement["node/id"]
    (HERE / "invalid.node-advertisement.json").write_text(json.dumps(advertisement, indent=1) + "\n")


if __name__ == "__main__":
    main()
