"""`conformance check` on client-instance artifacts: context rules are judged with
--context and reported as not evaluated without it, never as passes or failures."""

from __future__ import annotations

import json

from conformance.catalogs.cir import CONTEXT_REQUIREMENTS
from conformance.cli import main
from strategies.cir.build import document
from strategies.cir.scenes import FIXED
from strategies.shared.timefmt import render

SCENE = FIXED["replace"]
NOW = render(SCENE.now)


def _check(capsys, *args):
    code = main(["check", *args, "--json", "--now", NOW])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith("[") else out), err


def _write(tmp_path, name, value) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value), "utf-8")
    return str(path)


def test_without_context_the_lifecycle_rules_are_not_evaluated(capsys, tmp_path):
    recovery = _write(tmp_path, "r.json", document(SCENE.recovery))
    code, [report], _ = _check(capsys, recovery)
    assert code == 0 and report["verdict"] == "valid" and report["kind"] == "client-instance-recovery"
    assert report["context"] is None and report["not_evaluated"] == list(CONTEXT_REQUIREMENTS)
    main(["check", recovery, "--now", NOW])
    assert "not evaluated (no --context given): CIR-CTX-001" in capsys.readouterr().out


def test_with_context_the_lifecycle_rules_are_judged(capsys, tmp_path):
    recovery = _write(tmp_path, "r.json", document(SCENE.recovery))
    context = _write(tmp_path, "ctx.json", [document(SCENE.attachment), document(SCENE.detachment)])
    code, [report], _ = _check(capsys, recovery, "--context", context)
    assert code == 0 and report["not_evaluated"] == [] and report["context"] == 2
    only_attachment = _write(tmp_path, "a.json", document(SCENE.attachment))
    code, [report], _ = _check(capsys, recovery, "--context", only_attachment)
    [finding] = report["findings"]
    assert code == 1 and finding["code"] == "detachment-unknown" and finding["requirement"] == "CIR-CTX-001"
    assert finding["pointer"] == "/recovery~1from-detachment-id"


def test_context_files_may_be_repeated_and_replays_are_refused(capsys, tmp_path):
    recovery = document(SCENE.recovery)
    files = [_write(tmp_path, f"c{i}.json", document(a)) for i, a in enumerate(SCENE.context)]
    files.append(_write(tmp_path, "earlier.json", recovery))
    args = [x for f in files for x in ("--context", f)]
    code, [report], _ = _check(capsys, _write(tmp_path, "r.json", recovery), *args)
    assert code == 1 and {f["code"] for f in report["findings"]} == {"recovery-id-reused", "detachment-already-recovered"}


def test_published_recovery_is_judged_at_full_level(capsys, upstream):
    code, [report], _ = _check(capsys, str(upstream / "orbidocs/examples/valid/replace-device.client-instance-recovery.json"))
    assert code == 1 and {f["code"] for f in report["findings"]} == {"signature-encoding"}
    assert all(f["requirement"] == "CIR-BIND-003" for f in report["findings"])


def test_a_context_file_that_is_not_an_artifact_exits_2(capsys, tmp_path):
    recovery = _write(tmp_path, "r.json", document(SCENE.recovery))
    bad = _write(tmp_path, "bad.json", [document(SCENE.attachment), {"hello": 1}])
    code = main(["check", recovery, "--context", bad, "--now", NOW])
    err = capsys.readouterr().err
    assert code == 2 and "bad.json at /1" in err and "Traceback" not in err
