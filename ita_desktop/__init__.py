"""ITA Desktop: a tambon office's ITA data in one SQLite file, printed in correct Thai."""
import os

__version__ = "0.1.0"

# pythainlp must never write ~/pythainlp-data nor download: the two corpus files it reads
# ship with it (and with the frozen build). Set before anything imports pythainlp.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
