"""Two pieces of work at once: one in a forked process, the other in this one.

Forking shares what has been read (a plan of any size) with the child without
copying or pickling it. Only Linux forks here: macOS cannot fork a process
that has loaded its system frameworks safely, and Windows cannot fork at all;
there `can_fork()` is False and callers run the work one piece after another.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

FORK_FROM_BYTES = 500_000
"""The one rule for when a second process pays: a workbook of this many bytes (about
3,000 activities). Below it, starting the process costs more than it saves. Measured
targets that need it (benchmarks/README.md): merge (the groups' workbooks read beside the
huvuddokument, the written file checked beside its writing) and report (the focus-area
workbooks written beside the steering group's). The annual pack forks at any size: its
work, drawing the charts, does not grow with the plan, and the demo's 5 s needs it."""

Here = TypeVar("Here")
There = TypeVar("There")


def can_fork() -> bool:
    """Whether `run_beside` may be used: Linux, more than one core."""
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux") \
        and "fork" in multiprocessing.get_all_start_methods()


def worth_forking(workbook_bytes: int) -> bool:
    """Whether work on a workbook of this size goes to a second process (`FORK_FROM_BYTES`)."""
    return workbook_bytes >= FORK_FROM_BYTES and can_fork()


def file_size(path: Path) -> int:
    """The file's size in bytes, 0 when it cannot be told (the reading will say why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run_beside(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """Run `there` in a forked process while `here` runs in this one; both results.

    Either's exception is raised here (`here`'s first); `there`'s result must
    pickle.
    """
    beside = Beside(there)
    try:
        mine = here()
    except BaseException:
        beside.cancel()
        raise
    return mine, beside.result()


def _portable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any unpicklable error is sent as text
        return RuntimeError(f"{type(error).__name__}: {error}")


class Beside(Generic[There]):
    """Work running in a forked process (`start_beside`): its result when it is wanted."""

    def __init__(self, there: Callable[[], There]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)

        def child() -> None:
            try:
                result = there()
            except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
                sender.send((False, _portable(error)))
                raise SystemExit(1) from None
            sender.send((True, result))

        self._process = context.Process(target=child, name="plan-sheets-beside", daemon=True)
        self._process.start()
        sender.close()
        self._outcome: tuple[bool, Any] | None = None

    def result(self) -> There:
        """Wait for the work: its result, or its exception raised here."""
        if self._outcome is None:
            try:
                self._outcome = self._receiver.recv()
            except EOFError:
                self._outcome = (False, RuntimeError(
                    f"the second process stopped (exit code {self._process.exitcode})"))
            self._receiver.close()
            self._process.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the work if it is still running (its result is no longer wanted)."""
        if self._outcome is None:
            self._outcome = (False, RuntimeError("cancelled"))
            self._process.terminate()
            self._process.join()
            self._receiver.close()


def start_beside(there: Callable[[], There]) -> Beside[There]:
    """Start `there` in a forked process and return at once; `.result()` waits for it.

    Call `.cancel()` when the result is not wanted (after an error, say), so that
    the process does not outlive the need; `there`'s result must pickle.
    """
    return Beside(there)
