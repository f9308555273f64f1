"""The HTML report: one self-contained page (inline CSS and script, no network) rendered
from the JSON report document. Summary first, then per-family, per-level and
per-requirement tables with pass/fail bars, each failure expandable (diff of expected vs
actual, the documents pretty-printed, a replay command with a copy button), and the cases
that passed, collapsed. Everything taken from the report is HTML-escaped.

Opened with ``#selftest`` the page checks itself (tests/test_html_report.py runs it in a
headless browser): it expands every failure by clicking its summary, measures horizontal
overflow and writes the result as JSON into ``<pre id="selftest">``.
"""

from __future__ import annotations

import difflib
import html
import re

from conformance import report_view as view
from conformance.safe_text import safe_tree

MAX_DOC_CHARS = 20000
COLOR = {"conformant": "#1a7f37", "not conformant": "#cf222e", "partial": "#bc4c00", "errored": "#6e7781",
         "nothing certified": "#6e7781"}
BAR = {"pass": "#2da44e", "fail": "#cf222e", "expected failure": "#bf8700", "not applicable": "#8c959f",
       "not run": "#d0d7de", "strict-fail": "#54aeff"}

CSS = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:12px;max-width:1100px;color:#1f2328}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}
.verdict{color:#fff;padding:12px 16px;border-radius:8px}
.verdict p{margin:.3em 0 0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;padding:8px;border-radius:6px;margin:.4em 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;min-width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:flex;height:10px;min-width:80px;border-radius:5px;overflow:hidden;background:#eee}
.bar span{display:block;height:100%}
.legend span{display:inline-block;margin-right:10px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
details{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 8px}
details.failure{border-left:4px solid #cf222e}
summary{cursor:pointer;overflow-wrap:anywhere}
.del{background:#ffebe9;display:block}.add{background:#dafbe1;display:block}
.replay{display:flex;gap:6px;align-items:flex-start}.replay pre{flex:1;min-width:0}
button{font:inherit;padding:4px 10px;border-radius:6px;border:1px solid #d0d7de;background:#f6f8fa;cursor:pointer}
ul.notes li{overflow-wrap:anywhere}
.status-FAIL,.status-SKIPPED{color:#cf222e;font-weight:600}
"""

SCRIPT = r"""
var selftestErrors = [];
window.addEventListener('error', function (e) { selftestErrors.push(String(e.message)); });
function copyText(button) {
  var text = button.parentNode.querySelector('pre').textContent;
  function done(ok) { button.textContent = ok ? 'copied' : 'copy failed'; }
  function fallback() {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area); done(ok);
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
  } else { fallback(); }
}
document.addEventListener('click', function (e) {
  if (e.target && e.target.classList && e.target.classList.contains('copy')) copyText(e.target);
});
function selftest() {
  var failures = document.querySelectorAll('details.failure');
  var hiddenBefore = 0, shownAfter = 0;
  failures.forEach(function (d) {
    var body = d.querySelector('.body');
    if (!d.open && body && !body.checkVisibility()) hiddenBefore++;
    d.querySelector('summary').click();
    if (d.open && body && body.checkVisibility() && body.offsetHeight > 0) shownAfter++;
  });
  document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  var wide = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && !el.closest('.scroll')) wide.push(el.tagName + '.' + el.className);
  });
  var visible = Array.prototype.filter.call(failures, function (d) { return d.offsetHeight > 0; }).length;
  var out = document.createElement('pre');
  out.id = 'selftest';
  out.textContent = JSON.stringify({
    failures: failures.length, visible: visible, hiddenBefore: hiddenBefore, shownAfter: shownAfter,
    innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
    overflowing: wide.slice(0, 10), errors: selftestErrors, scripts: document.scripts.length,
    injected: window.__injected === true, copyButtons: document.querySelectorAll('button.copy').length
  });
  document.body.appendChild(out);
}
if (location.hash === '#selftest') window.addEventListener('load', selftest);
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _title(req_id: str) -> str:
    """A catalog title (the suite's own text), escaped, its `code spans` shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(view.requirement_title(req_id)))


def _bar(row: dict) -> str:
    total = sum(row[c] for c in view.COLUMNS) or 1
    spans = "".join(f"<span style='width:{100 * row[c] / total:.2f}%;background:{BAR[c]}' title='{_e(c)}: {row[c]}'></span>"
                    for c in view.COLUMNS if row[c])
    return f"<div class='bar'>{spans}</div>"


def _table(header: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    return f"<div class='scroll'><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def _counts_table(first: str, groups) -> str:
    rows = [f"<tr><td>{_e(name)}</td><td>{_bar(row)}</td>"
            + "".join(f"<td class='n'>{row[c]}</td>" for c in view.COLUMNS) + f"<td class='n'>{row['cases']}</td></tr>"
            for name, row in groups]
    return _table([first, "", *view.COLUMNS, "cases"], rows)


def _requirements_table(doc: dict) -> str:
    rows = []
    for r in doc.get("requirements", []):
        counts = {k: v for k, v in (r.get("counts") or {}).items() if isinstance(v, int)}
        status = str(r.get("status", ""))
        row = {c: 0 for c in view.COLUMNS}
        for k, v in counts.items():
            row[{"pass": "pass", "strict-fail": "pass", "expected-failure": "expected failure",
                 "not-applicable": "not applicable"}.get(k, "fail")] += v
        cases = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
        rows.append(f"<tr><td><code>{_e(r.get('id', ''))}</code></td><td>{_e(r.get('level', ''))}</td>"
                    f"<td class='status-{_e(status.split()[0] if status else '')}'>{_e(status)}</td>"
                    f"<td>{_bar(row) if counts else ''}</td><td>{_e(cases)}</td>"
                    f"<td>{_title(r.get('id', ''))}</td></tr>")
    return _table(["requirement", "level", "status", "", "cases", "statement"], rows)


def _diff(expected: str, actual: str) -> str:
    lines = []
    for line in difflib.unified_diff(expected.splitlines(), actual.splitlines(), "expected", "actual", lineterm="", n=3):
        cls = "add" if line.startswith("+") and not line.startswith("+++") else \
            "del" if line.startswith("-") and not line.startswith("---") else ""
        lines.append(f"<span class='{cls}'>{_e(line)}</span>" if cls else _e(line))
    return "<pre class='diff'>" + ("\n".join(lines) or "(no difference in the outcomes themselves)") + "</pre>"


def _failure(f: dict) -> str:
    reqs = list(f.get("requirements") or [])
    name = f.get("property") or f.get("id") or f.get("source", "?")
    parts = ["<ul class='notes'>"]
    parts += [f"<li><code>{_e(q)}</code> {_title(q)}</li>" for q in reqs]
    parts.append(f"<li>case <code>{_e(f.get('id', ''))}</code> ({_e(f.get('source', ''))}), status {_e(f.get('status', ''))}</li>")
    if f.get("now") is not None:
        parts.append(f"<li>now <code>{_e(f['now'])}</code>, options <code>{_e(f.get('options'))}</code></li>")
    parts.append("</ul>")
    parts.append(f"<h3>Difference</h3><pre>{_e(f.get('message', ''))}</pre>")
    if "expected" in f or "actual" in f:
        parts.append("<h3>Expected vs actual</h3>"
                     + _diff(view.outcome_json(f.get("expected")), view.outcome_json(f.get("actual"))))
    for i, d in enumerate(f.get("documents") or []):
        parts.append(f"<h3>Document {i}</h3><pre>{_e(view.bounded(view.document_text(d), MAX_DOC_CHARS))}</pre>")
    for i, d in enumerate(f.get("context") or []):
        parts.append(f"<h3>Context {i}</h3><pre>{_e(view.bounded(view.document_text(d), MAX_DOC_CHARS))}</pre>")
    if f.get("replay"):
        parts.append(f"<h3>Replay</h3><div class='replay'><pre>{_e(f['replay'])}</pre>"
                     "<button type='button' class='copy'>copy</button></div>")
    head = f"{name}: {', '.join(reqs) or 'no requirement'}: {f.get('message', '')}"
    return f"<details class='failure'><summary>{_e(view.bounded(head, 400))}</summary><div class='body'>{''.join(parts)}</div></details>"


def render(doc: dict) -> str:
    doc = safe_tree(doc)  # implementation text: controls and lone surrogates escaped
    verdict = view.verdict(doc)
    impl = doc.get("implementation") or {}
    title = f"Conformance of {impl.get('name', '?')}: {verdict}"
    meta = (f"{impl.get('name', '?')} {impl.get('version', '')} ({impl.get('language', '?')}) · adapter "
            f"{doc.get('adapter')} · profile {doc.get('profile')} · level {doc.get('level')} · seed {doc.get('seed')} · "
            f"{doc.get('seconds', 0)} s · {doc.get('suite', '')}")
    failing = view.failures(doc)
    body = [f"<header class='verdict' style='background:{COLOR.get(verdict, '#6e7781')}'><h1>{_e(verdict.upper())}</h1>"
            f"<p>{_e(meta)}</p><p>{len(failing)} failing case(s), {len(doc.get('vectors', []))} vectors, "
            f"{len(doc.get('properties', []))} properties</p></header>"]
    notes = view.run_flags(doc)
    if notes:
        body.append("<ul class='notes'>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    legend = "".join(f"<span><i style='background:{BAR[c]}'></i>{_e(c)}</span>" for c in view.COLUMNS)
    body += ["<h2>Certified scope</h2>",
             _table(["", "value"], [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in view.scope_rows(doc)]),
             f"<h2>Requirements per family</h2><p class='legend'>{legend}</p>", _counts_table("family", view.by_family(doc)),
             "<h2>Requirements per level</h2>", _counts_table("level", view.by_level(doc)),
             f"<h2>Failures ({len(failing)})</h2>"]
    body += [_failure(f) for f in failing] or ["<p>None.</p>"]
    xfails = view.expected_failures(doc)
    if xfails:
        body += [f"<h2>Expected failures ({len(xfails)})</h2>",
                 _table(["case", "reason"], [f"<tr><td><code>{_e(x.get('id', x.get('source', '')))}</code></td>"
                                             f"<td>{_e(x.get('expected_failure', ''))}</td></tr>" for x in xfails])]
    body += ["<h2>Requirements</h2>", _requirements_table(doc)]
    passing = view.passing_cases(doc)
    rows = [f"<tr><td>{_e(kind)}</td><td><code>{_e(name)}</code></td><td>{_e(status)}</td></tr>" for kind, name, status in passing]
    body.append(f"<h2>Cases that did not fail</h2><details><summary>{len(passing)} case(s)</summary>"
                f"{_table(['', 'case', 'status'], rows)}</details>")
    return ("<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>{''.join(body)}"
            f"<script>{SCRIPT}</script></body></html>\n")
