"""The HTML report's content, without a browser: escaping, diff, case list, copy button."""

from __future__ import annotations

from conformance import html_report
from tests.conftest import hostile


def test_hostile_text_is_escaped_everywhere(failing_report):
    page = html_report.render(hostile(failing_report))
    assert "<script>window" not in page and "<img" not in page and "</details></summary>|" not in page
    assert "&lt;script&gt;window.__injected=true&lt;/script&gt;" in page
    assert page.count("<script>") == 1 and "http://" not in page and "https://" not in page  # self-contained


def test_failures_have_diff_documents_and_replay(failing_report):
    page = html_report.render(failing_report)
    first = page.split("<details class='failure'>")[1]
    assert "<span class='del'>-    &quot;verdict&quot;: &quot;valid&quot;</span>" in first
    assert "<span class='add'>+    &quot;verdict&quot;: &quot;invalid&quot;</span>" in first
    assert "<h3>Document 0</h3><pre>{\n  &quot;schema&quot;" in first  # pretty-printed
    assert "conformance replay " in first and "class='copy'" in first
    assert "<code>endpoint/certificate.verified/at</code>" in first  # catalog backticks shown as code


def test_passing_run_lists_its_cases_collapsed():
    doc = {"conformant": True, "partial": False, "level": "verdict", "profile": "quick",
           "requirements": [{"id": "NAA-TIME-002", "level": "MUST", "status": "pass", "counts": {"pass": 2}}],
           "vectors": [{"id": "time.a", "source": "time.json#1", "status": "pass"}],
           "properties": [{"id": "time.p", "examples": 8, "status": "pass", "failure": None}]}
    page = html_report.render(doc)
    assert "<h1>CONFORMANT</h1>" in page and "#1a7f37" in page
    assert "<details><summary>2 case(s)</summary>" in page
    assert "<code>time.a (time.json#1)</code>" in page and "<code>time.p: 8 examples</code>" in page
