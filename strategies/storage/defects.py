"""Defects of a whole bundle: adoption rules broken on one unit (StorageSpec invariants,
failure-table rows, SLA overclaim), and defects that end evaluation early (intake, schema,
structure). Each records the findings it causes and which unit it makes unadoptable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .pick import NotApplicable
from .units import DAY
from .vocab import ENCRYPTED


# ---------------------------------------------------------------- adoption defects (one unit)
def spec_missing(b, u, pick):
    b.extra_bindings.append({"id": f"binding-orphan-{len(b.extra_bindings)}", "declares-storage": True,
                             "may-exit": pick("orphan-may-exit", [False, True]),
                             "manifest": {"locality": "cell_local", "privacy": "MembersOnly"}})
    b.finding("spec-missing")


def custody_missing(b, u, pick):
    del u.spec["custody"]
    b.finding("custody-missing", block=u)


def cache_as_canonical(b, u, pick):
    u.spec["custody"] = "derived"
    u.spec["storage-class"] = "canonical"
    b.finding("cache-as-canonical", block=u)


def backup_missing(b, u, pick):
    reason = pick("reason", ["absent"] + (["none-not-discardable"] if u.spec["custody"] != "derived" else []))
    if reason == "absent":
        del u.spec["policies"]["backup"]
    else:
        u.spec["policies"]["backup"] = {"none": "we never lose anything"}
        u.spec.pop("discardable", None)
    b.finding("backup-policy-missing", block=u)


def replication_missing(b, u, pick):
    del u.spec["policies"]["replication"]
    b.finding("replication-policy-missing", block=u)


def exit_missing(b, u, pick):
    del u.spec["exit"]
    b.finding("exit-policy-missing", block=u)


def export_path_missing(b, u, pick):
    u.binding["may-exit"] = True
    u.spec["exit"] = {"none": "no export planned"}
    b.finding("export-path-missing", block=u)


def widens_manifest(dimension):
    def apply(b, u, pick):
        u.binding["manifest"][dimension] = pick("narrower-manifest-" + dimension, b.order.narrower_than(dimension, u.spec[dimension]))
        b.finding("spec-widens-manifest", block=u)
    return apply


def _referenced(u, pick, kinds=("backup", "replication", "recovery", "archive", "integrity")):
    return pick("policy-kind", [k for k in kinds if k in u.policies])


def policy_unknown(b, u, pick):
    kind = _referenced(u, pick)
    u.spec["policies"][kind] = dict(u.spec["policies"][kind], version=999)
    b.finding("policy-unknown", block=u)


def policy_status(status):
    code = {"draft": "policy-not-adopted", "proposed": "policy-not-adopted", "deprecated": "policy-deprecated",
            "superseded": "policy-superseded"}[status]

    def apply(b, u, pick):
        kind = _referenced(u, pick)
        u.policies[kind]["status"] = status
        if status == "superseded" and b.choices.get("S8") == "superseded-inert":
            b.finding("policy-not-adopted", block=u)  # S8: not current, hence inert
        elif status == "superseded":
            b.finding(code, "warning")
        else:
            b.finding(code, block=u)
    return apply


def policy_broadens(b, u, pick):
    kind = _referenced(u, pick, ("backup", "replication", "archive"))
    dims = [d for d in ("locality", "privacy") if b.order.wider_than(d, u.spec[d])]
    dimension = pick("dimension", dims)
    field = "placement" if kind == "replication" else "target"
    u.policies[kind][field][dimension] = pick("wide", b.order.wider_than(dimension, u.spec[dimension]))
    b.finding("policy-broadens-bound", block=u)


def encryption_unnamed(b, u, pick):
    if "backup" not in u.policies:
        raise NotApplicable("no backup policy")
    choices = [p for p in b.order.at_most("privacy", u.spec["privacy"]) if p in ENCRYPTED]
    u.policies["backup"]["target"]["privacy"] = pick("encrypted-privacy", choices)
    del u.policies["backup"]["encryption"]
    b.finding("encryption-unnamed", block=u)


def sla_overclaim(b, u, pick):
    if "recovery" not in u.policies:
        raise NotApplicable("no recovery policy")
    u.policies["recovery"]["objective"] = {"class": u.policies["recovery"]["objective"]["class"],
                                           "numeric": {pick("objective-number", ["rto-minutes", "rpo-minutes"]): 15}}
    b.finding("sla-overclaim", block=u)


def _recovery_horizon(u) -> int:
    if "recovery" not in u.policies:
        raise NotApplicable("no recovery policy")
    return u.params.horizon_days * DAY


def drill_never_run(b, u, pick):
    horizon = _recovery_horizon(u)
    u.spec.pop("last-drill", None)
    u.spec["bound-at"] = b.t(b.now - pick("bound-age", [horizon // 2, horizon]))
    b.finding("drill-never-run", "warning")


def binding_at_risk(b, u, pick):
    horizon = _recovery_horizon(u)
    u.spec["last-drill"] = b.t(b.now - horizon - pick("overdue", [10**9, DAY, 10**3]))
    b.finding("binding-at-risk", "warning")


def drill_gap(b, u, pick):
    horizon = _recovery_horizon(u)
    u.spec.pop("last-drill", None)
    u.spec["bound-at"] = b.t(b.now - horizon - pick("overdue", [DAY, 10**9]))
    b.finding("drill-never-run", "warning")
    b.finding("binding-at-risk", "warning")


def drill_on_horizon(b, u, pick):
    """Exactly at the horizon the binding is not yet at risk (the rule is 'after')."""
    horizon = _recovery_horizon(u)
    u.spec["last-drill"] = b.t(b.now - horizon)


# ---------------------------------------------------------------- defects that end evaluation
def _stage(b, codes, edit):
    b.stage_codes = tuple(codes)
    b.doc_edits.append(edit)


def schema_required(b, u, pick):
    where = pick("where", ["spec-object", "top-domain", "op-actor"] if b.plans else ["spec-object", "top-domain"])

    def edit(doc):
        if where == "spec-object":
            del doc["specs"][0]["object"]
        elif where == "top-domain":
            del doc["domain"]
        else:
            del doc["operations"][0]["actor"]
    _stage(b, ["schema-required"], edit)


def schema_closed(b, u, pick):
    where = pick("where", ["spec-member", "op-foreign-member"] if b.plans else ["spec-member"])

    def edit(doc):
        if where == "spec-member":
            doc["specs"][0]["owner"] = "someone"
        else:
            op = doc["operations"][0]
            op["response" if op["kind"] != "provider-outage" else "basis"] = "suspend" if op["kind"] != "provider-outage" else "none"
    _stage(b, ["schema-closed"], edit)


def schema_shape(b, u, pick):
    where = pick("where", ["review-threshold", "policy-version", "id-pattern"])

    def edit(doc):
        if where == "review-threshold":
            doc["specs"][0]["capacity"]["review-threshold"] = 1.5
        elif where == "policy-version":
            for kind in ("backup", "replication", "recovery", "archive", "integrity"):
                if doc["policies"][kind]:
                    doc["policies"][kind][0]["version"] = 0
                    return
        else:
            doc["authorities"][0]["id"] = "Auth With Spaces"
    _stage(b, ["schema-shape"], edit)


def timestamp_invalid(b, u, pick):
    value = pick("value", ["2026-02-30T00:00:00Z", "2026-04-17 12:00:00Z", "2026-04-17T12:00:00"])

    def edit(doc):
        doc["specs"][0]["bound-at"] = value
    _stage(b, ["timestamp-invalid"], edit)


def unknown_name(field, code, values):
    def apply(b, u, pick):
        value = pick("value", values)

        def edit(doc):
            doc["specs"][0][field] = value
        _stage(b, [code], edit)
    return apply


def emergency_unbounded(b, u, pick):
    def edit(doc):
        for a in doc["authorities"]:
            if a["type"] == "emergency":
                a.pop("valid-until", None)
                return
    _stage(b, ["emergency-unbounded"], edit)


def id_duplicate(b, u, pick):
    where = pick("where", ["policy", "authority"] + (["operation"] if len(b.plans) > 1 else []))

    def edit(doc):
        if where == "policy":
            for kind in ("backup", "replication", "recovery", "archive", "integrity"):
                if doc["policies"][kind]:
                    doc["policies"][kind].append(json.loads(json.dumps(doc["policies"][kind][0])))
                    return
        elif where == "authority":
            doc["authorities"].append(json.loads(json.dumps(doc["authorities"][0])))
        else:
            old, new = doc["operations"][1]["id"], doc["operations"][0]["id"]
            doc["operations"][1]["id"] = new
            # acts naming the renamed operation follow it, so the one defect is the duplicate
            # (left dangling they would add reference-unknown)
            for act in doc["governance-acts"]:
                if act.get("operation") == old:
                    act["operation"] = new
    _stage(b, ["id-duplicate"], edit)


def reference_unknown(b, u, pick):
    where = pick("where", ["spec-binding"] + (["operation-spec"] if b.plans else []))

    def edit(doc):
        if where == "spec-binding":
            doc["specs"][0]["binding"] = "binding-nowhere"
        else:
            doc["operations"][0]["spec"] = "spec-nowhere"
    _stage(b, ["reference-unknown"], edit)


def _raw(b, code, transform):
    b.stage_codes = (code,)
    base = b.raw()
    b.raw_override = transform(base)


def json_duplicate_key(b, u, pick):
    same = pick("same-value", [False, True])
    _raw(b, "json-duplicate-key",
         lambda raw: raw.replace(b'"domain": "domain:conformance"',
                                 b'"domain": "domain:conformance", "domain": ' + (b'"domain:conformance"' if same else b'"domain:other"'), 1))


def json_encoding(b, u, pick):
    how = pick("how", ["bom", "invalid-utf8"])
    _raw(b, "json-encoding", lambda raw: b"\xef\xbb\xbf" + raw if how == "bom"
         else raw.replace(b'"domain:conformance"', b'"domain:\xc3\x28"', 1))


def json_syntax(b, u, pick):
    how = pick("how", ["trailing-data", "trailing-comma"])
    _raw(b, "json-syntax", lambda raw: raw + b" {}" if how == "trailing-data" else raw[:-1] + b",}")


def json_lone_surrogate(b, u, pick):
    _raw(b, "json-lone-surrogate", lambda raw: raw.replace(b'"domain:conformance"', b'"domain:\\ud800"', 1))


def json_number(b, u, pick):
    value = pick("value", [b"9007199254740993", b"1e400"])
    _raw(b, "json-number", lambda raw: raw.replace(b'"max-bytes": 17179869184', b'"max-bytes": ' + value, 1))


@dataclass(frozen=True)
class Defect:
    name: str
    topic: str
    requirements: tuple
    flags: tuple
    apply: object
    needs: frozenset = frozenset()
    labels: tuple = (("base", {}),)
    stage: bool = False  # ends evaluation (intake, schema, structure): no operation is decided
    comment: str = ""


def _d(name, topic, reqs, flags, apply, needs=(), labels=(("base", {}),), stage=False, comment=""):
    return Defect(name, topic, tuple(reqs), tuple(flags), apply, frozenset(needs), tuple(labels), stage, comment)


ADOPTION = (
    _d("spec-missing", "failure", ["SDP-FAIL-001"], ["MissingSpec"], spec_missing),
    _d("custody-missing", "failure", ["SDP-FAIL-002"], ["CustodyClass", "FailClosed"], custody_missing, ["backup-ref"]),
    _d("cache-as-canonical", "failure", ["SDP-FAIL-011"], ["CacheAsCanonical", "FailClosed"], cache_as_canonical),
    _d("backup-policy-missing", "failure", ["SDP-FAIL-003"], ["BackupPolicyGap", "FailClosed"], backup_missing,
       labels=(("absent", {"reason": "absent"}), ("none-for-canonical", {"reason": "none-not-discardable", "custody": "canonical"}))),
    _d("replication-policy-missing", "spec", ["SDP-SPEC-001"], ["PolicySlotGap", "FailClosed"], replication_missing),
    _d("exit-policy-missing", "spec", ["SDP-SPEC-001"], ["PolicySlotGap", "FailClosed"], exit_missing),
    _d("export-path-missing", "failure", ["SDP-FAIL-013"], ["ExitPath", "FailClosed"], export_path_missing),
    _d("spec-widens-manifest-locality", "spec", ["SDP-SPEC-002"], ["ManifestBound", "FailClosed"], widens_manifest("locality"),
       ["locality-not-min"], labels=(("commons-over-federation", {"locality": "commons_public", "narrower-manifest-locality": "federation_mirrored"}),)),
    _d("spec-widens-manifest-privacy", "spec", ["SDP-SPEC-002"], ["ManifestBound", "FailClosed"], widens_manifest("privacy"),
       ["privacy-not-min"]),
    _d("policy-unknown", "spec", ["SDP-SPEC-003"], ["PolicyReference", "FailClosed"], policy_unknown),
    _d("policy-draft", "spec", ["SDP-SPEC-003"], ["PolicyReference", "FailClosed"], policy_status("draft")),
    _d("policy-proposed", "spec", ["SDP-SPEC-003"], ["PolicyReference", "FailClosed"], policy_status("proposed"),
       labels=(("recovery", {"policy-kind": "recovery"}),)),
    _d("policy-superseded", "spec", ["SDP-SPEC-004"], ["PolicyReference"], policy_status("superseded")),
    _d("policy-deprecated", "failure", ["SDP-FAIL-016"], ["StalePolicy", "FailClosed"], policy_status("deprecated"),
       labels=(("backup", {"policy-kind": "backup"}), ("integrity", {"policy-kind": "integrity", "integrity-ref": True}),
               ("deprecated-with-proposed-successor", {"policy-kind": "backup", "decoy": "proposed"}))),
    _d("policy-broadens-bound", "spec", ["SDP-SPEC-005"], ["PolicyBound", "FailClosed"], policy_broadens,
       labels=(("backup-locality", {"policy-kind": "backup", "dimension": "locality", "locality": "coop_replicated"}),
               ("replication-privacy", {"policy-kind": "replication", "replication-ref": True, "dimension": "privacy",
                                        "privacy": "MembersOnly"}),
               ("archive-locality", {"policy-kind": "archive", "archive-ref": True, "dimension": "locality",
                                     "locality": "cell_local"}))),
    _d("encryption-unnamed", "copy", ["SDP-COPY-004"], ["Encryption", "FailClosed"], encryption_unnamed, ["backup-ref"]),
    _d("sla-overclaim", "failure", ["SDP-FAIL-014"], ["SlaOverclaim", "FailClosed"], sla_overclaim, ["recovery-ref"],
       labels=(("rto-without-mechanism", {"objective-number": "rto-minutes", "objective": "bounded"}),
               ("best-effort-with-rpo", {"objective-number": "rpo-minutes", "objective": "best-effort"}))),
    _d("drill-never-run", "failure", ["SDP-FAIL-007"], ["DrillGap"], drill_never_run, ["recovery-ref"]),
    _d("binding-at-risk", "failure", ["SDP-FAIL-007"], ["DrillGap", "TimeBound"], binding_at_risk, ["recovery-ref"],
       labels=(("one-second-late", {"overdue": 10**9}), ("one-microsecond-late", {"overdue": 10**3}))),
    _d("drill-gap", "failure", ["SDP-FAIL-007"], ["DrillGap"], drill_gap, ["recovery-ref"]),
    _d("drill-on-horizon", "failure", ["SDP-FAIL-007"], ["DrillGap", "TimeBound"], drill_on_horizon, ["recovery-ref"],
       comment="a drill exactly one horizon ago is not overdue"),
)

STAGE = (
    _d("duplicate-key", "intake", ["SDP-JSON-001"], ["DuplicateKey"], json_duplicate_key, stage=True,
       labels=(("conflicting", {"same-value": False}), ("same-value", {"same-value": True}))),
    _d("encoding", "intake", ["SDP-JSON-001"], ["Encoding"], json_encoding, stage=True,
       labels=(("bom", {"how": "bom"}), ("invalid-utf8", {"how": "invalid-utf8"}))),
    _d("syntax", "intake", ["SDP-JSON-001"], ["JsonSyntax"], json_syntax, stage=True,
       labels=(("trailing-data", {"how": "trailing-data"}), ("trailing-comma", {"how": "trailing-comma"}))),
    _d("lone-surrogate", "intake", ["SDP-JSON-001"], ["LoneSurrogate"], json_lone_surrogate, stage=True),
    _d("number", "intake", ["SDP-JSON-001"], ["NumberRange"], json_number, stage=True,
       labels=(("integer-past-2-53", {"value": b"9007199254740993"}), ("overflow", {"value": b"1e400"}))),
    _d("schema-required", "format", ["SDP-FORMAT-001"], ["SchemaRequired"], schema_required, stage=True,
       labels=(("spec-object", {"where": "spec-object"}), ("op-actor", {"where": "op-actor"}))),
    _d("schema-closed", "format", ["SDP-FORMAT-002"], ["ClosedObject"], schema_closed, stage=True,
       labels=(("spec-member", {"where": "spec-member"}), ("op-foreign-member", {"where": "op-foreign-member"}))),
    _d("schema-shape", "format", ["SDP-FORMAT-003"], ["SchemaShape"], schema_shape, stage=True,
       labels=(("review-threshold", {"where": "review-threshold"}), ("policy-version", {"where": "policy-version"}),
               ("id-pattern", {"where": "id-pattern"}))),
    _d("timestamp", "format", ["SDP-FORMAT-004"], ["Timestamp"], timestamp_invalid, stage=True,
       labels=(("february-30", {"value": "2026-02-30T00:00:00Z"}), ("no-offset", {"value": "2026-04-17T12:00:00"}))),
    _d("locality-name", "format", ["SDP-FORMAT-005"], ["KernelNames"],
       unknown_name("locality", "locality-unknown", ["CoopReplicated", "coop-replicated", "global"]), stage=True,
       labels=(("rust-variant", {"value": "CoopReplicated"}), ("kebab", {"value": "coop-replicated"}))),
    _d("storage-class-name", "format", ["SDP-FORMAT-005"], ["KernelNames"],
       unknown_name("storage-class", "storage-class-unknown", ["Canonical", "ServiceState", "cache"]), stage=True,
       labels=(("rust-variant", {"value": "ServiceState"}),)),
    _d("custody-name", "format", ["SDP-FORMAT-006"], ["TaxonomyNames"],
       unknown_name("custody", "custody-unknown", ["cache", "Canonical store"]), stage=True),
    _d("privacy-name", "format", ["SDP-FORMAT-006"], ["TaxonomyNames"],
       unknown_name("privacy", "privacy-unknown", ["members-only", "Private"]), stage=True),
    _d("emergency-unbounded", "restore", ["SDP-RESTORE-003"], ["EmergencyAuthority", "TimeBound"], emergency_unbounded, stage=True),
    _d("id-duplicate", "format", ["SDP-FORMAT-007"], ["DuplicateId"], id_duplicate, stage=True,
       labels=(("policy-version", {"where": "policy"}), ("authority", {"where": "authority"}), ("operation", {"where": "operation"}))),
    _d("reference-unknown", "format", ["SDP-FORMAT-008"], ["DanglingReference"], reference_unknown, stage=True,
       labels=(("spec-binding", {"where": "spec-binding"}), ("operation-spec", {"where": "operation-spec"}))),
)

DEFECTS = {d.name: d for d in ADOPTION + STAGE}
