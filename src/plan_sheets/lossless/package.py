"""The workbook as a zip of parts: read with limits, written back member by member.

Reading refuses zips that could not be a real workbook and could hurt the
machine (a zip bomb), by the limits of `plan_sheets.excel.ziplimits` that the reader
applies too.

Writing keeps every member's name, order, date and attributes; a member that
was not replaced gets exactly its original uncompressed bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from plan_sheets.excel.ziplimits import zip_problem
from plan_sheets.lossless.problems import Damage

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Member:
    name: str
    info: zipfile.ZipInfo


class Package:
    """A workbook's zip, read from a snapshot of its bytes."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(_OLE_SIGNATURE):
            raise Damage("filen är lösenordsskyddad (krypterad) eller en gammal .xls-fil; "
                         "plan-sheets kan bara ändra en okrypterad .xlsx/.xlsm")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise Damage(f"filen är ingen giltig Excelfil (zip): {exc}") from exc
        self._check(infos)
        self.members = [Member(info.filename, info) for info in infos]
        self._by_name = {m.name: m for m in self.members}
        self._cache: dict[str, bytes] = {}

    @staticmethod
    def _check(infos: list[zipfile.ZipInfo]) -> None:
        problem = zip_problem(infos)
        if problem is not None:
            raise Damage(problem[0], part=problem[1])

    def has(self, name: str) -> bool:
        return name in self._by_name

    def info(self, name: str) -> zipfile.ZipInfo:
        return self._by_name[name].info

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.members]

    def read(self, name: str) -> bytes:
        """A member's uncompressed bytes (checked against its CRC by zipfile)."""
        if name not in self._cache:
            if name not in self._by_name:
                raise Damage("delen saknas i filen", part=name)
            try:
                self._cache[name] = self._zip.read(name)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise Damage(f"delen går inte att packa upp ({exc})", part=name) from exc
        return self._cache[name]

    def forget(self, name: str) -> None:
        """Drop a cached member: the big sheets need not stay in memory twice."""
        self._cache.pop(name, None)


def write(target: BinaryIO, package: Package, *, replaced: Mapping[str, bytes],
          added: Iterable[tuple[str, bytes]] = (), removed: Iterable[str] = ()) -> None:
    """Write the package to `target`: members in their order, replaced and added ones new.

    Added members go last, dated like the workbook's other members.
    """
    gone = set(removed)
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for member in package.members:
            old = member.info
            stamp = old.date_time
            if member.name in gone:
                continue
            data = replaced.get(member.name)
            if data is None:
                data = package.read(member.name)
                package.forget(member.name)
            out.writestr(_copy_info(old), data)
        for name, data in added:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            out.writestr(info, data)


def _copy_info(old: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(old.filename, old.date_time)
    # Stored members (often images) stay stored; everything else is deflated as Excel does.
    info.compress_type = (old.compress_type if old.compress_type == zipfile.ZIP_STORED
                          else zipfile.ZIP_DEFLATED)
    info.external_attr = old.external_attr
    info.create_system = old.create_system
    info.comment = old.comment
    return info
