"""Memory of past failures (``--database``): Hypothesis's example database.

Each value is a directory (read and written: Hypothesis's DirectoryBasedExampleDatabase)
or ``github:OWNER/REPO[/ARTIFACT]``, read-only: Hypothesis's GitHubArtifactDatabase, the
database a scheduled job uploaded as a workflow artifact (default name
``hypothesis-example-db``; it reads GITHUB_TOKEN). Several values are searched together.

None by default: with a database, a run first replays what earlier runs found, so the
cases of a run depend on the database's contents and not only on the seed."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.errors import HarnessError

_GITHUB = re.compile(r"github:([\w.-]+)/([\w.-]+)(?:/([\w.-]+))?")


def check(spec: str) -> str:
    """One ``--database`` value (a HarnessError naming the option otherwise)."""
    if spec.startswith("github:"):
        if not _GITHUB.fullmatch(spec):
            raise HarnessError(f"--database {spec!r}: expected github:OWNER/REPO or github:OWNER/REPO/ARTIFACT")
        return spec
    if not spec:
        raise HarnessError("--database '': expected a directory or github:OWNER/REPO[/ARTIFACT]")
    path = Path(spec)
    if path.exists() and not path.is_dir():
        raise HarnessError(f"--database {spec}: not a directory")
    return spec


def open_database(specs):
    """The Hypothesis database for ``specs`` (a sequence of --database values), or None."""
    if not specs:
        return None
    from hypothesis.database import (DirectoryBasedExampleDatabase, GitHubArtifactDatabase, MultiplexedDatabase,
                                     ReadOnlyDatabase)

    found = []
    for spec in map(check, specs):
        m = _GITHUB.fullmatch(spec)
        if m:
            owner, repo, artifact = m.groups()
            found.append(ReadOnlyDatabase(GitHubArtifactDatabase(owner, repo, artifact or "hypothesis-example-db")))
        else:
            found.append(DirectoryBasedExampleDatabase(spec))
    return found[0] if len(found) == 1 else MultiplexedDatabase(*found)
