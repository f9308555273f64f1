import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tests.mutants must import from a plain `pytest` in the checkout
    sys.path.insert(0, str(ROOT))


import json  # noqa: E402

import pytest  # noqa: E402

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
