"""ClientInstanceVerifier: runs the stages of this family and keeps the lifecycle ledger.

Each concern is a method (here or in the mixins) so that a seeded-bug variant
(tests/mutants/cir.py) overrides exactly one of them. Nothing reads the clock: ``now``
comes with every request.
"""

from __future__ import annotations

from conformance.catalogs.cir import CONTEXT_REQUIREMENTS

from ..shared import intake, rfc3339, schema
from .artifact import BIND, LIFECYCLE_KINDS, Artifact, Kind, kind_named
from .bind import BindChecks
from .ledger import Ledger
from .lifecycle import LifecycleChecks
from .result import Result, has_error
from .timing import TimeChecks


class ClientInstanceVerifier(BindChecks, TimeChecks, LifecycleChecks):
    def __init__(self, signing_prefix: str = "", choices: dict | None = None):
        self.signing_prefix = signing_prefix
        # declared interpretation choices (conformance.interpretations); C5 sets the clock tolerance
        self.time_choice = (choices or {}).get("C5", "suite")
        if self.time_choice == "no-tolerance":
            self.clock_skew = 0

    # ---- single concerns (mutants override these) ----
    def parse(self, raw: bytes):
        return intake.parse(raw)

    def schema_findings(self, data, kind: Kind) -> list:
        return schema.findings(data, kind.schema)

    def new_ledger(self) -> Ledger:
        return Ledger()

    def admissible(self, result: Result) -> bool:
        """Whether a judged lifecycle document enters the ledger (a refused one never does)."""
        return result.verdict == "valid"

    def admit(self, ledger: Ledger, art: Artifact) -> None:
        ledger.admit(art)

    # ---- requests ----
    def verify(self, raw: bytes, kind: str, now: str, context: list | None = None, level: str = "full") -> Result:
        """Judge one artifact; with ``context`` (earlier admitted artifacts, even none) the
        context rules are evaluated too. At level ``schema`` only intake and schema run.
        Bad arguments are a ValueError, not a finding."""
        k = kind_named(kind)
        if level not in ("schema", "full"):
            raise ValueError(f"level {level!r} is not 'schema' or 'full'")
        _require_instant(now)
        ledger = None if context is None else self.context_ledger(context)
        return self.judge(raw, k, now, ledger, level)[1]

    def lifecycle(self, items: list, now: str) -> list[Result]:
        """Judge each document against those admitted before it (a fresh ledger per call);
        admit it when valid."""
        _require_instant(now)
        kinds = [kind_named(name, LIFECYCLE_KINDS, f"documents[{i}].kind") for i, (name, _) in enumerate(items)]
        ledger = self.new_ledger()
        results = []
        for k, (_, raw) in zip(kinds, items):
            art, result = self.judge(raw, k, now, ledger)
            if art is not None and self.admissible(result):
                self.admit(ledger, art)
            results.append(result)
        return results

    def context_ledger(self, context: list) -> Ledger:
        """The request's context, taken as admitted: parsed and shape-checked (the ledger
        reads its members), never judged."""
        ledger = self.new_ledger()
        for i, (name, raw) in enumerate(context):
            k = kind_named(name, LIFECYCLE_KINDS, f"context[{i}].kind")
            try:
                data = intake.parse(raw)
            except intake.IntakeError as exc:
                raise ValueError(f"context[{i}] ({name}) is not I-JSON: {exc.finding.code}: {exc}") from None
            wrong = schema.findings(data, k.schema)
            if wrong:
                raise ValueError(f"context[{i}] ({name}) does not match its schema: "
                                 f"{wrong[0].code} at {wrong[0].pointer or '/'}: {wrong[0].message}")
            self.admit(ledger, Artifact(k, data))
        return ledger

    # ---- stages ----
    def judge(self, raw: bytes, kind: Kind, now: str, ledger: Ledger | None,
              level: str = "full") -> tuple[Artifact | None, Result]:
        """Stages 1-4; returns the artifact (None when it did not pass intake and schema) and
        the result. A stage runs only when the earlier ones found no error."""
        not_evaluated = self.unevaluated(kind, None if level == "schema" else ledger)
        try:
            data = self.parse(raw)
        except intake.IntakeError as exc:
            return None, Result([exc.finding], not_evaluated)
        found = self.schema_findings(data, kind)
        if found:
            return None, Result(found, not_evaluated)
        art = Artifact(kind, data)
        if level == "schema":
            return art, Result([], not_evaluated)
        found = self.artifact_findings(art, now)
        if has_error(found) or ledger is None or art.is_bind:
            return art, Result(found, not_evaluated)
        not_evaluated = self.check_context(art, ledger, found)
        return art, Result(found, not_evaluated)

    def unevaluated(self, kind: Kind, ledger: Ledger | None) -> tuple:
        # No context rule applies to a bare bind, so nothing is left unevaluated for one.
        return CONTEXT_REQUIREMENTS if ledger is None and kind.name != BIND else ()

    def artifact_findings(self, art: Artifact, now: str) -> list:
        out: list = []
        keys = self.check_identities(art, out)
        self.check_bind_key(art, out)
        self.check_via(art, out)
        self.check_participant_signature(art, keys.participant, out)
        self.check_node_attestations(art, keys.node, out)
        self.check_times(art, now, out)
        return out


def _require_instant(now) -> None:
    if not rfc3339.is_date_time(now):
        raise ValueError(f"now {now!r} is not an RFC 3339 date-time")
