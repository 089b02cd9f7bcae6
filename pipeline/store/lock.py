"""Who holds an embedded store: the process with the POSIX lock on RocksDB's ``LOCK`` file.

RocksDB's own message ("IO error: While lock file: .../LOCK: Resource temporarily unavailable")
says neither who nor what to do; :func:`locked_message` does. The holder is found in
``/proc/locks`` (Linux) by the lock file's inode, and named by its command line.
"""

from __future__ import annotations

import os
from pathlib import Path


def lock_holder(store_dir: Path | str) -> int | None:
    """The pid holding ``<store_dir>/LOCK``, or None when unknown (not Linux, no lock, no access)."""
    try:
        inode = os.stat(Path(store_dir) / "LOCK").st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        # "1: POSIX  ADVISORY  WRITE 12791 fe:00:4243496 0 EOF"
        fields = line.split()
        if len(fields) >= 6 and fields[1] != "->" and fields[5].rsplit(":", 1)[-1] == str(inode):
            try:
                return int(fields[4])
            except ValueError:
                continue
    return None


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)


def is_lock_error(e: BaseException) -> bool:
    text = str(e)
    return "lock file" in text.lower() or "Resource temporarily unavailable" in text


def locked_message(store_dir: Path | str) -> str:
    """A sentence for a user whose command found the store taken."""
    pid = lock_holder(store_dir)
    if pid is None:
        return (f"the store at {store_dir} is in use by another process (a running `diplokg serve` or "
                "`diplokg build`?); stop it, or use another --data-dir")
    command = _command(pid)
    return (f"the store at {store_dir} is in use by process {pid}" + (f" ({command})" if command else "")
            + f"; stop it (kill {pid}) or use another --data-dir, then try again")
