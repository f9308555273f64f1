import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# `conformance run` defaults to a worker process per core; the suite's runs stay in-process
# (cheaper for small selections, and their adapters may not run twice) unless a test asks for
# --jobs (tests/test_jobs.py), or CONFORMANCE_JOBS is set when the suite is started
os.environ.setdefault("CONFORMANCE_JOBS", "1")
if str(ROOT) not in sys.path:  # tests.mutants must import from a plain `pytest` in the checkout
    sys.path.insert(0, str(ROOT))

# External reference data (published examples and schemas, RFC 8785 and Ed25519 test data; see
# its SOURCES.md) is never vendored: tests find it through --upstream DIR, else the environment
# variable, else `shared/upstream` beside the checkout. Tests that need it skip when the default
# is absent; an explicitly given directory that does not exist is a usage error, never a skip.
UPSTREAM_ENV = "ORBIPLEX_UPSTREAM"
DEFAULT_UPSTREAM = ROOT.parent / "shared" / "upstream"
_upstream: dict = {}  # "path": Path, "missing": skip reason or None; set by pytest_configure
_upstream_modules: set = set()  # test modules that read the data: their tests are marked `upstream`


def pytest_addoption(parser):
    parser.addoption("--upstream", metavar="DIR", default=None,
                     help=f"external reference data for the suite's own tests (default: ${UPSTREAM_ENV}, "
                          f"else {DEFAULT_UPSTREAM}); tests that need it skip when the default is absent")


def pytest_configure(config):
    given, source = config.getoption("upstream"), "--upstream"
    if not given:
        given, source = os.environ.get(UPSTREAM_ENV) or None, UPSTREAM_ENV
    path = Path(given).expanduser().resolve() if given else DEFAULT_UPSTREAM
    if given and not path.is_dir():
        raise pytest.UsageError(f"{source} {given}: no such directory (upstream reference data)")
    _upstream["path"] = path
    config.addinivalue_line("markers", "upstream: needs the upstream reference data (`pytest -m upstream` runs them)")
    _upstream["missing"] = None if path.is_dir() else (
        f"upstream reference data not found at {path}: pass --upstream DIR or set {UPSTREAM_ENV}")


def pytest_report_header(config):
    return f"upstream reference data: {_upstream['missing'] or _upstream['path']}"


def upstream_path() -> Path:
    """The upstream data directory (it may be absent: see upstream_missing)."""
    if "path" not in _upstream:  # e.g. this file imported a second time under another module name
        raise RuntimeError("tests/conftest.py is not configured: import it as tests.conftest")
    return _upstream["path"]


def upstream_missing() -> str | None:
    """The skip reason when the upstream data is absent, else None."""
    upstream_path()
    return _upstream["missing"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__ in _upstream_modules or "upstream" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.upstream)


def _reads_upstream() -> None:
    _upstream_modules.add(sys._getframe(2).f_globals.get("__name__"))


def upstream_params(build, width: int = 1) -> list:
    """Module-level parametrization from upstream data: ``build(root)`` when the data is there,
    else one skipped case (never an empty or failing collection)."""
    _reads_upstream()
    reason = upstream_missing()
    if reason is None:
        return build(upstream_path())
    values = (None,) * width
    return [pytest.param(*values, id="upstream-missing", marks=pytest.mark.skip(reason=reason))]


def skip_module_without_upstream() -> Path:
    """For modules every test of which needs the data: skip the module, else the data directory."""
    _reads_upstream()
    reason = upstream_missing()
    if reason is not None:
        pytest.skip(reason, allow_module_level=True)
    return upstream_path()


@pytest.fixture(scope="session")
def upstream() -> Path:
    """The upstream data directory; the test skips when it is absent."""
    reason = upstream_missing()
    if reason is not None:
        pytest.skip(reason)
    return upstream_path()


# Implementation-supplied text that tries every way out of a report: HTML, a closing
# </details>, table pipes, backtick fences of several lengths, blank lines, a heading.
HOSTILE = ("<script>window.__injected=true</script></details></summary>| a | b |\n\n"
           "```\n<img src=x onerror=\"window.__injected=true\"> &amp; ```` `` ` \n# heading\n<!-- x")


@pytest.fixture(scope="session")
def failing_report(tmp_path_factory) -> dict:
    """The JSON report of a small failing run (vectors and a property, with replay commands)."""
    from conformance import cli

    out = tmp_path_factory.mktemp("failing-run")
    saved = os.environ.pop("GITHUB_STEP_SUMMARY", None)
    try:
        code = cli.main(["run", "--adapter", "python:tests.mutants:skew_window_exclusive", "--profile", "quick",
                         "--only", "NAA-TIME-002", "--seed", "1", "--report", str(out / "r.json"),
                         "--failures-dir", str(out / "failures")])
    finally:
        if saved is not None:
            os.environ["GITHUB_STEP_SUMMARY"] = saved
    assert code == 1
    return json.loads((out / "r.json").read_text())


def hostile(doc: dict) -> dict:
    """``doc`` with HOSTILE in every place an implementation (or its adapter spec) controls."""
    doc = json.loads(json.dumps(doc))
    doc["implementation"]["name"] = HOSTILE
    doc["implementation"]["version"] = HOSTILE
    doc["adapter"] = "cmd:" + HOSTILE
    doc["problems"] = [HOSTILE]
    doc["first_bad_message"] = HOSTILE
    doc["scope"] = {"only": [HOSTILE], "families": ["NAA"]}
    failing = next(v for v in doc["vectors"] if v["status"] == "fail")
    failing["message"] = HOSTILE
    failing["id"] = HOSTILE
    failing["documents"] = [{"text": json.dumps({"x": HOSTILE})}, {"text": HOSTILE}]
    failing["actual"] = [{"verdict": HOSTILE, "codes": [HOSTILE]}]
    failing["replay"] = "conformance run --only " + HOSTILE
    return doc
