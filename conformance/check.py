"""``conformance check``: lint artifacts with the reference implementation."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance.errors import HarnessError, read_json_file
from conformance.reference import schema as reference_schema
from conformance.reference.attestation import AttestationVerifier
from conformance.reference.findings import ERROR, Finding
from conformance.reference.intake import IntakeError, parse
from conformance.reference.trustconfig import TrustConfig, TrustConfigError

KINDS = {
    "node-address-attestation": "full",
    "node-advertisement": "schema",  # its signature (CBOR) is outside this suite
}
KNOWN_ELSEWHERE = ("client-instance-recovery", "client-instance-attachment", "client-instance-detachment",
                   "participant-bind", "peer-handshake")
_FILE_KIND = re.compile(r"\.([a-z0-9-]+)\.json$")


def canonical_kind(kind: str) -> str:
    return kind[:-3] if kind.endswith(".v1") else kind


def infer_kind(path: Path, raw: bytes) -> str:
    try:
        data = json.loads(raw)
        if isinstance(data, dict) and isinstance(data.get("schema"), str):
            return canonical_kind(data["schema"])
    except ValueError:
        pass
    m = _FILE_KIND.search(path.name)
    if m:
        return m.group(1)
    raise HarnessError(f"{path}: cannot tell what kind of artifact this is (no 'schema' member and no "
                       f"NAME.<kind>.json file name); pass --kind")


def load_trust(path: str | None) -> TrustConfig:
    if path is None:
        return TrustConfig()
    data = read_json_file("--trust", path)
    try:
        return TrustConfig.from_json(data)
    except TrustConfigError as exc:
        raise HarnessError(f"--trust {path}: {exc}") from None


def check_file(path: Path, kind: str | None, level: str, now: str, trust: TrustConfig) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HarnessError(f"{path}: {exc.strerror or exc}") from None
    kind = canonical_kind(kind) if kind else infer_kind(path, raw)
    if kind not in KINDS:
        later = " (not supported yet)" if kind in KNOWN_ELSEWHERE else ""
        raise HarnessError(f"{path}: unknown kind {kind!r}{later}; supported: {', '.join(KINDS)}")
    report = {"file": str(path), "kind": kind, "level": level}
    if kind == "node-address-attestation":
        verifier = AttestationVerifier()
        if level == "schema":
            _, result = verifier.validate(raw, trust, level="schema")
        else:
            result = verifier.verify(raw, now, trust)
            report["now"] = now
            report["class"] = result.trust_class
        findings = result.findings
    else:
        findings = _schema_only(raw, "node-advertisement.v1.json")
        report["level"] = "schema"
    report["verdict"] = "invalid" if any(f.severity == ERROR for f in findings) else "valid"
    report["findings"] = [f.as_dict() for f in findings]
    return report


def _schema_only(raw: bytes, schema_name: str) -> list[Finding]:
    try:
        data = parse(raw)
    except IntakeError as exc:
        return [exc.finding]
    return reference_schema.findings(data, schema_name)


def render_text(report: dict) -> str:
    head = f"{report['file']}: {report['verdict']}"
    if report.get("class"):
        head += f" (trust class {report['class']} at {report['now']})"
    lines = [head]
    for f in report["findings"]:
        where = f["pointer"] or "/"
        lines.append(f"  {f['severity']:7s} {f['code']} [{f['requirement']}] at {where}: {f['message']}")
    return "\n".join(lines)
