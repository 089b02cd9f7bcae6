"""The CLI's help is complete (no text swallowed by markup) and errors are one clean line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

COMMANDS = ["build", "extract", "query", "validate", "export", "serve", "train"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.splitlines()) > 5


def test_defaults_are_shown_in_the_help():
    out = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "200"}).output
    assert "~/.local/share/diplokg/store" in out and "data/corpus" in out


def test_unknown_query_format_is_a_clean_error():
    result = CliRunner().invoke(app, ["query", "ASK {}", "--format", "xml"])
    assert result.exit_code == 1
    assert "unknown format" in result.output and "Traceback" not in result.output


def test_train_names_its_parts_and_refuses_others():
    help_text = CliRunner().invoke(app, ["train", "--help"], env={"COLUMNS": "200"}).output
    assert all(part in help_text for part in ("parser", "entities", "sentences"))
    result = CliRunner().invoke(app, ["train", "tagger"])
    assert result.exit_code == 1 and "unknown part(s) tagger" in result.output and "Traceback" not in result.output


def test_extract_refuses_an_unknown_components_mode(tmp_path):
    result = CliRunner().invoke(app, ["extract", "data/corpus", "--json", str(tmp_path), "--components", "magic"])
    assert result.exit_code == 1 and "choose from both, rules, learned" in result.output
