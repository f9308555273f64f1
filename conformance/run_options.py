"""The options of one run, as one frozen value: built once (from the command line or the pytest
options) and passed down to the runner, the reports and the worker processes (it pickles).

The validators of single option values stay in conformance/options.py; this module only
gathers the validated values."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from conformance import profiles
from conformance.errors import HarnessError
from conformance.profiles import Profile


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds per request (cmd: and python: adapters)
    max_line: int = 16 * 1024 * 1024  # largest reply line a cmd: adapter may write


@dataclass(frozen=True)
class Process:
    """How a cmd: adapter's process is started (ignored by the other adapters)."""
    cwd: str | None = None
    env: tuple = ()  # "NAME=VALUE" items, in the order given
    clean_env: bool = False


@dataclass(frozen=True)
class Reporting:
    report: str | None = None  # JSON
    junit: str | None = None
    html: str | None = None
    markdown: str | None = None
    badge: str | None = None
    failures_dir: Path | None = None


@dataclass(frozen=True)
class Shard:
    """Part ``index`` (1-based) of ``count`` (``--shard K/N``)."""
    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class RunOptions:
    adapter: str = "reference"  # the spec, as given (reports, replay commands)
    profile: Profile = field(default_factory=lambda: profiles.get(profiles.DEFAULT))
    seed: int = 0
    level: str = "verdict"
    only: tuple | None = None  # the --only patterns
    exitfirst: bool = False
    signing_prefix: str = ""
    privacy_order: object = None  # the loaded substituted privacy order (storage bundles), or None
    privacy_order_file: str | None = None  # where it came from (replay commands)
    vectors_dir: Path | None = None  # None: the bundled vectors
    validate_messages: bool = False
    expected: tuple = ()  # conformance.expected.Entry
    limits: Limits = Limits()
    process: Process = Process()
    reporting: Reporting = Reporting()
    database: tuple = ()  # --database values (conformance/example_database.py)
    shard: Shard | None = None
    jobs: int = 1
    interpretations: object = None  # a conformance.interpretations.Declared (the choices declared), or None
    require: str = "derived"  # the lowest requirement level whose failures fail the run (--require)

    @property
    def property_options(self) -> dict:
        """The options the families build their properties with: ``privacy-order`` and the declared
        ``interpretations`` (conformance.interpretations.Declared.property_options)."""
        out = {"privacy-order": self.privacy_order} if self.privacy_order is not None else {}
        if self.interpretations is not None:
            out.update(self.interpretations.property_options())  # S1 included: the declaration is what counts
        return out

    def but(self, **changes) -> "RunOptions":
        return replace(self, **changes)

    @classmethod
    def from_args(cls, args, seed: int) -> "RunOptions":
        """From ``conformance run``'s parsed arguments (already checked by its validators)."""
        from conformance import expected, options

        declared = getattr(args, "declared", None)  # set by the CLI's validation: --interpret, --interpretations
        return cls(
            adapter=args.adapter, profile=profiles.get(args.profile), seed=seed, level=args.level,
            only=tuple(args.only) if args.only else None, exitfirst=args.exitfirst,
            signing_prefix=declared.signing_prefix if declared else args.signing_prefix,
            privacy_order=declared.privacy_order if declared else options.privacy_order(args.privacy_order),
            privacy_order_file=args.privacy_order, vectors_dir=args.vectors,
            interpretations=declared, require=getattr(args, "require", "derived"),
            validate_messages=args.validate_messages,
            expected=tuple(expected.load(args.expected_failures)) if args.expected_failures else (),
            limits=Limits(args.timeout, args.max_line),
            process=Process(args.adapter_cwd, tuple(args.adapter_env), args.adapter_clean_env),
            reporting=Reporting(args.report, args.junit, args.html, args.markdown, args.badge, args.failures_dir),
            database=tuple(getattr(args, "database", None) or ()), shard=getattr(args, "shard", None),
            jobs=getattr(args, "jobs", None) or 1)

    @classmethod
    def from_pytest(cls, config, seed: int) -> "RunOptions":
        """From the pytest plugin's options (``--adapter``, ``--profile``, ``--conformance-*``)."""
        from conformance import example_database
        from conformance.errors import read_json_file

        order_file = config.getoption("conformance_privacy_order")
        database = config.getoption("conformance_database", None) or ()
        return cls(
            adapter=config.getoption("adapter"), profile=profiles.get(config.getoption("profile")), seed=seed,
            level=config.getoption("conformance_level"), signing_prefix=config.getoption("conformance_signing_prefix"),
            privacy_order=read_json_file("--conformance-privacy-order", order_file) if order_file else None,
            privacy_order_file=order_file, expected=tuple(getattr(config, "_conformance_xfails", ())),
            reporting=Reporting(report=config.getoption("conformance_report"),
                                failures_dir=config.getoption("conformance_failures_dir")),
            database=tuple(map(example_database.check, database)))

    def load_adapter(self):
        """A fresh adapter instance, with the limits and process options applied."""
        from conformance import adapters

        adapter = adapters.load(self.adapter)
        if not hasattr(adapter, "timeout"):
            return adapter
        adapter.timeout = self.limits.timeout
        if not hasattr(adapter, "env"):  # the process options apply to cmd: adapters only
            return adapter
        adapter.max_line = self.limits.max_line
        if self.process.cwd:
            if not Path(self.process.cwd).is_dir():
                raise HarnessError(f"--adapter-cwd {self.process.cwd}: not a directory")
            adapter.cwd = self.process.cwd
        if self.process.clean_env:
            adapter.env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
        for item in self.process.env:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise HarnessError(f"--adapter-env {item!r}: expected NAME=VALUE")
            adapter.env[name] = value
        return adapter
