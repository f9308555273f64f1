"""Declaring interpretation choices: ``--interpret ID=CHOICE`` (repeatable), ``--interpretations
FILE`` and the old ``--signing-prefix`` / ``--privacy-order`` spellings, joined into one
``Declared`` set the runner builds its cases under.

A declaration names a catalogued interpretation and one of its choices. An unknown id or
choice, a malformed value, or a catalogued alternative the case builders cannot build
expectations for yet is a HarnessError (exit 2): a choice is never silently ignored.

File format::

    {"interpretations": {"I2": "prefix:my-domain/v1", "S1": ["SecretCredential", ...]}}

A value is a choice id (with its ``:VALUE`` for the parameterized ones); for S1 a JSON list
stands for ``order:<list>`` and a JSON object for ``partial:<object>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from conformance.catalogs.interpretations import INTERPRETATIONS
from conformance.errors import HarnessError, read_json_file

BY_ID = {i.id: i for i in INTERPRETATIONS}
_OWN_OPTION = ("I2", "S1")  # carried by options["signing-prefix"] / options["privacy-order"]
# Codes of the stages before any signature or order is used: a vector that stops there
# assumes no choice of I2 / S1.
_EARLY_CODES = frozenset({"schema-discriminator", "schema-required", "schema-closed", "schema-shape",
                          "timestamp-invalid", "evidence-kind-unknown", "advertisement-form", "transcript-required",
                          "certificate-required", "emergency-unbounded", "locality-unknown", "storage-class-unknown",
                          "custody-unknown", "privacy-unknown", "id-duplicate", "reference-unknown"})

_DECIDED_EARLY = frozenset({"I1"})  # an interpretation that decides an intake outcome (a duplicate member name)


@dataclass
class Declared:
    choices: dict = field(default_factory=dict)  # interpretation id -> choice text, as declared

    def choice(self, interp_id: str) -> str:
        return self.choices.get(interp_id, BY_ID[interp_id].default)

    @property
    def signing_prefix(self) -> str:
        c = self.choice("I2")
        return c[len("prefix:"):] if c.startswith("prefix:") else ""

    @property
    def privacy_order(self):
        c = self.choice("S1")
        for prefix in ("order:", "partial:"):  # a list, or {"order": [...], "incomparable": [...]}
            if c.startswith(prefix):
                return json.loads(c[len(prefix):])
        return None

    def property_options(self) -> dict:
        """The options the families build their properties with: the old ``privacy-order`` and
        ``interpretations`` (the declared choices other than I2 / S1, which keep their own options)."""
        order = self.privacy_order
        out = {"privacy-order": order} if order is not None else {}
        rest = {k: v for k, v in self.as_json().items() if k not in _OWN_OPTION}
        if rest:
            out["interpretations"] = rest
        return out

    def as_json(self) -> dict:
        return dict(sorted(self.choices.items(), key=lambda kv: _sort_key(kv[0])))

    def text(self) -> str:
        if not self.choices:
            return "suite defaults"
        return "; ".join(f"{k}={v}" for k, v in self.as_json().items()) + "; others at the suite's default"

    def not_applicable(self, case) -> str:
        """Why a vector built under other choices does not apply (empty when it does)."""
        assumed = assumed_choices(case)
        for interp_id, choice in assumed.items():
            if self.choice(interp_id) != choice:
                return (f"the vector assumes interpretation {interp_id}={choice}; declared "
                        f"{interp_id}={self.choice(interp_id)}")
        return ""


def _sort_key(interp_id: str):
    return (interp_id[0], int(interp_id[1:]))


def assumed_choices(case) -> dict:
    """The choices a vector's expected outcome depends on: those its ``options`` record (the
    old ``signing-prefix`` / ``privacy-order``, and ``interpretations`` for a vector built under
    other choices), and, for a vector built under the defaults, the default of every
    interpretation whose boundary its content touches (conformance/dependence.py). A vector
    that stops at intake or schema assumes none, except for a duplicate member name (I1)."""
    from conformance import dependence

    if all(e.verdict == "invalid" and e.codes and all(c.startswith("json-") or c in _EARLY_CODES for c in e.codes)
           for e in case.expected):
        return {i: BY_ID[i].default for i in dependence.touched(case) if i in _DECIDED_EARLY}

    options = case.options or {}
    out = {interp_id: BY_ID[interp_id].default for interp_id in dependence.touched(case)}
    out.update(options.get("interpretations") or {})
    if "signing-prefix" in options:
        prefix = options["signing-prefix"]
        out["I2"] = "empty" if prefix == "" else f"prefix:{prefix}"
    if "privacy-order" in options:
        from conformance.reference.storage.vocab import DEFAULT_PRIVACY_ORDER

        order = options["privacy-order"]
        if isinstance(order, dict):
            out["S1"] = f"partial:{_compact(order)}"
        else:
            out["S1"] = "suite" if list(order) == list(DEFAULT_PRIVACY_ORDER) else f"order:{_compact(order)}"
    return out


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _check(interp_id: str, choice: str, where: str) -> str:
    """The normalized choice text, or a HarnessError naming ``where`` (the option or file)."""
    interp = BY_ID.get(interp_id)
    if interp is None:
        raise HarnessError(f"{where}: interpretation {interp_id!r} is not catalogued "
                           f"(known: {', '.join(BY_ID)}; see `conformance interpretations`)")
    found = interp.choice(choice)
    if found is None:
        names = ", ".join(c.id + ("VALUE" if c.id.endswith(":") else "") for c in interp.choices)
        raise HarnessError(f"{where}: interpretation {interp_id}: no choice {choice!r} (choices: {names})")
    if not found.supported:
        raise HarnessError(f"{where}: interpretation {interp_id}: choice {choice} is catalogued but not yet "
                           f"supported by the case builders")
    if found.id in ("order:", "partial:"):
        return found.id + _compact(_privacy_order(choice[len(found.id):], where, partial=found.id == "partial:"))
    return choice


def _privacy_order(text: str, where: str, partial: bool = False):
    from conformance.reference.storage.order import OptionError, privacy_ranks

    name = "partial:" if partial else "order:"
    try:
        order = json.loads(text)
    except ValueError as exc:
        raise HarnessError(f"{where}: interpretation S1: {name}{text[:80]} is not JSON ({exc})") from None
    expected = ('{"order": [...], "incomparable": [classes]}: the order ranks every other class once, narrowest '
                'first' if partial else "a list, narrowest first, ranking each of the seven privacy classes once")
    try:
        if isinstance(order, dict) != partial:
            raise OptionError(f"{name} takes " + ("an object" if partial else "a list"))
        privacy_ranks(order)
    except OptionError as exc:
        raise HarnessError(f"{where}: interpretation S1: {exc} (expected {expected}; CONFORMANCE.md, S1)") from None
    return order


def parse_assignment(text: str) -> tuple[str, str]:
    interp_id, sep, choice = text.partition("=")
    if not sep or not interp_id or not choice:
        raise HarnessError(f"--interpret {text!r}: expected ID=CHOICE (e.g. I2=prefix:TEXT)")
    return interp_id.strip(), choice


def load_file(path: str) -> dict:
    """``--interpretations FILE``: id -> choice text (values checked by ``declare``)."""
    label = f"--interpretations {path}"
    data = read_json_file("--interpretations", path)
    if not isinstance(data, dict) or set(data) != {"interpretations"} or not isinstance(data["interpretations"], dict):
        raise HarnessError(f"{label}: expected {{\"interpretations\": {{ID: CHOICE, ...}}}} at the top level (pointer '')")
    out = {}
    for interp_id, value in data["interpretations"].items():
        pointer = f"/interpretations/{interp_id.replace('~', '~0').replace('/', '~1')}"
        if interp_id == "S1" and isinstance(value, list):
            value = "order:" + _compact(value)
        elif interp_id == "S1" and isinstance(value, dict):
            value = "partial:" + _compact(value)
        if not isinstance(value, str):
            raise HarnessError(f"{label} (pointer {pointer}): expected a choice string, got {type(value).__name__}")
        out[interp_id] = (value, f"{label} (pointer {pointer})")
    return out


def declare(assignments: list[str] | None = None, file: str | None = None, signing_prefix: str | None = None,
            privacy_order_file: str | None = None) -> Declared:
    """Join every way of declaring choices; the same interpretation declared twice differently is an error."""
    given: dict = {}

    def add(interp_id: str, choice: str, where: str) -> None:
        choice = _check(interp_id, choice, where)
        if interp_id in given and given[interp_id][0] != choice:
            raise HarnessError(f"{where}: interpretation {interp_id} declared twice ({given[interp_id][0]} by "
                               f"{given[interp_id][1]}, {choice} here)")
        given[interp_id] = (choice, where)

    if file:
        for interp_id, (choice, where) in load_file(file).items():
            add(interp_id, choice, where)
    for text in assignments or []:
        interp_id, choice = parse_assignment(text)
        add(interp_id, choice, f"--interpret {text}")
    if signing_prefix:
        add("I2", f"prefix:{signing_prefix}", "--signing-prefix")
    if privacy_order_file:
        order = read_json_file("--privacy-order", privacy_order_file)
        add("S1", "order:" + _compact(order), f"--privacy-order {privacy_order_file}")
    return Declared({k: v for k, (v, _) in given.items() if v != BY_ID[k].default})


def catalog_json() -> list[dict]:
    return [{"id": i.id, "family": i.family, "title": i.title, "default": i.default, "reasoning": i.reasoning,
             "source": i.source, "affects": list(i.affects), "doc": f"CONFORMANCE.md{i.doc}" if i.doc else "",
             "choices": [{"id": c.id, "description": c.description, "supported": c.supported,
                          "default": c.id == i.default} for c in i.choices]}
            for i in INTERPRETATIONS]


def affecting(req_id: str) -> list[str]:
    return [i.id for i in INTERPRETATIONS if req_id in i.affects]
