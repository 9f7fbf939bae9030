"""The README's map ("Where things are") names every top-level folder, and only folders that exist."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mapped_folders():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    return {match.group(1) for match in re.finditer(r"^\| `([^`/]+)/` \|", section, re.M)}


def test_the_readme_map_names_every_top_level_folder():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    folders = {path.split("/")[0] for path in tracked.splitlines() if "/" in path}
    assert mapped_folders() == folders
