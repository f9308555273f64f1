"""The generated parts of CONFORMANCE.md (requirement catalog and outcome codes).

``python -m conformance.docs [FILE]`` rewrites the text between the ``<!-- NAME:begin -->``
and ``<!-- NAME:end -->`` markers; tests/test_catalog.py checks the file is current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conformance import catalog


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalog_table() -> str:
    rows = ["| ID | level | requirement | source | codes |", "|---|---|---|---|---|"]
    for r in catalog.REQUIREMENTS:
        codes = ", ".join(f"`{c}`" for c in r.codes) or "(trust class)"
        rows.append(f"| {r.id} | {r.level} | {_cell(r.title)} | {_cell(r.source)} | {codes} |")
    return "\n".join(rows)


def codes_table() -> str:
    rows = ["| family | code | severity | requirement | meaning |", "|---|---|---|---|---|"]
    for c in catalog.CODES:
        rows.append(f"| {c.family} | `{c.code}` | {c.severity} | {c.requirement} | {_cell(c.meaning)} |")
    return "\n".join(rows)


def interpretations_table() -> str:
    from conformance.catalogs.interpretations import INTERPRETATIONS

    rows = ["| ID | family | open point | default | alternatives (declare with `--interpret ID=CHOICE`) | affects |",
            "|---|---|---|---|---|---|"]
    for i in INTERPRETATIONS:
        alts = "; ".join(f"`{c.id}{'VALUE' if c.id.endswith(':') else ''}`" + ("" if c.supported else " (not yet supported)")
                         for c in i.alternatives) or "—"
        title = f"[{_cell(i.title)}]({i.doc})" if i.doc else _cell(i.title)
        rows.append(f"| {i.id} | {i.family} | {title} | `{i.default}` | {alts} | {', '.join(i.affects)} |")
    return "\n".join(rows)


def _schema_block(name: str) -> str:
    from importlib import resources

    text = resources.files("conformance.schemas").joinpath(name).read_text("utf-8").rstrip("\n")
    return f"```json\n{text}\n```"


def vector_schema() -> str:
    return _schema_block("vector-file.v1.json")


def bundle_schema() -> str:
    return _schema_block("storage-policy-bundle.v1.json")


def receipt_schema() -> str:
    return _schema_block("storage-receipt.v1.json")


def locations_table() -> str:
    from conformance import locations

    rows = ["| artifact | location kind | locations | transformations that run there |", "|---|---|---|---|"]
    for artifact, kind, count, names in locations.summary(locations.rows()):
        rows.append(f"| {artifact} | {kind} | {count} | {', '.join(f'`{n}`' for n in names) or '—'} |")
    return "\n".join(rows)


GENERATED = {"interpretations": interpretations_table, "catalog": catalog_table, "codes": codes_table, "vector-schema": vector_schema,
             "bundle-schema": bundle_schema, "receipt-schema": receipt_schema, "locations": locations_table}


def _pattern(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- {name}:begin -->\n)(.*?)(\n<!-- {name}:end -->)", re.S)


def section(text: str, name: str) -> str | None:
    m = _pattern(name).search(text)
    return m.group(2) if m else None


def regenerate(text: str) -> str:
    for name, make in GENERATED.items():
        text = _pattern(name).sub(lambda m: m.group(1) + make() + m.group(3), text)
    return text


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "CONFORMANCE.md")
    path.write_text(regenerate(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
