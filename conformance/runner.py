"""The runner: sends every case (golden vectors, then Hypothesis properties) through an
adapter and compares each reply with the outcome the case was built with.

Each property runs under its own seed, derived from the run seed and the property id,
so ``--only`` reproduces one property exactly. A failing property is shrunk by
Hypothesis to a minimal counterexample, which is reported with the requirement, the
expected and actual outcomes, and a replay command.
"""

from __future__ import annotations

import fnmatch
import textwrap
import time
import zlib
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.stateful import run_state_machine_as_test

from conformance import capabilities, example_database, shards
from conformance import expected as expected_failures
from conformance import vectors as vector_files
from conformance.case import Case, compare
from conformance.expected import XFAIL, Tracker
from conformance.families import all_properties
from conformance.run_options import RunOptions

LEVEL_ORDER = ("MUST", "SHOULD", "derived")  # --require LEVEL fails the run on this level and the ones before it


def required_level(level: str, require: str) -> bool:
    return LEVEL_ORDER.index(level) <= LEVEL_ORDER.index({"must": "MUST", "should": "SHOULD"}.get(require, require))


def catalog_level(req_id: str) -> str:
    from conformance import catalog

    return catalog.requirement(req_id).level


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
    expected: str = ""  # the reason, when expected-failures entries cover this failure
    covered: tuple = ()  # the indices of the entries that cover it (conformance.expected.coverage)


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
    covered: dict = field(default_factory=dict)  # entry index -> drawn cases it covered


@dataclass
class RunResult:
    adapter: str
    implementation: dict
    profile: str
    seed: int
    level: str
    vectors: list = field(default_factory=list)  # CaseResult
    properties: list = field(default_factory=list)  # PropertyResult
    counts: dict = field(default_factory=dict)  # requirement -> status -> n (every case run, incl. each example)
    interrupted: bool = False  # stopped by a signal (SIGINT/SIGTERM)
    stopped_early: bool = False  # -x stopped it at the first failure
    errored: str | None = None  # a harness error ended it
    seconds: float = 0.0
    first_bad_message: str | None = None
    problems: list = field(default_factory=list)  # run-level failures (e.g. unexpected passes)
    only: list | None = None  # the --only selection
    vectors_total: int = 0  # vectors selected (fewer ran when the run stopped early)
    properties_total: int = 0
    # requirements some of whose vectors or properties --only left out: never certified whole
    left_out: set = field(default_factory=set)
    expected_failures: Tracker = field(default_factory=lambda: Tracker([]))
    interpretations: dict = field(default_factory=dict)  # declared choices (id -> choice) other than the defaults
    require: str = "derived"  # the lowest requirement level whose failures fail the run (--require)

    def counts_against(self, r: CaseResult) -> bool:
        """A failure of a requirement at a level --require covers (errors and cases without
        requirements always count)."""
        if r.status not in (FAIL, STRICT_FAIL) or r.case is None or not r.case.requirements:
            return True
        return any(required_level(catalog_level(q), self.require) for q in r.case.requirements)

    def differences(self) -> list[CaseResult]:
        """Failures only at levels --require leaves out: reported as "differs", never failing the run."""
        return [r for r in self._all_failures() if not self.counts_against(r)]
    shard: str | None = None  # "K/N" of a --shard run

    @property
    def partial(self) -> bool:
        """Not every selected case ran: interrupted, stopped early (-x) or errored."""
        return self.interrupted or self.stopped_early or self.errored is not None

    def _all_failures(self) -> list[CaseResult]:
        found = [r for r in self.vectors if self.is_failure(r.status)]
        found += [p.failure for p in self.properties if p.failure is not None and self.is_failure(p.status)]
        return found

    def failures(self) -> list[CaseResult]:
        return [r for r in self._all_failures() if self.counts_against(r)]

    def is_failure(self, status: str) -> bool:
        """Skipped is not a pass: a case the implementation declines leaves it uncertified.
        (An operation it never claimed is not applicable, and fails nothing.)"""
        return status in (FAIL, ERRORED, SKIPPED) or (status == STRICT_FAIL and self.level == "strict")

    def passed(self) -> int:
        return sum(c.get(PASS, 0) + c.get(STRICT_FAIL, 0) for c in self.counts.values())

    def tally(self, items: list) -> dict:
        """Recorded results (vectors or properties) by outcome: the one source of every count
        shown (progress lines, summary, reports)."""
        out = {"total": len(items), "failed": 0, "passed": 0, "not applicable": 0, "expected failures": 0}
        if self.require != "derived":
            out["differs"] = 0  # failures only at levels --require leaves out
        for r in items:
            case_result = r.failure if hasattr(r, "failure") else r  # a property (or a merged record of one)
            if self.is_failure(r.status) and case_result is not None and not self.counts_against(case_result):
                out["differs"] += 1
            elif self.is_failure(r.status):
                out["failed"] += 1
            elif r.status in (PASS, STRICT_FAIL):
                out["passed"] += 1
            elif r.status == NOT_APPLICABLE:
                out["not applicable"] += 1
            elif r.status == XFAIL:
                out["expected failures"] += 1
        return out

    @property
    def conformant(self) -> bool:
        return not self.partial and not self.failures() and not self.problems and self.passed() > 0


class _Mismatch(AssertionError):
    pass


def selected(patterns: list[str] | None, *ids: str) -> bool:
    if not patterns:
        return True
    return any(fnmatch.fnmatchcase(i, p) for p in patterns for i in ids if i)


class Runner:
    """Runs one selection of cases through one adapter, as ``options`` (a RunOptions) say.

    ``echo`` prints a line, ``progress`` is called with the result after each phase and
    property (partial reports), ``display`` is a conformance.progress.Progress or None."""

    def __init__(self, adapter, options: RunOptions, echo=print, progress=None, display=None):
        self.adapter = adapter
        self.options = options
        self.vectors_only = False  # set by run_vectors_only: replay commands then use `vectors verify`
        self.progress = progress or (lambda result: None)
        self.display = display
        self.echo = echo if display is None else lambda line: (display.clear(), echo(line))
        self.seq = 0
        self.operations: set = set()
        self.kinds: set = set()
        self.missing = capabilities.NONE  # what the implementation declares it does not implement
        self.entries = list(options.expected)
        self.result = RunResult(options.adapter, {}, options.profile.name, options.seed, options.level,
                                only=list(options.only) if options.only else None,
                                expected_failures=Tracker(list(options.expected)),
                                shard=str(options.shard) if options.shard else None,
                                interpretations=options.interpretations.as_json() if options.interpretations else {},
                                require=options.require)
        self.stop_requested = False  # set by a signal handler; see cli._interruptible
        self.database = example_database.open_database(options.database)

    # the options the runner reads most, by their short names
    profile = property(lambda self: self.options.profile)
    seed = property(lambda self: self.options.seed)
    level = property(lambda self: self.options.level)
    only = property(lambda self: self.options.only)
    exitfirst = property(lambda self: self.options.exitfirst)
    interpretations = property(lambda self: self.options.interpretations)  # a Declared, or None

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

    def askable(self, case: Case) -> str:
        """Why ``case`` is not asked (empty when it is): an operation or kind the implementation
        does not support, or only requirements it declares it does not implement."""
        return self.applicable(case.operation, case.kind) or self.missing.why(case.requirements)

    def execute(self, case: Case, source: str) -> CaseResult:
        self._stop_if_requested()
        why = self.askable(case)
        if why:
            return CaseResult(source, case, NOT_APPLICABLE, why)
        request = self._next_request(case)
        return self.judge(case, source, request, self.adapter.request(request))

    def execute_many(self, cases: list[tuple[str, Case]]):
        """Like execute, for many cases at once (adapters that can pipeline do); yields each
        result, in order, as its reply arrives, so an interrupt keeps the ones answered."""
        self._stop_if_requested()
        requests = {id(c): self._next_request(c) for _, c in cases if not self.askable(c)}
        replies = iter(self.adapter.request_many(list(requests.values())))
        for source, case in cases:
            request = requests.get(id(case))
            if request is None:
                yield CaseResult(source, case, NOT_APPLICABLE, self.askable(case))
            else:
                yield self.judge(case, source, request, next(replies))

    def _next_request(self, case: Case) -> dict:
        self.seq += 1
        return case.request(self.seq)

    def judge(self, case: Case, source: str, request: dict, reply) -> CaseResult:
        """The reply's result, with the expected failures applied (before -x or any count sees it)."""
        r = self._judge(case, source, request, reply)
        if self.entries and self.result.is_failure(r.status):
            from conformance import aspects

            found = aspects.differences(case, r.actual, self.missing, self.level == "strict") \
                if r.status in (FAIL, STRICT_FAIL) else [aspects.whole(case)]
            r.covered = expected_failures.coverage(self.entries, case, source, found, self.level)
            if r.covered:
                r.expected, r.status = expected_failures.reason(self.entries, r.covered), XFAIL
        return r

    def _judge(self, case: Case, source: str, request: dict, reply) -> CaseResult:
        line = reply.pop("_line", None) if isinstance(reply, dict) else None
        if not isinstance(reply, dict) or reply.get("seq") != request["seq"]:
            got = reply.get("seq") if isinstance(reply, dict) else type(reply).__name__
            return CaseResult(source, case, ERRORED, f"protocol error: the reply answers seq {got!r}, expected {request['seq']}")
        if self.options.validate_messages and "errored" not in reply:
            bad = self.message_problems(request, reply, line)
            if bad:
                return CaseResult(source, case, ERRORED, bad)
        if "errored" in reply:
            err = reply["errored"] if isinstance(reply["errored"], dict) else {"message": str(reply["errored"])}
            detail = err.get("message", "")
            label = "stderr" if err.get("stderr") else "traceback" if err.get("traceback") else ""
            extra = f"\n    {label}:\n" + textwrap.indent(str(err[label]), "      | ", lambda _: True) if label else ""
            return CaseResult(source, case, ERRORED, f"implementation errored: {detail}{extra}")
        if "skipped" in reply:
            why = reply["skipped"]
            why = why.get("reason") or why.get("issue_url") or str(why) if isinstance(why, dict) else str(why)
            return CaseResult(source, case, SKIPPED, f"skipped by the implementation: {why}")
        if not isinstance(reply.get("result"), dict):
            return CaseResult(source, case, ERRORED, f"reply has no result object: {str(reply)[:300]}")
        actual = case.actual_results(reply["result"])
        verdict_ok, strict_ok, why = compare(case, actual, receipt_schema=self.level == "strict",
                                             missing=self.missing)
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
            chosen = self.chosen_properties()
            self.run_vectors(more_to_run=bool(chosen))
            self.progress(self.result)
            if not self.result.stopped_early:
                self.run_properties(chosen)
        except KeyboardInterrupt:
            self.result.interrupted = True
        finally:
            if self.display is not None:
                self.display.clear()
            self.adapter.stop()
            self.result.seconds = time.monotonic() - started
        # the entries are judged on the recorded results, however they were produced; never on a partial run
        self.result.problems += expected_failures.judge(self.result, self.entries)
        return self.result

    def begin(self) -> None:
        """Handshake, and check the start reply when validating messages."""
        info = self.adapter.start()
        self.operations = set(info.get("operations") or [])
        from conformance.protocol import DEFAULT_KINDS

        self.kinds = set(info.get("kinds") or DEFAULT_KINDS)
        self.result.implementation = info
        self.missing = capabilities.declared(info)
        if self.options.validate_messages:
            from conformance import messages

            problems = messages.errors("start-reply", getattr(self.adapter, "start_reply", info))
            if problems:
                self.result.first_bad_message = f"invalid start reply (stdout line 1): {'; '.join(problems[:3])}"
                from conformance.errors import HarnessError

                raise HarnessError(self.result.first_bad_message)

    def run_vectors_only(self) -> RunResult:
        self.vectors_only = True
        try:
            self.begin()
            self.run_vectors()
        except KeyboardInterrupt:
            self.result.interrupted = True
        finally:
            self.adapter.stop()
            if self.display is not None:
                self.display.clear()
        return self.result

    def run_vectors(self, more_to_run: bool = False) -> None:
        chosen = self.chosen_vectors()
        self.result.vectors_total = len(chosen)
        try:
            self.run_vector_cases(self.split_vectors(chosen), more_to_run)
        finally:
            if self.result.vectors_total:
                self.echo(f"vectors     {self._phase_line(self.result.vectors, self.result.vectors_total)}")

    def chosen_vectors(self) -> list:
        """The (source, Case) pairs --only and --shard select, in file order."""
        root = self.options.vectors_dir or vector_files.bundled_dir()
        chosen = []
        for s, c in vector_files.load(root):
            if selected(self.only, c.id, *c.requirements):
                chosen.append((s, c))
            else:
                self.result.left_out.update(c.requirements)
        return shards.pick(chosen, self.options.shard)  # what --only left out, never what other shards run

    def split_vectors(self, chosen: list) -> list:
        """Records the vectors built under another choice than the declared one (not applicable,
        never sent); returns the others, to be sent."""
        loaded = []
        for s, c in chosen:
            why = self.interpretations.not_applicable(c) if self.interpretations is not None else ""
            if why:
                r = CaseResult(s, c, NOT_APPLICABLE, why)
                self._count(c, r.status)
                self.result.vectors.append(r)
            else:
                loaded.append((s, c))
        return loaded

    def run_vector_cases(self, loaded: list, more_to_run: bool = False) -> None:
        """Sends ``loaded`` (pipelined) and records each result; -x stops at the first failure."""
        batch = 1 if self.exitfirst else 256
        for start in range(0, len(loaded), batch):
            for r in self.execute_many(loaded[start:start + batch]):
                self.record_vector(r)
                self._show("vectors", self.result.vectors, self.result.vectors_total)
            if self.exitfirst and self.result.tally(self.result.vectors)["failed"]:
                self.result.stopped_early = more_to_run or len(self.result.vectors) < self.result.vectors_total
                break

    def record_vector(self, r: CaseResult) -> None:
        if self.result.is_failure(r.status):
            r.replay = self.replay_command(r.case.id)
        self._count(r.case, r.status)
        self.result.vectors.append(r)

    def _phase_line(self, items: list, total: int) -> str:
        t = self.result.tally(items)
        done = f"{t['total']:5d} cases" if t["total"] == total else f"{t['total']:5d} of {total} cases"
        parts = [f"{t['failed']} FAILED"] if t["failed"] else ["ok"] if t["passed"] else []
        parts += [f"{t[k]} {k}" for k in ("expected failures", "not applicable") if t[k]]
        return f"{done}  {', '.join(parts) or 'nothing ran'}"

    def _show(self, phase: str, items: list, total: int, detail: str = "") -> None:
        if self.display is not None and self.display.due():  # counting every result is not free: only when shown
            t = self.result.tally(items)
            self.display.update(phase, t["total"], total, t["failed"], detail)

    def chosen_properties(self) -> list:
        chosen = []
        for p in all_properties(self.options.signing_prefix, self.profile, self.options.property_options):
            if selected(self.only, p.id, *p.requirements):
                chosen.append(p)
            else:
                self.result.left_out.update(p.requirements)
        return shards.pick(chosen, self.options.shard)

    def run_properties(self, chosen: list | None = None) -> None:
        chosen = self.chosen_properties() if chosen is None else chosen
        self.result.properties_total = len(chosen)
        for prop in chosen:
            result = self.run_property(prop)
            self.result.properties.append(result)
            self.progress(self.result)
            self.echo(self.property_line(result))
            if self.exitfirst and self.result.tally([result])["failed"]:
                self.result.stopped_early = len(self.result.properties) < len(chosen)
                return

    def property_line(self, result: PropertyResult) -> str:
        t = self.result.tally([result])
        shown = "ok" if t["passed"] else result.status.upper() if t["failed"] else result.status
        return f"property    {result.examples:5d} cases  {shown:14s} {result.id}"

    def run_property(self, prop) -> PropertyResult:
        prop_seed = (self.seed ^ zlib.crc32(prop.id.encode())) & 0xFFFFFFFF
        result = PropertyResult(prop.id, prop.title, prop.requirements, prop_seed)
        drawn = prop.supported(self.kinds) if prop.operation in self.operations else None
        if drawn is None or self.missing.why(prop.requirements):
            result.status = NOT_APPLICABLE
            if drawn is not None:
                result.failure = CaseResult(prop.id, None, NOT_APPLICABLE, self.missing.why(prop.requirements))
            for req in prop.requirements:
                bucket = self.result.counts.setdefault(req, {})
                bucket[NOT_APPLICABLE] = bucket.get(NOT_APPLICABLE, 0) + 1
            return result
        last_failure: list[CaseResult] = []
        first_strict: list[CaseResult] = []
        not_applicable: list[CaseResult] = []
        covered: list[CaseResult] = []

        # with a database (--database), what earlier runs found is replayed first (Phase.reuse)
        phases = (Phase.reuse,) * (self.database is not None) + (Phase.generate, Phase.shrink)
        run_settings = settings(max_examples=self.profile.examples, deadline=None, database=self.database,
                                derandomize=False, suppress_health_check=list(HealthCheck), phases=phases,
                                report_multiple_bugs=False, stateful_step_count=self.profile.steps)

        declared = self.interpretations if self.interpretations is not None and self.interpretations.choices else None

        def check(case: Case) -> None:
            why = declared.not_applicable(case) if declared is not None else ""
            if why:  # built under other choices than declared (e.g. the location bases): not asked, as a vector
                not_applicable[:1] = [CaseResult(prop.id, case, NOT_APPLICABLE, why)]
                return
            r = self.execute(case, prop.id)
            if r.status == NOT_APPLICABLE:  # a kind it cannot narrow away (e.g. inside a sequence)
                not_applicable[:1] = [r]
                self._count(case, r.status)
                return
            result.examples += 1
            failed = self.result.is_failure(r.status)
            self._count(case, r.status)
            if r.status == XFAIL:  # differs only in declared ways: passing, so the search goes on
                covered[:1] = covered[:1] or [r]
                for i in r.covered:
                    result.covered[i] = result.covered.get(i, 0) + 1
            if r.status == STRICT_FAIL and not first_strict:
                first_strict.append(r)
            self._show("properties", self.result.properties, self.result.properties_total,
                       f"{prop.id}: {result.examples} cases")
            if failed:
                last_failure[:] = [r]
                raise _Mismatch(r.message)

        if prop.machine is not None:  # a rule-based state machine that calls check() at every step
            machine = hypothesis_seed(prop_seed)(prop.machine(check))
            machine._hypothesis_internal_add_digest = prop.id.encode()  # its key in the example database
            test = lambda: run_state_machine_as_test(machine, settings=run_settings)  # noqa: E731
        else:
            check._hypothesis_internal_add_digest = prop.id.encode()  # its key in the example database
            # settings applied after @seed, which would otherwise turn the database off
            test = run_settings(hypothesis_seed(prop_seed)(given(drawn.strategy)(check)))
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
        elif covered and result.status == PASS:  # the first drawn case that differed in declared ways
            covered[0].replay = self.replay_command(prop.id)
            result.status, result.failure = XFAIL, covered[0]
        elif first_strict and result.status == PASS:
            first_strict[0].replay = self.replay_command(prop.id)
            result.status, result.failure = STRICT_FAIL, first_strict[0]
        elif result.examples == 0 and result.status == PASS:  # nothing it drew could be asked: never a pass
            result.status = NOT_APPLICABLE
            result.failure = not_applicable[0] if not_applicable else None
        return result

    def replay_command(self, target: str) -> str:
        """A command that, run as printed from the same directory, repeats the failure."""
        o = self.options
        where = [_quote(str(o.vectors_dir))] if o.vectors_dir else []
        if self.vectors_only:
            parts = ["conformance", "vectors", "verify", *where, "--adapter", _quote(o.adapter), "--only", _quote(target)]
            return " ".join(parts + (["--level", o.level] if o.level != "verdict" else []))
        parts = ["conformance", "run", "--adapter", _quote(o.adapter), "--profile", o.profile.name,
                 "--seed", str(o.seed), "--only", _quote(target)]
        if where:
            parts += ["--vectors", *where]
        if o.level != "verdict":
            parts += ["--level", o.level]
        if self.interpretations is not None:
            for interp_id, choice in self.interpretations.as_json().items():
                parts += ["--interpret", _quote(f"{interp_id}={choice}")]
            if o.require != "derived":
                parts += ["--require", o.require]
            return " ".join(parts)
        if o.signing_prefix:
            parts += ["--signing-prefix", _quote(o.signing_prefix)]
        if o.privacy_order_file:
            parts += ["--privacy-order", _quote(o.privacy_order_file)]
        return " ".join(parts)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
