"""The zip around the parts: members nothing changed are copied as they are stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lossless_fixtures import a_patch, members, staff_workbook
from plan_sheets.lossless import apply_patch
from plan_sheets.lossless import package as package_module

pytestmark = pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")


def stored(path: Path) -> dict[str, bytes]:
    """Each member as stored: its compressed bytes, read from where its header says."""
    data = path.read_bytes()
    out = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            start = info.header_offset
            name_length = int.from_bytes(data[start + 26:start + 28], "little")
            extra_length = int.from_bytes(data[start + 28:start + 30], "little")
            begin = start + 30 + name_length + extra_length
            out[info.filename] = data[begin:begin + info.compress_size]
    return out


class _Stream(io.RawIOBase):
    """A file that cannot seek: zipfile then writes each member's sizes after its data."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return self.buffer.write(data)


def rezipped(path: Path, *, stream: bool) -> Path:
    """The workbook zipped again at another level than the writer's (as Excel's zip may
    be), perhaps as a stream writes it: with data descriptors after the data."""
    out = _Stream() if stream else io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=1) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        # A part big enough for the levels to deflate it differently (a staff's own part).
        dst.writestr("customXml/item1.xml", "".join(
            f"<rad nr='{i}'>{i * 7919 % 10007} kronor</rad>" for i in range(6000)))
    path.write_bytes(out.buffer.getvalue() if stream else out.getvalue())
    with zipfile.ZipFile(path) as z:
        assert all(bool(info.flag_bits & 0x08) is stream for info in z.infolist())
    return path


@pytest.mark.parametrize("how", ["as saved", "streamed"])
def test_the_members_not_changed_are_copied_as_stored(tmp_path: Path, how: str) -> None:
    path = rezipped(staff_workbook(tmp_path / "huvuddokument.xlsx"), stream=how == "streamed")
    before, before_stored = members(path), stored(path)
    result = apply_patch(path, a_patch())
    assert result.changed_parts
    after, after_stored = members(path), stored(path)
    assert list(after) == list(before)
    kept = [name for name in before if name not in result.changed_parts]
    assert kept and all(after_stored[name] == before_stored[name] for name in kept)
    assert all(after[name] == before[name] for name in kept)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert [i.date_time for i in z.infolist()] == [
            i.date_time for i in zipfile.ZipFile(io.BytesIO(
                (tmp_path / "arkiv").glob("*.xlsx").__next__().read_bytes())).infolist()]


def test_a_zip_that_would_need_zip64_is_written_through_zipfile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = staff_workbook(tmp_path / "huvuddokument.xlsx")
    before = members(path)
    monkeypatch.setattr(package_module._Zip, "_LIMIT", 1000)
    copied = []
    monkeypatch.setattr(package_module._Zip, "copy", lambda *a: copied.append(a))
    result = apply_patch(path, a_patch())
    assert not copied
    after = members(path)
    assert all(after[n] == before[n] for n in before if n not in result.changed_parts)
