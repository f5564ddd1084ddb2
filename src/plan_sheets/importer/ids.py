"""Activity IDs in an old plan: keep the usable ones, number the rest by position.

A usable ID is `F.I.N` in its own intervention area and unique. Anything else
(`1.1.a`, `FO1-3`, `1`, `a)`, none) gives way to the next running number in
the intervention area, and the old ID is kept beside it (`Tidigare ID`).
Other styles still tell where an activity belongs when nothing else does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_FULL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,6})$")
_AREA_LETTER = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s*([a-zåäö])\)?$", re.IGNORECASE)
_FOCUS_NUMBER = re.compile(r"^(?:fo|fokusområde|f)\s*(\d{1,2})\s*[-–.:/]\s*(\d{1,4})$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class IdHint:
    """What an old ID says about where its activity belongs."""

    text: str
    focus: int | None = None
    area: str | None = None
    usable: bool = False
    """Already `F.I.N`."""


def id_hint(value: object) -> IdHint:
    if value is None:
        return IdHint("")
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else \
        str(value).strip()
    if m := _FULL.match(text):
        return IdHint(text, int(m[1]), f"{int(m[1])}.{int(m[2])}", usable=True)
    if m := _AREA_LETTER.match(text):
        return IdHint(text, int(m[1]), f"{int(m[1])}.{int(m[2])}")
    if m := _FOCUS_NUMBER.match(text):
        return IdHint(text, int(m[1]))
    return IdHint(text)


@dataclass(frozen=True)
class Assigned:
    new_id: str
    kept: bool
    rule: str


def assign_ids(items: Sequence[tuple[str, IdHint]]) -> list[Assigned]:
    """New IDs for (intervention area, old ID hint), in order.

    Usable IDs (`F.I.N` agreeing with the area, first of their kind) are kept;
    the others get the lowest running numbers in their area not taken by a kept one.
    """
    taken: dict[str, set[int]] = {}
    keep: list[bool] = []
    seen: set[str] = set()
    for area, hint in items:
        ok = hint.usable and hint.area == area and hint.text not in seen and bool(area)
        keep.append(ok)
        if ok:
            seen.add(hint.text)
            taken.setdefault(area, set()).add(int(hint.text.rsplit(".", 1)[1]))
    counters: dict[str, int] = {}
    out: list[Assigned] = []
    for (area, hint), ok in zip(items, keep, strict=True):
        if ok:
            out.append(Assigned(f"{area}.{int(hint.text.rsplit('.', 1)[1])}", True,
                                "ID:t har redan formen F.I.N och behålls"))
            continue
        used = taken.setdefault(area, set())
        n = counters.get(area, 0) + 1
        while n in used:
            n += 1
        counters[area] = n
        used.add(n)
        if not hint.text:
            rule = "inget ID: nytt efter plats (fokusområde.insatsområde.löpnummer)"
        elif hint.usable and hint.text in seen and hint.area == area:
            rule = "ID:t finns redan på en tidigare rad: nytt efter plats"
        elif hint.usable:
            rule = "ID:t hör till ett annat insatsområde än raden: nytt efter plats"
        else:
            rule = "ID:t har inte formen F.I.N: nytt efter plats, det gamla i Tidigare ID"
        out.append(Assigned(f"{area}.{n}", False, rule))
    return out
