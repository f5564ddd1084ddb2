"""A corpus of broken and hostile files, built here (nothing is downloaded).

`build_corpus(folder)` writes every case and returns them with what plan-sheets
must answer: the exit code and a phrase the Swedish message must contain.
Run it alone to look at the files: `python tests/corpus.py /tmp/korpus`.
"""

from __future__ import annotations

import struct
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import PlanBook  # noqa: E402

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    exit_code: int
    phrase: str
    """A part of the message the user must read."""


def _zip(path: Path, parts: dict[str, bytes], *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _with_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of a workbook with one zip part replaced (or added)."""
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[name] = data
    return _zip(target, parts)


def with_bad_crc(source: Path, target: Path, member: str) -> Path:
    """A copy of a workbook whose `member` no longer matches its CRC-32, as a broken
    download or a failing disk leaves it (the part's bytes themselves are intact)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as z:
        info = z.getinfo(member)
    bad = struct.pack("<I", info.CRC ^ 0xFFFF)
    local = info.header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    data[local + 14:local + 18] = bad
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        size = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + size] == member.encode():
            data[central + 16:central + 20] = bad
        central = data.find(b"PK\x01\x02", central + 4)
    target.write_bytes(bytes(data))
    return target


def build_corpus(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    good = PlanBook().write(folder / "bra.xlsx")
    cases: list[Case] = []

    def add(name: str, path: Path, code: int, phrase: str) -> None:
        cases.append(Case(name, path, code, phrase))

    add("saknas", folder / "finns-inte.xlsx", 2, "finns inte")
    (folder / "en-mapp.xlsx").mkdir(exist_ok=True)
    add("mapp", folder / "en-mapp.xlsx", 2, "är en mapp")
    (folder / "tom.xlsx").write_bytes(b"")
    add("tom fil", folder / "tom.xlsx", 2, "tom")
    (folder / "text.xlsx").write_text("ID;Aktivitet\n1.1.1;Företagsbesök\n", encoding="utf-8")
    add("text som .xlsx", folder / "text.xlsx", 2, "inte en Excel-arbetsbok")
    (folder / "lista.csv").write_text("ID,Aktivitet\n1.1.1,x\n", encoding="utf-8")
    add("csv", folder / "lista.csv", 2, "textfil")
    data = good.read_bytes()
    (folder / "avbruten.xlsx").write_bytes(data[: len(data) // 2])
    add("avklippt zip", folder / "avbruten.xlsx", 2, "skadad")
    _zip(folder / "brev.xlsx", {"[Content_Types].xml": b"<Types/>",
                                "word/document.xml": b"<w:document/>"})
    add("docx som .xlsx", folder / "brev.xlsx", 2, "Word-dokument")
    (folder / "losen.xlsx").write_bytes(OLE_HEADER)
    add("lösenordsskyddad", folder / "losen.xlsx", 2, "lösenordsskyddad — spara utan lösenord")
    (folder / "gammal.xls").write_bytes(OLE_HEADER)
    add("xls", folder / "gammal.xls", 2, "spara som")
    _zip(folder / "binar.xlsb", {"[Content_Types].xml": b"<Types/>",
                                 "xl/workbook.bin": b"\x00\x01"})
    add("xlsb", folder / "binar.xlsb", 2, "spara som")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
            b'uniqueCount="1"><si><t>&lol3;</t></si></sst>')
    _with_part(good, folder / "entiteter.xlsx", "xl/sharedStrings.xml", bomb)
    add("XML-entiteter", folder / "entiteter.xlsx", 2, "entitet")
    _with_part(good, folder / "zipbomb.xlsx", "xl/media/bomb.bin", b"\x00" * (60 * 1024**2))
    add("zip-bomb", folder / "zipbomb.xlsx", 2, "zip-bomb")
    with_bad_crc(good, folder / "skadat-tema.xlsx", "xl/theme/theme1.xml")
    add("skadad del (tema)", folder / "skadat-tema.xlsx", 2,
        "skadad: delen xl/theme/theme1.xml")
    with_bad_crc(good, folder / "skadat-blad.xlsx", "xl/worksheets/sheet1.xml")
    add("skadad del (blad)", folder / "skadat-blad.xlsx", 2,
        "skadad: delen xl/worksheets/sheet1.xml")
    missing = PlanBook(omit_sheets=("Mål",),
                       activity_headers=[h for h in PlanBook().activity_headers if h != "Status"])
    missing.write(folder / "saknar-flik.xlsx")
    add("flik och kolumn saknas", folder / "saknar-flik.xlsx", 1, "saknas")
    return cases


def hostile_text() -> dict[str, str]:
    """Staff text that a careless writer would turn into a formula or a link."""
    return {
        "formel": '=HYPERLINK("http://example.invalid","klicka")',
        "plus": "+46 8 123 45",
        "minus": "-5 % mot plan",
        "snabel": "@SUM(A1:A2)",
        "tabb": "\tindraget",
        "länk": "http://example.invalid/sida",
        "e-post": "mailto:anna@example.invalid",
    }


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "korpus")
    for case in build_corpus(target):
        print(f"{case.exit_code}  {case.path}  ({case.name})")
