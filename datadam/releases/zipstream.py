"""The one ZIP writer of the server (release packages and every ZIP export); its memory stays flat however
many members an archive holds.

Python's zipfile keeps an object per member until it writes the central directory at the end (about
350 bytes each: 35 MB for 100,000 files). This writer streams each member (deflated, with a data
descriptor) and writes its central directory record to a scratch file at once, then copies that file
to the end of the archive. ZIP64 records are written when the archive needs them (more than 65,535
members, or past 4 GiB), so any unzip tool and Python's zipfile read the result. One member must stay
under 4 GiB, which raw images, recordings and label files do.

`ZipWriter` writes to a file; `stream(members)` hands the same archive out in pieces, for a download or an
export file written elsewhere.
"""

import struct
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from datadam.releases.sink import Sink

LOCAL = struct.Struct("<IHHHHHIIIHH")
DESCRIPTOR = struct.Struct("<IIII")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
ZIP64_END = struct.Struct("<IQHHIIQQQQ")
ZIP64_LOCATOR = struct.Struct("<IIQI")
END = struct.Struct("<IHHHHIIH")
UTF8_AND_DESCRIPTOR = 0x0800 | 0x0008
DEFLATED = 8
LIMIT = 0xFFFFFFFF
# Every member has the same date (2020-01-01 00:00), so the same content always gives the same bytes.
DOS_DATE, DOS_TIME = ((2020 - 1980) << 9) | (1 << 5) | 1, 0
UNIX_FILE = 0o100644 << 16
PIECE = 256 * 1024  # `stream` hands the archive out in pieces of about this size

Content = bytes | str | Iterable[bytes | str]


class ZipWriter:
    """Writes to `target`: a path (the writer opens and closes the file) or an open binary file."""

    def __init__(self, target: Path | BinaryIO) -> None:
        self.owns = isinstance(target, Path)
        self.out = target.open("wb") if isinstance(target, Path) else target
        self.central = tempfile.TemporaryFile()
        self.count = self.offset = 0
        self.done = False

    def __enter__(self) -> "ZipWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self.done:
            return
        if kind is None:
            self.close()
        else:  # a half-written archive is deleted with its scratch folder or dropped; let go of the files
            self._let_go()

    def add(self, name: str, content: Content) -> None:
        """One member from bytes or text, or from an iterable of blocks (a file copied in pieces)."""
        for _block in self.adding(name, content):
            pass

    def adding(self, name: str, content: Content) -> Iterator[None]:
        """`add`, pausing after each block it writes (so `stream` can hand out a large member as it goes)."""
        encoded, offset = name.encode("utf-8"), self.offset
        self._write(LOCAL.pack(0x04034B50, 20, UTF8_AND_DESCRIPTOR, DEFLATED, DOS_TIME, DOS_DATE, 0, 0, 0,
                               len(encoded), 0))
        self._write(encoded)
        crc, size, start = 0, 0, self.offset
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        for block in [content] if isinstance(content, bytes | str) else content:
            block = block.encode("utf-8") if isinstance(block, str) else block
            crc, size = zlib.crc32(block, crc), size + len(block)
            self._write(compressor.compress(block))
            yield
        self._write(compressor.flush())
        packed = self.offset - start
        if size >= LIMIT or packed >= LIMIT:
            raise ValueError(f"{name}: a member of 4 GiB or more is not supported")
        self._write(DESCRIPTOR.pack(0x08074B50, crc, packed, size))
        self._central_record(encoded, offset, crc, packed, size)
        self.count += 1

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.offset += len(data)

    def _central_record(self, encoded: bytes, offset: int, crc: int, packed: int, size: int) -> None:
        extra = b""
        if offset >= LIMIT:
            extra, offset = struct.pack("<HHQ", 0x0001, 8, offset), LIMIT
        needed = 45 if extra else 20
        self.central.write(CENTRAL.pack(
            0x02014B50, (3 << 8) | 45, needed, UTF8_AND_DESCRIPTOR, DEFLATED, DOS_TIME, DOS_DATE, crc, packed, size,
            len(encoded), len(extra), 0, 0, 0, UNIX_FILE, offset,
        ))
        self.central.write(encoded + extra)

    def close(self) -> None:
        for _block in self.closing():
            pass

    def closing(self) -> Iterator[None]:
        """`close`, pausing after each block of the central directory it copies."""
        start = self.offset
        self.central.seek(0)
        while block := self.central.read(64 * 1024):
            self._write(block)
            yield
        length = self.offset - start
        if self.count >= 0xFFFF or start >= LIMIT or length >= LIMIT:
            end64 = self.offset
            self._write(ZIP64_END.pack(0x06064B50, 44, 45, 45, 0, 0, self.count, self.count, length, start))
            self._write(ZIP64_LOCATOR.pack(0x07064B50, 0, end64, 1))
        self._write(END.pack(0x06054B50, 0, 0, min(self.count, 0xFFFF), min(self.count, 0xFFFF),
                             min(length, LIMIT), min(start, LIMIT), 0))
        self._let_go()

    def _let_go(self) -> None:
        self.done = True
        self.central.close()
        if self.owns:
            self.out.close()


def stream(members: Iterable[tuple[str, Content]]) -> Iterator[bytes]:
    """The ZIP of `members` (name, content) in pieces of about PIECE bytes, handed out as it is written."""
    sink = Sink()
    with ZipWriter(sink) as archive:
        writing = (archive.adding(name, content) for name, content in members)  # one member at a time
        for steps in chain(writing, [archive.closing()]):
            for _step in steps:
                if sink.held >= PIECE:
                    yield sink.take()
    yield sink.take()
