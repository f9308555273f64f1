"""The runner: sends every case (golden vectors, then Hypothesis properties) through an
adapter and compares each reply with the outcome the case was built with.

Each property runs under its own seed, derived from the run seed and the property id,
so ``--only`` reproduces one property exactly. A failing property is shrunk by
Hypothesis to a minimal counterexample, which is reported with the requirement, the
expected and actual outcomes, and a replay command.
"""

from __future__ import annotations

import fnmatch
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.stateful import run_state_machine_as_test

from conformance import vectors as vector_files
from conformance.case import Case, compare
from conformance.profiles import Profile

PASS, FAIL, STRICT_FAIL, ERRORED, SKIPPED, NOT_APPLICABLE = (
    "pass", "fail", "strict-fail", "errored", "skipped", "not-applicable")
LEVELS = ("verdict", "strict")


@dataclass
class CaseResult:
    source: str  # vector file#tcId, or property id
    case: Case
    status: str
    message: str = ""
    actual: list | None = None
    replay: str = ""
    expected: str = ""  # the reason, when an expected-failures entry covers this failure


@dataclass
class PropertyResult:
    id: str
    title: str
    requirements: tuple
    seed: int
    examples: int = 0
    status: str = PASS
    failure: CaseResult | None = None
    seconds: float = 0.0


@dataclass
class RunResult:
    adapter: str
    implementation: dict
    profile: str
    seed: int
    level: str
    vectors: list = field(default_factory=list)  # CaseResult
    properties: list = field(default_factory=list)  # PropertyResult
    counts: dict = field(default_factory=dict)  # requirement -> status -> n
    interrupted: bool = False
    seconds: float = 0.0
    first_bad_message: str | None = None
    problems: list = field(default_factory=list)  # run-level failures (e.g. unexpected passes)

    def failures(self) -> list[CaseResult]:
        found = [r for r in self.vectors if self.is_failure(r.status)]
        found += [p.failure for p in self.properties if p.failure is not None and self.is_failure(p.status)]
        return found

    def is_failure(self, status: str) -> bool:
        """Skipped is not a pass: a case the implementation declines leaves it uncertified.
        (An operation it never claimed is not applicable, and fails nothing.)"""
        return status in (FAIL, ERRORED, SKIPPED) or (status == STRICT_FAIL and self.level == "strict")

    def passed(self) -> int:
        return sum(c.get(PASS, 0) + c.get(STRICT_FAIL, 0) for c in self.counts.values())

    @property
    def conformant(self) -> bool:
        return not self.interrupted and not self.failures() and not self.problems and self.passed() > 0


class _Mismatch(AssertionError):
    pass


def selected(patterns: list[str] | None, *ids: str) -> bool:
    if not patterns:
        return True
    return any(fnmatch.fnmatchcase(i, p) for p in patterns for i in ids if i)


class Runner:
    def __init__(self, adapter, adapter_spec: str, profile: Profile, seed: int, level: str = "verdict",
                 only: list[str] | None = None, exitfirst: bool = False, signing_prefix: str = "",
                 privacy_order: str | None = None,
                 vectors_dir: Path | None = None, echo=print, validate_messages: bool = False, progress=None):
        self.adapter = adapter
        self.adapter_spec = adapter_spec
        self.profile = profile
        self.seed = seed
        self.level = level
        self.only = only
        self.exitfirst = exitfirst
        self.signing_prefix = signing_prefix
        self.privacy_order = privacy_order  # a file with a substituted privacy order (storage bundles)
        self.property_options = {}
        if privacy_order:
            from conformance.errors import read_json_file

            self.property_options["privacy-order"] = read_json_file("--privacy-order", privacy_order)
        self.vectors_dir = vectors_dir
        self.vectors_only = False  # set by run_vectors_only: replay commands then use `vectors verify`
        self.echo = echo
        self.validate_messages = validate_messages
        self.progress = progress or (lambda result: None)
        self.seq = 0
        self.operations: set = set()
        self.kinds: set = set()
        self.result: RunResult | None = None
        self.stop_requested = False  # set by a signal handler; see cli._interruptible

    # ---- one case ----
    def applicable(self, operation: str, kind: str) -> str:
        """Why the implementation cannot be asked this (empty when it can)."""
        if operation not in self.operations:
            return f"the implementation does not support {operation!r}"
        if kind not in self.kinds:
            return f"the implementation does not support kind {kind!r}"
        return ""

    def _stop_if_requested(self) -> None:
        if self.stop_requested:
            raise KeyboardInterrupt

    def execute(self, case: Case, source: str) -> CaseResult:
        self._stop_if_requested()
        why = self.applicable(case.operation, case.kind)
        if why:
            return CaseResult(source, case, NOT_APPLICABLE, why)
        request = self._next_request(case)
        return self.judge(case, source, request, self.adapter.request(request))

    def execute_many(self, cases: list[tuple[str, Case]]) -> list[CaseResult]:
        """Like execute, for many cases at once: adapters that can pipeline do."""
        self._stop_if_requested()
        runnable = [(s, c, self._next_request(c)) for s, c in cases if not self.applicable(c.operation, c.kind)]
        replies = iter(self.adapter.request_many([r for _, _, r in runnable]))
        judged = {id(c): self.judge(c, s, r, next(replies)) for s, c, r in runnable}
        return [judged.get(id(c)) or CaseResult(s, c, NOT_APPLICABLE, self.applicable(c.operation, c.kind))
                for s, c in cases]

    def _next_request(self, case: Case) -> dict:
        self.seq += 1
        return case.request(self.seq)

    def judge(self, case: Case, source: str, request: dict, reply) -> CaseResult:
        line = reply.pop("_line", None) if isinstance(reply, dict) else None
        if not isinstance(reply, dict) or reply.get("seq") != request["seq"]:
            got = reply.get("seq") if isinstance(reply, dict) else type(reply).__name__
            return CaseResult(source, case, ERRORED, f"protocol error: the reply answers seq {got!r}, expected {request['seq']}")
        if self.validate_messages and "errored" not in reply:
            bad = self.message_problems(request, reply, line)
            if bad:
                return CaseResult(source, case, ERRORED, bad)
        if "errored" in reply:
            err = reply["errored"] if isinstance(reply["errored"], dict) else {"message": str(reply["errored"])}
            detail = err.get("message", "")
            extra = err.get("stderr") or err.get("traceback") or ""
            return CaseResult(source, case, ERRORED, f"implementation errored: {detail}" + (f"\n{extra}" if extra else ""))
        if "skipped" in reply:
            why = reply["skipped"]
            why = why.get("reason") or why.get("issue_url") or str(why) if isinstance(why, dict) else str(why)
            return CaseResult(source, case, SKIPPED, f"skipped by the implementation: {why}")
        if not isinstance(reply.get("result"), dict):
            return CaseResult(source, case, ERRORED, f"reply has no result object: {str(reply)[:300]}")
        actual = case.actual_results(reply["result"])
        verdict_ok, strict_ok, why = compare(case, actual)
        status = PASS if strict_ok else STRICT_FAIL if verdict_ok else FAIL
        return CaseResult(source, case, status, why, actual)

    def message_problems(self, request: dict, reply: dict, line) -> str:
        """Schema problems of a request or reply (``--validate-messages``); the first is kept."""
        from conformance import messages

        where = f"stdout line {line}" if line else f"reply to seq {request['seq']}"
        for direction, kind, message in (("request", request["cmd"], request), ("reply", "reply", reply)):
            problems = messages.errors(kind, message)
            if problems:
                text = f"invalid {direction} message ({where if direction == 'reply' else 'seq ' + str(request['seq'])}, " \
                       f"schema protocol/{kind}.json): {'; '.join(problems[:3])}"
                if self.result.first_bad_message is None:
                    self.result.first_bad_message = text
                return text
        return ""

    def _count(self, case: Case, status: str) -> None:
        for req in case.requirements:
            bucket = self.result.counts.setdefault(req, {})
            bucket[status] = bucket.get(status, 0) + 1

    # ---- the run ----
    def run(self) -> RunResult:
        started = time.monotonic()
        self.begin()
        try:
            self.run_vectors()
            self.progress(self.result)
            if not (self.exitfirst and self.result.failures()):
                self.run_properties()
        except KeyboardInterrupt:
            self.result.interrupted = True
        finally:
            self.adapter.stop()
            self.result.seconds = time.monotonic() - started
        return self.result

    def begin(self) -> None:
        """Handshake, and check the start reply when validating messages."""
        info = self.adapter.start()
        self.operations = set(info.get("operations") or [])
        from conformance.protocol import DEFAULT_KINDS

        self.kinds = set(info.get("kinds") or DEFAULT_KINDS)
        self.result = RunResult(self.adapter_spec, info, self.profile.name, self.seed, self.level)
        if self.validate_messages:
            from conformance import messages

            problems = messages.errors("start-reply", getattr(self.adapter, "start_reply", info))
            if problems:
                self.result.first_bad_message = f"invalid start reply (stdout line 1): {'; '.join(problems[:3])}"
                from conformance.errors import HarnessError

                raise HarnessError(self.result.first_bad_message)

    def run_vectors_only(self) -> RunResult:
        self.vectors_only = True
        self.begin()
        try:
            self.run_vectors()
        finally:
            self.adapter.stop()
        return self.result

    def run_vectors(self) -> None:
        root = self.vectors_dir or vector_files.bundled_dir()
        loaded = [(s, c) for s, c in vector_files.load(root) if selected(self.only, c.id, *c.requirements)]
        failed = 0
        batch = 1 if self.exitfirst else 256
        for start in range(0, len(loaded), batch):
            for r in self.execute_many(loaded[start:start + batch]):
                if self.result.is_failure(r.status):
                    r.replay = self.replay_command(r.case.id)
                    failed += 1
                self._count(r.case, r.status)
                self.result.vectors.append(r)
            if failed and self.exitfirst:
                break
        if loaded:
            self.echo(f"vectors     {len(loaded):5d} cases  {'ok' if not failed else f'{failed} FAILED'}")

    def run_properties(self) -> None:
        from strategies.families import all_properties

        for prop in all_properties(self.signing_prefix, self.profile, self.property_options):
            if not selected(self.only, prop.id, *prop.requirements):
                continue
            result = self.run_property(prop)
            self.result.properties.append(result)
            self.progress(self.result)
            shown = "ok" if result.status == PASS else result.status.upper()
            self.echo(f"property    {result.examples:5d} cases  {shown:14s} {prop.id}")
            if self.exitfirst and self.result.is_failure(result.status):
                return

    def run_property(self, prop) -> PropertyResult:
        prop_seed = (self.seed ^ zlib.crc32(prop.id.encode())) & 0xFFFFFFFF
        result = PropertyResult(prop.id, prop.title, prop.requirements, prop_seed)
        if self.applicable(prop.operation, prop.kind):
            result.status = NOT_APPLICABLE
            for req in prop.requirements:
                bucket = self.result.counts.setdefault(req, {})
                bucket[NOT_APPLICABLE] = bucket.get(NOT_APPLICABLE, 0) + 1
            return result
        last_failure: list[CaseResult] = []
        first_strict: list[CaseResult] = []

        run_settings = settings(max_examples=self.profile.examples, deadline=None, database=None, derandomize=False,
                                suppress_health_check=list(HealthCheck), phases=(Phase.generate, Phase.shrink),
                                report_multiple_bugs=False, stateful_step_count=self.profile.steps)

        def check(case: Case) -> None:
            r = self.execute(case, prop.id)
            result.examples += 1
            self._count(case, r.status)
            if r.status == STRICT_FAIL and not first_strict:
                first_strict.append(r)
            if self.result.is_failure(r.status):
                last_failure[:] = [r]
                raise _Mismatch(r.message)

        if prop.machine is not None:  # a rule-based state machine that calls check() at every step
            machine = hypothesis_seed(prop_seed)(prop.machine(check))
            test = lambda: run_state_machine_as_test(machine, settings=run_settings)  # noqa: E731
        else:
            test = hypothesis_seed(prop_seed)(run_settings(given(prop.strategy)(check)))
        started = time.monotonic()
        try:
            test()
        except _Mismatch:
            pass
        except Exception as exc:  # Hypothesis could not generate, or the adapter broke the harness
            result.status = ERRORED
            result.failure = CaseResult(prop.id, None, ERRORED, f"{type(exc).__name__}: {exc}")
        result.seconds = time.monotonic() - started
        if last_failure:
            failure = last_failure[0]  # Hypothesis replays the minimal example last
            failure.replay = self.replay_command(prop.id)
            result.status, result.failure = failure.status, failure
        elif first_strict and result.status == PASS:
            first_strict[0].replay = self.replay_command(prop.id)
            result.status, result.failure = STRICT_FAIL, first_strict[0]
        return result

    def replay_command(self, target: str) -> str:
        """A command that, run as printed from the same directory, repeats the failure."""
        where = [_quote(str(self.vectors_dir))] if self.vectors_dir else []
        if self.vectors_only:
            parts = ["conformance", "vectors", "verify", *where, "--adapter", _quote(self.adapter_spec),
                     "--only", _quote(target)]
            return " ".join(parts + (["--level", self.level] if self.level != "verdict" else []))
        parts = ["conformance", "run", "--adapter", _quote(self.adapter_spec), "--profile", self.profile.name,
                 "--seed", str(self.seed), "--only", _quote(target)]
        if where:
            parts += ["--vectors", *where]
        if self.level != "verdict":
            parts += ["--level", self.level]
        if self.signing_prefix:
            parts += ["--signing-prefix", _quote(self.signing_prefix)]
        if self.privacy_order:
            parts += ["--privacy-order", _quote(self.privacy_order)]
        return " ".join(parts)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
