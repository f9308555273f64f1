"""``conformance run --jobs N``: one run spread over N worker processes.

Each worker starts its own adapter (a ``cmd:`` implementation is started N times) and takes
work items from a shared queue: chunks of golden vectors, then properties one by one. Every
property draws its cases from its own seed (run seed and property ID, Runner.run_property),
so a case does not depend on which worker ran it. The parent puts the results back in the
order of a ``--jobs 1`` run and builds the one RunResult every report is written from:
identical to ``--jobs 1`` apart from timings.

Never a false green: a worker that crashes, or whose adapter cannot start, ends the run
errored; any item never reported makes it errored too. ``-x`` stops every worker (a shared
Event); SIGINT / SIGTERM are forwarded to the workers and the run is marked interrupted.

Workers come from a 'forkserver' (never a plain fork of a process that may run threads),
started before the parent imports the runner: the heavy modules are imported, and the run's
property list built (conformance/prepared.py), once, in the server, while the parent plans.
The workers take the longest items first (a static estimate per case); results are merged by
item index, so the order they finish in never shows in a report."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import time
from typing import TYPE_CHECKING

from conformance import protocol
from conformance.errors import HarnessError
from conformance.run_options import RunOptions

if TYPE_CHECKING:  # imported where used: the CLI starts the forkserver before it imports the runner
    from conformance.runner import Runner

VECTOR_CHUNK = 128  # golden vectors per work item (each chunk is pipelined to the adapter)
GRACE = 10.0  # seconds a stopped worker gets to report before it is terminated
ENV = "CONFORMANCE_JOBS"
START_METHOD = "forkserver"  # the default of --jobs (else the cores this process may use)


def default_jobs() -> int:
    text = os.environ.get(ENV)
    if text:
        if not text.isdigit() or not 1 <= int(text) <= 256:
            raise HarnessError(f"{ENV}={text!r}: expected a number of worker processes from 1 to 256")
        return int(text)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _preload() -> list[str]:
    """Modules the forkserver imports once for every worker: the harness, the families'
    strategies and the reference implementation."""
    from importlib.metadata import entry_points

    from conformance.families import GROUP

    return ["conformance.parallel", "conformance.report", "conformance.reference.adapter",
            *sorted({ep.module for ep in entry_points(group=GROUP)}), "conformance.prepared"]


def start_server(options: RunOptions) -> str | None:
    """Start the forkserver now, so that it imports the heavy modules and builds the run's
    property list (conformance.prepared) while this process plans the run: both cores busy, and
    no worker builds the list again. The token the workers find the prepared list by, or None."""
    if START_METHOD != "forkserver":
        return None
    from multiprocessing import forkserver

    from conformance import prepared

    multiprocessing.get_context(START_METHOD).set_forkserver_preload(_preload())
    encoded = prepared.encode(options)
    saved = os.environ.get(prepared.ENV)
    if encoded is not None:
        os.environ[prepared.ENV] = encoded[1]  # the server starts with this process's environment
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            os.environ.pop(prepared.ENV, None)
        else:
            os.environ[prepared.ENV] = saved
    return encoded[0] if encoded is not None else None


@contextlib.contextmanager
def _without_main():
    """Start workers without re-running the parent's __main__ in them (multiprocessing's default):
    they need only this module, and a script read from stdin or an interactive session has no
    file to run."""
    main = sys.modules["__main__"]
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def stop_server() -> None:
    """Stop (and reap) the forkserver after the run: its CPU, and that of the workers it reaped,
    then counts in this process's RUSAGE_CHILDREN, and the next run starts one with its own
    environment. Private API of multiprocessing, hence the guard."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if START_METHOD == "forkserver" and stop is not None:
        stop()


# Rough CPU milliseconds per case, only to hand out the longest items first (measured on the
# reference, `ci` profile): a stale figure costs some balance at the end of a run, never a
# different result (results are put back in --jobs 1 order).
MS_PER_VECTOR = 2.0
MS_PER_EXAMPLE = {protocol.KIND_STORAGE: 8.0, protocol.KIND_NAA: 5.5, protocol.KIND_ADV: 5.5}
MS_PER_EXAMPLE_OTHER = 3.5  # the client-instance kinds
MACHINE_FACTOR = 4  # a state machine's example is a sequence of steps


def _cost(prop, profile) -> float:
    per = MS_PER_EXAMPLE.get(prop.kind, MS_PER_EXAMPLE_OTHER)
    return profile.examples * per * (MACHINE_FACTOR if prop.machine is not None else 1)


def plan(runner: Runner) -> list[tuple]:
    """The work items of a run, in the order of a --jobs 1 run: ("vectors", [(source, Case)...],
    cost) chunks, then ("property", position, id, cost); cost is an estimate (milliseconds) that
    only sets the order the workers take them in. Records the vectors not applicable under the
    declared interpretations in ``runner.result`` (as a --jobs 1 run does before sending any)."""
    chosen = runner.chosen_vectors()
    runner.result.vectors_total = len(chosen)
    loaded = runner.split_vectors(chosen)
    chunks = [loaded[i:i + VECTOR_CHUNK] for i in range(0, len(loaded), VECTOR_CHUNK)]
    items: list[tuple] = [("vectors", chunk, len(chunk) * MS_PER_VECTOR) for chunk in chunks]
    props = runner.chosen_properties()
    runner.result.properties_total = len(props)
    items += [("property", i, p.id, _cost(p, runner.profile)) for i, p in enumerate(props)]
    return items


def schedule(items: list[tuple]) -> list[int]:
    """The order the workers take the items in: longest first, so that no long item is left
    for the end of the run while the other workers wait (ties keep the --jobs 1 order)."""
    return sorted(range(len(items)), key=lambda i: -items[i][-1])


class ParallelRunner:
    """Runs ``items`` (from ``plan``) on ``jobs`` workers; ``runner`` (built without an adapter)
    holds the merged result and prints the progress lines. The same interface as Runner for
    conformance.cli: ``run()``, ``result``, and ``request_stop(signum)`` for its signal handler."""

    def __init__(self, runner: Runner, items: list[tuple], jobs: int, progress=None, token: str | None = None):
        self.runner = runner
        self.token = token  # the forkserver's prepared property list (start_server), if any
        self.result = runner.result
        self.items = items
        self.jobs = jobs
        self.progress = progress or (lambda result: None)
        self.stop_requested = False
        self.signum: int | None = None
        self.forwarded = False
        self.done: dict[int, dict] = {}  # item index -> what its worker reported
        self.vectors_shown = False

    def request_stop(self, signum: int) -> None:
        """Called by the signal handler: nothing is raised here (a KeyboardInterrupt in the middle
        of reading a pipe would lose a message); the loop forwards the signal to the workers."""
        self.stop_requested = True
        self.signum = signum

    def run(self):
        started = time.monotonic()
        ctx = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            ctx.set_forkserver_preload(_preload())
        tasks, results, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
        period = self.runner.display.period if self.runner.display is not None else 0
        workers = [ctx.Process(target=work, name=f"conformance-worker-{k}", daemon=True,
                               args=(k, self.runner.options, dict(os.environ), tasks, results, stop, period,
                                     self.token))
                   for k in range(1, self.jobs + 1)]
        try:
            for index in schedule(self.items):
                tasks.put((index, self.items[index]))
            for _ in range(self.jobs):
                tasks.put(None)
            with _without_main():
                for w in workers:
                    w.start()
            self._collect(workers, results, stop)
        finally:
            stop.set()
            for w in workers:
                if w.pid is None:
                    continue  # never started
                w.join(timeout=GRACE if w.is_alive() else 0)
                if w.is_alive():
                    w.kill()
                    w.join()
            for q in (tasks, results):
                q.cancel_join_thread()  # items never taken are dropped with the queue
                q.close()
            stop_server()
            if self.runner.display is not None:
                self.runner.display.clear()
            self._finish(time.monotonic() - started)
        if self.result.errored and not self.result.interrupted:  # as a harness error ends a --jobs 1 run
            raise HarnessError(self.result.errored)
        return self.result

    # ---- the parent's loop ----
    def _collect(self, workers: list, results, stop) -> None:
        ended: dict[int, dict] = {}
        dead_since: dict[int, float] = {}
        halted = None  # when a signal or a harness error ended the run (-x lets running properties finish)
        while len(ended) < len(workers):
            errored = any(e.get("errored") for e in ended.values())
            if (self.stop_requested or errored) and halted is None:
                halted = time.monotonic()
                stop.set()
                # a harness error ends the run at once, as with --jobs 1: the others are stopped
                # like an interrupt (their results no longer matter)
                for k, w in enumerate(workers, 1):
                    if k not in ended and w.is_alive():
                        os.kill(w.pid, self.signum or signal.SIGTERM)
            try:
                message = results.get(timeout=0.2)
            except queue.Empty:
                message = None
            if message is not None:
                self._handle(message, ended, stop)
                continue
            now = time.monotonic()
            for k, w in enumerate(workers, 1):
                if k in ended or w.is_alive():
                    continue
                # its last messages may still be in the pipe: give them a moment
                if now - dead_since.setdefault(k, now) > 0.5:
                    ended[k] = {"errored": f"worker {k} of {len(workers)} ended (exit code {w.exitcode}) before "
                                           f"finishing its share of the run"}
            if halted is not None and now - halted > GRACE + self.runner.options.limits.timeout:
                for k, w in enumerate(workers, 1):
                    if k not in ended:
                        w.kill()
                        ended[k] = {"errored": None, "interrupted": True}
        errors = [e["errored"] for _, e in sorted(ended.items()) if e.get("errored")]
        if errors:
            self.result.errored = errors[0]
            self.result.interrupted = self.stop_requested
        elif self.stop_requested or any(e.get("interrupted") for e in ended.values()):
            self.result.interrupted = True

    def _handle(self, message: tuple, ended: dict, stop) -> None:
        kind, worker = message[0], message[1]
        if kind == "ready":
            if not self.result.implementation:
                self.result.implementation = message[2]
        elif kind == "progress":
            self._show(message[2])
        elif kind == "item":
            index, payload = message[2], pickle.loads(message[3])
            self.done[index] = payload
            self._arrived(index, payload)
        elif kind == "end":
            ended[worker] = message[2]

    def _arrived(self, index: int, payload: dict) -> None:
        """Show one item's results as they come (the final order is made in _finish)."""
        self._assemble()
        if self.items[index][0] == "property":
            self.runner.echo(self.runner.property_line(payload["records"][0]))
        elif not self.vectors_shown and sum(1 for i in self.done if self.items[i][0] == "vectors") == self._chunks():
            self._vectors_line()
        self.progress(self.result)

    def _chunks(self) -> int:
        return sum(1 for item in self.items if item[0] == "vectors")

    def _vectors_line(self) -> None:
        self.vectors_shown = True
        if self.result.vectors_total:
            self.runner.echo(f"vectors     {self.runner._phase_line(self.result.vectors, self.result.vectors_total)}")

    def _show(self, detail: str) -> None:
        display = self.runner.display
        if display is None or not display.due():
            return
        vectors_left = sum(1 for i in self.done if self.items[i][0] == "vectors") < self._chunks()
        p = self.result.tally(self.result.properties)
        if not vectors_left:
            display.update("properties", p["total"], self.result.properties_total, p["failed"], detail)
            return
        # the longest items go first, so properties run while vector chunks are still out: count both
        v = self.result.tally(self.result.vectors)
        both = (f"vectors {v['total']}/{self.result.vectors_total}, properties {p['total']}/"
                f"{self.result.properties_total}")
        display.update("running", v["total"] + p["total"], self.result.vectors_total + self.result.properties_total,
                       v["failed"] + p["failed"], f"{both}; {detail}" if detail else both)

    def _assemble(self) -> None:
        """The records received so far, in the order of a --jobs 1 run."""
        if not hasattr(self, "_na_vectors"):
            self._na_vectors = list(self.result.vectors)  # recorded by plan(), before any item
            self._na_counts = {k: dict(v) for k, v in self.result.counts.items()}
        vectors, properties = list(self._na_vectors), []
        for index in sorted(self.done):
            (vectors if self.items[index][0] == "vectors" else properties).extend(self.done[index]["records"])
        self.result.vectors, self.result.properties = vectors, properties
        counts = {k: dict(v) for k, v in self._na_counts.items()}
        for index in sorted(self.done):
            for req, bucket in self.done[index]["counts"].items():
                mine = counts.setdefault(req, {})
                for status, n in bucket.items():
                    mine[status] = mine.get(status, 0) + n
        self.result.counts = counts

    def _finish(self, seconds: float) -> None:
        self._assemble()
        result = self.result
        result.first_bad_message = next((self.done[i]["first_bad_message"] for i in sorted(self.done)
                                         if self.done[i]["first_bad_message"]), None)
        if not self.vectors_shown:
            self._vectors_line()
        incomplete = len(result.vectors) < result.vectors_total or len(result.properties) < result.properties_total
        if incomplete and not result.partial:
            if self.runner.exitfirst and any(result.tally(p["records"])["failed"] for p in self.done.values()):
                result.stopped_early = True  # -x: a worker found a failure and every worker stopped
            else:  # never a green run with cases nobody reported
                result.errored = (f"{len(self.items) - len(self.done)} of {len(self.items)} work items were not "
                                  f"run to the end by a worker")
        result.seconds = seconds
        # the entries are judged on the merged results, as --jobs 1 judges its own (never on a partial run)
        from conformance import expected as expected_failures

        result.problems += expected_failures.judge(result, self.runner.entries)


# ---- a worker process ----
class _Forward:
    """The worker's progress display: forwards a due update to the parent, which shows it."""

    def __init__(self, results, worker: int, period: float):
        self.results, self.worker, self.period = results, worker, period
        self.last = time.monotonic()

    def due(self) -> bool:
        return self.period > 0 and time.monotonic() - self.last >= min(self.period, 1.0)

    def update(self, phase: str, done: int, total: int, failed: int, detail: str = "") -> None:
        self.last = time.monotonic()
        self.results.put(("progress", self.worker, detail))

    def clear(self) -> None:
        pass


def work(worker: int, options: RunOptions, environ: dict, tasks, results, stop, period: float,
         token: str | None = None) -> None:
    """A worker's life: handshake, then items until the queue is empty or the run stops."""
    os.environ.clear()
    os.environ.update(environ)  # the forkserver's environment is the one it started with
    state = {"running": False, "raised": False}
    runner = None
    ending = {"errored": None, "interrupted": False}

    def interrupt(signum, frame):
        # a KeyboardInterrupt only while a case runs (never while a queue is read or written)
        if runner is not None:
            runner.stop_requested = True
        ending["interrupted"] = True
        if state["running"] and not state["raised"]:
            state["raised"] = True
            raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupt)
    adapter = None
    try:
        from conformance.runner import Runner

        adapter = options.load_adapter()
        runner = Runner(adapter, options, echo=lambda line: None, display=_Forward(results, worker, period))
        runner.stop_requested = ending["interrupted"]
        state["running"] = True
        runner.begin()
        state["running"] = False
        results.put(("ready", worker, runner.result.implementation))
        from conformance import prepared

        props = prepared.properties(token)
        if props is None:  # no server prepared this run's list
            props = runner.chosen_properties()
        while not stop.is_set() and not runner.stop_requested:
            try:
                task = tasks.get(timeout=0.2)
            except queue.Empty:
                continue
            if task is None:
                break
            index, item = task
            payload, interrupted = _run_item(runner, props, item, state)
            results.put(("item", worker, index, pickle.dumps(payload)))
            if interrupted:
                raise KeyboardInterrupt
            if options.exitfirst and runner.result.tally(payload["records"])["failed"]:
                stop.set()
    except KeyboardInterrupt:
        ending["interrupted"] = True
    except HarnessError as exc:
        ending["errored"] = f"worker {worker}: {exc}"
    except Exception as exc:  # a bug, or a result that cannot be sent: never a silent loss
        ending["errored"] = f"worker {worker}: internal error: {type(exc).__name__}: {exc}"
    finally:
        state["running"] = False
        try:
            if adapter is not None:
                adapter.stop()
        except Exception as exc:
            ending["errored"] = ending["errored"] or f"worker {worker}: stopping the adapter: {exc}"
        results.put(("end", worker, ending))


def _run_item(runner: Runner, props: list, item: tuple, state: dict) -> tuple[dict, bool]:
    """Run one item; what it recorded (its results and counts), and
    whether an interrupt ended it. The vectors answered before an interrupt are kept, as
    --jobs 1 keeps them; an interrupted property is dropped, as --jobs 1 drops it."""
    result = runner.result
    result.counts, result.first_bad_message = {}, None
    state["running"] = True
    interrupted = False
    try:
        if item[0] == "vectors":
            before = len(result.vectors)
            try:
                runner.run_vector_cases(item[1])
            except KeyboardInterrupt:
                state["running"] = False
                interrupted = True
            records = result.vectors[before:]
        else:
            _, position, prop_id, _ = item
            if position >= len(props) or props[position].id != prop_id:
                raise HarnessError(f"the worker's properties differ from the parent's at {prop_id!r}")
            records = [runner.run_property(props[position])]
    finally:
        state["running"] = False
    return {"records": records, "counts": result.counts, "first_bad_message": result.first_bad_message}, interrupted
