"""``--badge FILE``: a shields.io endpoint JSON (https://shields.io/badges/endpoint-badge)
from the JSON report document. Publish the file at a stable URL (a gh-pages branch, a
gist) and show ``https://img.shields.io/endpoint?url=<that URL>``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conformance import report_view as view

LABEL = "orbiplex conformance"
COLOR = {"conformant": "brightgreen", "not conformant": "red", "partial": "orange", "errored": "lightgrey",
         "nothing certified": "lightgrey"}


def endpoint(doc: dict) -> dict:
    verdict = view.verdict(doc)
    message = verdict
    if verdict == "conformant":
        n = len(view.certified_families(doc))
        message = f"conformant · {n} famil{'y' if n == 1 else 'ies'} · {doc.get('profile')}"
    return {"schemaVersion": 1, "label": LABEL, "message": message, "color": COLOR[verdict]}


def write(doc: dict, path) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(endpoint(doc), ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
