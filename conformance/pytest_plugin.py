"""The suite under pytest (entry point ``pytest11``): ``pytest --adapter SPEC --profile ci``.

With ``--adapter`` given, every golden vector and every property becomes a test item
(so ``-k``, ``-x``, ``--junitxml`` and pytest-xdist's ``-n auto`` work as usual).
``--conformance-report FILE`` writes the same JSON report as ``conformance run --report``
(schema: conformance/schemas/report.v1.json); ``--conformance-expected-failures`` and
``--conformance-failures-dir`` mean what ``--expected-failures`` and ``--failures-dir`` mean
there. Without ``--adapter`` the plugin adds nothing, so it never interferes with a
project's own tests.

Each process records the results of the items it ran; under pytest-xdist the workers send
theirs to the controller (xdist's ``workeroutput``), which merges them in collection order
into one RunResult, the one the reports are made of.
"""

from __future__ import annotations

import base64
import pickle
import random
import shlex
import time

import pytest

from conformance import profiles

def _declared(config):
    """The declared interpretation choices (conformance.interpretations), old spellings included."""
    from conformance import interpretations

    return interpretations.declare(config.getoption("conformance_interpret"),
                                   config.getoption("conformance_interpretations"),
                                   config.getoption("conformance_signing_prefix") or None,
                                   config.getoption("conformance_privacy_order"))


def pytest_addoption(parser):
    group = parser.getgroup("conformance", "orbiplex conformance suite")
    group.addoption("--adapter", default=None, help="run the conformance suite against reference | python:MODULE:ATTR | cmd:COMMAND")
    group.addoption("--profile", default=profiles.DEFAULT, choices=sorted(profiles.PROFILES), help="conformance profile")
    group.addoption("--conformance-seed", type=int, default=None, help="seed for the properties (default: random, printed)")
    group.addoption("--conformance-level", default="verdict", choices=["verdict", "strict"])
    group.addoption("--conformance-signing-prefix", default="")
    group.addoption("--conformance-privacy-order", default=None, help="JSON file: a substituted storage privacy order")
    group.addoption("--conformance-interpret", action="append", default=[], metavar="ID=CHOICE",
                    help="declare a choice on an open point; as conformance run --interpret")
    group.addoption("--conformance-interpretations", default=None, metavar="FILE",
                    help="JSON file of declared choices; as conformance run --interpretations")
    group.addoption("--conformance-report", default=None, help="write the JSON report here (the format of conformance run --report)")
    group.addoption("--conformance-expected-failures", default=None, metavar="FILE",
                    help="JSON list of known failures (IDs, wildcards) with reasons; as conformance run --expected-failures")
    group.addoption("--conformance-database", action="append", default=None, metavar="DIR",
                    help="Hypothesis example database (as conformance run --database): earlier counterexamples first")
    group.addoption("--conformance-failures-dir", default=None, metavar="DIR",
                    help="write each failing case there as a replayable vector file; as conformance run --failures-dir")


def pytest_configure(config):
    if not config.getoption("adapter"):
        return
    from conformance import expected
    from conformance.errors import HarnessError

    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and "conformance_seed" in workerinput:
        seed = workerinput["conformance_seed"]
    else:
        seed = config.getoption("conformance_seed")
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
    config._conformance_seed = seed
    path = config.getoption("conformance_expected_failures")
    try:
        config._conformance_xfails = expected.load(path) if path else []
        _declared(config)  # a bad declaration is a usage error before anything runs
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None
    from conformance.run_options import RunOptions

    try:
        declared = _declared(config)
        config._conformance_options = RunOptions.from_pytest(config, seed).but(
            interpretations=declared, signing_prefix=declared.signing_prefix, privacy_order=declared.privacy_order)
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None
    config._conformance_records = []  # (collection index, "vector" | "property", result) of this process
    config._conformance_payloads = []  # on the controller: what each worker ran
    config._conformance_started = time.monotonic()
    config._conformance_lines = []  # printed in the terminal summary
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_Xdist(), "conformance-xdist")


class _Xdist:
    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node):
        node.workerinput["conformance_seed"] = node.config._conformance_seed

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        data = getattr(node, "workeroutput", {}).get("conformance")
        payload = pickle.loads(base64.b64decode(data)) if data else {"records": [], "counts": {}}
        payload["crashed"] = error is not None
        node.config._conformance_payloads.append(payload)


def pytest_report_header(config):
    if config.getoption("adapter"):
        return (f"conformance: adapter {config.getoption('adapter')}, profile {config.getoption('profile')}, "
                f"seed {config._conformance_seed} (reproduce with --conformance-seed {config._conformance_seed})")
    return None


class _Session:
    """One runner (and one adapter process) per pytest process."""

    def __init__(self, config):
        from conformance.runner import Runner

        # each case is compared with the expected failures as it runs (a property's search goes on past
        # declared differences); the entries are judged once, on the results merged from every process
        options = config._conformance_options
        self.runner = Runner(options.load_adapter(), options, echo=lambda _: None)
        self.runner.begin()


def _session(config) -> _Session:
    if not hasattr(config, "_conformance_session"):
        config._conformance_session = _Session(config)
    return config._conformance_session


class ConformanceFailure(Exception):
    pass


class VectorItem(pytest.Item):
    def __init__(self, *, source, case, index=0, **kwargs):
        super().__init__(**kwargs)
        self.source, self.case, self.index = source, case, index
        self.user_properties.append(("requirements", " ".join(case.requirements)))

    def runtest(self):
        from conformance.expected import case_ids

        runner = _session(self.config).runner
        r = runner.execute(self.case, self.source)
        runner._count(self.case, r.status)
        self._finish("vector", r, r.status, r, case_ids(self.case, self.source))

    def _finish(self, kind, record, status, failure, ids):
        """Record the result (for the reports), then give pytest the same outcome the CLI gives."""
        from conformance.expected import XFAIL
        from conformance.runner import NOT_APPLICABLE
        from conformance.safe_text import one_line

        self.config._conformance_records.append((self.index, kind, record))
        self.user_properties.append(("status", status))
        runner = _session(self.config).runner
        if status == NOT_APPLICABLE:
            pytest.skip(one_line(failure.message if failure else "not applicable"))
        if status == XFAIL:
            pytest.xfail(f"expected failure: {one_line(failure.expected if failure else '')}")
        if runner.result.is_failure(status):
            if failure is not None and not failure.replay:
                failure.replay = runner.replay_command(ids[0])
            raise ConformanceFailure(failure)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ConformanceFailure):
            from conformance.report import describe_failure

            return describe_failure(excinfo.value.args[0])
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.source, None, f"vector {self.case.id}"


class PropertyItem(VectorItem):
    def __init__(self, *, prop, index=0, **kwargs):
        pytest.Item.__init__(self, **kwargs)
        self.prop, self.index = prop, index
        self.user_properties.append(("requirements", " ".join(prop.requirements)))

    def runtest(self):
        from conformance.runner import NOT_APPLICABLE, CaseResult

        runner = _session(self.config).runner
        result = runner.run_property(self.prop)
        self.user_properties.append(("examples", result.examples))
        failure = result.failure
        if result.status == NOT_APPLICABLE and failure is None:
            failure = CaseResult(self.prop.id, None, NOT_APPLICABLE, runner.applicable(self.prop.operation, self.prop.kind))
        self._finish("property", result, result.status, failure, (self.prop.id, *self.prop.requirements))

    def reportinfo(self):
        return self.prop.id, None, f"property {self.prop.id}"


class ConformanceSuite(pytest.Collector):
    def collect(self):
        from conformance import vectors
        from conformance.families import all_properties

        config = self.config
        index = 0
        for source, case in vectors.load(vectors.bundled_dir()):
            yield VectorItem.from_parent(self, name=f"vector[{case.id}]", source=source, case=case, index=index)
            index += 1
        options = config._conformance_options
        for prop in all_properties(options.signing_prefix, options.profile, options.property_options):
            yield PropertyItem.from_parent(self, name=f"property[{prop.id}]", prop=prop, index=index)
            index += 1


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    if not config.getoption("adapter"):
        return
    suite = ConformanceSuite.from_parent(session, name="conformance")
    # genitems reports the collection like any other (the terminal's count, --co, collection errors)
    items[:0] = list(session.genitems(suite))


def _payload(session) -> dict:
    config = session.config
    result = config._conformance_session.runner.result if hasattr(config, "_conformance_session") else None
    return {"records": config._conformance_records, "counts": result.counts if result else {},
            "implementation": result.implementation if result else None,
            "first_bad_message": result.first_bad_message if result else None,
            "selected": sum(1 for item in session.items if isinstance(item, VectorItem)), "crashed": False}


def merged_result(config, payloads: list, interrupted: bool):
    """One RunResult from what every process ran, in collection order."""
    from conformance.runner import RunResult

    implementation = next((p["implementation"] for p in payloads if p.get("implementation")), None) or {}
    options = config._conformance_options
    result = RunResult(config.getoption("adapter"), implementation, config.getoption("profile"),
                       config._conformance_seed, config.getoption("conformance_level"),
                       interpretations=options.interpretations.as_json() if options.interpretations else {})
    records = sorted((r for p in payloads for r in p["records"]), key=lambda r: r[0])
    for _, kind, record in records:
        (result.vectors if kind == "vector" else result.properties).append(record)
    for p in payloads:
        for req, counts in p["counts"].items():
            bucket = result.counts.setdefault(req, {})
            for status, n in counts.items():
                bucket[status] = bucket.get(status, 0) + n
    result.first_bad_message = next((p["first_bad_message"] for p in payloads if p.get("first_bad_message")), None)
    selected = max((p.get("selected") or 0 for p in payloads), default=0)
    result.interrupted = interrupted or any(p.get("crashed") for p in payloads) or len(records) < selected
    result.seconds = time.monotonic() - config._conformance_started
    return result, selected


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if not config.getoption("adapter"):
        return
    if hasattr(config, "_conformance_session"):
        config._conformance_session.runner.adapter.stop()
    if config.option.collectonly:
        return
    if getattr(config, "workerinput", None) is not None:  # a worker: hand the results to the controller
        config.workeroutput["conformance"] = base64.b64encode(pickle.dumps(_payload(session))).decode("ascii")
        return
    payloads = config._conformance_payloads if config.pluginmanager.hasplugin("dsession") else [_payload(session)]
    if not payloads:  # collection only, or nothing ran
        return
    from conformance import expected, failures, report
    from conformance.errors import HarnessError

    result, selected = merged_result(config, payloads, exitstatus == pytest.ExitCode.INTERRUPTED)
    if not selected and not result.vectors and not result.properties:
        return
    result.problems += expected.judge(result, config._conformance_xfails)
    lines = config._conformance_lines
    try:
        directory = config.getoption("conformance_failures_dir")
        if directory:
            from pathlib import Path

            written = failures.write_all(result, Path(directory), result.adapter, result.level)
            if written:
                lines.append(f"{len(written)} failing case(s) written to {directory} "
                             f"(conformance replay FILE --adapter {shlex.quote(result.adapter)})")
        path = config.getoption("conformance_report")
        if path:
            report.write(result, json_path=path)
            lines.append(f"JSON report: {path}")
    except (HarnessError, OSError) as exc:
        lines.append(f"conformance: error: {exc}")
        session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
    from conformance.safe_text import block

    lines[:0] = [f"FAILED {block(p)}" for p in result.problems] + \
        [f"certified: {report.certified_text(result)}", report.summary(result).splitlines()[-1]]
    if not result.conformant and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED  # e.g. an expected failure passed, or nothing passed


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = getattr(config, "_conformance_lines", None)
    if lines:
        terminalreporter.write_sep("=", "orbiplex conformance")
        for line in lines:
            terminalreporter.write_line(line)
