"""The workbook as a zip of parts: read with limits, written back member by member.

Reading refuses zips that could not be a real workbook and could hurt the
machine (a zip bomb), by the limits of `plan_sheets.excel.ziplimits` that the reader
applies too.

Writing keeps every member's name, order, date and attributes; a member that
was not replaced gets exactly its original bytes: compressed as they were, copied from
the original file (`_Zip`), so that a big sheet nothing changed (a closed year's
Statushistorik) costs a copy, not inflating and deflating it again.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
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
        self.data = data
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

    Added members go last, dated like the workbook's other members. The members not
    replaced are copied as they are stored (`_Zip`); a zip that needs ZIP64 (or a member
    stored in a way `_Zip` does not copy) is written through zipfile, each member
    inflated and deflated again.
    """
    added = list(added)
    if _Zip.can_copy(package, replaced, added):
        _write_copying(target, package, replaced=replaced, added=added, removed=removed)
        return
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


def _write_copying(target: BinaryIO, package: Package, *, replaced: Mapping[str, bytes],
                   added: list[tuple[str, bytes]], removed: Iterable[str]) -> None:
    gone = set(removed)
    out = _Zip(target)
    stamp = (1980, 1, 1, 0, 0, 0)
    for member in package.members:
        stamp = member.info.date_time
        if member.name in gone:
            continue
        data = replaced.get(member.name)
        if data is None:
            # Inflated once, so that a damaged member is refused as when it was written
            # anew (zipfile checks its CRC); inflating costs a fraction of deflating.
            package.read(member.name)
            package.forget(member.name)
            out.copy(package.data, member.info)
        else:
            out.add(_copy_info(member.info), data)
    for name, data in added:
        info = zipfile.ZipInfo(name, stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        out.add(info, data)
    out.close()


class _Zip:
    """A zip written member by member (the format of APPNOTE.TXT, without ZIP64): new
    members deflated as zipfile would, the others copied byte for byte from the original
    (local header, data and data descriptor), their central directory entries rebuilt
    at their new places. zipfile has no public way to copy a member unchanged; the
    check (`verify`) reads the written file back with zipfile, member by member."""

    _LOCAL = struct.Struct("<4s2B4HL2L2H")
    _CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
    _END = struct.Struct("<4s4H2LH")
    _LIMIT = 0xFFFF_FFFF

    def __init__(self, target: BinaryIO) -> None:
        self.target = target
        self.offset = 0
        self.central: list[bytes] = []

    @classmethod
    def can_copy(cls, package: Package, replaced: Mapping[str, bytes],
                 added: list[tuple[str, bytes]]) -> bool:
        """Whether the result fits without ZIP64 and every kept member can be copied."""
        if len(package.members) + len(added) >= 0xFFFF:
            return False
        new = sum(len(d) for d in replaced.values()) + sum(len(d) for _n, d in added)
        if len(package.data) + 2 * new + 1024**2 >= cls._LIMIT:
            return False
        return all(m.info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                   and max(m.info.file_size, m.info.compress_size, m.info.header_offset)
                   < cls._LIMIT for m in package.members)

    def _write(self, data: bytes) -> None:
        self.target.write(data)
        self.offset += len(data)

    def _central_entry(self, info: zipfile.ZipInfo, name: bytes, flags: int, crc: int,
                       compressed: int, size: int, offset: int, extra: bytes) -> bytes:
        dos_time = (info.date_time[3] << 11) | (info.date_time[4] << 5) | \
            (info.date_time[5] // 2)
        dos_date = ((info.date_time[0] - 1980) << 9) | (info.date_time[1] << 5) | \
            info.date_time[2]
        comment = info.comment
        return self._CENTRAL.pack(
            b"PK\x01\x02", info.create_version, info.create_system, info.extract_version,
            info.reserved, flags, info.compress_type, dos_time, dos_date, crc, compressed,
            size, len(name), len(extra), len(comment), 0, info.internal_attr,
            info.external_attr, offset) + name + extra + comment

    def add(self, info: zipfile.ZipInfo, data: bytes) -> None:
        """A member written anew: deflated (or stored, as `info` says), without extras."""
        name, flags = _name_bytes(info.filename)
        crc = zlib.crc32(data)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            stored = packer.compress(data) + packer.flush()
        else:
            stored = data
        info.extract_version = max(info.extract_version, 20)
        offset = self.offset
        local = self._LOCAL.pack(b"PK\x03\x04", info.extract_version, 0, flags,
                                 info.compress_type, 0, 0, crc, len(stored), len(data),
                                 len(name), 0)
        # The DOS time and date sit at bytes 10-13 of the local header, as in the central.
        entry = self._central_entry(info, name, flags, crc, len(stored), len(data), offset, b"")
        local = local[:10] + entry[12:16] + local[14:]
        self._write(local + name)
        self._write(stored)
        self.central.append(entry)

    def copy(self, original: bytes, info: zipfile.ZipInfo) -> None:
        """A member copied as it is stored in `original`, from its local header to the end
        of its data descriptor."""
        start = info.header_offset
        if original[start:start + 4] != b"PK\x03\x04":
            raise Damage("delens lokala huvud ligger inte där filen säger", part=info.filename)
        name_length, extra_length = struct.unpack_from("<2H", original, start + 26)
        end = start + 30 + name_length + extra_length + info.compress_size
        if info.flag_bits & 0x08:
            end += 16 if original[end:end + 4] == b"PK\x07\x08" else 12
        if end > len(original):
            raise Damage("delen tar slut utanför filen", part=info.filename)
        offset = self.offset
        self._write(original[start:end])
        name = original[start + 30:start + 30 + name_length]
        self.central.append(self._central_entry(info, name, info.flag_bits, info.CRC,
                                                info.compress_size, info.file_size, offset,
                                                info.extra))

    def close(self) -> None:
        start = self.offset
        for entry in self.central:
            self._write(entry)
        count = len(self.central)
        self._write(self._END.pack(b"PK\x05\x06", 0, 0, count, count, self.offset - start,
                                   start, 0))


def _name_bytes(name: str) -> tuple[bytes, int]:
    """A member name as zipfile writes it: ASCII, or UTF-8 with flag bit 11."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800
