"""`conformance check BUNDLE.json --json` judges a storage policy bundle: verdict, findings with
requirement and pointer, and every operation's decision with the receipts it emits."""

from __future__ import annotations

import json

from conformance.cli import main
from strategies.storage import vector_cases

CASES = {c.id: c for c in vector_cases()}
CUSTOM_ORDER = [["SecretCredential", "SealedUntil"], "PrivateOverlay", "ExternalCustodian", "ScopeRestricted",
                "MembersOnly", "Public"]


def _bundle(tmp_path, case_id: str):
    case = CASES[case_id]
    path = tmp_path / "bundle.storage-policy-bundle.json"
    path.write_bytes(case.documents[0])
    return str(path), case


def _check(capsys, *args):
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_adoptable_bundle_lists_every_decision_and_its_receipts(capsys, tmp_path):
    path, case = _bundle(tmp_path, "sdp.valid.custody/canonical")
    code, out, _ = _check(capsys, path, "--json", "--now", case.now)
    [report] = json.loads(out)
    assert code == 0 and report["verdict"] == "valid" and report["kind"] == "storage-policy-bundle"
    expected = {o.id: (o.decision, sorted(o.receipts)) for o in case.expected[0].operations}
    got = {o["id"]: (o["decision"], sorted((r["kind"], r["success"]) for r in o["receipts"])) for o in report["operations"]}
    assert got == expected and len(got) > 5


def test_an_unadoptable_bundle_names_rule_requirement_and_pointer(capsys, tmp_path):
    path, case = _bundle(tmp_path, "sdp.failure.custody-missing/base")
    code, out, _ = _check(capsys, path, "--json", "--now", case.now)
    [report] = json.loads(out)
    assert code == 1 and report["verdict"] == "invalid"
    assert {(f["code"], f["requirement"]) for f in report["findings"]} >= {("custody-missing", "SDP-FAIL-002")}
    assert all(f["pointer"].startswith("/specs/") for f in report["findings"] if f["code"] == "custody-missing")
    assert {o["decision"] for o in report["operations"]} == {"refuse"}
    assert all(len(o["receipts"]) == 1 for o in report["operations"]), "every operation emits one receipt"
    assert all(not r["success"] for o in report["operations"] for r in o["receipts"] if r["kind"] != "integrity-check")
    main(["check", path, "--now", case.now])
    assert "operation op-0: refuse" in capsys.readouterr().out


def test_privacy_order_substitution_changes_the_decision_it_should(capsys, tmp_path):
    path, case = _bundle(tmp_path, "sdp.copy.export-privacy/members-to-custodian")
    order = tmp_path / "order.json"
    order.write_text(json.dumps(CUSTOM_ORDER))
    _, out, _ = _check(capsys, path, "--json", "--now", case.now)
    assert json.loads(out)[0]["operations"][0]["decision"] == "refuse"
    _, out, _ = _check(capsys, path, "--json", "--now", case.now, "--privacy-order", str(order))
    assert json.loads(out)[0]["operations"][0]["decision"] == "allow"


def test_a_malformed_privacy_order_exits_2(capsys, tmp_path):
    path, case = _bundle(tmp_path, "sdp.valid.custody/canonical")
    order = tmp_path / "order.json"
    order.write_text(json.dumps(["Public", "Public"]))
    code, _, err = _check(capsys, path, "--now", case.now, "--privacy-order", str(order))
    assert code == 2 and "privacy" in err and "Traceback" not in err
