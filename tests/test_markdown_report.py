"""The Markdown report renders through a CommonMark renderer (with GitHub's tables):
tables intact, details balanced, no HTML or Markdown from implementation text."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from conformance import cli, markdown_report
from tests.conftest import HOSTILE, hostile

# GitHub's step summary: CommonMark with tables and raw HTML allowed
MD = MarkdownIt("commonmark", {"html": True}).enable("table")
OUR_HTML = re.compile(r"^(<details><summary>[^<>]*</summary>\s*|\s*</details>\s*)$")


def _tokens(text):
    return MD.parse(text)


def test_tables_keep_their_columns_and_hostile_text_stays_text(failing_report):
    text = markdown_report.render(hostile(failing_report))
    tokens = _tokens(text)
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) == 3  # scope, per family, per level
    for start in tables:
        end = next(i for i in range(start, len(tokens)) if tokens[i].type == "table_close")
        widths = []
        row = 0
        for t in tokens[start:end]:
            if t.type == "tr_open":
                row = 0
            elif t.type in ("th_open", "td_open"):
                row += 1
            elif t.type == "tr_close":
                widths.append(row)
        assert len(set(widths)) == 1 and len(widths) >= 2, widths
    # the only raw HTML is the report's own <details>/<summary>
    raw = [t.content for t in tokens if t.type == "html_block"]
    raw += [c.content for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "html_inline"]
    assert raw and all(OUR_HTML.match(r) for r in raw), [r for r in raw if not OUR_HTML.match(r)]
    html = MD.render(text)
    assert "<script" not in html and "<img" not in html and "<!--" not in html
    assert "<td>&lt;script&gt;window.__injected=true&lt;/script&gt;&lt;/details&gt;" in html  # --only, in the scope table
    assert html.count("<details>") == html.count("</details>") == len(
        [t for t in tokens if t.type == "html_block" and t.content.startswith("<details>")])
    assert "<h1>heading</h1>" not in html  # the hostile "# heading" line stayed inside code
    # the hostile text survives, byte for byte, inside code blocks
    assert any(HOSTILE in t.content for t in tokens if t.type == "fence")


def test_failure_details_carry_requirement_counterexample_outcomes_and_replay(failing_report):
    text = markdown_report.render(failing_report)
    html = MD.render(text)
    assert "Orbiplex conformance: not conformant" in text
    first = html.split("<details>")[1]
    assert "NAA-TIME-002" in first and "Counterexample, document 0" in first and "Expected" in first
    assert "conformance replay " in first and "language-sh" in first
    assert "<td>NAA</td>" in html and "<td>MUST</td>" in html


def test_fence_outgrows_backticks_and_blocks_are_bounded():
    assert markdown_report.fenced("a ```` b").startswith("`````\n")
    doc = {"conformant": False, "level": "verdict", "requirements": [], "properties": [],
           "vectors": [{"id": "v", "source": "s", "status": "fail", "message": "m", "requirements": ["NAA-TIME-002"],
                        "documents": [{"text": "x" * 10000}], "expected": [], "actual": []}]}
    text = markdown_report.render(doc)
    assert "x" * 2000 in text and "x" * 2001 not in text and "8000 more characters" in text


def test_cli_writes_markdown_file_and_appends_to_the_step_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code = cli.main(["run", "--profile", "quick", "--only", "NAA-TIME-002", "--seed", "1",
                     "--markdown", str(tmp_path / "out" / "r.md")])
    assert code == 0
    written = (tmp_path / "out" / "r.md").read_text()
    assert written.startswith("## ✅ Orbiplex conformance: conformant")
    assert summary.read_text() == "earlier step\n" + written
