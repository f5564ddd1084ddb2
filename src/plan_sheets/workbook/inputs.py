"""Is this file a workbook we can read? Every refusal is a Swedish sentence naming the file.

Checked before any parser sees the file: missing paths, folders, empty files,
other formats under an `.xlsx` name, encrypted workbooks (an OLE container),
legacy formats, truncated zips, damaged parts and zip bombs.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from pathlib import Path

from plan_sheets.errors import WorkbookUnreadable, detail
from plan_sheets.excel.ziplimits import zip_problem
from plan_sheets.files import in_use

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

SAVE_AS = "Öppna den i Excel eller LibreOffice och spara som Excel-arbetsbok (.xlsx)."
RESAVE = ("Öppna filen i Excel (som brukar kunna reparera den) och spara den igen, ta en "
          "tidigare version ur mappen arkiv, eller be avsändaren skicka filen igen.")
CHUNK = 1 << 20


def _fail(path: Path, what: str, hint: str = "") -> WorkbookUnreadable:
    return WorkbookUnreadable(f"{path}: {what}", hint=hint)


def check_workbook_file(path: Path) -> str:
    """Refuse what cannot be read; return the format: `xlsx`, `xlsm` or `ods`.

    Raises WorkbookUnreadable with a Swedish message and hint.
    """
    if not path.exists():
        raise _fail(path, "filen finns inte.", "Kontrollera sökvägen och filnamnet.")
    if path.is_dir():
        raise _fail(path, "är en mapp, inte en arbetsbok.", "Ange sökvägen till en .xlsx-fil.")
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise in_use(path) from None
    except OSError as error:
        raise _fail(path, "filen går inte att läsa.",
                    "Kontrollera sökvägen och behörigheten och kör igen." + detail(error)) \
            from None
    if size == 0:
        raise _fail(path, "filen är tom (0 byte).", "Den kan ha skadats när den sparades; "
                    "ta en tidigare version ur mappen arkiv.")
    if suffix == ".xls" or (head == OLE_MAGIC and suffix not in (".xlsx", ".xlsm")):
        raise _fail(path, "är i det äldre Excel-formatet (.xls).", SAVE_AS)
    if suffix == ".xlsb":
        raise _fail(path, "är en binär Excel-arbetsbok (.xlsb).", SAVE_AS)
    if head == OLE_MAGIC:
        raise _fail(path, "arbetsboken är lösenordsskyddad — spara utan lösenord.",
                    "Öppna den i Excel, ta bort lösenordet under Arkiv > Info > Skydda "
                    "arbetsbok, och spara.")
    if suffix in (".csv", ".txt"):
        raise _fail(path, "är en textfil, inte en arbetsbok.", SAVE_AS)
    if head[:4] != ZIP_MAGIC:
        raise _fail(path, "är inte en Excel-arbetsbok (filen är inte i .xlsx-format).", SAVE_AS)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            _check_sizes(path, infos)
            _check_parts(path, archive, infos)
    except PermissionError:
        raise in_use(path) from None
    except zipfile.BadZipFile:
        raise _fail(path, "filen är skadad eller ofullständig (zip-arkivet går inte att läsa).",
                    "Ta en tidigare version ur mappen arkiv, eller be avsändaren skicka "
                    "filen igen.") from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise _fail(path, "är en binär Excel-arbetsbok (.xlsb).", SAVE_AS)
        return "xlsm" if "xl/vbaProject.bin" in names or suffix == ".xlsm" else "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if "word/document.xml" in names:
        raise _fail(path, "är ett Word-dokument, inte en Excel-arbetsbok.", SAVE_AS)
    if "ppt/presentation.xml" in names:
        raise _fail(path, "är en PowerPoint-presentation, inte en Excel-arbetsbok.", SAVE_AS)
    raise _fail(path, "är ett zip-arkiv men ingen Excel-arbetsbok.", SAVE_AS)


def _check_parts(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Read every part once: refuse a damaged one, and XML that declares entities.

    A part whose bytes do not match its CRC-32 (a broken download or sync, a failing
    disk) is refused here, whichever part it is: calamine reads only the parts it
    needs and the lossless writer copies the others, so a damaged theme would
    otherwise pass `validate` and break a write. Office files never declare a
    DOCTYPE or entities; a declaration sits in the prolog, so the first bytes tell,
    before any parser sees them. (Unpacking everything costs some 50 ms for a
    30,000-activity workbook, a tenth of what reading its sheets does.)
    """
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels", ".vml"))
        try:
            with archive.open(info) as part:
                head = part.read(2048)
                while part.read(CHUNK):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError,
                NotImplementedError) as error:
            raise _fail(path, f"filen är skadad: delen {info.filename} går inte att läsa "
                        f"({_reason(error)}).", RESAVE) from None
        if xml and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
            raise _fail(path, f"delen {info.filename} innehåller XML med entitetsdeklarationer "
                        "och öppnas inte (säkerhetsskydd).", "Spara om filen i Excel.")


def _reason(error: Exception) -> str:
    if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
        return "kontrollsumman stämmer inte"
    if isinstance(error, NotImplementedError):
        return "okänd komprimering"
    return "innehållet går inte att packa upp"


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    problem = zip_problem(infos)
    if problem is not None:
        reason, part = problem
        raise _fail(path, f"{reason}{f' (delen {part})' if part else ''}; den öppnas inte.")


def file_fingerprint(path: Path | str) -> str:
    """The sha256 (hex) of a file's bytes: tells whether it changed since it was read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except PermissionError:
        raise in_use(Path(path)) from None
    return digest.hexdigest()


