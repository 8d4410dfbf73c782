"""Zip files of reports, opened with bounds so a zip bomb is refused before it is unpacked.

The whole archive is checked first (member count, total uncompressed size,
compression ratio), then each member is read with a cap that does not trust
the sizes its header declares.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator

from threatnet.errors import InvalidInput
from threatnet.ingest.text import size_limit_reason

MAX_MEMBERS = 10_000
MAX_TOTAL = 200_000_000  # uncompressed, all members together
MAX_RATIO = 100  # text compresses ~5-20x; a bomb ~1000x


def zip_names(data: bytes) -> list[str]:
    """The member names of a zip (to tell a Word file from an archive); [] if it is none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def zip_members(data: bytes, where: str, wanted: Callable[[str], bool],
                max_member: int) -> Iterator[tuple[str, bytes | InvalidInput]]:
    """(name, bytes) for each report in the zip whose name is `wanted`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidInput(where, f"is a damaged zip file ({exc})") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()
                   and wanted(m.filename) and not _hidden(m.filename)]
        _check(members, where)
        for member in sorted(members, key=lambda m: m.filename):
            name = f"{where}!{member.filename}"
            if member.file_size > max_member:
                yield name, InvalidInput(name, size_limit_reason(member.file_size, max_member))
                continue
            try:
                with archive.open(member) as handle:
                    content = handle.read(member.file_size + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error,
                    ValueError, NotImplementedError) as exc:  # damaged, encrypted, odd method
                yield name, InvalidInput(name, f"cannot be unpacked ({_first_line(exc)})")
                continue
            if len(content) > member.file_size:
                raise InvalidInput(where, "is a zip whose members are larger than declared "
                                          "(a zip bomb?); refused")
            yield name, content


def _check(members: list[zipfile.ZipInfo], where: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise InvalidInput(where, f"holds {len(members)} files; the limit is {MAX_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL:
        raise InvalidInput(where, f"unpacks to {total / 1e6:.0f} MB, over the limit of "
                                  f"{MAX_TOTAL / 1e6:.0f} MB (a zip bomb?); refused")
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InvalidInput(where, f"member {m.filename} is compressed "
                                      f"{m.file_size / max(m.compress_size, 1):.0f}:1 "
                                      "(a zip bomb?); refused")


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))
