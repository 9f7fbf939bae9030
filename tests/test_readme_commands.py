"""Each manage.py command the README shows works when pasted into a shell in the project folder."""

import re

import pytest
from newcomer import ROOT, fresh_shell, run

# The commands run in a shell of their own, through make: the server tier (make test-servers).
in_a_shell = pytest.mark.servers

README = (ROOT / "README.md").read_text()
# Commands in code: a line of a shell block, or a `backticked` command in the text.
CODE = re.findall(r"```sh\n(.*?)```", README, re.S)
COMMANDS = sorted(
    {
        line.split("#")[0].strip()
        for line in [*"\n".join(CODE).splitlines(), *re.findall(r"`([^`\n]+)`", README)]
        if "manage" in line.split("#")[0] and line.startswith(("make manage ARGS=", "python", "./manage"))
    }
)


def test_the_readme_shows_its_commands_through_make_manage():
    assert 'make manage ARGS="create_dev_admin --reset"' in COMMANDS
    assert 'make manage ARGS="load_seed_content"' in COMMANDS
    # A bare `python manage.py …` fails in a newcomer's shell (no Django there, no development settings).
    assert not [command for command in COMMANDS if "manage.py" in command]


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory):
    """A fresh shell whose database has been set up as `make run` sets it up."""
    env = fresh_shell(tmp_path_factory.mktemp("readme"))
    result = run('make manage ARGS="migrate --no-input"', env)
    assert result.returncode == 0, result.stderr
    return env


@in_a_shell
@pytest.mark.parametrize("command", COMMANDS)
def test_a_readme_command_runs_as_written(after_make_run, command):
    result = run(command, after_make_run)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@in_a_shell
def test_a_command_missing_a_required_setting_says_so_in_one_line(tmp_path):
    env = fresh_shell(tmp_path)  # no DEBUG and no SECRET_KEY: production settings, half done
    env.pop("SECRET_KEY", None)
    result = run(".venv/bin/python manage.py load_seed_content", env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "SECRET_KEY is not set. Set it in the environment (see .env.example), or set DEBUG=1 for development."
    ]


@in_a_shell
def test_a_python_without_django_is_told_how_to_run_commands(tmp_path):
    result = run("python3 -I -S manage.py load_seed_content", fresh_shell(tmp_path))
    assert result.returncode != 0
    assert "make manage" in result.stderr
    assert "Traceback" not in result.stderr
