"""ita_desktop.resources: the one module that reads the bundled catalogs, the measure library
and the issue templates, and reads and keeps the clerk's own catalogs (domain/ receives the
data and reads no file)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ita_desktop import resources
from ita_desktop.domain import grouping, library
from ita_desktop.domain.framework import Framework, FrameworkError, catalog_text, copy_framework
from ita_desktop.paths import resource_path


def test_bundled_catalogs_by_year() -> None:
    bundled = resources.bundled_frameworks()
    assert {2565, 2566, 2567, 2568, 2569} <= set(bundled)
    assert all(isinstance(fw, Framework) and fw.ita_year == y for y, fw in bundled.items())
    files = sorted(resource_path("frameworks").glob("*.json"))
    assert len(bundled) == len(files)
    # with no catalog of the clerk's own, all are the bundled ones
    assert not resources.user_frameworks_dir().exists()
    assert resources.all_frameworks() == bundled and not resources.is_user_framework(2569)


def test_a_clerks_catalog_replaces_the_bundled_one_of_its_year(tmp_path: Path) -> None:
    data = copy_framework(resources.bundled_frameworks()[2569], 2569)
    data["title"] = "ของเทศบาลเอง"
    path = resources.save_user_framework(data)
    assert path == tmp_path / "config" / "frameworks" / "ita-2569.json"
    assert path.read_text(encoding="utf-8") == catalog_text(data)
    assert resources.is_user_framework(2569) and not resources.is_user_framework(2568)
    everything = resources.all_frameworks()
    assert everything[2569].title == "ของเทศบาลเอง"
    assert everything[2568] == resources.bundled_frameworks()[2568]
    # a broken file of the clerk's is skipped (the editor reports it when opened)
    (path.parent / "ita-2570.json").write_text("{ not json", encoding="utf-8")
    assert 2570 not in resources.all_frameworks()


def test_a_bad_catalog_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    data = copy_framework(resources.bundled_frameworks()[2569], 2571)
    data["tools"][0]["weight"] = 1
    with pytest.raises(FrameworkError, match="๑๐๐"):
        resources.save_user_framework(data)
    assert not (tmp_path / "config" / "frameworks" / "ita-2571.json").exists()


def test_reading_a_catalog_file(tmp_path: Path) -> None:
    good = tmp_path / "เกณฑ์.json"
    resources.write_catalog(good, resources.bundled_frameworks()[2567].raw)
    assert resources.load_framework_file(good) == resources.bundled_frameworks()[2567]
    (tmp_path / "bad.json").write_text("[1,", encoding="utf-8")
    for path in (tmp_path / "bad.json", tmp_path / "missing.json"):
        with pytest.raises(FrameworkError, match="อ่านไฟล์เกณฑ์ไม่ได้"):
            resources.load_framework_file(path)


def test_measure_library_and_issue_templates_are_the_bundled_files() -> None:
    measures = json.loads(resource_path("library", "measures.json").read_text(encoding="utf-8"))
    assert resources.measure_library() == library.measures_from_dict(measures)
    assert len(resources.measure_library()) == len(measures["measures"]) >= 40
    issues = json.loads(resource_path("library", "issues.json").read_text(encoding="utf-8"))
    templates = resources.issue_templates()
    from_file = grouping.templates_from_dict(issues)
    assert {y: templates[y] for y in from_file} == from_file
    assert set(templates) - set(from_file) == {2568, 2569}  # carried in those years' catalogs (issue 14.6)
    assert len(templates[2567]) == 7 and all(codes for _title, codes in templates[2567])
