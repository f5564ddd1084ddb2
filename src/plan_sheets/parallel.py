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
from typing import Any, Generic, TypeVar

Here = TypeVar("Here")
There = TypeVar("There")


def can_fork() -> bool:
    """Whether `run_beside` may be used: Linux, more than one core."""
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux") \
        and "fork" in multiprocessing.get_all_start_methods()


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
