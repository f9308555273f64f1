"""A `cmd:` implementation that starts a grandchild in another session (``setsid``) which
keeps its stdout and stderr open, then exits on its third case request.

    python tests/miniatures/setsid_orphan.py PIDFILE

The grandchild's pid is appended to PIDFILE, so a test can check it was killed.
"""

from __future__ import annotations

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stdio import serve  # noqa: E402


def main() -> int:
    pidfile = sys.argv[1]
    grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True)
    with open(pidfile, "a") as f:
        f.write(f"{grandchild.pid}\n")
    cases = []

    def before_case(message):
        cases.append(message)
        if len(cases) == 3:
            sys.stderr.write(f"process {os.getpid()} gives up\n")
            sys.stderr.flush()
            os._exit(3)

    return serve(before_case)


if __name__ == "__main__":
    sys.exit(main())
