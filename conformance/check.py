"""``conformance check``: lint artifacts with the reference implementation.

Each kind has a handler; the kind comes from ``--kind``, the artifact's discriminating
member, or a ``NAME.<kind>.json`` file name. ``--context FILE`` supplies the earlier
client-instance artifacts that the lifecycle rules are judged against.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance import catalog, protocol
from conformance.errors import HarnessError, bounded, read_json_file
from conformance.reference.naa.trustconfig import TrustConfig, TrustConfigError
from conformance.reference.shared import schema as reference_schema
from conformance.reference.shared.findings import ERROR, Finding
from conformance.reference.shared.intake import IntakeError, parse

KINDS = {
    "node-address-attestation": "full",
    "node-advertisement": "schema",  # its signature (CBOR) is outside this suite
    "participant-bind": "full",
    "client-instance-attachment": "full",
    "client-instance-detachment": "full",
    "client-instance-recovery": "full",
    "storage-policy-bundle": "full",
}
KNOWN_ELSEWHERE = ("peer-handshake",)
_FILE_KIND = re.compile(r"\.([a-z0-9-]+)\.json$")
# A client-instance artifact has no `schema` member; its identifying member says what it is.
_ID_MEMBERS = (("recovery/id", "client-instance-recovery"), ("detachment/id", "client-instance-detachment"),
               ("attachment/id", "client-instance-attachment"), ("bind/id", "participant-bind"))


def canonical_kind(kind: str) -> str:
    return kind[:-3] if kind.endswith(".v1") else kind


def kind_of_value(data) -> str | None:
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("schema"), str):
        return canonical_kind(data["schema"])
    if data.get("schema/v") == 1:
        for member, kind in _ID_MEMBERS:
            if member in data:
                return kind
    return None


def infer_kind(path: Path, raw: bytes) -> str:
    """The kind named by the document, else by the file name. The document is read leniently
    here (bad UTF-8 replaced, long integers and floats not converted) so that a file the reference rejects at
    intake is still checked as its kind and gets the intake finding."""
    kind = kind_of_value(_lenient_parse(raw))
    if kind:
        return kind
    m = _FILE_KIND.search(path.name)
    if m:
        return m.group(1)
    try:
        parse(raw)
    except IntakeError as exc:
        f = exc.finding
        raise HarnessError(f"{path}: cannot tell what kind of artifact this is: it does not parse ({f.code} at "
                           f"{f.pointer or '/'}: {bounded(f.message)}); pass --kind") from None
    raise HarnessError(f"{path}: cannot tell what kind of artifact this is (no 'schema' member, no client-instance "
                       f"id member, and no NAME.<kind>.json file name); pass --kind")


def _lenient_parse(raw: bytes):
    from conformance.reference.shared.intake import MAX_DEPTH, nesting_depth

    text = raw.decode("utf-8", "replace")
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
        return None
    try:
        return json.loads(text, parse_int=lambda t: int(t) if len(t) < 20 else None, parse_float=str,
                          parse_constant=str)
    except (ValueError, RecursionError):
        return None


def parse_kind_option(text: str) -> str:
    """``--kind``: one of KINDS, with or without ``.v1`` (argparse type)."""
    import argparse

    kind = canonical_kind(text)
    if kind in KINDS:
        return kind
    later = " (not supported)" if kind in KNOWN_ELSEWHERE else ""
    raise argparse.ArgumentTypeError(f"{text!r}: unknown kind{later}; choose from {', '.join(KINDS)}")


def load_trust(path: str | None) -> TrustConfig:
    if path is None:
        return TrustConfig()
    data = read_json_file("--trust", path)
    from conformance import messages

    problems = messages.errors("trust", data)  # the protocol's trust schema: shapes first, then keys
    if problems:
        raise HarnessError(f"--trust {path}: at {bounded(problems[0])} (expected {{\"seed-directories\": "
                           f"{{\"seed-directory:ID\": \"z6Mk…\"}}, \"trusted-peers\": [\"node:did:key:z6Mk…\"]}})")
    try:
        return TrustConfig.from_json(data)
    except TrustConfigError as exc:
        raise HarnessError(f"--trust {path}: {exc}") from None


def load_context(paths: list[str] | None) -> list[tuple[str, bytes]] | None:
    """Earlier admitted client-instance artifacts: each file holds one, or a JSON array of them."""
    if not paths:
        return None
    out = []
    for path in paths:
        data = read_json_file("--context", path)
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            where = f"--context {path}" + (f" at /{i}" if isinstance(data, list) else "")
            kind = kind_of_value(item)
            if kind not in ("client-instance-attachment", "client-instance-detachment", "client-instance-recovery"):
                raise HarnessError(f"{where}: not a client-instance attachment, detachment or recovery "
                                   f"(expected an object with schema/v 1 and attachment/id, detachment/id or recovery/id)")
            out.append((kind + ".v1", json.dumps(item, ensure_ascii=False).encode("utf-8")))
    return out


def check_file(path: Path, kind: str | None, level: str, now: str, trust: TrustConfig,
               context: list[tuple[str, bytes]] | None = None, options: dict | None = None) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HarnessError(f"{path}: {exc.strerror or exc}") from None
    kind = canonical_kind(kind) if kind else infer_kind(path, raw)
    if kind not in KINDS:
        later = " (not supported)" if kind in KNOWN_ELSEWHERE else ""
        raise HarnessError(f"{path}: unknown kind {kind!r}{later}; supported: {', '.join(KINDS)}")
    report = {"file": str(path), "kind": kind, "level": level}
    family = protocol.FAMILY_OF_KIND.get(kind + ".v1", catalog.NAA)
    if kind == "node-address-attestation":
        findings = _attestation(raw, level, now, trust, report)
    elif kind == "node-advertisement":
        findings = _schema_only(raw, "node-advertisement.v1.json")
        report["level"] = "schema"
    elif kind == "storage-policy-bundle":
        findings = _storage(raw, level, now, options or {}, report)
    else:
        findings = _client_instance(raw, kind + ".v1", level, now, context, report)
    report["verdict"] = "invalid" if any(f.severity == ERROR for f in findings) else "valid"
    report["findings"] = [_bounded(f.as_dict(family)) for f in findings]
    return report


def _bounded(finding: dict) -> dict:
    """A finding's message can quote the document (jsonschema's repr of an instance): keep it short."""
    return {**finding, "message": bounded(finding["message"])}


def _attestation(raw: bytes, level: str, now: str, trust: TrustConfig, report: dict) -> list[Finding]:
    from conformance.reference.naa.attestation import AttestationVerifier

    verifier = AttestationVerifier()
    if level == "schema":
        _, result = verifier.validate(raw, trust, level="schema")
    else:
        result = verifier.verify(raw, now, trust)
        report["now"] = now
        report["class"] = result.trust_class
    return result.findings


def _client_instance(raw: bytes, kind: str, level: str, now: str, context, report: dict) -> list[Finding]:
    from conformance.reference.cir.verifier import ClientInstanceVerifier

    if level == "schema":
        return _schema_only(raw, kind + ".json")
    try:
        result = ClientInstanceVerifier().verify(raw, kind, now, context)
    except ValueError as exc:  # an unusable context document
        raise HarnessError(f"--context: {exc}") from None
    report["now"] = now
    report["context"] = None if context is None else len(context)
    report["not_evaluated"] = list(result.not_evaluated)
    return result.findings


def _storage(raw: bytes, level: str, now: str, options: dict, report: dict) -> list[Finding]:
    from conformance.reference.storage.evaluator import BundleEvaluator

    if level == "schema":
        return _schema_only(raw, "storage-policy-bundle.v1.json")
    evaluation = BundleEvaluator(options).evaluate(raw, now)
    report["now"] = now
    report["operations"] = [
        {"id": op.id, "decision": op.decision, "codes": list(op.codes),
         "findings": [_bounded(f.as_dict(catalog.SDP)) for f in op.findings], "receipts": list(op.receipts)}
        for op in evaluation.operations]
    return evaluation.findings


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
    elif report.get("now"):
        head += f" (at {report['now']})"
    lines = [head]
    for f in report["findings"]:
        where = f["pointer"] or "/"
        lines.append(f"  {f['severity']:7s} {f['code']} [{f['requirement']}] at {where}: {f['message']}")
    if report.get("not_evaluated"):
        why = "no --context given" if report.get("context") is None else "the root attachment is not in the context"
        lines.append(f"  not evaluated ({why}): {', '.join(report['not_evaluated'])}")
    for op in report.get("operations", []):
        codes = f" [{', '.join(op['codes'])}]" if op["codes"] else ""
        kinds = ", ".join(f"{r.get('kind')}{'' if r.get('success', True) else ' (failed)'}" for r in op["receipts"])
        lines.append(f"  operation {op['id']}: {op['decision']}{codes}" + (f"; receipts: {kinds}" if kinds else ""))
        for f in op["findings"]:
            lines.append(f"    {f['severity']:7s} {f['code']} [{f['requirement']}] at {f['pointer'] or '/'}: {f['message']}")
    return "\n".join(lines)
