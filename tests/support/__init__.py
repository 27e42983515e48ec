"""Helpers for tests. pdfcheck.py is the team's report checker, copied from
../shared/tools/pdfcheck.py so a clean checkout can run it (test_report_checks compares the
two when ../shared is present)."""
