"""The suite under pytest (entry point ``pytest11``): ``pytest --adapter SPEC --profile ci``.

With ``--adapter`` given, every golden vector and every property becomes a test item
(so ``-k``, ``-x``, ``--junitxml`` and pytest-xdist's ``-n auto`` work as usual);
``--conformance-report FILE`` writes the JSON report. Without ``--adapter`` the plugin
adds nothing, so it never interferes with a project's own tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from conformance import profiles

def pytest_addoption(parser):
    group = parser.getgroup("conformance", "orbiplex conformance suite")
    group.addoption("--adapter", default=None, help="run the conformance suite against reference | python:MODULE:ATTR | cmd:COMMAND")
    group.addoption("--profile", default=profiles.DEFAULT, choices=sorted(profiles.PROFILES), help="conformance profile")
    group.addoption("--conformance-seed", type=int, default=None, help="seed for the properties (default: random, printed)")
    group.addoption("--conformance-level", default="verdict", choices=["verdict", "strict"])
    group.addoption("--conformance-signing-prefix", default="")
    group.addoption("--conformance-privacy-order", default=None, help="JSON file: a substituted storage privacy order")
    group.addoption("--conformance-report", default=None, help="write the JSON report here")


def pytest_configure(config):
    if not config.getoption("adapter"):
        return
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and "conformance_seed" in workerinput:
        seed = workerinput["conformance_seed"]
    else:
        seed = config.getoption("conformance_seed")
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
    config._conformance_seed = seed
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistSeed(), "conformance-xdist-seed")


class _XdistSeed:
    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node):
        node.workerinput["conformance_seed"] = node.config._conformance_seed


def pytest_report_header(config):
    if config.getoption("adapter"):
        return (f"conformance: adapter {config.getoption('adapter')}, profile {config.getoption('profile')}, "
                f"seed {config._conformance_seed} (reproduce with --conformance-seed {config._conformance_seed})")
    return None


class _Session:
    """One runner (and one adapter process) per pytest process."""

    def __init__(self, config):
        from conformance import adapters
        from conformance.runner import Runner

        spec = config.getoption("adapter")
        self.runner = Runner(adapters.load(spec), spec, profiles.get(config.getoption("profile")),
                             config._conformance_seed, level=config.getoption("conformance_level"),
                             signing_prefix=config.getoption("conformance_signing_prefix"),
                             privacy_order=config.getoption("conformance_privacy_order"), echo=lambda _: None)
        self.runner.begin()


def _session(config) -> _Session:
    if not hasattr(config, "_conformance_session"):
        config._conformance_session = _Session(config)
    return config._conformance_session


class ConformanceFailure(Exception):
    pass


class VectorItem(pytest.Item):
    def __init__(self, *, source, case, **kwargs):
        super().__init__(**kwargs)
        self.source, self.case = source, case
        self.user_properties.append(("requirements", " ".join(case.requirements)))

    def runtest(self):
        from conformance.runner import NOT_APPLICABLE, SKIPPED

        runner = _session(self.config).runner
        r = runner.execute(self.case, self.source)
        self._record(r.status)
        if r.status in (SKIPPED, NOT_APPLICABLE):
            pytest.skip(r.message)
        if runner.result.is_failure(r.status):
            r.replay = runner.replay_command(self.case.id)
            raise ConformanceFailure(r)

    def _record(self, status):
        self.user_properties.append(("status", status))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ConformanceFailure):
            from conformance.report import describe_failure

            return describe_failure(excinfo.value.args[0])
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.source, None, f"vector {self.case.id}"


class PropertyItem(VectorItem):
    def __init__(self, *, prop, **kwargs):
        pytest.Item.__init__(self, **kwargs)
        self.prop = prop
        self.user_properties.append(("requirements", " ".join(prop.requirements)))

    def runtest(self):
        from conformance.runner import NOT_APPLICABLE, PASS

        runner = _session(self.config).runner
        result = runner.run_property(self.prop)
        self._record(result.status)
        self.user_properties.append(("examples", result.examples))
        if result.status == NOT_APPLICABLE:
            pytest.skip(runner.applicable(self.prop.operation, self.prop.kind))
        if result.status != PASS and runner.result.is_failure(result.status):
            raise ConformanceFailure(result.failure)

    def reportinfo(self):
        return self.prop.id, None, f"property {self.prop.id}"


class ConformanceSuite(pytest.Collector):
    def collect(self):
        from conformance import vectors
        from conformance.errors import read_json_file
        from conformance.families import all_properties

        config = self.config
        for source, case in vectors.load(vectors.bundled_dir()):
            yield VectorItem.from_parent(self, name=f"vector[{case.id}]", source=source, case=case)
        prefix = config.getoption("conformance_signing_prefix")
        order_file = config.getoption("conformance_privacy_order")
        options = {"privacy-order": read_json_file("--conformance-privacy-order", order_file)} if order_file else {}
        for prop in all_properties(prefix, profiles.get(config.getoption("profile")), options):
            yield PropertyItem.from_parent(self, name=f"property[{prop.id}]", prop=prop)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    if not config.getoption("adapter"):
        return
    suite = ConformanceSuite.from_parent(session, name="conformance")
    items[:0] = list(suite.collect())


def pytest_runtest_logreport(report):
    if report.when != "call" and not (report.when == "setup" and report.skipped):
        return
    props = dict(report.user_properties)
    if "status" in props or report.failed:
        _CONTROLLER_RESULTS.append({"test": report.nodeid, "outcome": report.outcome,
                                    "status": props.get("status", report.outcome),
                                    "requirements": props.get("requirements", "").split(),
                                    "examples": props.get("examples"),
                                    "detail": str(report.longrepr) if report.failed else ""})


_CONTROLLER_RESULTS: list = []


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if not config.getoption("adapter"):
        return
    if hasattr(config, "_conformance_session"):
        config._conformance_session.runner.adapter.stop()
    path = config.getoption("conformance_report")
    if path and getattr(config, "workerinput", None) is None:
        by_req: dict = {}
        for r in _CONTROLLER_RESULTS:
            for req in r["requirements"]:
                by_req.setdefault(req, {}).setdefault(r["status"], 0)
                by_req[req][r["status"]] += 1
        doc = {"adapter": config.getoption("adapter"), "profile": config.getoption("profile"),
               "seed": config._conformance_seed, "level": config.getoption("conformance_level"),
               "partial": exitstatus == pytest.ExitCode.INTERRUPTED,
               "conformant": exitstatus == pytest.ExitCode.OK, "requirements": by_req, "tests": _CONTROLLER_RESULTS}
        Path(path).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
