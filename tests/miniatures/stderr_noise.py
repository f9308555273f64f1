"""A `cmd:` implementation with hostile stderr.

    python tests/miniatures/stderr_noise.py flood MEGABYTES   # one line of MEGABYTES MiB, no newline, then answers
    python tests/miniatures/stderr_noise.py crash-each        # names its pid on stderr, then exits, at every case

``crash-each`` shows whether the stderr tail of an errored case comes from the process that
failed it, not from earlier ones.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stdio import serve  # noqa: E402


def main() -> int:
    mode = [sys.argv[1]]

    def before_case(message):
        if mode[0] == "flood":
            chunk = b"x" * (1024 * 1024)
            for _ in range(int(sys.argv[2])):
                sys.stderr.buffer.write(chunk)
            sys.stderr.buffer.flush()
            mode[0] = "quiet"
        elif mode[0] == "crash-each":
            sys.stderr.write(f"process {os.getpid()} fails seq {message.get('seq')}\n")
            sys.stderr.flush()
            os._exit(3)

    return serve(before_case)


if __name__ == "__main__":
    sys.exit(main())
