"""Python's cycle collector, paused for work that makes many objects and no cycles.

Reading a plan makes a few objects per cell, and each collection of the oldest
generation walks every object alive: on a 30,000-activity plan that was a
tenth of `validate`. What is read (dicts, lists, frozen dataclasses) holds no
reference cycles, so nothing is left for the collector while it is paused; it
runs again as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for the `with` block (nesting is fine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
