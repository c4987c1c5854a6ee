"""``python -m plangloss``: the plangloss command line, in this process."""

import sys

from ._plangloss import _run_cli


def main() -> None:
    """Runs the command line with ``sys.argv`` and exits with its status."""
    sys.stdout.flush()
    sys.exit(_run_cli(["plangloss", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
