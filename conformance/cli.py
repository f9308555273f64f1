"""The ``conformance`` command line (contract: ARCHITECTURE.md "Command line").

Exit codes: 0 conformant / clean, 1 non-conformant / findings, 2 usage, input or
harness error (one line, no traceback), 130 / 143 interrupted by SIGINT / SIGTERM
(partial reports are written, marked so).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

from conformance import __version__, catalog, profiles
from conformance.errors import HarnessError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143  # 128 + the signal's number, as shells report it


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with one line, like every other input error
        self.exit(EXIT_ERROR, f"conformance: error: {' '.join(message.split())}; see {self.prog} --help\n")


ADAPTER_HELP = "reference | python:MODULE:ATTR | cmd:COMMAND (default: reference, the bundled implementation)"
LEVEL_HELP = ("verdict: decisions, trust classes and storage receipts as (kind, success) must match; "
              "strict: outcome codes and receipt members too (default: verdict)")
TIMEOUT_HELP = "seconds an adapter (cmd: or python:) may take per request before the case is errored (default: 30)"
PROFILE_HELP = ("how hard each property is pushed: " + "; ".join(
    f"{p.name}: {p.examples} examples per property" for p in profiles.PROFILES.values())
    + f" (default: {profiles.DEFAULT})")


def build_parser() -> argparse.ArgumentParser:
    from conformance import options, shards
    from conformance.check import KINDS, parse_kind_option

    p = _Parser(prog="conformance", description=(
        "Conformance suite for implementations of node-address-attestation.v1, client-instance-recovery.v1 "
        "and storage durability policy bundles (storage-policy-bundle.v1). Exit codes: 0 conformant / clean, "
        "1 non-conformant / findings, 2 usage, input or harness error."))
    p.add_argument("--version", action="version", version=f"orbiplex-conformance {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="certify an implementation: golden vectors, then properties")
    run.add_argument("--adapter", default="reference", help=ADAPTER_HELP)
    run.add_argument("--profile", default=profiles.DEFAULT, choices=sorted(profiles.PROFILES), help=PROFILE_HELP)
    run.add_argument("--seed", type=int, help="seed for the properties (default: random; printed on every run)")
    run.add_argument("--level", default="verdict", choices=["verdict", "strict"], help=LEVEL_HELP)
    run.add_argument("--only", nargs="+", action="extend", metavar="ID",
                     help="requirement, property or vector IDs to run (shell wildcards allowed; each must match)")
    run.add_argument("-x", "--exitfirst", action="store_true", help="stop at the first non-conformance")
    run.add_argument("--signing-prefix", default="", help="domain-separation prefix prepended to every signing input")
    run.add_argument("--privacy-order", metavar="FILE",
                     help="storage bundles: JSON file with the privacy order your evaluator uses instead of the "
                          "suite's S1 (the properties are built with it; the vectors keep S1)")
    run.add_argument("--interpret", action="append", default=[], metavar="ID=CHOICE",
                     help="declare your choice on an open point (repeatable; `conformance interpretations` lists them)")
    run.add_argument("--interpretations", metavar="FILE",
                     help='JSON file {"interpretations": {ID: CHOICE, ...}} declaring choices on open points')
    run.add_argument("--require", default="derived", choices=["must", "should", "derived"],
                     help="which requirement levels fail the run: must (MUST only), should (MUST and SHOULD), "
                          "derived (every level, the default); failures below it are reported as differences")
    run.add_argument("--timeout", type=options.seconds, default=30.0, metavar="S", help=TIMEOUT_HELP)
    run.add_argument("--max-line", type=options.line_limit, default=16 * 1024 * 1024, metavar="BYTES",
                     help="largest reply line a cmd: adapter may write (default: 16777216, 16 MiB)")
    run.add_argument("--adapter-cwd", metavar="DIR", help="working directory of a cmd: adapter (default: the current one)")
    run.add_argument("--adapter-env", action="append", default=[], metavar="NAME=VALUE",
                     help="set a variable in a cmd: adapter's environment (repeatable)")
    run.add_argument("--adapter-clean-env", action="store_true",
                     help="start a cmd: adapter with only PATH, HOME, LANG and the --adapter-env variables")
    run.add_argument("--validate-messages", action="store_true",
                     help="check every protocol message, both ways, against the shipped JSON Schemas")
    run.add_argument("--expected-failures", metavar="FILE", help="JSON list of known failures (IDs, wildcards) with reasons")
    run.add_argument("--failures-dir", type=Path, metavar="DIR",
                     help="write each failing case there as a replayable vector file")
    run.add_argument("--vectors", type=Path, metavar="DIR",
                     help="run the vectors in DIR (manifest checked first) instead of the bundled ones")
    run.add_argument("--database", action="append", metavar="DIR",
                     help="Hypothesis example database: counterexamples found by earlier runs sharing DIR are tried "
                          "first (default: none, so that the seed alone decides the cases); github:OWNER/REPO[/ARTIFACT] "
                          "reads a workflow artifact (read-only); repeatable")
    run.add_argument("--shard", type=shards.parse, metavar="K/N",
                     help="run part K of N (vectors and properties dealt round-robin; conformance merge-reports "
                          "joins the N reports)")
    run.add_argument("--jobs", "-j", type=options.jobs, metavar="N",
                     help="worker processes, each with its own adapter (a cmd: implementation is started N times); "
                          "1 runs in-process, for implementations that cannot run twice (default: $CONFORMANCE_JOBS, "
                          "else the available cores); the cases and the report are the same for every N")
    _report_options(run, "write a JSON report")

    check = sub.add_parser("check", help="lint artifacts with the reference implementation")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="artifact files (JSON)")
    check.add_argument("--kind", type=parse_kind_option, metavar="KIND",
                       help=f"artifact kind, one of {', '.join(KINDS)} (default: from the 'schema' member, a "
                            f"client-instance id member or NAME.<kind>.json)")
    check.add_argument("--level", default="full", choices=["schema", "full"],
                       help="schema: the JSON Schema only; full: every rule (default: full)")
    check.add_argument("--now", type=options.instant, metavar="RFC3339",
                       help="instant to judge expiry at (default: the current time, printed)")
    check.add_argument("--trust", metavar="FILE", help="JSON trust configuration (seed-directories, trusted-peers); "
                                                       "default: nothing trusted")
    check.add_argument("--context", action="append", metavar="FILE",
                       help="earlier client-instance artifacts (one per file, or a JSON array); repeatable. Without it "
                            "the lifecycle rules are reported as not evaluated")
    check.add_argument("--privacy-order", metavar="FILE",
                       help="storage bundles: a JSON privacy order to use instead of the suite's (CONFORMANCE.md)")
    check.add_argument("--json", action="store_true", help="print one JSON report per file, as a JSON array")

    vectors = sub.add_parser("vectors", help="export or verify the golden vectors")
    vsub = vectors.add_subparsers(dest="vectors_command", required=True, parser_class=_Parser)
    export = vsub.add_parser("export", help="write the golden vectors (byte-identical on every run)")
    export.add_argument("--out", type=Path, default=Path("vectors"), metavar="DIR",
                        help="directory (default: ./vectors); vector files of an earlier export that this one does "
                             "not write are removed, and a directory holding other files is refused")
    verify = vsub.add_parser("verify", help="check the manifest, then run the vectors through an adapter")
    verify.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="vector directory (default: the bundled vectors)")
    verify.add_argument("--adapter", default="reference", help=ADAPTER_HELP)
    verify.add_argument("--level", default="verdict", choices=["verdict", "strict"], help=LEVEL_HELP)
    verify.add_argument("--timeout", type=options.seconds, default=30.0, metavar="S", help=TIMEOUT_HELP)
    verify.add_argument("--only", nargs="+", action="extend", metavar="ID",
                        help="vector or requirement IDs to run (shell wildcards allowed; each must match)")

    replay = sub.add_parser("replay", help="run vector files (e.g. from --failures-dir) through an adapter")
    replay.add_argument("files", nargs="+", type=Path, metavar="FILE", help="vector files")
    replay.add_argument("--adapter", default="reference", help=ADAPTER_HELP)
    replay.add_argument("--level", default="verdict", choices=["verdict", "strict"], help=LEVEL_HELP)
    replay.add_argument("--timeout", type=options.seconds, default=30.0, metavar="S", help=TIMEOUT_HELP)

    merge = sub.add_parser("merge-reports", help="join the JSON reports of the shards of one run (--shard K/N)")
    merge.add_argument("reports", nargs="+", metavar="REPORT", help="the N JSON reports (conformance run --report)")
    _report_options(merge, "write the merged JSON report")

    reqs = sub.add_parser("requirements", help="list the requirement catalog")
    reqs.add_argument("--json", action="store_true", help="print JSON (id, family, level, source, properties, vectors)")

    locs = sub.add_parser("locations", help="list every location of each artifact and the transformations run there")
    locs.add_argument("--json", action="store_true", help="print JSON (family, artifact, pointer, kind, transformations, "
                                                          "not-applicable, requirements)")

    interps = sub.add_parser("interpretations", help="list the open points the suite settles, and their choices")
    interps.add_argument("--json", action="store_true", help="print JSON (id, family, default, reasoning, source, "
                                                             "affects, choices)")
    return p


def _report_options(parser, json_help: str) -> None:
    """The report files a run (or a merge of shards) can write."""
    parser.add_argument("--report", metavar="FILE", help=json_help)
    parser.add_argument("--junit", metavar="FILE", help="write a JUnit XML report")
    parser.add_argument("--html", metavar="FILE", help="write an HTML report")
    parser.add_argument("--markdown", metavar="FILE", help="write a Markdown report (also appended to "
                                                           "$GITHUB_STEP_SUMMARY when that variable is set)")
    parser.add_argument("--badge", metavar="FILE", help="write a shields.io endpoint JSON badge")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        commands = {"run": cmd_run, "check": cmd_check, "vectors": cmd_vectors, "replay": cmd_replay,
                    "requirements": cmd_requirements, "interpretations": cmd_interpretations, "locations": cmd_locations,
                    "merge-reports": cmd_merge_reports}
        return commands[args.command](args)
    except HarnessError as exc:
        print(f"conformance: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("conformance: interrupted", file=sys.stderr)
        return EXIT_SIGINT
    except BrokenPipeError:  # output piped into a reader that stopped (e.g. head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # an internal error: one line, the traceback on request
        if os.environ.get("CONFORMANCE_DEBUG"):
            raise
        print(f"conformance: internal error: {type(exc).__name__}: {exc} (set CONFORMANCE_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return EXIT_ERROR


def _validate_run(args, profile) -> None:
    """Every option of `run` that can be wrong, before anything starts."""
    from conformance import adapters, example_database, options, vectors

    adapters.check_spec(args.adapter)
    options.output_files(args, "--report", "--junit", "--html", "--markdown", "--badge")
    if args.failures_dir is not None and args.failures_dir.exists() and not args.failures_dir.is_dir():
        raise HarnessError(f"--failures-dir {args.failures_dir}: not a directory")
    options.privacy_order(args.privacy_order)  # checked here, declared as S1 below
    from conformance import interpretations

    args.declared = interpretations.declare(args.interpret, args.interpretations, args.signing_prefix or None,
                                            args.privacy_order)
    for spec in args.database or ():
        example_database.check(spec)
    if args.vectors is not None:
        _check_vector_dir("--vectors", args.vectors)
    if args.only:
        from conformance.families import all_properties

        ids = _vector_ids(args.vectors or vectors.bundled_dir())
        for prop in all_properties(args.declared.signing_prefix, profile, args.declared.property_options()):
            ids += [prop.id, *prop.requirements]
        options.only_patterns(args.only, ids)


def _check_vector_dir(label: str, root: Path) -> None:
    from conformance import vectors

    if not root.is_dir():
        raise HarnessError(f"{label} {root}: not a directory")
    problems = vectors.check_manifest(root)
    if problems:
        raise HarnessError(f"{label} {root}: " + "; ".join(problems))


def _vector_ids(root: Path) -> list[str]:
    from conformance import vectors

    return [i for _, case in vectors.load(root) for i in (case.id, *case.requirements)]


def cmd_run(args) -> int:
    from conformance import parallel
    from conformance.run_options import RunOptions

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    _validate_run(args, profiles.get(args.profile))
    options = RunOptions.from_args(args, seed)
    if args.jobs is None:
        options = options.but(jobs=parallel.default_jobs())
    # --jobs N: the forkserver starts first, so it imports and prepares while this process does
    token = parallel.start_server(options) if options.jobs > 1 else None
    try:
        from conformance import report

        print(f"conformance run: adapter {args.adapter}, profile {options.profile.name}, level {args.level}, "
              f"seed {seed} (reproduce with --seed {seed})", flush=True)
        out = options.reporting
        partial_reports = report.partial_writer(out.report, out.junit, out.html)
        runner = _runner(options, lambda line: print(line, flush=True), partial_reports, token)
    except BaseException:
        parallel.stop_server()  # a no-op when none was started
        raise
    guard = _interruptible(runner)
    try:
        try:
            with guard:
                result = runner.run()
        except KeyboardInterrupt:  # before the run's own handling (e.g. during the handshake)
            result = runner.result
            result.interrupted = True
        if not result.vectors and not result.properties and not result.interrupted and not options.shard:
            raise HarnessError(f"--only {' '.join(args.only or [])}: matches no requirement, property or vector")
    except (HarnessError, Exception) as exc:  # the run started: its reports say why it ended
        _errored_reports(runner.result, exc, args)
        raise
    if out.failures_dir:
        from conformance import failures

        failures.write_all(result, out.failures_dir, args.adapter, args.level)
    print(report.summary(result))
    report.write(result, out.report, out.junit, out.html)
    _write_ci_reports(report.to_json(result), out.markdown, out.badge, os.environ.get("GITHUB_STEP_SUMMARY"))
    if result.interrupted:
        return guard.exit_code
    return EXIT_OK if result.conformant else EXIT_FINDINGS


def _runner(options, echo, progress, token):
    """The run's runner: worker processes under --jobs N, unless the selection is a single item
    (e.g. --only one property), which runs faster in-process."""
    from conformance import parallel
    from conformance.progress import Progress
    from conformance.runner import Runner

    if options.jobs > 1:
        planner = Runner(None, options, echo=echo, display=Progress())
        items = parallel.plan(planner)
        if len(items) > 1:
            return parallel.ParallelRunner(planner, items, min(options.jobs, len(items)), progress=progress,
                                           token=token)
        parallel.stop_server()
    return Runner(options.load_adapter(), options, echo=echo, progress=progress, display=Progress())


def cmd_merge_reports(args) -> int:
    from conformance import html_report, merge, options
    from conformance.report import _atomic_write
    from conformance.safe_text import json_dumps

    options.output_files(args, "--report", "--junit", "--html", "--markdown", "--badge")
    doc = merge.merge(merge.load(args.reports))
    try:
        if args.report:
            _atomic_write(Path(args.report), (json_dumps(doc, indent=1) + "\n").encode())
        if args.junit:
            import xml.etree.ElementTree as ET

            tree = merge.to_junit(doc)
            ET.indent(tree)
            _atomic_write(Path(args.junit), ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True))
        if args.html:
            _atomic_write(Path(args.html), html_report.render(doc).encode("utf-8"))
    except OSError as exc:
        raise HarnessError(f"{exc.filename}: cannot write the report: {exc.strerror or exc}") from None
    _write_ci_reports(doc, args.markdown, args.badge, os.environ.get("GITHUB_STEP_SUMMARY"))
    totals = doc["totals"]
    print(f"{doc['verdict']} at {doc['level']} level: {len(args.reports)} shards merged, "
          f"{totals['vectors']['total']} vectors ({totals['vectors']['failed']} failed), "
          f"{totals['properties']['total']} properties ({totals['properties']['failed']} failed), seed {doc['seed']}")
    if doc["interrupted"] and not doc["stopped_early"]:
        return EXIT_SIGINT
    return EXIT_OK if doc["conformant"] else EXIT_FINDINGS


def _errored_reports(result, exc: BaseException, args) -> None:
    """Write the reports of a run a harness error ended, marked errored (never a pass)."""
    from conformance import report

    result.errored = str(exc) if isinstance(exc, HarnessError) else f"internal error: {type(exc).__name__}: {exc}"
    try:
        report.write(result, args.report, args.junit, args.html)
        _write_ci_reports(report.to_json(result), args.markdown, args.badge, os.environ.get("GITHUB_STEP_SUMMARY"))
    except Exception as write_error:  # the original error is the one to report
        print(f"conformance: could not write the reports: {write_error}", file=sys.stderr)


def _write_ci_reports(doc: dict, markdown_path, badge_path, step_summary) -> None:
    from conformance import badge, markdown_report

    try:
        if markdown_path or step_summary:
            markdown_report.write(doc, markdown_path, step_summary)
        if badge_path:
            badge.write(doc, badge_path)
    except OSError as exc:
        raise HarnessError(f"{exc.filename}: cannot write the report: {exc.strerror or exc}") from None


class _interruptible:
    """SIGTERM ends a run like Ctrl-C: partial results are reported, reports written whole.

    Both signals also set ``runner.stop_requested``: Python delivers KeyboardInterrupt at any
    bytecode, and one raised inside a callback that swallows exceptions (Hypothesis's gc
    callback, say) would be lost; the runner raises it again before the next case."""

    def __init__(self, runner):
        self.runner = runner
        self.exit_code = EXIT_SIGINT  # a KeyboardInterrupt that no handler of ours saw is Ctrl-C

    def __enter__(self):
        import signal

        def interrupt(signum, frame):
            self.runner.stop_requested = True
            self.exit_code = 128 + signum
            forward = getattr(self.runner, "request_stop", None)
            if forward is not None:  # --jobs N: the parent forwards it to its workers, raising nothing
                forward(signum)
                return
            raise KeyboardInterrupt
        self.previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGINT)}
        return self

    def __exit__(self, *exc):
        import signal

        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        return False


def cmd_replay(args) -> int:
    from conformance import report, vectors
    from conformance.run_options import Limits, RunOptions
    from conformance.runner import Runner

    from conformance import adapters

    adapters.check_spec(args.adapter)
    cases = [item for path in args.files for item in vectors.load_file(path)]
    options = RunOptions(adapter=args.adapter, profile=profiles.get("quick"), level=args.level,
                         limits=Limits(timeout=args.timeout))
    adapter = options.load_adapter()
    runner = Runner(adapter, options, echo=lambda _: None)
    guard = _interruptible(runner)
    with guard:
        runner.begin()
        try:
            for r in runner.execute_many(cases):
                runner.result.vectors.append(r)
                failed = runner.result.is_failure(r.status)
                print(report.describe_failure(r) if failed else f"{r.status:8s} {r.case.id} ({r.source})", flush=True)
        except KeyboardInterrupt:
            runner.result.interrupted = True
        finally:
            adapter.stop()
    t = runner.result.tally(runner.result.vectors)
    print(f"{t['total']} cases replayed, {t['failed']} failed, {t['passed']} passed, "
          f"{t['not applicable']} not applicable" + (f" (interrupted: {len(cases)} selected)" if runner.result.interrupted else ""))
    return _batch_exit(runner.result, t, guard)


def _batch_exit(result, tally: dict, guard) -> int:
    """Exit code of a replay or a vectors verify: nothing passed is never a success."""
    if result.interrupted:
        return guard.exit_code
    if tally["failed"]:
        return EXIT_FINDINGS
    if not tally["passed"]:
        print(f"nothing passed: no case applies to {result.implementation.get('name')!r} "
              f"(it declares operations {sorted(result.implementation.get('operations') or [])})")
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args) -> int:
    from conformance import check

    from conformance import options as option_checks

    now = args.now or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # --now is checked by its type
    trust = check.load_trust(args.trust)
    context = check.load_context(args.context)
    order = option_checks.privacy_order(args.privacy_order)
    options = {"privacy-order": order} if order is not None else {}
    reports = [check.check_file(path, args.kind, args.level, now, trust, context, options) for path in args.files]
    if args.json:
        print(json.dumps(reports, indent=1, ensure_ascii=False))
    else:
        print("\n".join(check.render_text(r) for r in reports))
    return EXIT_FINDINGS if any(r["verdict"] == "invalid" for r in reports) else EXIT_OK


def cmd_vectors(args) -> int:
    from conformance import vectors

    if args.vectors_command == "export":
        files = vectors.export(args.out)
        print(f"wrote {len(files)} files to {args.out}")
        return EXIT_OK
    root = args.dir or vectors.bundled_dir()
    if not root.is_dir():
        raise HarnessError(f"{root}: not a directory")
    from conformance import adapters, options

    adapters.check_spec(args.adapter)
    problems = vectors.check_manifest(root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_FINDINGS
    options.only_patterns(args.only, _vector_ids(root))
    print(f"manifest ok: {root}")
    from conformance import report
    from conformance.runner import Runner

    from conformance.progress import Progress

    from conformance.run_options import Limits, RunOptions

    options = RunOptions(adapter=args.adapter, profile=profiles.get("quick"), level=args.level, vectors_dir=args.dir,
                         only=tuple(args.only) if args.only else None, limits=Limits(timeout=args.timeout))
    runner = Runner(options.load_adapter(), options, display=Progress())
    guard = _interruptible(runner)
    with guard:
        result = runner.run_vectors_only()
    for r in result.failures():
        print(report.describe_failure(r))
    t = result.tally(result.vectors)
    print(f"{t['total']} vectors, {t['failed']} failed, {t['passed']} passed, {t['not applicable']} not applicable"
          + (f" (interrupted: {result.vectors_total} selected)" if result.interrupted else ""))
    return _batch_exit(result, t, guard)


def requirement_map() -> list[dict]:
    from conformance import interpretations, locations, vectors
    from conformance.profiles import get
    from conformance.families import all_properties

    by_prop: dict = {}
    for prop in all_properties("", get("ci")):
        for req in prop.requirements:
            by_prop.setdefault(req, []).append(prop.id)
    by_location = locations.by_requirement(locations.rows())
    by_vector: dict = {}
    for _, case in vectors.load(vectors.bundled_dir()):
        for req in case.requirements:
            by_vector.setdefault(req, []).append(case.id)
    return [
        {"id": r.id, "family": r.family, "level": r.level, "source": r.source, "title": r.title,
         "codes": list(r.codes), "properties": by_prop.get(r.id, []), "vectors": by_vector.get(r.id, []),
         "interpretations": interpretations.affecting(r.id), "locations": by_location.get(r.id, [])}
        for r in catalog.REQUIREMENTS
    ]


def cmd_requirements(args) -> int:
    entries = requirement_map()
    if args.json:
        print(json.dumps(entries, indent=1, ensure_ascii=False))
        return EXIT_OK
    for e in entries:
        print(f"{e['id']:18s} {e['level']:8s} {e['title']}")
        print(f"{'':27s} source: {e['source']}")
        print(f"{'':27s} {len(e['properties'])} properties, {len(e['vectors'])} vectors; codes: {', '.join(e['codes']) or '-'}")
    return EXIT_OK


def cmd_locations(args) -> int:
    from conformance import locations

    table = locations.rows()
    print(json.dumps({"locations": table}, indent=1, ensure_ascii=False) if args.json else locations.text(table))
    return EXIT_OK


def cmd_interpretations(args) -> int:
    from conformance import interpretations

    entries = interpretations.catalog_json()
    if args.json:
        print(json.dumps({"interpretations": entries}, indent=1, ensure_ascii=False))
        return EXIT_OK
    for e in entries:
        print(f"{e['id']:4s} {e['family']:25s} {e['title']}")
        print(f"{'':5s}default: {e['default']}; affects {', '.join(e['affects'])}; source: {e['source']}")
        for c in e["choices"]:
            if not c["default"]:
                support = "" if c["supported"] else " (not yet supported)"
                print(f"{'':5s}alternative {c['id']}{support}: {c['description']}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
