"""The location x transformation coverage table (issue 13), as the families report it: per
artifact, per location (JSON pointer) and its kind, which transformations run there. Printed by
``conformance locations``, joined to ``conformance requirements --json`` and summarized in
CONFORMANCE.md (conformance/docs.py)."""

from __future__ import annotations

from conformance.families import families


def rows() -> list[dict]:
    """Every family's rows: family, artifact, pointer, kind, transformations (that ran),
    not-applicable, requirements (transformation -> requirement IDs), unreached (why, if so)."""
    return [{"family": f.family, **row} for f in families() if f.locations is not None for row in f.locations()]


def by_requirement(table: list[dict]) -> dict:
    """requirement ID -> [{artifact, pointer, kind, transformation}] of the pairs that cover it."""
    out: dict = {}
    for row in table:
        for name in row["transformations"]:
            for req in row["requirements"].get(name, ()):
                out.setdefault(req, []).append({"artifact": row["artifact"], "pointer": row["pointer"],
                                                "kind": row["kind"], "transformation": name})
    return out


def summary(table: list[dict]) -> list[tuple[str, str, int, list[str]]]:
    """(artifact, kind, number of locations, transformations that run at one of them at least)."""
    out: dict = {}
    for row in table:
        count, names = out.setdefault((row["artifact"], row["kind"]), [0, {}])
        out[(row["artifact"], row["kind"])][0] = count + 1
        names.update(dict.fromkeys(row["transformations"]))
    return [(a, k, n, list(names)) for (a, k), (n, names) in out.items()]


def text(table: list[dict]) -> str:
    lines = []
    for row in table:
        ran = ", ".join(row["transformations"]) or "none"
        tail = f"  (unreached: {row['unreached']})" if row.get("unreached") else ""
        lines.append(f"{row['artifact']:36s} {row['pointer'] or '(root)':58s} {row['kind']:14s} {ran}{tail}")
    pairs = sum(len(r["transformations"]) for r in table)
    lines.append(f"{len(table)} locations, {pairs} (location, transformation) pairs")
    return "\n".join(lines)
