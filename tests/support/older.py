"""What takes a file of today's format back to an older one, for tests that hand-make an
older app's file from a new one (the committed format-1.N.ita fixtures are the real ones)."""
from __future__ import annotations

# the statements that undo each version's migration (store/schema.py), newest first
UNDO: list[tuple[int, tuple[str, ...]]] = [
    (1004, ("DROP TABLE attachment", "DROP TABLE oit_entry", "DROP TABLE photo", "DROP TABLE template",
            "ALTER TABLE office DROP COLUMN website", "ALTER TABLE office DROP COLUMN phone",
            "ALTER TABLE office DROP COLUMN email", "ALTER TABLE measure DROP COLUMN oit_items")),
    (1003, ("DROP TABLE print_settings",)),
    (1002, ("DROP TABLE rev_content", "DELETE FROM meta WHERE key = 'file_id'")),
    (1001, ("DROP TABLE issued_document", "DROP TABLE merge_log")),
]


def back_to(version: int) -> list[str]:
    """The SQL that makes a current file one of format `version` (user_version set last)."""
    out = [sql for made_in, statements in UNDO if made_in > version for sql in statements]
    return [*out, f"PRAGMA user_version={version}"]
