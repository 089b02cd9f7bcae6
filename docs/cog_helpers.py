"""Helpers for the README's generated sections: `cog -r README.md` reruns every command shown.

Each shown command runs for real (the shipped model, a temporary store built from data/corpus),
so the README's output is regenerated, never pasted.
"""

from __future__ import annotations

import atexit
import functools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cog

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def _scratch(prefix: str) -> str:
    """A temporary directory removed when cog exits (a README run leaves nothing behind in /tmp)."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def _store_dir() -> str:
    return _scratch("diplokg-readme-")


_built: list[bool] = []


def store(building: bool = False) -> str:
    """A store built once per cog run, named in the commands as ./store. The README's own `build` command
    builds it when it comes first (so its output is a first build's, not an incremental one's); any other
    command finds it built."""
    data_dir = _store_dir()
    if not _built and not building:
        _run(["build", "data/corpus", "--data-dir", data_dir])
    _built.append(True)
    return data_dir


def _run(args: list[str]) -> str:
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=1200)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"diplokg {' '.join(args)} failed:\n{proc.stderr}")
    return (proc.stdout + proc.stderr).rstrip()


def show(command: str, lang: str = "console") -> None:
    """Print a ```console block with `$ diplokg ...` and its real output.

    ``--data-dir ./store`` in the command is pointed at the store built for the README.
    """
    args = shlex.split(command)
    building = bool(args) and args[0] == "build"
    real = [store(building) if a == "./store" else a for a in args]
    output = _run(real)
    # The build command's progress bar prints elapsed time; keep the README stable across runs.
    lines = [ln.replace(store(), "./store") for ln in output.splitlines() if "━" not in ln]
    cog.outl(f"```{lang}")
    cog.outl(f"$ diplokg {command}")
    for line in lines:
        cog.outl(line.rstrip())
    cog.outl("```")


def query(sparql: str) -> None:
    """Show a `diplokg query` with its SPARQL and the result table."""
    cog.outl("```console")
    cog.outl("$ diplokg query --data-dir ./store \"$(cat <<'EOF'")
    for line in sparql.strip().splitlines():
        cog.outl(line)
    cog.outl("EOF")
    cog.outl(')"')
    for line in _run(["query", sparql, "--data-dir", store()]).splitlines():
        cog.outl(line.rstrip())
    cog.outl("```")


def scores(inputs: str = "data/corpus", gold: str = "../shared/eval/dev-gold") -> None:
    """Extract ``inputs`` with the shipped pipeline and score them with ../shared/eval/score.py."""
    out = _scratch("diplokg-eval-")
    _run(["extract", inputs, "--json", out])
    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    proc = subprocess.run([sys.executable, str(scorer), str(ROOT / gold), out], capture_output=True, text=True)
    cog.outl("```console")
    cog.outl(f"$ diplokg extract {inputs} --json /tmp/out")
    cog.outl(f"$ python ../shared/eval/score.py {gold} /tmp/out")
    cog.outl(proc.stdout.rstrip())
    cog.outl("```")


def json_excerpt(path: str, per_list: int = 2) -> None:
    """The first items of each list of one document's extraction JSON."""
    import json

    out = _scratch("diplokg-json-")
    _run(["extract", path, "--json", out])
    data = json.loads((Path(out) / f"{Path(path).stem}.json").read_text(encoding="utf-8"))
    short = {k: (v[:per_list] if isinstance(v, list) else v) for k, v in data.items()}
    cog.outl("```console")
    cog.outl(f"$ diplokg extract {path} --json /tmp/out")
    cog.outl(f"$ cat /tmp/out/{Path(path).stem}.json   # the first {per_list} items of each list shown")
    cog.outl(json.dumps(short, ensure_ascii=False, indent=1))
    cog.outl("```")


def script(command: str) -> None:
    """Show a project script (``benchmarks/...``) and its real output as a ```console block."""
    args = shlex.split(command)
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{proc.stderr}")
    cog.outl("```console")
    cog.outl(f"$ python {command}")
    cog.outl(proc.stdout.rstrip())
    cog.outl("```")
