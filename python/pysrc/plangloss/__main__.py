"""``python -m plangloss``: the plangloss command line, in this process."""

import signal
import sys

from ._plangloss import _run_cli


def main() -> None:
    """Runs the command line with ``sys.argv`` and exits with its status."""
    # Ctrl-C stops the command at once, as it stops the native program:
    # Python's own handler would only run once Rust returns.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.stdout.flush()
    sys.exit(_run_cli(["plangloss", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
