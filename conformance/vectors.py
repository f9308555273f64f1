"""Golden vector files: Wycheproof-style JSON, one file per family and topic, plus a
manifest of SHA-256s (CONFORMANCE.md, "Vector format"). Export is byte-deterministic."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import conformance
from conformance import protocol
from conformance.case import MULTI_DOCUMENT, Case, Expected, OperationOutcome
from conformance.errors import HarnessError, bounded, parse_json, read_json_file
from conformance.families import families
from conformance.golden_dir import MANIFEST, bundled_dir  # noqa: F401 - part of this module's interface

OPERATION_ORDER = ("verify", "classify", "lifecycle", "evaluate")

FORMAT = "orbiplex-conformance-vectors.v1"
# vectors/ of a checkout is the package conformance.golden: export leaves its marker alone.
PACKAGE_MARKERS = ("__init__.py", "__pycache__")


def _test(tc_id: int, case: Case) -> dict:
    test = {"tcId": tc_id, "id": case.id, "comment": case.comment, "now": case.now, "trust": case.trust,
            "options": case.options}
    if case.context is not None:
        test["context"] = [protocol.encode_document(raw, kind) for kind, raw in case.context]
    if case.operation in MULTI_DOCUMENT:
        test["documents"] = case.encoded_documents()
        test["results"] = [e.as_dict() for e in case.expected]
    else:
        test["document"] = protocol.encode_document(case.documents[0])
        exp = case.expected[0]
        test.update({"result": exp.verdict, "class": exp.trust_class, "codes": list(exp.codes)})
        if case.operation == "evaluate":
            test["operations"] = [o.as_dict() for o in exp.operations]
    test["requirements"] = list(case.requirements)
    test["flags"] = list(case.flags)
    return test


def _file(family, topic: str, cases: list[Case], header=None) -> dict:
    flags = sorted({f for c in cases for f in c.flags})
    groups, tc_id = [], 0
    for operation in OPERATION_ORDER:  # one group per operation and kind, kinds in order of first use
        of_operation = [c for c in cases if c.operation == operation]
        for kind in dict.fromkeys(c.kind for c in of_operation):
            tests = [c for c in of_operation if c.kind == kind]
            groups.append({"operation": operation, "kind": kind,
                           "tests": [_test(tc_id + i, c) for i, c in enumerate(tests, start=1)]})
            tc_id += len(tests)
    return {
        "format": FORMAT,
        "generator": f"orbiplex-conformance {conformance.__version__}",
        "family": family.family,
        "kind": family.kind,
        "topic": topic,
        "numberOfTests": len(cases),
        "header": list(header or family.header),
        "notes": {f: family.flag_notes[f] for f in flags if f in family.flag_notes},
        "keys": family.keys(cases),
        "testGroups": groups,
    }


def case_file(case: Case, note: str = "") -> bytes:
    """One case as a vector file of its own: what --failures-dir writes and `replay` reads."""
    family = family_for(case)
    return _dump(_file(family, "replay", [case], [note or f"A single case: {case.id}"]))


def family_for(case: Case):
    name = protocol.FAMILY_OF_KIND.get(case.kind)
    for family in families():
        if family.family == name:
            return family
    raise HarnessError(f"case {case.id}: no vector family for kind {case.kind!r}")


def files_for(cases: list[Case]) -> dict[str, bytes]:
    """Relative path -> exact bytes, for every vector file and the manifest."""
    out: dict[str, bytes] = {}
    for family in families():
        mine = [c for c in cases if protocol.FAMILY_OF_KIND.get(c.kind) == family.family]
        for topic in family.topics:
            group = [c for c in mine if family.topic(c) == topic]
            if group:
                out[f"{family.family}/{topic}.json"] = _dump(_file(family, topic, group))
        stray = sorted({family.topic(c) for c in mine} - set(family.topics))
        if stray:
            raise HarnessError(f"{family.family}: vector topics {stray} are not in its topic list")
    manifest = {"format": FORMAT, "files": {path: hashlib.sha256(data).hexdigest() for path, data in sorted(out.items())}}
    out[MANIFEST] = _dump(manifest)
    return out


def _dump(value) -> bytes:
    return (json.dumps(value, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def generate() -> dict[str, bytes]:
    return files_for([c for family in families() for c in family.cases()])


def export(out_dir: Path) -> dict[str, bytes]:
    """Write the vectors to ``out_dir`` and remove the vector files an earlier export wrote
    that this one does not (stale topics would fail `vectors verify`). Refuses a directory
    holding files an export does not own (anything but MANIFEST.json and FAMILY/*.json)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise HarnessError(f"--out {out_dir}: not a directory")
    files = generate()
    owned_dirs = {rel.split("/")[0] for rel in files if "/" in rel}
    foreign, stale = [], []
    if out_dir.is_dir():
        for path in sorted(out_dir.rglob("*")):
            rel = path.relative_to(out_dir).as_posix()
            if (path.is_dir() and rel in owned_dirs) or rel.split("/")[0] in PACKAGE_MARKERS:
                continue
            owned = rel == MANIFEST or (path.is_file() and path.suffix == ".json" and "/" in rel
                                        and rel.split("/")[0] in owned_dirs and rel.count("/") == 1)
            if not owned:
                foreign.append(rel)
            elif rel not in files:
                stale.append(path)
    if foreign:
        raise HarnessError(f"--out {out_dir}: holds files a vector export does not write ({', '.join(foreign[:5])}"
                           f"{', …' if len(foreign) > 5 else ''}); choose an empty directory or remove them")
    for path in stale:
        path.unlink()
    for rel, data in files.items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def check_manifest(root: Path) -> list[str]:
    """Problems with the manifest of the vectors under ``root`` (empty when intact)."""
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        return [f"{manifest_path}: no manifest"]
    try:
        listed = read_json_file("", manifest_path)["files"]
        if not isinstance(listed, dict):
            raise TypeError("'files' is not an object")
    except HarnessError as exc:
        return [str(exc)]
    except (KeyError, TypeError) as exc:
        return [f"{manifest_path}: unreadable manifest ({exc})"]
    problems = []
    for rel, digest in listed.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{path}: listed in the manifest but missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path}: SHA-256 differs from the manifest")
    present = {p.relative_to(root).as_posix() for p in root.glob("*/*.json")}
    for rel in sorted(present - set(listed)):
        problems.append(f"{root / rel}: not listed in the manifest")
    return problems


def load(root: Path) -> list[tuple[str, Case]]:
    """(source, case) for every test in the vector files under ``root``."""
    return [item for path in sorted(root.glob("*/*.json")) for item in load_file(path)]


# (path, SHA-256 of the bytes) -> the file's tests: a run reads the vectors twice (--only's check,
# then the run), each read validating every file against the vector-file schema. Bounded: a
# long-lived process (the pytest plugin) reading many directories keeps only the latest.
_LOADED: dict[tuple[str, bytes], tuple] = {}
_LOADED_MAX = 512


def load_file(path: Path) -> list[tuple[str, Case]]:
    """Every test of one vector file, after the file validates against the shipped
    vector-file schema (CONFORMANCE.md, "Vector format") and holds at least one test."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise HarnessError(f"{path}: {exc.strerror or exc}") from None
    key = (str(path), hashlib.sha256(raw).digest())
    if key not in _LOADED:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        _LOADED[key] = tuple(_parse_file(path, raw))
    return list(_LOADED[key])


def _parse_file(path: Path, raw: bytes) -> list[tuple[str, Case]]:
    doc = parse_json(str(path), raw)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise HarnessError(f"{path}: not a vector file (format is not {FORMAT!r})")
    problem = schema_problem(doc)
    if problem:
        raise HarnessError(f"{path} {problem}")
    out = []
    for gi, group in enumerate(doc["testGroups"]):
        for ti, test in enumerate(group["tests"]):
            where = f"{path} at /testGroups/{gi}/tests/{ti}"
            try:
                out.append((f"{path.parent.name}/{path.name}#{test['tcId']}", case_from_test(group, test)))
            except (KeyError, TypeError, ValueError, protocol.ProtocolError) as exc:
                raise HarnessError(f"{where}: malformed test ({bounded(str(exc))})") from None
    if len(out) != doc["numberOfTests"]:
        raise HarnessError(f"{path} at /numberOfTests: says {doc['numberOfTests']}, the file holds {len(out)} tests")
    return out


def schema_problem(doc) -> str:
    """The first violation of vector-file.v1.json, as "at POINTER: message" (empty when valid)."""
    from conformance.reference.shared import fast_schema, schema as reference_schema
    from conformance.reference.shared.findings import pointer

    if fast_schema.accepts(doc, "vector-file.v1.json"):  # jsonschema only names a rejection's problem
        return ""
    errors = sorted(reference_schema.validator("vector-file.v1.json").iter_errors(doc),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return ""
    first = errors[0]
    return f"at {pointer(*first.absolute_path) or '/'}: {bounded(first.message)} (schema vector-file.v1.json)"


def case_from_test(group: dict, test: dict) -> Case:
    operation = group["operation"]
    kinds: tuple = ()
    if operation in MULTI_DOCUMENT:
        documents = tuple(protocol.decode_document(d) for d in test["documents"])
        if operation == "lifecycle":
            kinds = tuple(protocol.document_kind(d) for d in test["documents"])
        expected = tuple(Expected(r["result"], r["class"], tuple(r["codes"])) for r in test["results"])
    else:
        documents = (protocol.decode_document(test["document"]),)
        operations = tuple(OperationOutcome.from_dict(o) for o in test.get("operations", ()))
        expected = (Expected(test["result"], test["class"], tuple(test["codes"]), operations),)
    context = test.get("context")
    if context is not None:
        context = tuple((protocol.document_kind(d), protocol.decode_document(d)) for d in context)
    return Case(id=test["id"], operation=operation, documents=documents, now=test["now"], expected=expected,
                requirements=tuple(test["requirements"]), flags=tuple(test["flags"]), comment=test.get("comment", ""),
                trust=test["trust"], options=test["options"], kind=group.get("kind", protocol.KIND_NAA),
                document_kinds=kinds, context=context)
