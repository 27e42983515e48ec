"""Entry point of the frozen app (both the windowed and the console exe)."""
import multiprocessing
import sys

if __name__ == "__main__":
    # the print screen's render worker is a spawned process: let it start in the frozen build
    multiprocessing.freeze_support()
    from ita_desktop.cli import main

    sys.exit(main())
