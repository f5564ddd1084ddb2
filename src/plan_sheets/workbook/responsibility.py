"""One responsibility cell naming several offices: the first is Ansvarig, the rest Delaktiga.

`NLK/SBK`, `Näringslivskontoret, Samhällsbyggnad`, `NLK och SBK`, `NLK i
samverkan med SBK`, `NLK (SBK)`. Every stage reads Ansvarig this one way: `import`
when it turns an old plan's cell into two, the reader for every workbook (so that
merge, the reports' Per ansvarig and the reminders see the same offices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plan_sheets.workbook.schema import key_text

_SEPARATORS = re.compile(
    r"\s*[/,;+&\n]\s*|(?<!-)\s+(?:och|samt|i samverkan med|tillsammans med|med stöd av|med)\s+",
    re.IGNORECASE)
"""`Kultur- och fritidskontoret` is one office: `och` after a hyphen does not split."""
_BRACKETS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Responsibility:
    responsible: str
    participants: tuple[str, ...] = ()

    @property
    def split(self) -> bool:
        return bool(self.participants)


def split_responsibility(text: str) -> Responsibility:
    """The first named office is responsible; the others take part (order kept), each
    office's name as a key (`schema.key_text`)."""
    text = key_text(text.replace("\n", " / "))
    inner = _BRACKETS.findall(text)
    text = _BRACKETS.sub(" , ", text) if inner else text
    parts: list[str] = []
    for piece in [*_SEPARATORS.split(text), *(p for i in inner for p in _SEPARATORS.split(i))]:
        piece = piece.strip(" .,")
        if piece and piece.casefold() not in {p.casefold() for p in parts}:
            parts.append(piece)
    if not parts:
        return Responsibility("")
    return Responsibility(parts[0], tuple(parts[1:]))


_CACHE: dict[str, Responsibility] = {}


def read_responsible(text: str) -> Responsibility:
    """`split_responsibility`, remembered: a plan repeats a few offices on every row."""
    found = _CACHE.get(text)
    if found is None:
        found = split_responsibility(text)
        if len(_CACHE) < 10_000:
            _CACHE[text] = found
    return found
