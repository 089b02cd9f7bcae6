"""A build at scale, then the same build again with nothing changed (the incremental path).

    python benchmarks/bench_build.py FOLDER_OR_FILES... [--limit N] [-j J] [--model blank] [--data-dir DIR]

Runs the real ``diplokg build`` (a subprocess, as a user would) on the first ``--limit`` inputs
(sorted by name) into a fresh store, and prints: wall time, documents/s, words/s (whitespace words
of the prepared text), peak resident memory (the largest single process, and the sum over the
build's process tree sampled every 0.2 s), triples stored, the store's size on disk. Then it builds
the same inputs again, unchanged, and prints the rebuild's wall time and its ratio to the full build
(the target: under 10 %). The machine's load average is printed before and after: on a shared
machine the figures depend on it.

Motion texts of the motiematcher recording (github.com/tommyvanderwal/motiematcher, not copied
here), written as one .txt per record into /tmp: see benchmarks/eval_motions_official.py for where
the recording keeps them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.run import collect_inputs  # noqa: E402
from pipeline.text import InputError, prepare  # noqa: E402

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc (kB)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_build(files: list[Path], data_dir: Path, jobs: int, model: str | None,
                force: bool = False, cluster: str | None = None) -> tuple[float, str, int, float, float]:
    """(wall seconds, stdout, peak summed RSS of the process tree in kB, CPU seconds of the whole
    tree, CPU seconds of the process that writes the store) of one ``diplokg build``."""
    cmd = [sys.executable, "-m", "pipeline.cli", "build", *map(str, files), "--data-dir", str(data_dir)]
    cmd += ["--cluster", cluster] if cluster else ["-j", str(jobs)]
    if model:
        cmd += ["--model", model]
    if force:
        cmd.append("--force")
    peak, writer_cpu = 0, 0.0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, writer_cpu
        while not done.wait(0.2):
            peak = max(peak, _tree_rss_kb(proc.pid))
            writer_cpu = max(writer_cpu, _cpu_seconds(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, errors = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and every worker it waited for
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode not in (0, 1):  # 1: some documents refused, reported below
        sys.exit(f"diplokg build failed ({proc.returncode}):\n{errors[-3000:]}")
    refused = errors.count("refused ")
    if refused:
        print(f"  ({refused} document(s) refused by the SHACL gate or unreadable)")
    return wall, out, peak, cpu, writer_cpu


def disk_size(folder: Path, suffix: str = "") -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path, help="folders or files to build")
    ap.add_argument("--limit", type=int, default=None, help="the first N inputs, sorted by name")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--model", default=None, help="model folder, or 'blank' (default: the shipped model)")
    ap.add_argument("--data-dir", type=Path, default=None, help="store folder (default: a fresh temporary one)")
    ap.add_argument("--cluster", default=None, help="a Dask scheduler's address: extraction there, not in -j processes")
    args = ap.parse_args()

    files = collect_inputs(args.paths)[: args.limit]
    words = 0
    for path in files:
        try:
            words += len(prepare(path).text.split())
        except InputError:
            pass
    tmp = tempfile.TemporaryDirectory(prefix="bench-build-")
    data_dir = args.data_dir or Path(tmp.name) / "store"
    if data_dir.exists() and any(data_dir.iterdir()):
        sys.exit(f"{data_dir}: not empty; the benchmark builds into a fresh store")

    where = f"--cluster {args.cluster}" if args.cluster else f"-j {args.jobs}"
    print(f"{len(files)} documents, {words:,} words, {where}, model {args.model or 'shipped'}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    wall, out, tree_kb, cpu, writer_cpu = timed_build(files, data_dir, args.jobs, args.model, cluster=args.cluster)
    largest_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    triples = re.search(r"(\d+) triples", out)
    stored = re.search(r"stored (\d+) document", out)
    print(f"full build:   {wall:8.1f} s   {len(files) / wall:7.2f} docs/s   {words / wall:8.0f} words/s   "
          f"{wall / max(1, len(files)) * 1000:6.0f} ms/doc")
    print(f"  stored {stored[1] if stored else '?'} documents, {triples[1] if triples else '?'} triples, "
          f"store on disk {disk_size(data_dir) / 2**20:.1f} MiB (RocksDB's write-ahead log "
          f"{disk_size(data_dir, '.log') / 2**20:.1f} MiB of it, tables {disk_size(data_dir, '.sst') / 2**20:.1f} MiB)")
    print(f"  peak RSS: largest process {largest_kb / 1024:.0f} MiB, process tree (sampled) {tree_kb / 1024:.0f} MiB")
    print(f"  CPU: {cpu:.0f} s in all ({cpu / wall:.2f} cores busy on average), of which the process that writes "
          f"the store {writer_cpu:.0f} s (sampled; workers on a cluster are not counted)")
    again, out2, *_ = timed_build(files, data_dir, args.jobs, args.model, cluster=args.cluster)
    unchanged = re.search(r"unchanged (\d+)", out2)
    skipped = int(unchanged[1]) if unchanged else 0
    print(f"rebuild, nothing changed: {again:6.1f} s   ({again / wall:.1%} of the full build; "
          f"unchanged {skipped})")
    if stored and skipped < int(stored[1]):
        print(f"  note: {int(stored[1]) - skipped} document(s) were extracted again: an input, a sidecar or the "
              "pipeline (its package files, models, ontology, shapes) changed between the two builds")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
