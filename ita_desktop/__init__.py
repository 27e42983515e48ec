"""ITA Desktop: a tambon office's ITA data in one SQLite file, printed in correct Thai."""

__version__ = "0.1.0"
