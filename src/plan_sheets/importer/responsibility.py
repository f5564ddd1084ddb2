"""One responsibility cell naming several offices: the first is Ansvarig, the rest Delaktiga.

`NLK/SBK`, `Näringslivskontoret, Samhällsbyggnad`, `NLK och SBK`, `NLK i
samverkan med SBK`, `NLK (SBK)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    """The first named office is responsible; the others take part (order kept)."""
    text = " ".join(text.replace("\n", " \n ").split(" ")).strip()
    inner = _BRACKETS.findall(text)
    text = _BRACKETS.sub(" , ", text) if inner else text
    parts: list[str] = []
    for piece in [*_SEPARATORS.split(text), *(p for i in inner for p in _SEPARATORS.split(i))]:
        piece = " ".join(piece.split()).strip(" .,")
        if piece and piece.casefold() not in {p.casefold() for p in parts}:
            parts.append(piece)
    if not parts:
        return Responsibility("")
    return Responsibility(parts[0], tuple(parts[1:]))
