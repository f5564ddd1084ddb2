"""What a workbook's zip may claim before anything inflates it: one set of limits.

The reader (`inputs`) and the lossless writer (`lossless.package`) refuse the
same files. A real 100,000-activity huvuddokument is some 150 MB uncompressed
and its XML shrinks about 8 to 30 times (a sheet formatted down to row
1,048,576 included), so the limits leave room by an order of magnitude while
a zip bomb – a small file that inflates to gigabytes – is refused from its
declared sizes alone; zipfile never yields more than a member declares.
"""

from __future__ import annotations

import zipfile

MAX_TOTAL_SIZE = 2 * 1024**3
"""Bytes, uncompressed, of all members together."""
MAX_RATIO = 200
"""Uncompressed / compressed size, for members of `RATIO_CHECK_SIZE` or more."""
RATIO_CHECK_SIZE = 1024**2
MAX_MEMBERS = 100_000


def zip_problem(infos: list[zipfile.ZipInfo]) -> tuple[str, str | None] | None:
    """(Swedish reason, the part it concerns) when the zip is refused, else None."""
    if len(infos) > MAX_MEMBERS:
        return f"filen har {len(infos)} delar, fler än en Excelfil kan ha", None
    names: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in names:
            return "delen finns två gånger i filen", info.filename
        names.add(info.filename)
        if info.flag_bits & 0x1:
            return "delen är krypterad", info.filename
        total += info.file_size
        if (info.file_size >= RATIO_CHECK_SIZE
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            ratio = info.file_size // max(info.compress_size, 1)
            return (f"delen packas upp {ratio} gånger större än den är packad; det ser ut som "
                    "en zip-bomb, inte som en Excelfil"), info.filename
    if total > MAX_TOTAL_SIZE:
        return (f"filen packas upp till {total / 1024**3:.1f} GB, mer än en Excelfil rimligen "
                f"kan vara (gränsen är {MAX_TOTAL_SIZE // 1024**3} GB; skydd mot zip-bomber)"), None
    return None
