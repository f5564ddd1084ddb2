"""The GitHub workflow is valid YAML and does what .ci/run does, on every system."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))


def test_the_workflow_runs_on_three_systems_and_three_pythons():
    job = workflow()["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest", "windows-latest", "macos-latest"]
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    assert job["runs-on"] == "${{ matrix.os }}"


def test_the_workflow_mirrors_ci_run():
    steps = workflow()["jobs"]["test"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    ci_run = (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    test_command = readme.split("<!-- test-command -->")[1].split("<!-- /test-command -->")[0]
    # The README's test command: install with the test extras, run pytest.
    assert "pip install -e '.[test]'" in test_command and "-m pytest" in test_command
    assert 'pip install -e ".[test]"' in commands and "python -m pytest" in commands
    # LibreOffice as .ci/run installs it (the packages it names).
    for package in ("libreoffice-calc-nogui", "poppler-utils", "fonts-crosextra-carlito"):
        assert package in ci_run and package in commands
    # The wheel: built, installed into a fresh environment and the demo run from it.
    assert "scripts/check_wheel.py" in ci_run and "scripts/check_wheel.py" in commands
    assert "build twine" in ci_run and "build twine" in commands


def test_the_changelog_begins_with_the_version_in_the_package():
    from plan_sheets import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    first = next(line for line in changelog.splitlines() if line.startswith("## "))
    assert first.startswith(f"## {__version__} ")
