"""The Markdown report (``--markdown FILE``, and appended to ``$GITHUB_STEP_SUMMARY``),
rendered from the JSON report document alone.

Text from the implementation (messages, documents, names) is untrusted: in tables and
headings it is escaped so that it can neither end a cell nor open HTML or code; longer
text goes into fenced code blocks whose fence is longer than any backtick run inside;
``<summary>`` lines are raw HTML, so their text is HTML-escaped.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from conformance import report_view as view
from conformance.safe_text import safe_tree

MAX_BLOCK_CHARS = 2000  # per counterexample document / outcome block
MAX_FAILURES = 50  # GitHub caps a step summary at 1 MiB
ICON = {"conformant": "✅", "not conformant": "❌", "partial": "⚠️", "errored": "⚠️", "nothing certified": "➖"}
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#!~{}()])")


def inline(text) -> str:
    """Untrusted text for a table cell, heading or paragraph: one line, no Markdown, no HTML."""
    one_line = " ".join(str(text).split())
    return _INLINE_SPECIAL.sub(r"\\\1", one_line)


def fenced(text: str, info: str = "") -> str:
    """A fenced code block that no content can close (fence longer than any backtick run)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def details(summary: str, body: str) -> str:
    """A collapsible block; ``summary`` is plain text (HTML-escaped here), ``body`` Markdown.
    The blank lines end the HTML block so that GitHub renders the body as Markdown."""
    one_line = " ".join(summary.split())  # a blank line would end the HTML block early
    return f"<details><summary>{html.escape(one_line)}</summary>\n\n{body}\n\n</details>"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(inline(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _counts_table(first: str, groups) -> str:
    return _table([first, "requirements", *view.COLUMNS, "cases"],
                  [[name, sum(row[c] for c in view.COLUMNS), *(row[c] for c in view.COLUMNS), row["cases"]]
                   for name, row in groups])


def _failure(n: int, f: dict) -> str:
    reqs = list(f.get("requirements") or [])
    name = f.get("property") or f.get("id") or f.get("source", "?")
    head = f"{n}. {name}: {', '.join(reqs) or 'no requirement'}: {f.get('message', '')}"
    # requirement titles come from the suite's catalog: trusted Markdown
    bullets = [f"- **{inline(req)}** {' '.join(view.requirement_title(req).split())}" for req in reqs]
    bullets.append(f"- case: {inline(f.get('id', ''))} ({inline(f.get('source', ''))}), status {inline(f.get('status', ''))}")
    if f.get("now") is not None:
        bullets.append(f"- now: {inline(f['now'])}")
    parts = ["\n".join(bullets)]
    parts.append("**Difference**\n\n" + fenced(view.bounded(str(f.get("message", "")), MAX_BLOCK_CHARS)))
    if "expected" in f or "actual" in f:
        parts.append("**Expected**\n\n" + fenced(view.bounded(view.outcome_json(f.get("expected")), MAX_BLOCK_CHARS), "json"))
        parts.append("**Actual**\n\n" + fenced(view.bounded(view.outcome_json(f.get("actual")), MAX_BLOCK_CHARS), "json"))
    for i, doc in enumerate(f.get("documents") or []):
        parts.append(f"**Counterexample, document {i}**\n\n"
                     + fenced(view.bounded(view.document_text(doc), MAX_BLOCK_CHARS), "json"))
    if f.get("replay"):
        parts.append("**Replay**\n\n" + fenced(str(f["replay"]), "sh"))
    return details(head[:300], "\n\n".join(parts))


def render(doc: dict) -> str:
    doc = safe_tree(doc)  # implementation text: controls and lone surrogates escaped
    verdict = view.verdict(doc)
    impl = doc.get("implementation") or {}
    who = f"{impl.get('name', '?')} {impl.get('version', '')}".strip()
    out = [f"## {ICON.get(verdict, '')} Orbiplex conformance: {verdict}",
           "",
           f"Implementation {inline(who)} ({inline(impl.get('language', '?'))}), adapter {inline(doc.get('adapter', '?'))}, "
           f"profile {inline(doc.get('profile'))}, level {inline(doc.get('level'))}, seed {inline(doc.get('seed'))}, "
           f"{inline(doc.get('seconds', 0))} s, {inline(doc.get('suite', ''))}"]
    notes = view.run_flags(doc)
    if notes:
        out += [""] + [f"- {inline(n)}" for n in notes]
    out += ["", "### Certified scope", "", _table(["", "value"], view.scope_rows(doc)),
            "", "### Requirements per family", "", _counts_table("family", view.by_family(doc)),
            "", "### Requirements per level", "", _counts_table("level", view.by_level(doc))]
    failing = view.failures(doc)
    out += ["", f"### Failures ({len(failing)})", ""]
    out += ["\n\n".join(_failure(n, f) for n, f in enumerate(failing[:MAX_FAILURES], start=1)) or "None."]
    if len(failing) > MAX_FAILURES:
        out.append(f"\n… and {len(failing) - MAX_FAILURES} more: see the JSON or HTML report.")
    xfails = view.expected_failures(doc)
    if xfails:
        out += ["", f"### Expected failures ({len(xfails)})", "",
                _table(["case", "reason"], [[x.get("id", x.get("source", "")), x.get("expected_failure", "")]
                                            for x in xfails])]
    return "\n".join(out) + "\n"


def write(doc: dict, path=None, step_summary=None) -> None:
    """Write ``path`` whole, and append to the GitHub step summary file when one is given."""
    text = render(doc)
    if path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as fh:
            fh.write(text)
