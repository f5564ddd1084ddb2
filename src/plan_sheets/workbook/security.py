"""XML safety for the whole process: no entity is ever expanded, whoever parses.

plan-sheets parses XML itself with lxml configured not to resolve entities
(see xlsxparts and lossless); the libraries it uses parse with the standard
library's parsers, which defusedxml replaces here. `harden()` runs before any
command touches a file and checks that it took effect.
"""

from __future__ import annotations

_PROBE = '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
_done = False


def harden() -> None:
    """Route the standard library's XML parsers through defusedxml, and prove it.

    Raises RuntimeError when an entity would still be expanded (a broken install).
    """
    global _done
    if _done:
        return
    import warnings
    import xml.etree.ElementTree as ElementTree

    import defusedxml

    with warnings.catch_warnings():
        # defuse_stdlib also covers the long-gone cElementTree, and says so.
        warnings.simplefilter("ignore", DeprecationWarning)
        defusedxml.defuse_stdlib()
    try:
        ElementTree.fromstring(_PROBE)
    except defusedxml.EntitiesForbidden:
        _done = True
        return
    raise RuntimeError("defusedxml är inte aktivt: XML-entiteter skulle expanderas.")
