import multiprocessing

from ita_desktop.cli import main

if __name__ == "__main__":
    # the print screen's render worker is a spawned process: a frozen build must let it start
    multiprocessing.freeze_support()
    raise SystemExit(main())
